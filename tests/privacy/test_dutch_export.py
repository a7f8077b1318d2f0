"""Mijn gegevens and its downloads speak Dutch: Dutch keys (documented), statuses, roles and
mail settings as words, organisations by name, moments as "7 december 2026 om 16.18" in
Belgian time; never a raw code such as `in_progress`, `giver`, `digest` or an ISO moment."""

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from webapp.extensions import db
from webapp.labels import AUTH_EVENT_LABELS
from webapp.models import Membership, Role, SignalStatus, User
from webapp.privacy import readable
from webapp.privacy.registry import FIELD_LABELS, MAIL_LABELS, SOURCES

DOC = Path(__file__).resolve().parents[2] / "docs" / "mijn-gegevens.md"
MOMENT = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december) \d{4} om \d{2}\.\d{2}\b"
)
RAW = ("in_progress", "head_processor", "digest", "+00:00", "T15:", "organisation_id", "None")


def test_every_exported_column_has_one_dutch_key_per_source():
    for source in SOURCES:
        keys = [FIELD_LABELS[name] for name in source.columns]
        assert len(keys) == len(set(keys)), f"{source.key}: two columns share a key"
        assert not any(name in keys for name in source.columns if "_" in name), source.key


def test_every_key_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for source in SOURCES:
        assert f"`{source.key}`" in text, source.key
    for key in {*FIELD_LABELS.values(), *MAIL_LABELS.values()}:
        assert f"`{key}`" in text, key


def test_a_moment_reads_as_a_flemish_reader_writes_it():
    assert readable.value(datetime(2026, 12, 7, 15, 18, 12, 421458, tzinfo=UTC)) == (
        "7 december 2026 om 16.18"
    )
    assert readable.value(datetime(2026, 7, 1, 6, 5, tzinfo=UTC)) == "1 juli 2026 om 08.05"
    assert readable.value(True) == "ja" and readable.value(False) == "nee"


@pytest.fixture
def processor_with_history(app, make, town, as_user):
    """Pieter, a colleague processor on digest mail, gave a signal that is in progress and
    saved with an organisation."""
    with app.app_context():
        db.session.execute(
            update(User).where(User.id == town.processor.id).values(organisation_id=town.caw.id)
        )
        db.session.execute(
            update(Membership)
            .where(Membership.user_id == town.processor.id)
            .values(notify="digest")
        )
        db.session.commit()
        db.session.remove()
    make.signal(
        town.municipality,
        town.processor,
        title="Wachtlijst schuldhulp",
        status=SignalStatus.IN_PROGRESS,
    )
    return as_user(town.processor)


def test_the_page_speaks_dutch(town, processor_with_history):
    page = processor_with_history.get("/mijn-gegevens").get_data(as_text=True)
    main = page.split("<main", 1)[1]

    assert "status: in behandeling" in main
    assert "rol: collega-signaalverwerker" in main
    assert "meldingen: één keer per dag een overzicht" in main
    assert "organisatie: CAW Kortrijk" in main
    assert "gemeente: Kortrijk" in main
    assert MOMENT.search(main)
    for raw in RAW:
        assert raw not in main, raw


def test_the_downloads_speak_dutch_and_stay_machine_readable(town, processor_with_history):
    data = json.loads(processor_with_history.get("/mijn-gegevens/download.json").data)

    profile = data["profiel"][0]
    assert profile["naam"] == "Pieter Verwerker"
    assert profile["organisatie"] == "CAW Kortrijk"
    assert profile["actief"] == "ja"
    assert MOMENT.fullmatch(profile["aangemaakt op"])
    membership = data["lidmaatschappen"][0]
    assert membership["rol"] == "collega-signaalverwerker"
    assert membership["meldingen"] == "één keer per dag een overzicht"
    assert membership["gemeente"] == "Kortrijk"
    signal = data["signalen"][0]
    assert signal["status"] == "in behandeling"
    assert signal["titel"] == "Wachtlijst schuldhulp"
    assert data["statuswijzigingen"] == [] or all(
        row["naar status"] != "in_progress" for row in data["statuswijzigingen"]
    )
    assert AUTH_EVENT_LABELS["login"] in {row["soort"] for row in data["aanmeldingen"]}
    dumped = json.dumps(data, ensure_ascii=False)
    for raw in RAW:
        assert raw not in dumped, raw

    body = processor_with_history.get("/mijn-gegevens/download.csv").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert ["lidmaatschappen", "1", "rol", "collega-signaalverwerker"] in rows
    assert ["signalen", "1", "status", "in behandeling"] in rows
    assert not any(raw in cell for row in rows for cell in row for raw in RAW)


def test_a_signal_of_another_processor_does_not_name_them(app, make, town, as_user):
    signal = make.signal(town.municipality, town.giver, title="Geen bus naar de kliniek")
    with app.app_context():
        from webapp.models import Signal

        db.session.execute(
            update(Signal).where(Signal.id == signal.id).values(assignee_id=town.head.id)
        )
        db.session.commit()
        db.session.remove()
    data = json.loads(as_user(town.giver).get("/mijn-gegevens/download.json").data)
    assert data["signalen"][0]["toegewezen aan"] == "een signaalverwerker van de gemeente"
    assert "Hanne" not in json.dumps(data, ensure_ascii=False)


def test_every_role_and_signal_status_has_a_dutch_word():
    from webapp.labels import role_label, signal_status_label

    for role in Role:
        assert role_label(role.value) != role.value
    for status in SignalStatus:
        assert signal_status_label(status.value) != status.value
