from flask import Flask, render_template

app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-HOST-001(low) FLASK-LIMITS-001(low)


@app.get("/")
def home():
    return render_template("home.html")
