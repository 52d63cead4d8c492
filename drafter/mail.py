"""Sending an e-mail when an SMTP server is configured (DRAFTER_SMTP_HOST); on a
workshop laptop there is none, and every caller copes with that."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage


def send(config: dict, to: str, subject: str, body: str) -> bool:
    """Send a plain-text message; False when no SMTP server is configured."""
    host = config.get("SMTP_HOST")
    if not host or not to:
        return False
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM", "nap-drafter@localhost")
    message["To"] = to
    message.set_content(body)
    with smtplib.SMTP(host, int(config.get("SMTP_PORT", 25)), timeout=10) as smtp:
        smtp.send_message(message)
    return True
