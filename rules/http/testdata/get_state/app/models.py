from .extensions import db


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)


def find_user(user_id):
    return db.session.get(User, user_id)


def delete_user(user_id):
    user = find_user(user_id)
    db.session.delete(user)
    db.session.commit()
