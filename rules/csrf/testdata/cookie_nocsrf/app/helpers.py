import sqlite3


def save_comment(user_id, text):
    db = sqlite3.connect("app.db")
    db.execute("INSERT INTO comments (user_id, text) VALUES (?, ?)", (user_id, text))
    db.commit()
