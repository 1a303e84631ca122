import bleach
from flask import url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()


def clean_html(text):
    return bleach.clean(text, tags=["b", "i", "a", "p"])


class Settings(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    min_length = db.Column(db.Integer, default=8)
    require_digit = db.Column(db.Boolean, default=False)
    site_name = db.Column(db.String(64))


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rating: Mapped[int] = mapped_column(default=0)
    body_html = db.Column(db.Text)
    teaser = db.Column(db.Text)
    notes = db.Column(db.Text)
    homepage = db.Column(db.Text)
    mirrors = db.relationship("Mirror")

    @property
    def url(self):
        return url_for("article", aid=self.id)

    @property
    def author_link(self):
        if self.homepage:
            return self.homepage
        return url_for("article", aid=self.id)


def save_article(form):
    art = Article(body_html=clean_html(form["body"]), teaser=bleach.clean(form["teaser"]))
    art.notes = form["notes"]
    db.session.add(art)


def edit_article(art, form):
    art.body_html = clean_html(form["body"])
    art.teaser = ""
    art.notes = bleach.clean(form["notes"])
    db.session.commit()


def import_article(art, text):
    art.notes = text
