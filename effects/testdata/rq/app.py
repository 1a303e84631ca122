from datetime import timedelta

from flask import Flask, request
from redis import Redis
from rq import Queue

from jobs import count_users, purge_user

app = Flask(__name__)
queue = Queue(connection=Redis())


@app.get("/users/<int:uid>/purge")
def purge(uid):
    queue.enqueue(purge_user, uid)
    return "queued"


@app.get("/users/<int:uid>/purge-later")
def purge_later(uid):
    queue.enqueue_in(timedelta(hours=1), purge_user, uid)
    return "queued"


@app.get("/users/count")
def count():
    queue.enqueue(count_users)
    return "queued"
