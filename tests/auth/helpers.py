"""Helpers shared by the auth tests: links from mail, hidden tokens from pages."""

import re
from urllib.parse import urlsplit

LINK = re.compile(r"http://localhost(/\S+)")


def link_path(message) -> str:
    """The path of the one link in a mail the app sent (BASE_URL is http://localhost)."""
    body = message.get_content()
    links = LINK.findall(body)
    assert len(links) == 1, body
    return urlsplit(links[0]).path


def form_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'type="hidden" name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no csrf_token field on the page"
    return match.group(1)
