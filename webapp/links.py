"""Absolute links for e-mail and feeds, the one way to make them."""

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """An absolute link on `BASE_URL`, also outside a request (the digest runs from cron)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path
