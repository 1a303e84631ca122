"""Subprocess without a shell: a fixed program, arguments as a list, the
user value validated and passed after "--", a timeout."""
import re
import subprocess

from flask import Blueprint, abort, request

bp = Blueprint("subprocess_no_shell", __name__)
HOSTNAME = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


@bp.route("/lookup", methods=["POST"])
def lookup():
    host = request.form.get("host", "")
    if not HOSTNAME.fullmatch(host) or host.startswith("-"):
        abort(400)
    result = subprocess.run(
        ["/usr/bin/host", "--", host], capture_output=True, text=True, timeout=10, check=False
    )
    return {"ok": result.returncode == 0}
