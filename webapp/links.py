"""Absolute links for e-mail and feeds, the one way to make them."""

from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """An absolute link on `BASE_URL`, also outside a request (the digest runs from cron)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def same_site_path(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None: never send anyone elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    # Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become
    # "//evil.example": refuse control characters and whitespace altogether.
    if any(ord(char) < 33 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
