"""One statement, one version everywhere (issue 18, Build 1 and 2): the version saved in the app
is what the acceptance page, the statement page in the app and the municipality's microsite show;
the overview site carries the platform's general statement. Every text goes through the one
Markdown sanitiser (common/markdown.py)."""

import json
import re

from sites.builder import build_sites
from tests.signals.helpers import parse
from webapp import content
from webapp.extensions import db
from webapp.models import Municipality, PrivacyText, Role
from webapp.public.reader import PublicSource

HOSTILE = """## Meer uitleg

Mail naar [ons](mailto:privacy@proefstad.be).
<script>alert("script")</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('link')" onclick="alert('click')">klik</a>
"""


def _save_version(app, place, version: str, **fields) -> None:
    """A statement version as the settings page saves it (its parts as JSON)."""
    with app.app_context():
        municipality = db.session.get(Municipality, place.id)
        parts = content.statement_fields(municipality)
        parts.update(fields)
        db.session.add(
            PrivacyText(
                municipality_id=municipality.id,
                kind="privacy",
                version=version,
                body="(gemaakt uit de onderdelen)",
                fields_json=json.dumps(parts),
            )
        )
        municipality.privacy_version = version
        db.session.commit()
        db.session.remove()


def _version_lines(html: str) -> set[str]:
    return set(re.findall(r"Versie: [0-9A-Za-z-]+", html))


def test_the_saved_version_is_shown_alike_in_app_acceptance_page_and_microsite(
    app, client, login, make, tmp_path
):
    place = make.municipality(slug="proefstad", name="Proefstad")
    giver = make.user(Role.GIVER, place)
    _save_version(
        app,
        place,
        "2026-2",
        controller_address="Markt 1, 9999 Proefstad",
        enterprise_number="BE 0207.451.227",
        dpo_contact="dpo@proefstad.be",
        processors="De VVSG host Lokaal Signaal.",
    )
    app_page = parse(client.get("/proefstad/privacyverklaring")).by_id("privacyverklaring")
    login(giver)
    accept = parse(client.get("/proefstad/privacy-akkoord")).by_id("privacy-akkoord")
    with app.app_context():
        summary = build_sites(tmp_path, PublicSource(), echo=lambda line: None)
    assert summary.failed == 0
    site = (tmp_path / "proefstad" / "privacy" / "index.html").read_text()
    home = (tmp_path / "proefstad" / "index.html").read_text()

    assert _version_lines(app_page.text()) == {"Versie: 2026-2"}
    assert _version_lines(accept.text()) == {"Versie: 2026-2"}
    assert "versie 2026-2" in accept.find("p").text()
    assert _version_lines(site) == {"Versie: 2026-2"}
    assert "(versie 2026-2)" in home
    # The parts the municipality filled in, guarded for citizens' data, not for its own address.
    for words in ("Markt 1, 9999 Proefstad", "BE 0207.451.227", "dpo@proefstad.be"):
        assert words in app_page.text() and words in site


def test_the_overview_carries_the_general_statement(app, make, tmp_path):
    for slug in ("aaa-dorp", "bbb-stad"):
        make.municipality(slug=slug)
    with app.app_context():
        build_sites(tmp_path, PublicSource(), echo=lambda line: None)
    general = (tmp_path / "privacy.html").read_text()
    assert "Algemene privacyverklaring van Lokaal Signaal" in general
    for part in ("Op welke rechtsgrond?", "Wat zijn je rechten?", "Een datalek melden"):
        assert part in general
    assert 'href="aaa-dorp/privacy/"' in general and 'href="bbb-stad/privacy/"' in general
    assert 'href="privacy.html"' in (tmp_path / "index.html").read_text()


def test_a_statement_written_in_the_app_is_sanitised(app, make):
    place = make.municipality()
    _save_version(app, place, "1", extra=HOSTILE)
    with app.test_request_context():
        html = str(content.privacy_statement(db.session.get(Municipality, place.id)))
    assert "<h3>Meer uitleg</h3>" in html
    assert 'href="mailto:privacy@proefstad.be"' in html
    for unsafe in ("<script", "<img", "onerror", "onclick", "javascript:"):
        assert unsafe not in html
    assert "klik" in html


def test_a_version_written_as_one_text_keeps_it_with_its_true_version(app, make):
    place = make.municipality()
    with app.app_context():
        municipality = db.session.get(Municipality, place.id)
        db.session.add(
            PrivacyText(
                municipality_id=municipality.id,
                kind="privacy",
                version="2026-2",
                body="# Oude verklaring\n\nVersie: 2026-1\n\nWe bewaren weinig.\n" + HOSTILE,
            )
        )
        municipality.privacy_version = "2026-2"
        db.session.commit()
        markdown = content.statement_markdown(municipality)
        missing = content.statement_missing(municipality)
    assert _version_lines(markdown) == {"Versie: 2026-2"}
    assert "We bewaren weinig." in markdown
    assert missing == ["de verklaring in onderdelen (ze is nog één vrije tekst)"]
