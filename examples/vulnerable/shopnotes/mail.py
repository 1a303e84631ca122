"""Outgoing mail (printed in development)."""
import smtplib
from email.message import EmailMessage


def send_mail(to, subject, body):
    msg = EmailMessage()
    msg["To"] = to
    msg["From"] = "noreply@shopnotes.example"
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(msg)
