import asyncio
import re
import os
import shlex
import subprocess

from flask import Flask, abort, request

from tools.runner import convert, run_tool
from tools.media import Thumbnailer

app = Flask(__name__)

FORMATS = {"png", "jpg"}


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    os.system("ping -c 1 " + host)  # want: FLASK-INJECT-002
    subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True)
    subprocess.run(["ping", "-c", "1", "--", host])
    subprocess.run(["ping", "-c", "1", host])  # want: FLASK-INJECT-002(medium)
    subprocess.run(["sh", "-c", "ping " + host])  # want: FLASK-INJECT-002
    return "ok"


@app.route("/run/<tool>")
def run(tool):
    subprocess.Popen([tool, "--version"])  # want: FLASK-INJECT-002
    return run_tool(request.args["arg"])


@app.route("/convert", methods=["POST"])
def convert_view():
    fmt = request.form["format"]
    if fmt not in FORMATS:
        abort(400)
    convert("in.bmp", fmt)
    level = int(request.form.get("level", "5"))
    os.popen("gzip -%d data.txt" % level)
    cmd = request.form["cmd"]
    cmd = "uptime"
    os.system(cmd)
    return "ok"


@app.route("/thumb")
def thumb():
    t = Thumbnailer("/srv/media")
    t.make(request.args["name"])
    return "ok"


@app.route("/async")
async def run_async():
    name = request.args["name"]
    await asyncio.create_subprocess_shell("ls " + name)  # want: FLASK-INJECT-002
    await asyncio.create_subprocess_exec("ls", "--", name)
    return "ok"


HOST_RE = re.compile(r"[a-z0-9.]+\Z")


@app.route("/dig")
def dig():
    # A value the whole of which a pattern without shell metacharacters
    # accepted is no longer attacker-shaped.
    host = request.args.get("host", "")
    if not re.fullmatch(r"[a-z0-9.]+", host):
        abort(400)
    os.system("dig " + host)
    zone = request.args.get("zone", "")
    if HOST_RE.match(zone):
        os.system("dig axfr " + zone)
    serial = request.args.get("serial", "")
    if re.search(r"^\d+$", serial):
        os.system("rndc reload " + serial)
    return "ok"


@app.route("/dig/loose")
def dig_loose():
    host = request.args.get("host", "")
    if not re.match(r"[a-z0-9.]+", host):  # not anchored at the end
        abort(400)
    os.system("dig " + host)  # want: FLASK-INJECT-002
    name = request.args.get("name", "")
    if re.fullmatch(r"[\w .;-]+", name):  # accepts ; and spaces
        os.system("host " + name)  # want: FLASK-INJECT-002
    other = request.args.get("other", "")
    if re.search(r"[0-9]+$", other):  # not anchored at the start
        os.system("host " + other)  # want: FLASK-INJECT-002
    return "ok"
