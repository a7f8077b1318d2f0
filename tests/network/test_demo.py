"""The demo: two supra-local files over several municipalities, and the issue's walk through
it (alderman's college report, XLSX export, referral, a file across two municipalities)."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.signals.helpers import parse, text
from webapp.demo.loader import DEMO_PASSWORD, demo_email, load_demo
from webapp.extensions import db
from webapp.models import SignalCard, SupralocalFile, SupralocalReferral


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()


def test_two_files_bundle_cards_of_several_municipalities(app, demo):
    with app.app_context():
        files = db.session.scalars(select(SupralocalFile)).all()
        assert len(files) == 2
        for file in files:
            places = {r.card.municipality_id for r in file.referrals}
            assert len(places) >= 2
            assert file.feedback
        waiting = db.session.scalar(
            select(func.count())
            .select_from(SupralocalReferral)
            .where(SupralocalReferral.file_id.is_(None))
        )
        assert waiting >= 2
        load_demo()
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(SupralocalFile)) == 2


def login(client, local, slug=None):
    client.post("/logout")
    response = client.post(
        "/login", data={"email": demo_email(local, slug), "password": DEMO_PASSWORD}
    )
    assert response.status_code in (302, 303)


def test_the_walk_of_the_issue(app, client, demo, outbox):
    login(client, "schepen", "gent")
    college = client.get("/gent/rapporten/college")
    assert college.status_code == 200
    assert "rapport voor het college" in text(college)

    login(client, "hoofdverwerker", "mortsel")
    export = client.get("/mortsel/rapporten/themas.xlsx")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.get_data())).active
    assert sheet["A1"].value == "Tabel: Per thema"
    with app.app_context():
        card = db.session.scalars(
            select(SignalCard)
            .join(SignalCard.municipality)
            .where(SignalCard.published.is_(True), SignalCard.public_status == "exploring")
            .filter_by(slug="mortsel")
        ).first()
        card_id, card_title = card.id, card.title
    response = client.post(
        f"/mortsel/fiches/{card_id}/bovenlokaal",
        data={"motivation": "Dit vraagt een Vlaamse aanpak, lokaal raken we niet verder."},
    )
    assert response.status_code == 303

    login(client, "netwerk")
    overview = parse(client.get("/netwerk"))
    boxes = {box.attrs["value"]: box for box in overview.find_all("input", name="card_ids")}
    assert str(card_id) in boxes
    with app.app_context():
        other = db.session.scalars(
            select(SupralocalReferral)
            .join(SignalCard, SignalCard.id == SupralocalReferral.card_id)
            .where(SupralocalReferral.file_id.is_(None), SignalCard.id != card_id)
        ).first()
        other_id, other_place = other.card_id, other.card.municipality.slug
    outbox.clear()
    response = client.post(
        "/netwerk/dossiers",
        data={
            "title": "Demo-dossier",
            "card_ids": [str(card_id), str(other_id)],
            "submission_token": "demo-walk",
        },
    )
    assert response.status_code == 303
    file_url = response.headers["Location"]
    client.post(file_url + "/status", data={"status": "examined", "message": "We zoeken uit."})
    recipients = {m["To"] for m in outbox}
    assert demo_email("hoofdverwerker", "mortsel") in recipients
    assert demo_email("hoofdverwerker", other_place) in recipients

    login(client, "hoofdverwerker", "mortsel")
    section = parse(client.get(f"/mortsel/fiches/{card_id}")).by_id("bovenlokaal").text()
    assert "Demo-dossier" in section and "We zoeken uit." in section
    assert card_title
