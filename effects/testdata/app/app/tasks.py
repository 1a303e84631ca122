from .mail import notify


def send_digest(who):
    notify(who)
