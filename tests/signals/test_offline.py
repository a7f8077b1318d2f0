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
        assert "immutable" in answer.headers["Cache-Control"]
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
    # Not logged in: the login page, which carries the typed text and shows nothing of the signal.
    anonymous = client.post(f"/ander/signalen/{signal.id}/aanvullen", data={"body": "Tekst."})
    assert anonymous.status_code == 401
    assert "Aanmelden" in anonymous.get_data(as_text=True)
    assert "Te weinig betaalbare kinderopvang" not in anonymous.get_data(as_text=True)
    # Another municipality's signal: 404, as without the token.
    client = logged_in(app, make.user(Role.GIVER, place))
    foreign = client.post(f"/eigen/signalen/{signal.id}/aanvullen", data={"body": "Tekst."})
    assert foreign.status_code == 404
    # htmx keeps its text in the page: a short message, as before.
    htmx = client.post("/eigen/signalen/nieuw", data=TYPED, headers={"HX-Request": "true"})
    assert htmx.status_code == 400 and htmx.headers["HX-Retarget"] == "#htmx-fout"


def _form_fields(html: str, action: str | None = None) -> dict:
    """The fields a browser would post with the form (the first, or the one posting to action)."""
    doc = parse(html)
    forms = [f for f in doc.find_all("form") if action is None or f.attrs.get("action") == action]
    data: dict[str, list[str]] = {}
    for node in forms[0].find_all("input"):
        if node.attrs.get("name") and node.attrs.get("type") in ("hidden", "email", "text", None):
            data.setdefault(node.attrs["name"], []).append(node.attrs.get("value", ""))
    return data


def test_typed_text_goes_through_the_login_and_back_without_javascript(app, make, csrf_on):
    place = make.municipality(slug="terug")
    giver = make.user(Role.GIVER, place)
    signal = make.signal(place, giver=giver)
    url = f"/terug/signalen/{signal.id}/aanvullen"
    typed = "Ook bij ons zien we dit elke week & vaker."
    client = app.test_client()  # the session has ended: no cookie

    login_page = client.post(url, data={"body": typed, "submission_token": "t" * 32})
    assert login_page.status_code == 401
    fields = _form_fields(login_page.get_data(as_text=True))
    assert fields["bewaard:url"] == [url] and fields["bewaard:field:body"] == [typed]

    fields.update({"email": [giver.email], "password": [PASSWORD]})
    offered = client.post("/login", data=fields)
    assert offered.status_code == 200
    html = offered.get_data(as_text=True)
    assert "Je formulier staat klaar" in html
    back = _form_fields(html, action=url)
    assert back["body"] == [typed] and back["_herstel"] == ["1"]

    shown = client.post(url, data=back)
    assert shown.status_code == 200
    html = shown.get_data(as_text=True)
    assert "Je bent opnieuw aangemeld. Alles wat je typte staat er nog." in html
    assert field_value(parse(html), "body") == typed
    assert _count(app, Supplement) == 0  # nothing sent without the giver

    again = _form_fields(html, action=url)
    again["body"] = [typed]
    assert client.post(url, data=again).status_code == 303
    assert _count(app, Supplement) == 1


def test_only_a_registered_form_is_offered_after_login(app, make, csrf_on):
    place = make.municipality(slug="elders")
    giver = make.user(Role.GIVER, place)
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    for url in ("https://evil.example/x", "//evil.example/x", "/elders/signalen/1/volgen"):
        answer = app.test_client().post(
            "/login",
            data={
                "email": giver.email,
                "password": PASSWORD,
                "csrf_token": token,
                "bewaard:url": url,
                "bewaard:field:body": "x",
            },
        )
        assert answer.status_code in (303, 400), url
        assert "Je formulier staat klaar" not in answer.get_data(as_text=True)
    answer = client.post(
        "/login",
        data={
            "email": giver.email,
            "password": PASSWORD,
            "csrf_token": token,
            "bewaard:url": "/elders/signalen/1/volgen",
            "bewaard:field:body": "x",
        },
    )
    assert answer.status_code == 303


def test_an_idle_processor_session_carries_the_feedback_through_the_login(app, make):
    place = make.municipality(slug="stil")
    head = make.user(Role.HEAD_PROCESSOR, place)
    signal = make.signal(place)
    client = app.test_client()
    client.post("/login", data={"email": head.email, "password": PASSWORD})
    with client.session_transaction() as kept:
        kept["seen_at"] = kept["seen_at"] - 24 * 3600  # idle for a day

    url = f"/stil/verwerken/signalen/{signal.id}/terugkoppeling"
    answer = client.post(url, data={"body": "We bespreken dit op het overleg."})

    assert answer.status_code == 401
    fields = _form_fields(answer.get_data(as_text=True))
    assert fields["bewaard:field:body"] == ["We bespreken dit op het overleg."]
    assert _count(app, Feedback) == 0
