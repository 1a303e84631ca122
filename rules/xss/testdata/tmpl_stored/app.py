from flask import Flask, render_template

from models import Article, Settings

app = Flask(__name__)


@app.route("/article/<int:aid>")
def article(aid):
    return render_template("article.html", art=Article.query.get(aid), settings=Settings.query.first())
