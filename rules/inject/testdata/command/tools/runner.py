import subprocess


def run_tool(arg):
    out = subprocess.check_output("tool " + arg, shell=True)  # want: FLASK-INJECT-002
    return out


def convert(path, fmt):
    subprocess.run("convert %s out.%s" % (path, fmt), shell=True)
