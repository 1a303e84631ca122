from flask_login import UserMixin

from . import db


class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200))


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.String(20))


def cancel_order(order_id):
    order = db.session.get(Order, order_id)
    order.status = "cancelled"
    db.session.commit()


def delete_user(user):
    db.session.delete(user)
    db.session.commit()
