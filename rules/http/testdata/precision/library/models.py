from .extensions import db


class Reader(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    last_seen_at = db.Column(db.DateTime)
    pass_digest = db.Column(db.String)
    email_confirmed = db.Column(db.Boolean)


class Shelf(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    archived = db.Column(db.Boolean)


class VisitLog(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    path = db.Column(db.String)


class SiteSetting(db.Model):
    key = db.Column(db.String, primary_key=True)
    value = db.Column(db.String)


def remove_shelf(shelf_id):
    db.session.delete(db.session.get(Shelf, shelf_id))
    db.session.commit()


class TokenStore:
    # The only repository method named set: it replaces stored tokens.
    def set(self, reader_id, token):
        db.session.query(VisitLog).filter_by(id=reader_id).delete()
        db.session.commit()
