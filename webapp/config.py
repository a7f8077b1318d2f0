"""Configuration from the environment."""

import os
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


class ConfigError(RuntimeError):
    """Raised when the environment does not describe a safe configuration."""


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def default_database_url() -> str:
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{INSTANCE_DIR / 'lokaal-signaal.sqlite'}"


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config from the environment; `overrides` win (tests use them)."""
    overrides = overrides or {}
    testing = overrides.get("TESTING", False)
    production = not testing and os.environ.get("APP_ENV", "development") == "production"

    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random value "
                "(python -c 'import secrets; print(secrets.token_hex(32))')."
            )
        secret = _development_secret()

    config = {
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or default_database_url(),
        # No check on every checkout: webapp/database.py checks a connection that idled. The
        # connection used last goes out first: it holds the statements the driver prepared
        # (webapp/database.py), and the rest of the pool can idle.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_use_lifo": True},
        # A long signal typed on a slow phone must never be lost to an expired token:
        # the CSRF token lives as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": False,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        # What each worker keeps between requests (webapp/cache.py), in bytes.
        "CACHE_MAX_BYTES": int(os.environ.get("CACHE_MAX_BYTES", str(64 * 1024 * 1024))),
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "MAX_FORM_MEMORY_SIZE": 256 * 1024,
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "smtp" if production else "file"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS"),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "Lokaal Signaal <noreply@lokaalsignaal.be>"),
        "MAIL_FILE_DIR": os.environ.get("MAIL_FILE_DIR", str(INSTANCE_DIR / "mail")),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000"),
        # Where the public microsites are served; each municipality's site is {this}/{slug}/.
        "SITES_BASE_URL": os.environ.get("SITES_BASE_URL"),
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "text/calendar",
        ],
        "COMPRESS_MIN_SIZE": 300,
        # The rate limits' store (webapp/rate_limits.py): redis://... for Redis, else the database.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", ""),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", not testing),
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        # Keys that encrypt TOTP secrets at rest (webapp/secret_box.py): the first encrypts,
        # all decrypt; empty = one key derived from SECRET_KEY.
        "SECRET_BOX_KEYS": os.environ.get("SECRET_BOX_KEYS", ""),
        # Backups (webapp/backup.py) are encrypted with a key derived from this when it is set.
        "BACKUP_PASSPHRASE": os.environ.get("BACKUP_PASSPHRASE", ""),
        # Tests deliver the outbox at the end of each app context, through the worker's code;
        # everywhere else the worker (`flask --app wsgi worker`) does.
        "MAIL_DELIVER_IN_PROCESS": testing,
        # Processors' sessions end after this much inactivity, and this long after login.
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", "30")),
        "SESSION_ABSOLUTE_HOURS": int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")),
        "INVITATION_DAYS": 14,
        "PASSWORD_RESET_HOURS": 2,
        # Retention in days (webapp.privacy.retention); a municipality can set its own.
        "RETENTION_CONTACT_EMAIL_DAYS": int(os.environ.get("RETENTION_CONTACT_EMAIL_DAYS", "365")),
        "RETENTION_CLOSED_LINKS_DAYS": int(os.environ.get("RETENTION_CLOSED_LINKS_DAYS", "730")),
        "RETENTION_INACTIVE_ACCOUNT_DAYS": int(
            os.environ.get("RETENTION_INACTIVE_ACCOUNT_DAYS", "1095")
        ),
    }
    config.update(overrides)
    return config


def _development_secret() -> str:
    """A random secret kept in instance/ so development sessions survive restarts."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "dev-secret-key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
