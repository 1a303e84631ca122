import os

UPLOAD_DIR = "/srv/avatars"


def store_avatar(file):
    file.save(os.path.join(UPLOAD_DIR, file.filename))  # want: FLASK-UPLOAD-001
