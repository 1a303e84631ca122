import hmac

import requests
from flask import abort, redirect, request, session, url_for
from flask_login import logout_user

from .extensions import db
from .models import Reader, SiteSetting


def current_reader():
    reader = db.session.get(Reader, session.get("reader_id"))
    stored = session.get("digest")
    if stored and not hmac.compare_digest(stored, reader.pass_digest):
        # The password changed since this session was made: drop it.
        logout_user()
        abort(redirect(url_for("sign_in")))
    return reader


def get_setting(key):
    row = db.session.get(SiteSetting, key)
    if row is None:
        row = SiteSetting(key=key, value="default")
        db.session.add(row)
        db.session.commit()
    return row.value


def check_for_updates():
    latest = requests.get("https://updates.example.org/latest", timeout=5).text
    setting = db.session.get(SiteSetting, "latest_version")
    setting.value = latest
    db.session.commit()


def save_reader_form(reader):
    if request.method == "POST":
        reader.email = request.form["email"]
        db.session.commit()
    return reader


def save_reader_always(reader):
    reader.email = request.args["email"]
    db.session.commit()
    return reader


def clear_reading_history(reader):
    reader.history = []
    db.session.commit()


def cleanup_temporary_exports():
    import os
    import shutil

    shutil.rmtree(os.path.join("/srv/library", "exports-in-progress"), ignore_errors=True)


def get_or_create_bookmark(reader, shelf_id):
    row = db.session.get(SiteSetting, f"bookmark:{reader.id}:{shelf_id}")
    if row is None:
        db.session.add(SiteSetting(key=f"bookmark:{reader.id}:{shelf_id}", value="0"))
        db.session.commit()
    return row


def add_event(reader, title):
    # A reading-club meeting the reader puts on the calendar: user data.
    db.session.add(SiteSetting(key=f"event:{reader.id}", value=title))
    db.session.commit()


def record_activity(reader, what):
    db.session.add(SiteSetting(key=f"activity:{reader.id}", value=what))
    db.session.commit()
