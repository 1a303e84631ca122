from flask import url_for
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Board(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))

    @property
    def url(self):
        return url_for("board", board_id=self.id)


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    homepage = db.Column(db.Text)

    @property
    def url(self):
        return url_for("member", member_id=self.id)

    @property
    def site(self):
        return self.homepage or url_for("member", member_id=self.id)


class Feed:
    def __init__(self, meta):
        self.url = meta.get("Home-page")
