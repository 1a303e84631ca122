from flask import Flask

import settings

SECRET_KEY = "module-level"
DEBUG = True

app = Flask(__name__)
app.config.from_object(__name__)
app.config.from_object(settings)
