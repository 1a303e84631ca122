from flask import Flask

app = Flask(__name__)

from app import orm, views  # noqa: E402,F401
