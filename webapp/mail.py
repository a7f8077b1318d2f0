"""E-mail through a real SMTP client; in development written to files a developer can read."""

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app, render_template


def send_mail(to: str, subject: str, template: str, **context) -> EmailMessage:
    """Render a plain-text template and send it to one recipient."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="lokaalsignaal.be")
    message.set_content(render_template(template, **context))

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
