"""The server's side of the giver on a poor connection (docs/offline.md): the service worker
and its budget, the manifest and icons per municipality, a submit page that may be kept as the
offline shell, the key that ties drafts and the queue to an account, and a refused CSRF token
that shows the form again with everything typed."""

import gzip
import json
import re

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.signals.helpers import field_value, parse
from webapp.extensions import db
from webapp.models import Feedback, Role, Signal, Supplement

OWN_JS_BUDGET = 4 * 1024  # gzipped, all of our own JavaScript together (issue 20)
TYPED = {
    "title": "Lange wachttijd voor budgetbegeleiding",
    "description": "Mensen met schulden wachten maanden op een eerste gesprek bij het OCMW.",
    "tried": "Doorverwijzen naar het CAW.",
    "ideas": "Een wekelijkse vrije inloop.",
    "contact_email": "werker@caw.example.org",
    "submission_token": "k" * 32,
    "action": "submit",
}


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_our_own_javascript_stays_within_four_kilobytes_gzipped(client, make):
    make.municipality(slug="kelder")
    page = client.get("/kelder/signalen/nieuw").get_data(as_text=True)
    [script] = re.findall(r'src="(/assets/offline\.[^"]+)"', page)
    worker = client.get("/sw.js")
    sizes = [
        len(gzip.compress(client.get(script).get_data(), 9)),
        len(gzip.compress(worker.data, 9)),
    ]
    assert sum(sizes) <= OWN_JS_BUDGET, sizes


def test_the_service_worker_names_this_release_and_its_assets(client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.mimetype == "text/javascript"
    assert worker.headers["Cache-Control"] == "no-cache"  # a release reaches the device
    source = worker.get_data(as_text=True)
    release, assets = re.match(r"const V=(\"\w+\"),ASSETS=(\[.*?\]);", source).groups()
    assert sorted(json.loads(assets)) == sorted(
        re.findall(r'(?:href|src)="(/assets/[^"]+)"', client.get("/login").get_data(as_text=True))
    )
    # It keeps the assets and the submit page, nothing else.
    assert "SUBMIT = /^\\/[^/]+\\/signalen\\/nieuw$/" in source
    assert "//" not in source.split("\n", 1)[1].replace("://", "")  # comments stripped


def test_the_submit_page_may_be_kept_but_never_with_a_message(client, make, login):
    place = make.municipality(slug="bus", name="Busstad")
    giver = make.user(Role.GIVER, place, name="Gever Bus")

    page = client.get("/bus/signalen/nieuw")
    assert page.headers["Cache-Control"] == "private, no-cache"
    html = page.get_data(as_text=True)
    assert '<meta name="description" content="Geef een signaal aan Busstad' in html
    assert 'data-who="anon"' in html
    assert '<link rel="manifest" href="/bus/manifest.webmanifest">' in html

    client.post(
        "/login?next=/bus/signalen/nieuw", data={"email": giver.email, "password": PASSWORD}
    )
    welcome = client.get("/bus/signalen/nieuw")  # "Welkom, Gever Bus." names the person
    assert "Welkom, Gever Bus." in welcome.get_data(as_text=True)
    assert welcome.headers["Cache-Control"] == "no-store"
    assert client.get("/bus/signalen/nieuw").headers["Cache-Control"] == "private, no-cache"
    # A signal's page is never kept.
    signal = make.signal(place, giver=giver)
    assert client.get(f"/bus/signalen/{signal.id}").headers["Cache-Control"] == "no-store"


def test_the_device_key_is_per_account_and_names_nobody(app, make):
    place = make.municipality(slug="sleutel")
    first = make.user(Role.GIVER, place, name="Eerste", email="eerste@example.org")
    second = make.user(Role.GIVER, place, name="Tweede", email="tweede@example.org")

    def key(user):
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD})
        html = client.get("/sleutel/signalen/nieuw").get_data(as_text=True)
        return re.search(r'data-who="([^"]+)"', html).group(1)

    one, other = key(first), key(second)
    assert one == key(first) and one != other and "anon" not in (one, other)
    assert re.fullmatch(r"[0-9a-f]{20}", one) and str(first.id) != one


def test_the_manifest_starts_on_the_municipalitys_submit_page(client, make):
    make.municipality(slug="dendermonde", name="Dendermonde")
    manifest = client.get("/dendermonde/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    body = json.loads(manifest.data)
    assert body["name"] == "Lokaal Signaal Dendermonde"
    assert body["lang"] == "nl-BE" and body["display"] == "standalone"
    assert body["start_url"] == "/dendermonde/signalen/nieuw"
    for icon in body["icons"]:
        answer = client.get(icon["src"])
        assert answer.status_code == 200 and answer.mimetype == icon["type"]
        if icon["type"] == "image/png":
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert answer.data[:8] == b"\x89PNG\r\n\x1a\n"
            assert answer.data[16:24] == width.to_bytes(4, "big") + height.to_bytes(4, "big")
    assert client.get("/icoon-64.png").status_code == 404
    assert client.get("/bestaat-niet/manifest.webmanifest").status_code == 404


def test_a_refused_csrf_token_shows_the_submit_form_with_everything_typed(
    app, client, make, csrf_on
):
    place = make.municipality(slug="verloop")
    themes, groups = ticked(app, place)

    response = client.post(
        "/verloop/signalen/nieuw", data={**TYPED, "themes": themes, "target_groups": groups}
    )

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Je formulier werd niet aanvaard: je sessie was verlopen" in html
    doc = parse(html)
    for name in ("title", "description", "tried", "ideas", "contact_email", "submission_token"):
        assert field_value(doc, name) == TYPED[name], name  # the token too: a retry stores once
    assert doc.find("input", name="themes", value=themes[0]).attrs.get("checked") is not None
    assert _count(app, Signal) == 0
    # With the fresh token of that answer, the same form goes through.
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    sent = client.post(
        "/verloop/signalen/nieuw",
        data={**TYPED, "themes": themes, "target_groups": groups, "csrf_token": token},
    )
    assert sent.status_code == 303 and _count(app, Signal) == 1


def ticked(app, place) -> tuple[list[str], list[str]]:
    """One theme and one target group of the municipality, as the form posts them."""
    from webapp.models import Municipality

    with app.app_context():
        municipality = db.session.get(Municipality, place.id)
        return [str(municipality.current_themes[0].id)], [
            str(municipality.current_target_groups[0].id)
        ]


def logged_in(app, user):
    """A client logged in through the login form, CSRF token and all."""
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    return client


def test_a_refused_csrf_token_keeps_a_supplement_and_feedback(app, make, csrf_on):
    place = make.municipality(slug="aanvul")
    giver = make.user(Role.GIVER, place)
    head = make.user(Role.HEAD_PROCESSOR, place)
    signal = make.signal(place, giver=giver)

    supplement = logged_in(app, giver).post(
        f"/aanvul/signalen/{signal.id}/aanvullen",
        data={"body": "Ook bij ons elke week gezien.", "submission_token": "s" * 32},
    )
    assert supplement.status_code == 400
    html = supplement.get_data(as_text=True)
    assert "Je formulier werd niet aanvaard" in html and "Ook bij ons elke week gezien." in html
    assert _count(app, Supplement) == 0

    feedback = logged_in(app, head).post(
        f"/aanvul/verwerken/signalen/{signal.id}/terugkoppeling",
        data={"body": "We bespreken dit op het overleg."},
    )
    assert feedback.status_code == 400
    html = feedback.get_data(as_text=True)
    assert "Je formulier werd niet aanvaard" in html and "We bespreken dit op het overleg." in html
    assert _count(app, Feedback) == 0


def test_a_refused_token_shows_no_more_than_the_form_would(app, client, make, csrf_on):
    place = make.municipality(slug="eigen")
    other = make.municipality(slug="ander")
    signal = make.signal(other)
    # Not logged in: to the login page, nothing of the signal.
    anonymous = client.post(f"/ander/signalen/{signal.id}/aanvullen", data={"body": "Tekst."})
    assert anonymous.status_code == 401
    assert "Tekst." not in anonymous.get_data(as_text=True)
    # Another municipality's signal: 404, as without the token.
    client = logged_in(app, make.user(Role.GIVER, place))
    foreign = client.post(f"/eigen/signalen/{signal.id}/aanvullen", data={"body": "Tekst."})
    assert foreign.status_code == 404
    # htmx keeps its text in the page: a short message, as before.
    htmx = client.post("/eigen/signalen/nieuw", data=TYPED, headers={"HX-Request": "true"})
    assert htmx.status_code == 400 and htmx.headers["HX-Retarget"] == "#htmx-fout"
