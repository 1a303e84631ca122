"""SQLAlchemy expressions bind their values as parameters; only SQL text
built from the request is injection."""
from flask import request
from sqlalchemy import delete, or_, select, text, update

from app import app
from app.sqla import Ticket, session


def escape_like(term):
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def retitle(ref, changes):
    stmt = update(Ticket).where(Ticket.ref == ref).values(**changes)
    session.execute(stmt)


@app.route("/tickets/<ref>", methods=["POST"])
def edit(ref):
    retitle(ref, request.get_json())
    return "ok"


def close_ticket(ref):
    # A statement object built by select()/delete() keeps binding its
    # values when it is stored in a variable and refined later.
    stmt = delete(Ticket).filter_by(open=True)
    if ref:
        stmt = stmt.filter_by(ref=ref)
    session.execute(stmt)
    found = select(Ticket).where(Ticket.ref == ref)
    return session.execute(found).scalar_one_or_none()


@app.route("/tickets")
def tickets():
    ids = request.args.getlist("id")
    word = request.args.get("q", "")
    rows = session.query(Ticket).filter(Ticket.id.in_(ids)).all()
    rows += session.query(Ticket).filter(Ticket.title.contains(word)).all()
    rows += session.query(Ticket).filter(Ticket.body.match(word)).all()
    rows += session.query(Ticket).filter(Ticket.title.ilike("%" + escape_like(word) + "%")).all()
    either = Ticket.title.ilike(f"%{word}%") | Ticket.body.ilike(f"%{word}%")
    rows += session.query(Ticket).filter(either).all()
    rows += session.query(Ticket).filter(~Ticket.title.startswith(word)).all()
    rows += session.query(Ticket).filter(or_(Ticket.title == word, Ticket.ref == word)).all()
    return str(len(rows))


@app.route("/tickets/<ref>/close", methods=["POST"])
def close(ref):
    return str(close_ticket(ref))


@app.route("/tickets/raw")
def tickets_raw():
    word = request.args.get("q", "")
    # Raw SQL text is still injection, also next to bound expressions.
    clause = text("title LIKE '%" + word + "%'")  # want: FLASK-INJECT-001
    rows = session.query(Ticket).filter(clause | Ticket.body.ilike(word)).all()
    where = "title = '" + word + "'"
    rows += session.query(Ticket).filter(where).all()  # want: FLASK-INJECT-001
    stmt = "SELECT * FROM tickets WHERE ref = '%s'" % word
    return str(session.execute(stmt).all() + rows)  # want: FLASK-INJECT-001


def title_clause(word):
    if not word:
        return None
    return Ticket.title.ilike(word)


def title_sql(word):
    return "title = '" + word + "'"


@app.route("/tickets/helpers")
def tickets_helpers():
    word = request.args.get("q", "")
    # A helper returning a clause object: still bound parameters.
    rows = session.query(Ticket).filter(title_clause(word)).all()
    # A helper returning SQL text: injection where it becomes a query.
    rows += session.query(Ticket).filter(text(title_sql(word))).all()  # want: FLASK-INJECT-001
    return str(len(rows))
