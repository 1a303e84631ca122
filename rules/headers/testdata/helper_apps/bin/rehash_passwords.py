"""One-off maintenance script: re-hash stored passwords with the new scheme."""
import sys

from flask import Flask

app = Flask(__name__)
app.config["DATABASE_URL"] = sys.argv[1]

if __name__ == "__main__":
    with app.app_context():
        print("rehashing")
