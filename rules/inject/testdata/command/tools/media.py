import subprocess


class Thumbnailer:
    def __init__(self, root):
        self.root = root

    def make(self, name):
        cmd = "convert {}/{} -resize 64x64 thumb.png".format(self.root, name)
        subprocess.call(cmd, shell=True)  # want: FLASK-INJECT-002
