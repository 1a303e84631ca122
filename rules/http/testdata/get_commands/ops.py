import subprocess


def restart_unit(name):
    subprocess.run(["sudo", "systemctl", "restart", name], check=True)
