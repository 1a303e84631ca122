"""Database helpers shared by the blueprints."""
import sqlite3

from flask import current_app, g


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def find_notes(owner_id, term):
    db = get_db()
    # Insecure (FLASK-INJECT-001): the search term (request.args["q"], passed
    # in by notes.search) is formatted into the SQL text.
    query = f"SELECT id, title, body FROM notes WHERE owner_id = {owner_id} AND title LIKE '%{term}%'"
    return db.execute(query).fetchall()


def find_user(username):
    db = get_db()
    return db.execute("SELECT id, username, pw_hash, is_admin FROM users WHERE username = ?", (username,)).fetchone()


def delete_note(note_id):
    db = get_db()
    db.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    db.commit()


def save_bio(user_id, bio_html):
    db = get_db()
    db.execute("UPDATE users SET bio = ? WHERE id = ?", (bio_html, user_id))
    db.commit()
    return bio_html
