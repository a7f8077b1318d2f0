"""Configuration from the environment, dates on screen, and e-mail in development."""

from datetime import UTC, datetime
from email import message_from_bytes

import pytest

from common.dutch import long_datetime
from webapp.config import ConfigError, load_config


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        load_config()


def test_production_uses_the_given_secret_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a" * 64)
    config = load_config()
    assert config["SECRET_KEY"] == "a" * 64
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["MAIL_BACKEND"] == "smtp"


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@db.example/ls")
    assert load_config({"TESTING": True})["SQLALCHEMY_DATABASE_URI"].endswith("/ls")


def test_default_database_is_sqlite_in_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = load_config({"TESTING": True})["SQLALCHEMY_DATABASE_URI"]
    assert url.startswith("sqlite:///") and url.endswith("instance/lokaal-signaal.sqlite")


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2026, 1, 15, 12, 30, tzinfo=UTC), "15 januari 2026 om 13:30"),
        (datetime(2026, 7, 1, 22, 15, tzinfo=UTC), "2 juli 2026 om 00:15"),
    ],
)
def test_times_are_stored_in_utc_and_shown_in_brussels(moment, shown):
    assert long_datetime(moment) == shown


def test_development_mail_is_written_to_files(another_app, tmp_path):
    from webapp.mail import transmit

    dev = another_app(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path))
    with dev.app_context():
        transmit("an@example.org", "Proef", "Hallo An", "<proef@lokaalsignaal.be>")
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes())
    assert message["To"] == "an@example.org" and message["Subject"] == "Proef"


def test_development_mail_goes_where_mail_file_dir_says(monkeypatch, tmp_path):
    monkeypatch.setenv("MAIL_FILE_DIR", str(tmp_path / "post"))
    assert load_config({"TESTING": True})["MAIL_FILE_DIR"] == str(tmp_path / "post")
    monkeypatch.delenv("MAIL_FILE_DIR")
    assert load_config({"TESTING": True})["MAIL_FILE_DIR"].endswith("instance/mail")
