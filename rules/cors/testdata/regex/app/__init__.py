from flask import Flask, session
from flask_cors import CORS

app = Flask(__name__)

# The dot before "example" is unescaped: https://evilexample.com matches.
CORS(app, origins=[r"https://.*.example.com$"])  # want: FLASK-CORS-001(high)

api = Flask("api")
# No $ anchor: https://app.example.com.evil.net matches (re.match).
CORS(api, origins=r"https://app\.example\.com", supports_credentials=True)  # want: FLASK-CORS-001(medium)


@app.route("/me")
def me():
    return {"user": session.get("user_id")}

files = Flask("files")
CORS(files, origins=["https://files.example.com", "null"])  # want: FLASK-CORS-001(high)

ops = Flask("ops")
# A trailing .* after the host: https://ops.example.com.evil.net matches.
CORS(ops, origins=[r"https?://ops\.example\.com:?\d*/?.*"])  # want: FLASK-CORS-001(high)

docs = Flask("docs")
# The path part never matches an origin, but nothing after the host is accepted either.
CORS(docs, origins=[r"https://docs\.example\.com/.*"])
