import sys

from flask import Flask

# Run once by an operator: opens the database through an app context.
tool = Flask(__name__)
tool.config["DATABASE_URL"] = sys.argv[1] if len(sys.argv) > 1 else "sqlite://"
