"""Builds an app only so that the migration tool can read the database URL."""
import os

from flask import Flask

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
