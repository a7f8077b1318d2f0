"""E-mail through a real SMTP client; in development written to files a developer can read.

Only the outbox worker (webapp/outbox.py) calls this module: every other part of the app
queues mail with `webapp.notifications.queue_mail`.
"""

import smtplib
from email.message import EmailMessage
from pathlib import Path

from flask import current_app


def transmit(to: str, subject: str, body: str, message_id: str) -> EmailMessage:
    """Send one rendered plain-text mail; raises OSError or SMTPException on failure."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    # The same Message-ID on every attempt: a receiving server can drop a repeated delivery.
    message["Message-ID"] = message_id
    # Every mail can be stopped in one click (RFC 8058): the mail client posts to the signed
    # link without logging in. The mails about signals also show it in their text, where it
    # opens a page that asks first (mail/status*.txt).
    from webapp.mailprefs.services import unsubscribe_url

    message["List-Unsubscribe"] = f"<{unsubscribe_url(to)}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body)

    backend = current_app.config["MAIL_BACKEND"]
    if backend == "file":
        _write_to_file(message)
    elif backend == "smtp":
        _send_smtp(message)
    else:
        raise ValueError(f"unknown MAIL_BACKEND {backend!r}")
    return message


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def _write_to_file(message: EmailMessage) -> None:
    directory = Path(current_app.config["MAIL_FILE_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    name = message["Message-ID"].strip("<>").replace("@", "_") + ".eml"
    (directory / name).write_bytes(bytes(message))
    current_app.logger.info("E-mail to %s written to %s", message["To"], directory / name)
