from flask import Flask

# A one-off maintenance script: this app serves no routes.
tool = Flask(__name__)

if __name__ == "__main__":
    with tool.app_context():
        print("reset")
