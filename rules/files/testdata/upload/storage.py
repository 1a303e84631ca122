import os

UPLOAD_DIR = "/srv/avatars"


def store_avatar(file):
    file.save(os.path.join(UPLOAD_DIR, file.filename))  # want: FLASK-UPLOAD-001


class Store:
    def __init__(self, root):
        self.root = root

    def put(self, file):
        name = file.filename
        name = "upload.bin"
        file.save(os.path.join(self.root, name))

    def put_raw(self, file):
        file.save(os.path.join(self.root, file.filename))  # want: FLASK-UPLOAD-001
