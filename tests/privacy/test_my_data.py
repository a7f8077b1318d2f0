"""Mijn gegevens: see, download, correct, restrict and erase one's personal data."""

import csv
import io
import json
import re

import pytest
from sqlalchemy import delete, select

from tests.conftest import PASSWORD
from tests.privacy.helpers import stored_anywhere
from tests.processing.helpers import audit_entries
from tests.processing.test_queries import counted
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import Follow, Municipality, Signal, User
from webapp.privacy.registry import SOURCES


@pytest.fixture
def contributions(make, as_user, town):
    """Ann gave a signal and supplemented and follows Chris's; Hanne gave feedback on it."""
    own = make.signal(town.municipality, town.giver, title="Geen plaats in de kinderopvang")
    other = make.signal(town.municipality, town.colleague, title="Wachtlijst budgetbegeleiding")
    ann = as_user(town.giver)
    ann.post(town.url(f"signalen/{other.id}/volgen"), data={"follow": "1"})
    ann.post(town.url(f"signalen/{other.id}/versterken"), data={"context": "Zie ik ook."})
    ann.post(
        town.url(f"signalen/{other.id}/aanvullen"),
        data={"body": "Ook in Heule zes maanden.", "submission_token": "c" * 20},
    )
    as_user(town.head).post(
        town.handle(other, "terugkoppeling"), data={"body": "Het staat op het overleg."}
    )
    return own, other, ann


def test_the_page_shows_every_source_and_who_sees_it(town, contributions):
    _, _, ann = contributions

    response = ann.get("/mijn-gegevens")

    assert response.status_code == 200
    doc = parse(response)
    assert doc.find("h1").text() == "Mijn gegevens"
    page = doc.text()
    for source in SOURCES:
        assert source.label in page, source.label
    assert "Ann Vermeulen" in page and "ann@caw-kortrijk.be" in page
    assert "Geen plaats in de kinderopvang" in page
    assert "Ook in Heule zes maanden." in page
    assert "Het staat op het overleg." in page  # feedback received, on a followed signal
    assert "Wie ziet dit: naam, organisatie en e-mailadres" in page
    # The mail outbox keeps who got which mail when (subject and body go once it is sent).
    assert "aan: ann@caw-kortrijk.be" in page and "verstuurd op: " in page
    assert "hash" not in page.lower()


def test_the_download_holds_everything_as_json_and_csv(town, contributions):
    own, other, ann = contributions

    response = ann.get("/mijn-gegevens/download.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert set(data) == {s.key for s in SOURCES} | {"e-mails"}
    assert data["profiel"][0]["naam"] == "Ann Vermeulen"
    assert data["profiel"][0]["e-mailadres"] == "ann@caw-kortrijk.be"
    assert not any("hash" in key for key in data["profiel"][0])
    assert [s["referentie"] for s in data["signalen"]] == [own.reference]
    assert [f["signaal"] for f in data["gevolgd"]] == [other.reference]
    assert data["versterkingen"][0]["toelichting"] == "Zie ik ook."
    assert data["aanvullingen"][0]["tekst"] == "Ook in Heule zes maanden."
    assert data["terugkoppeling_ontvangen"][0]["tekst"] == "Het staat op het overleg."
    assert data["lidmaatschappen"][0]["rol"] == "signaalgever"

    response = ann.get("/mijn-gegevens/download.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["onderdeel", "rij", "veld", "waarde"]
    assert ["profiel", "1", "e-mailadres", "ann@caw-kortrijk.be"] in rows
    assert ["aanvullingen", "1", "tekst", "Ook in Heule zes maanden."] in rows


FORMULAS = ('=HYPERLINK("http://x","klik")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)")


def test_a_planted_formula_never_runs_in_the_csv_download(app, make, town, as_user):
    """A giver's own text ends up in a processor's spreadsheet during a privacy request: every
    formula-like cell is neutralised, in the person's download and in the processor's export."""
    ann = as_user(town.giver)
    signal = make.signal(town.municipality, town.colleague, title="Wachtlijst")
    for number, formula in enumerate(FORMULAS):
        ann.post(
            town.url(f"signalen/{signal.id}/aanvullen"),
            data={"body": formula, "submission_token": f"{number}" * 20},
        )
    head = as_user(town.head)
    for client, url in (
        (ann, "/mijn-gegevens/download.csv"),
        (head, town.url(f"mensen/{town.giver.id}?download=csv")),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        body = response.get_data().decode("utf-8-sig")
        values = [row[3] for row in csv.reader(io.StringIO(body), delimiter=";") if len(row) == 4]
        for formula in FORMULAS:
            assert "'" + formula in values, (url, formula)
        assert not any(value.startswith(("=", "+", "-", "@", "\t")) for value in values)


def test_correcting_name_and_organisation(app, town, as_user):
    ann = as_user(town.giver)

    response = ann.post(
        "/mijn-gegevens/verbeteren",
        data={
            "name": "Ann Vermeulen-Peeters",
            "email": town.giver.email,
            "organisation": str(town.ocmw.id),
        },
    )

    assert response.status_code == 303
    page = ann.get(response.headers["Location"]).get_data(as_text=True)
    assert "De gegevens zijn verbeterd." in page
    with app.app_context():
        user = db.session.get(User, town.giver.id)
        assert (user.name, user.organisation_id) == ("Ann Vermeulen-Peeters", town.ocmw.id)
    entry = [e for e in audit_entries(app) if e[0] == "privacy.correct"]
    assert entry[0][4] == (
        f"Gegevens verbeterd (naam, organisatie) van gebruiker {town.giver.id}, op eigen verzoek."
    )


def test_a_refused_correction_keeps_what_was_typed(town, as_user):
    ann = as_user(town.giver)

    response = ann.post(
        "/mijn-gegevens/verbeteren",
        data={"name": "", "email": "geen-adres", "organisation": "999999"},
    )

    assert response.status_code == 400
    doc = parse(response)
    assert "Vul je naam in." in doc.text()
    assert "Dit is geen geldig e-mailadres." in doc.text()
    assert "Kies een organisatie uit de lijst." in doc.text()
    assert doc.find("input", name="email").attrs["value"] == "geen-adres"


def test_a_new_email_address_counts_once_its_link_is_opened(app, client, outbox, town, as_user):
    ann = as_user(town.giver)

    response = ann.post(
        "/mijn-gegevens/verbeteren",
        data={
            "name": "Ann Vermeulen",
            "email": "ann.vermeulen@caw.be",
            "organisation": str(town.caw.id),
        },
    )

    assert response.status_code == 303
    assert "We stuurden een link naar ann.vermeulen@caw.be" in ann.get("/mijn-gegevens").get_data(
        as_text=True
    )
    assert [m["To"] for m in outbox] == ["ann.vermeulen@caw.be"]
    link = re.search(r"http://localhost(/mijn-gegevens/e-mailadres/\S+)", outbox[0].get_content())
    with app.app_context():
        assert db.session.get(User, town.giver.id).email == town.giver.email

    assert ann.get(link.group(1)).status_code == 303
    with app.app_context():
        assert db.session.get(User, town.giver.id).email == "ann.vermeulen@caw.be"
    assert ann.get(link.group(1)).status_code == 404  # used once
    logged = client.post("/login", data={"email": "ann.vermeulen@caw.be", "password": PASSWORD})
    assert logged.status_code == 303


def test_an_address_of_another_account_is_refused(town, as_user, outbox):
    response = as_user(town.giver).post(
        "/mijn-gegevens/verbeteren",
        data={
            "name": "Ann Vermeulen",
            "email": town.colleague.email.upper(),
            "organisation": str(town.caw.id),
        },
    )

    assert response.status_code == 400
    assert "al in gebruik" in parse(response).text()
    assert list(outbox) == []


def test_restriction_hides_the_name_on_every_contribution(town, as_user, contributions):
    own, other, ann = contributions

    response = ann.post("/mijn-gegevens/beperken", data={"restricted": "y"})

    assert response.status_code == 303
    chris = as_user(town.colleague)
    head = as_user(town.head)
    for client, url in (
        (chris, town.url(f"signalen/{own.id}")),
        (chris, town.url(f"signalen/{other.id}")),
        (head, town.handle(other)),
        (chris, town.url("signalen")),
    ):
        page = client.get(url).get_data(as_text=True)
        assert "Ann Vermeulen" not in page, url
        assert "ann@caw-kortrijk.be" not in page, url
    assert "naam afgeschermd" in chris.get(town.url(f"signalen/{other.id}")).get_data(as_text=True)
    ann.post("/mijn-gegevens/beperken", data={})
    assert "Ann Vermeulen" in chris.get(town.url(f"signalen/{own.id}")).get_data(as_text=True)


def test_erasure_removes_the_person_and_keeps_the_signals(app, client, town, contributions):
    own, other, ann = contributions
    with app.app_context():
        place = db.session.get(Municipality, town.municipality.id)
        place.coordinator_name = "Ann Vermeulen"  # a public role: also on the microsite
        db.session.commit()
    assert "Ann Vermeulen" in _built_site(app, town)

    assert ann.get("/mijn-gegevens/wissen").status_code == 200
    refused = ann.post("/mijn-gegevens/wissen", data={})
    assert refused.status_code == 400
    assert "Vink aan dat je dit begrijpt." in parse(refused).text()
    response = ann.post("/mijn-gegevens/wissen", data={"confirm": "y"})

    assert response.status_code == 303
    assert ann.get("/mijn-gegevens").status_code == 302  # the session has ended
    assert (
        client.post("/login", data={"email": town.giver.email, "password": PASSWORD}).status_code
        == 400
    )
    assert stored_anywhere(app, "Ann Vermeulen") == []
    assert stored_anywhere(app, "ann@caw-kortrijk.be") == []
    with app.app_context():
        titles = db.session.scalars(select(Signal.title).order_by(Signal.id)).all()
    assert titles == ["Geen plaats in de kinderopvang", "Wachtlijst budgetbegeleiding"]
    head = client
    head.post("/login", data={"email": town.head.email, "password": PASSWORD})
    page = head.get(town.url(f"signalen/{other.id}")).get_data(as_text=True)
    assert "voormalig gebruiker" in page and "Ook in Heule zes maanden." in page
    site = _built_site(app, town)
    assert "Ann Vermeulen" not in site and "ann@caw-kortrijk.be" not in site
    erased = [e for e in audit_entries(app) if e[0] == "privacy.erase"]
    assert [e[4] for e in erased] == [
        f"Account gewist van gebruiker {town.giver.id}, op eigen verzoek."
    ]


def _built_site(app, town) -> str:
    """Every file of the municipality's rebuilt microsite, as one text."""
    import tempfile
    from pathlib import Path

    from sites.builder import build_sites
    from webapp.public.reader import PublicSource

    with tempfile.TemporaryDirectory() as out, app.app_context():
        build_sites(Path(out), PublicSource(), [town.slug], force=True, echo=lambda line: None)
        return "\n".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(Path(out).rglob("*"))
            if path.is_file()
        )


def test_the_page_counts_every_row_but_shows_the_first_twenty(app, make, as_user, town):
    """A giver of some years follows thousands of signals: the page says how many and shows
    20 of each source, at the same number of queries; the download holds them all."""
    ann = as_user(town.giver)
    counts = {}
    for follows in (3, 25):
        with app.app_context():
            db.session.execute(delete(Follow).where(Follow.user_id == town.giver.id))
            db.session.commit()
        for number in range(follows):
            signal = make.signal(town.municipality, town.colleague, title=f"Gevolgd {number}")
            with app.app_context():
                db.session.add(Follow(signal_id=signal.id, user_id=town.giver.id))
                db.session.commit()
        ann.get("/mijn-gegevens")
        with counted(app) as statements:
            response = ann.get("/mijn-gegevens")
        counts[follows] = len(statements)

    section = parse(response).find("section", aria_labelledby="bron-gevolgd")
    assert "Signalen die je volgt (25)" in section.text()
    assert len(section.find_all("li")) == 20
    assert "En nog 5 meer: zie de download." in section.text()
    assert counts[25] == counts[3]
    exported = json.loads(ann.get("/mijn-gegevens/download.json").data)
    assert len(exported["gevolgd"]) == 25
