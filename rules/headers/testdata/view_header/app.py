from flask import Flask, make_response, render_template

app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-HOST-001(low) FLASK-LIMITS-001(low)


@app.get("/")
def home():
    return render_template("home.html")


@app.get("/export/<int:report_id>")
def export(report_id):
    resp = make_response("report %d" % report_id)
    resp.mimetype = "text/plain"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp
