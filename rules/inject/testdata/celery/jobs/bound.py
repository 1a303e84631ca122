import subprocess

from celery import shared_task
from flask import Blueprint, request

bp = Blueprint("bound", __name__)


@shared_task(bind=True, max_retries=3)
def archive(self, label, folder):
    # label is safe (a fixed choice); folder comes from the form.
    subprocess.run(f"tar czf /srv/{label}.tgz {folder}", shell=True)  # want: FLASK-INJECT-002


@shared_task(bind=True)
def label_only(self, label, folder):
    # Only the first task argument reaches the shell, and it is a constant.
    subprocess.run(f"touch /srv/{label}.stamp", shell=True)
    return folder


@bp.post("/archive")
def start_archive():
    archive.delay("nightly", request.form["folder"])
    label_only.delay("nightly", request.form["folder"])
    return "queued"
