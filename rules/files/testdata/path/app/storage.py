import os
from pathlib import Path

BASE = "/srv/files"


def read_report(name):
    with open(os.path.join(BASE, name)) as f:  # want: FLASK-PATH-001
        return f.read()


def delete_file(name):
    os.remove(os.path.join(BASE, os.path.basename(name)))


class Archive:
    def __init__(self, root):
        self.root = Path(root)

    def load(self, name):
        return (self.root / name).read_text()  # want: FLASK-PATH-001


def log_event(code):
    print("event", code)
