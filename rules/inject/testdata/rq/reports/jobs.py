import subprocess


def render_pdf(name, dpi="150"):
    subprocess.run(f"wkhtmltopdf --dpi {dpi} /srv/in/{name}.html /srv/out/{name}.pdf", shell=True)  # want: FLASK-INJECT-002


def archive(folder):
    subprocess.run("tar czf /srv/backup.tgz " + folder, shell=True)  # want: FLASK-INJECT-002


def cleanup(days):
    # Only ever queued with a constant: no finding.
    subprocess.run(f"find /srv/out -mtime +{days} -delete", shell=True)


def list_only(folder):
    # A list of arguments, no shell: the folder cannot inject a command.
    subprocess.run(["ls", "--", folder], check=True)
