"""Page-weight budgets, in bytes as transferred with compression (headers included).

bench/page_weight.py measures the same through gunicorn and prints the figures.
"""

import re
from urllib.parse import urlsplit

import pytest

from webapp.models import Role

FIRST_VISIT_BUDGET = 35 * 1024
REPEAT_VISIT_BUDGET = 8 * 1024
FRAGMENT_BUDGET = 4 * 1024
ENCODING = {"Accept-Encoding": "br, gzip"}


def transferred(response) -> int:
    head = f"HTTP/1.1 {response.status}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in response.headers.items()
    )
    return len(head.encode()) + 2 + len(response.get_data())


def page_with_assets(client, url: str) -> tuple[int, int]:
    """(first visit, repeat visit): the page with its CSS and JS, then the page alone."""
    page = client.get(url, headers=ENCODING)
    assert page.status_code == 200
    assert page.headers.get("Content-Encoding") in {"br", "gzip"}
    html = client.get(url, headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)
    assert len(assets) == 3, assets  # the CSS, htmx and our own script
    total = transferred(page)
    for asset in assets:
        response = client.get(asset, headers=ENCODING)
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        total += transferred(response)
    return total, transferred(page)


@pytest.fixture
def giver_client(client, make, login):
    place = make.municipality(slug="weegschaal")
    organisation = make.organisation(place, "CAW Weegschaal")
    giver = make.user(Role.GIVER, place, organisation=organisation)
    for number in range(30):
        make.signal(
            place,
            giver,
            title=f"Signaal nummer {number} over wachtlijsten in de kinderopvang",
            description="Gezinnen wachten maanden op een plaats in de kinderopvang. " * 3,
        )
    login(giver)
    return client


def test_submit_page_first_and_repeat_visit_within_budget(client, make):
    make.municipality(slug="weegschaal")
    first, repeat = page_with_assets(client, "/weegschaal/signalen/nieuw")
    assert first <= FIRST_VISIT_BUDGET, first
    assert repeat <= REPEAT_VISIT_BUDGET, repeat


def test_signals_list_within_budget(giver_client):
    first, repeat = page_with_assets(giver_client, "/weegschaal/signalen")
    assert first <= FIRST_VISIT_BUDGET, first
    assert repeat <= REPEAT_VISIT_BUDGET, repeat


def fragment_size(client, method: str, url: str, **kwargs) -> int:
    """Transferred bytes of an htmx answer, after checking it is a fragment with content."""
    plain = client.open(url, method=method, headers={"HX-Request": "true"}, **kwargs)
    assert plain.status_code == 200
    body = plain.get_data(as_text=True)
    assert "<html" not in body and "Signaal nummer" in body
    compressed = client.open(
        url, method=method, headers={**ENCODING, "HX-Request": "true"}, **kwargs
    )
    return transferred(compressed)


def test_htmx_fragments_within_budget(giver_client):
    results = fragment_size(giver_client, "GET", "/weegschaal/signalen?q=kinderopvang")
    assert results <= FRAGMENT_BUDGET, results

    draft = {
        "action": "check",
        "title": "Wachtlijsten kinderopvang",
        "description": "Gezinnen wachten maanden op kinderopvang",
    }
    similar = fragment_size(giver_client, "POST", "/weegschaal/signalen/nieuw", data=draft)
    assert similar <= FRAGMENT_BUDGET, similar


def test_cards_actions_and_agenda_pages_within_budget(client, make, login):
    place = make.municipality(slug="weegdorp")
    head = make.user(Role.HEAD_PROCESSOR, place)
    signals = tuple(make.signal(place, title=f"Signaal {n} over wachtlijsten") for n in range(8))
    card = make.card(place, published=True, signals=signals)
    action = make.action(place, public=True)
    meeting = make.meeting(place, public=True)
    for number in range(10):
        make.card(place, title=f"Fiche {number} over de kinderopvang", published=True)
        make.meeting(place, title=f"Overleg {number}", public=True, days_ahead=number + 1)
    login(head)
    for path in (
        "fiches",
        f"fiches/{card.id}",
        "fiches/nieuw",
        "acties",
        f"acties/{action.id}",
        "agenda",
        f"agenda/{meeting.id}",
    ):
        first, repeat = page_with_assets(client, f"/weegdorp/{path}")
        assert first <= FIRST_VISIT_BUDGET, (path, first)
        assert repeat <= REPEAT_VISIT_BUDGET, (path, repeat)


def test_review_step_fragment_within_budget(giver_client):
    """The supplement form back with the personal-data guard's highlighted findings."""
    data = {
        "body": "Bel de moeder op 0470 12 34 56 of mail jan.peeters [at] gmail.com. " * 5,
        "submission_token": "t" * 24,
    }
    url = "/weegschaal/signalen/1/aanvullen"
    headers = {**ENCODING, "HX-Request": "true"}
    response = giver_client.post(url, data=data, headers=headers)
    assert response.status_code == 422  # not compressed (Flask-Compress skips non-2xx)
    plain = giver_client.post(url, data=data, headers={"HX-Request": "true"})
    assert "<html" not in plain.get_data(as_text=True) and 'class="pii"' in plain.get_data(
        as_text=True
    )
    assert transferred(response) <= FRAGMENT_BUDGET, transferred(response)


def test_follow_up_page_within_budget(app, client, make):
    from webapp.extensions import db
    from webapp.followup.services import new_link
    from webapp.models import Feedback, Signal

    place = make.municipality(slug="weegstad")
    ref = make.signal(place, contact_email="iemand@example.org")
    with app.test_request_context():
        signal = db.session.get(Signal, ref.id)
        for number in range(5):
            db.session.add(Feedback(signal=signal, body=f"Terugkoppeling {number}. " * 20))
        path = urlsplit(new_link(signal)).path
        db.session.commit()

    first, repeat = page_with_assets(client, path)
    assert first <= FIRST_VISIT_BUDGET, first
    assert repeat <= REPEAT_VISIT_BUDGET, repeat
