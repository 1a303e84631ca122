from flask import Flask

# A maintenance script: opens the app's database once and exits.
maint = Flask(__name__)
maint.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///site.db"
