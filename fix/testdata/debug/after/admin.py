import os as operating_system

from flask import Flask

admin = Flask(__name__)


def serve(os=None):
    # "os" is a parameter here: adding "import os" would not reach it.
    admin.run(host="0.0.0.0", debug=True)


if __name__ == "__main__":
    serve()
