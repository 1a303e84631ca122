from flask import Flask

app = Flask(__name__)

from app import orm, validated, views  # noqa: E402,F401
