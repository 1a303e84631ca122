import smtplib


def notify(to):
    with smtplib.SMTP("localhost") as smtp:
        smtp.sendmail("noreply@example.com", [to], "hello")
