from datetime import datetime

from flask import abort, redirect, render_template, request, session, url_for
from flask_login import logout_user
from jinja2.exceptions import TemplateNotFound

from . import app
from . import audit
from .extensions import db
from .models import VisitLog, Reader, SiteSetting, remove_shelf
from .services import (
    add_event,
    check_for_updates,
    cleanup_temporary_exports,
    clear_reading_history,
    current_reader,
    get_or_create_bookmark,
    get_setting,
    record_activity,
    save_reader_always,
    save_reader_form,
)


@app.route("/shelves")
def shelves():
    # The helper drops a stale session before refusing the request.
    reader = current_reader()
    return render_template("shelves.html", reader=reader)


@app.route("/home")
def home():
    reader = db.session.get(Reader, session.get("user_id"))
    if reader is None:
        # The account no longer exists: forget it and start again.
        session.pop("user_id", None)
        return redirect(url_for("sign_in"))
    return render_template("home.html", reader=reader)


@app.route("/sign-out")  # want: FLASK-HTTP-001(medium)
def sign_out():
    logout_user()
    return redirect(url_for("home"))


@app.route("/shelves/<int:shelf_id>")
def show_shelf(shelf_id):
    audit.write_entry("view-shelf", shelf_id)
    context = {}
    context["shelf_id"] = shelf_id
    visit = VisitLog(path=request.path)
    db.session.add(visit)
    db.session.commit()
    reader = current_reader()
    reader.last_seen_at = datetime.utcnow()
    db.session.commit()
    return render_template("shelf.html", theme=get_setting("theme"))


@app.route("/admin/overview")
def overview():
    check_for_updates()
    return render_template("overview.html")


@app.route("/shelves/<int:shelf_id>/archive")  # want: FLASK-HTTP-001(medium)
def archive_shelf(shelf_id):
    audit.write_entry("archive-shelf", shelf_id)
    shelf = db.session.get(VisitLog, shelf_id)
    shelf.archived = True
    db.session.commit()
    return redirect(url_for("shelves"))


@app.route("/profile", methods=["GET", "POST"])
def profile():
    reader = save_reader_form(current_reader())
    return render_template("profile.html", reader=reader)


@app.route("/profile/quick", methods=["GET", "POST"])  # want: FLASK-HTTP-001(medium)
def quick_profile():
    reader = save_reader_always(current_reader())
    return render_template("profile.html", reader=reader)


@app.route("/shelves/all")
@app.route("/shelves/<int:shelf_id>/remove")  # want: FLASK-HTTP-001(high)
def all_shelves(shelf_id=None):
    if shelf_id:
        remove_shelf(shelf_id)
    return render_template("shelves.html")


@app.route("/shelves/<int:shelf_id>/drop")  # want: FLASK-HTTP-001(high)
@app.route("/shelves/<int:shelf_id>/drop/now")
def drop_shelf(shelf_id):
    remove_shelf(shelf_id)
    return redirect(url_for("shelves"))


# GET by design (OAuth callback): not reported.
@app.route("/sso/return")
def sso_return():
    token = app.extensions["authlib.integrations.flask_client"].idp.authorize_access_token()
    reader = Reader(email=token["userinfo"]["email"])
    db.session.add(reader)
    db.session.commit()
    session.clear()
    session["reader_id"] = reader.id
    return redirect(url_for("home"))


# GET by design (emailed link): not reported.
@app.route("/confirm/<token>")
def confirm_email(token):
    reader_id = app.config["SIGNER"].loads(token, max_age=86400)
    reader = db.session.get(Reader, reader_id)
    reader.email_confirmed = True
    db.session.commit()
    return redirect(url_for("home"))


@app.route("/sign-in")
def sign_in():
    return render_template("sign_in.html")


@app.route("/history/clear")  # want: FLASK-HTTP-001(medium)
def clear_history():
    clear_reading_history(current_reader())
    return redirect(url_for("home"))


@app.route("/popular")
def popular():
    entries = []
    for visit in db.session.query(VisitLog).all():
        shelf = db.session.query(Reader).filter_by(id=visit.id).first()
        if shelf:
            entries.append(shelf)
        else:
            # The shelf was removed elsewhere: forget its dangling visits.
            db.session.query(VisitLog).filter_by(id=visit.id).delete()
            db.session.commit()
    return render_template("popular.html", entries=entries)


@app.route("/shelves/<int:shelf_id>/purge")  # want: FLASK-HTTP-001(high)
def purge_shelf(shelf_id):
    shelf = db.session.query(VisitLog).filter_by(id=shelf_id).first()
    if shelf:
        db.session.query(VisitLog).filter_by(id=shelf_id).delete()
        db.session.commit()
    return redirect(url_for("shelves"))


@app.route("/recent")
def recent():
    visits = db.session.query(VisitLog).all()
    for visit in visits:
        if not db.session.query(Reader).filter_by(id=visit.id).first():
            db.session.query(VisitLog).filter_by(id=visit.id).delete()
    return render_template("recent.html", visits=visits)


@app.route("/theme/<name>")
def theme(name):
    # A cache or a ContextVar: `.set()` on a value of unknown type is not
    # guessed to be TokenStore.set.
    prefs = app.extensions["prefs"]
    prefs.set("theme", name)
    return render_template("theme.html")


@app.route("/shelves/<int:shelf_id>/books")
def shelf_books(shelf_id):
    # Entries whose reader row was removed elsewhere are dropped.
    orphans = db.session.query(VisitLog).outerjoin(Reader, VisitLog.id == Reader.id).filter(Reader.id == None).all()
    for entry in orphans:
        db.session.query(VisitLog).filter_by(id=entry.id).delete()
        db.session.commit()
    return render_template("books.html")


@app.route("/shelves/<int:shelf_id>/empty")  # want: FLASK-HTTP-001(high)
def empty_shelf(shelf_id):
    for entry in db.session.query(VisitLog).filter(VisitLog.id == shelf_id).all():
        db.session.delete(entry)
    db.session.commit()
    return redirect(url_for("shelves"))


@app.route("/exports")
def exports():
    cleanup_temporary_exports()
    get_or_create_bookmark(current_reader(), 0)
    return render_template("exports.html")


# GET by design (front-proxy sign-in): not reported.
@app.route("/sso/proxy")
def proxy_sign_in():
    email = request.headers.get(app.config["REMOTE_USER_HEADER"]) or request.environ.get("REMOTE_USER")
    reader = Reader(email=email)
    db.session.add(reader)
    db.session.commit()
    session.clear()
    session["reader_id"] = reader.id
    return redirect(url_for("home"))


def org_rule(rule):
    return "/<org_slug>" + rule


# GET by design (emailed link under a built rule): not reported.
@app.route(org_rule("/verify/<token>"))
def verify_email(token, org_slug=None):
    reader_id = app.config["SIGNER"].loads(token)
    reader = db.session.get(Reader, reader_id)
    reader.email_confirmed = True
    db.session.commit()
    return redirect(url_for("home"))


# Gated by a header a link cannot send: not reported.
@app.route("/hooks/storage", methods=["GET", "POST"])
def storage_hook():
    if request.headers.get("X-Storage-Channel-Token") != app.config["STORAGE_CHANNEL_TOKEN"]:
        return ""
    cleanup = db.session.query(VisitLog).filter_by(path="storage").first()
    db.session.delete(cleanup)
    db.session.commit()
    return "ok"


@app.route("/hooks/loose")  # want: FLASK-HTTP-001(high)
def loose_hook():
    if request.headers.get("X-Storage-Channel-Token") != app.config["STORAGE_CHANNEL_TOKEN"]:
        app.logger.info("unexpected token")
    db.session.delete(db.session.query(VisitLog).filter_by(path="loose").first())
    db.session.commit()
    return "ok"


@app.route("/sso/start")
def sso_start():
    # Where to come back to after the provider: not who the user is.
    session["idp_oauthredir"] = request.args.get("return", "/")
    return redirect("https://idp.example.org/authorize")


@app.route("/preview")
def preview():
    import os
    import uuid

    temp_dir = os.path.join(app.instance_path, "previews", str(uuid.uuid4()))
    os.makedirs(temp_dir, exist_ok=True)
    with open(os.path.join(temp_dir, "shot.png"), "wb") as f:
        f.write(b"")
    return render_template("preview.html")


@app.route("/themes/<name>/install")  # want: FLASK-HTTP-001(medium)
def install_theme(name):
    import os

    template_dir = os.path.join(app.root_path, "templates", "themes")
    with open(os.path.join(template_dir, name + ".html"), "w") as f:
        f.write(request.args.get("body", ""))
    return redirect(url_for("home"))


@app.route("/meetings/add")  # want: FLASK-HTTP-001(medium)
def add_meeting():
    add_event(current_reader(), request.args["title"])
    return redirect(url_for("home"))


@app.route("/meetings")
def meetings():
    record_activity(current_reader(), "opened meetings")
    return render_template("meetings.html")


def decode_id(value):
    return int(value, 36)


@app.route("/shelves/by-code/<code>/remove")  # want: FLASK-HTTP-001(high)
def remove_by_code(code):
    shelf_id = decode_id(code)
    db.session.delete(db.session.get(VisitLog, shelf_id))
    db.session.commit()
    return redirect(url_for("shelves"))


# An OAuth callback is GET by design, but a secret taken from its query
# string is still reported.
@app.route("/sso/legacy-return")  # want: FLASK-HTTP-001(high)
def sso_legacy_return():
    if request.args.get("state") != session.get("sso_state"):
        abort(403)
    reader = Reader(email=request.args["access_token"])
    db.session.add(reader)
    db.session.commit()
    return redirect(url_for("home"))


def store_setting(key, value):
    row = db.session.get(SiteSetting, key)
    row.value = value
    db.session.add(row)
    db.session.commit()


@app.route("/welcome")
def welcome():
    try:
        return render_template("themes/%s/welcome.html" % get_setting("theme"))
    except TemplateNotFound:
        # The configured theme was removed: fall back to the default one.
        store_setting("theme", "plain")
        return render_template("themes/plain/welcome.html")


@app.route("/theme/apply/<name>")  # want: FLASK-HTTP-001(medium)
def apply_theme(name):
    try:
        render_template("themes/%s/welcome.html" % name)
    except ValueError:
        return "bad theme", 400
    except TemplateNotFound:
        return "unknown theme", 404
    else:
        store_setting("theme", name)
    return redirect(url_for("home"))


@app.route("/theme/pick")  # want: FLASK-HTTP-001(medium)
def pick_theme():
    try:
        name = int(request.args["n"])
    except (KeyError, ValueError):
        # Not a lookup of something missing: this write is what GET asks for.
        store_setting("theme", "plain")
        return redirect(url_for("home"))
    return render_template("pick.html", n=name)


@app.route("/sign-in/finish", methods=["GET", "POST"])
def finish_sign_in():
    # The provider's callback stored its token in the session; the sign-in
    # page completes the login with it (GET by design).
    if "library_sso_token" in session:
        reader = Reader(email=session["library_sso_email"])
        db.session.add(reader)
        db.session.commit()
        session["reader_id"] = reader.id
        return redirect(url_for("home"))
    return render_template("sign_in.html")


@app.route("/sign-in/forget")  # want: FLASK-HTTP-001(high)
def forget_reader():
    # A session key that is no provider token: the delete is what GET asks for.
    if "reader_id" in session:
        db.session.query(VisitLog).filter_by(id=session["reader_id"]).delete()
        db.session.commit()
    return redirect(url_for("home"))


@app.route("/sign-out")  # want: FLASK-HTTP-001(medium)
def sign_out():
    # Testing the provider token on the way out is no sign-in: the logout
    # over GET is still reported.
    if "library_sso_token" in session:
        session.pop("library_sso_token")
    logout_user()
    return redirect(url_for("home"))


class Review(db.Model):
    def save(self):
        db.session.add(self)
        db.session.commit()
        return self


@app.route("/reviews/<int:review_id>")
def show_review(review_id):
    # A view counter stored with the model's save(): bookkeeping.
    review = db.session.get(Review, review_id)
    review.view_count += 1
    review.save()
    return render_template("review.html", review=review)


@app.route("/reviews/<int:review_id>/retitle")  # want: FLASK-HTTP-001(medium)
def retitle_review(review_id):
    review = db.session.get(Review, review_id)
    review.view_count += 1
    review.title = request.args.get("title", "")
    review.save()
    return render_template("review.html", review=review)


@app.route("/activate/<token>")
def activate_reader(token):
    # The activation link mailed at sign-up: GET by design, not reported.
    app.extensions["activator"].activate_account(token)
    db.session.commit()
    return redirect(url_for("home"))


@app.route("/shelves/<int:shelf_id>/activate")  # want: FLASK-HTTP-001(medium)
def activate_shelf(shelf_id):
    # No token from a mailed link: activating a shelf over GET is reported.
    app.extensions["activator"].activate_shelf(shelf_id)
    db.session.commit()
    return redirect(url_for("home"))
