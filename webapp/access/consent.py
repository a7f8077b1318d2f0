"""Consent before sharing: the policy's rule on who must first accept the privacy statement.

A member of a municipality who has not accepted its current statement version (a new version,
consent withdrawn, or a role given without it) shares nothing with others there: every request
that changes something on that municipality's pages (submit, supplement, reinforce, follow,
invite, answer a meeting invitation, engagements, the processors' work, ...) leads to the
acceptance page first. Deny by default: a new POST route is covered without being named here.
Only what exercises a privacy right, or does not share, is exempt.

Reading stays open; a running session is asked once (per municipality and version) at its next
page, and may say "not now".
"""

from flask import request

from webapp.models import Municipality

# What is exempt from the rule: accepting and withdrawing themselves, logging out, the head
# processor mending the statement, and the privacy blueprint (rights: one's own data, restriction,
# erasure, privacy requests, redaction), which a person may use whatever they decided.
EXEMPT_ENDPOINTS = frozenset({"auth.logout", "admin.privacy_texts", "assets"})
EXEMPT_BLUEPRINTS = frozenset({"privacy"})
# Pages that never show the question: logging in or out, one's own account and second factor.
NOT_ASKED_BLUEPRINTS = frozenset({"privacy", "auth"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def outdated(user, municipality: Municipality | None) -> bool:
    """Whether the user has a role in the municipality without consent to its current version."""
    if municipality is None or not user.is_authenticated:
        return False
    return any(
        m.municipality_id == municipality.id
        and m.privacy_consent_version != municipality.privacy_version
        for m in user.memberships
    )


def first_outdated(user) -> Municipality | None:
    """A municipality whose current statement the user has not accepted (for pages of none)."""
    if not user.is_authenticated:
        return None
    for membership in user.memberships:
        place = membership.municipality
        if place is not None and membership.privacy_consent_version != place.privacy_version:
            return place
    return None


def exempt(endpoint: str | None, blueprints: frozenset[str] = EXEMPT_BLUEPRINTS) -> bool:
    if endpoint is None:
        return True
    return endpoint in EXEMPT_ENDPOINTS or endpoint.partition(".")[0] in blueprints


def shares(endpoint: str | None) -> bool:
    """Whether this request would change something others can see (see the module's text)."""
    if request.method in SAFE_METHODS or exempt(endpoint):
        return False
    # The live look-up of similar signals while typing only searches: nothing is stored.
    return not (endpoint == "signals.new_signal" and request.form.get("action") == "check")


def must_accept_first(endpoint: str | None, user, municipality: Municipality | None) -> bool:
    """A change on a municipality's pages by a member without consent to its current version."""
    return shares(endpoint) and outdated(user, municipality)


def to_ask(
    endpoint: str | None, user, municipality: Municipality | None, asked
) -> Municipality | None:
    """The municipality whose new statement a running session is shown at this page, once:
    `asked` holds the "id:version" keys already shown in this session."""
    if request.method != "GET" or exempt(endpoint, NOT_ASKED_BLUEPRINTS):
        return None
    if request.htmx and not request.htmx.boosted:
        return None
    if municipality is not None:
        place = municipality if outdated(user, municipality) else None
    else:
        place = first_outdated(user)
    if place is None or asked_key(place) in asked:
        return None
    return place


def asked_key(municipality: Municipality) -> str:
    return f"{municipality.id}:{municipality.privacy_version}"
