from flask import Flask

cli_app = Flask("manage")
cli_app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
