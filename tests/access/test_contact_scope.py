"""An anonymous submitter's contact address reaches only the processors of that signal.

The route matrix checks status codes; this checks content: the `mailto:` and the address on
every page and fragment that shows a signal, per reader and per signal in or out of scope.
"""

import pytest

from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import Engagement, Role, Signal

OUTSIDE = "melder.buiten@example.org"
INSIDE = "melder.binnen@example.org"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(app, make):
    town = make.municipality(slug="kortrijk", name="Kortrijk")
    caw = make.organisation(town, name="CAW Kortrijk")
    jeugd = make.organisation(town, name="Jeugddienst Kortrijk")
    make.agreement(town, caw, Engagement.OWN_STAFF)
    make.agreement(town, jeugd, Engagement.BROAD_MANDATE)
    caw_giver = make.user(Role.GIVER, town, organisation=caw, name="Ann Vermeulen")
    people = {
        "own_staff": make.user(Role.ORG_PROCESSOR, town, organisation=caw, name="Carl CAW"),
        "broad": make.user(Role.ORG_PROCESSOR, town, organisation=jeugd, name="Jo Jeugd"),
        "head": make.user(Role.HEAD_PROCESSOR, town, name="Hanne Hoofd"),
        "giver": make.user(Role.GIVER, town, name="Gert Gever"),
    }
    anonymous = make.signal(town, title="Geen plaats in de nachtopvang", contact_email=OUTSIDE)
    # An anonymous signal tied to the CAW (given at its desk, say): inside the CAW's scope.
    own_staff = make.signal(town, caw_giver, title="Wachtlijst schuldhulp")
    with app.app_context():
        row = db.session.get(Signal, own_staff.id)
        row.submitted_by_id, row.contact_email = None, INSIDE
        db.session.commit()
    return {"town": town, "people": people, "anonymous": anonymous, "own_staff": own_staff}


def _client(app, user):
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return client


def _pages(slug: str, signal_id: int):
    """Every page and fragment that can show the contact line, as (url, headers)."""
    return [
        (f"/{slug}/signalen/{signal_id}", None),
        (f"/{slug}/signalen/{signal_id}", HTMX),
        (f"/{slug}/verwerken/signalen/{signal_id}", None),
        (f"/{slug}/verwerken/signalen/{signal_id}", HTMX),
    ]


def _shows(response, address: str) -> bool:
    body = response.get_data(as_text=True)
    return f"mailto:{address}" in body or address in body


@pytest.mark.parametrize(
    ("reader", "sees_outside", "sees_inside"),
    [
        ("own_staff", False, True),
        ("broad", True, True),
        ("head", True, True),
        ("giver", False, False),
    ],
)
def test_contact_address_only_within_the_processing_scope(
    app, world, reader, sees_outside, sees_inside
):
    client = _client(app, world["people"][reader])
    slug = world["town"].slug
    for signal, address, expected in (
        (world["anonymous"], OUTSIDE, sees_outside),
        (world["own_staff"], INSIDE, sees_inside),
    ):
        for url, headers in _pages(slug, signal.id):
            response = client.get(url, headers=headers)
            assert response.status_code in (200, 403, 404), url
            if response.status_code != 200:
                continue  # the handling page of a signal outside the scope is refused
            assert _shows(response, address) is expected, (reader, url, headers)


def test_own_staff_processor_reads_the_anonymous_signal_without_its_address(app, world):
    client = _client(app, world["people"]["own_staff"])
    url = f"/{world['town'].slug}/signalen/{world['anonymous'].id}"
    response = client.get(url)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Geen plaats in de nachtopvang" in body
    assert "iemand zonder account" in body
    assert "mailto:" not in body
    handling = client.get(f"/{world['town'].slug}/verwerken/signalen/{world['anonymous'].id}")
    assert handling.status_code == 404


def test_fragments_after_a_contribution_show_no_address(app, world):
    client = _client(app, world["people"]["own_staff"])
    base = f"/{world['town'].slug}/signalen/{world['anonymous'].id}"
    for path, data in (
        ("volgen", {"follow": "1"}),
        ("versterken", {"context": "Zie ik ook."}),
        ("aanvullen", {"body": "Ook in Heule.", "submission_token": "t" * 20}),
    ):
        response = client.post(f"{base}/{path}", data=data, headers=HTMX)
        assert response.status_code == 200, path
        assert not _shows(response, OUTSIDE), path
