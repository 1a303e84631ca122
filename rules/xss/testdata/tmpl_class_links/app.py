from flask import Flask, render_template

from models import Board, Feed, Member

app = Flask(__name__)


@app.route("/board/<int:board_id>")
def board(board_id):
    b = Board.query.get_or_404(board_id)
    return render_template("board.html", board=b, feeds=load_feeds())


@app.route("/member/<int:member_id>")
def member(member_id):
    return render_template("board.html", board=None, feeds=[])


def load_feeds():
    return [Feed(m) for m in read_metadata()]
