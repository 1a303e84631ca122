from datetime import timedelta

from flask import Flask, request
from redis import Redis
from rq import Queue

from . import jobs
from .jobs import archive, cleanup, list_only

app = Flask(__name__)
q = Queue(connection=Redis())


@app.post("/pdf")
def pdf():
    # RQ calls render_pdf(name, dpi=...) in a worker with the request's data.
    q.enqueue(jobs.render_pdf, request.form["name"], dpi=request.form.get("dpi", "150"), job_timeout=60)
    return "queued"


@app.post("/archive")
def later():
    q.enqueue_in(timedelta(minutes=5), archive, request.form["folder"])
    return "queued"


@app.post("/cleanup")
def nightly():
    q.enqueue(cleanup, 30, result_ttl=request.args.get("ttl", 500))
    return "queued"


@app.post("/list")
def listing():
    q.enqueue(list_only, request.form["folder"])
    return "queued"
