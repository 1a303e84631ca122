import subprocess

from celery import shared_task

from .worker import queue


@queue.task
def compress(name):
    subprocess.run(f"gzip -k /srv/exports/{name}", shell=True, check=True)  # want: FLASK-INJECT-002


@shared_task
def thumbnail(src, size):
    subprocess.run("convert " + src + " -resize " + size + " out.png", shell=True)  # want: FLASK-INJECT-002


@shared_task(bind=True)
def notify(self, channel, text):
    subprocess.run(["notify-send", "--", channel, text], check=True)
