"""The privacy statement goes through the one Markdown sanitiser (common/markdown.py), the
hand-written default as well as the version written in the app."""

import pytest

from webapp import content
from webapp.extensions import db
from webapp.models import Municipality, PrivacyText

HOSTILE = """# Privacyverklaring {gemeente}

## Wie is verantwoordelijk?

Mail naar [{contact}](mailto:{contact}).
<script>alert("script")</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('link')" onclick="alert('click')">klik</a>
"""


@pytest.fixture
def own_content(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    content._read.cache_clear()
    yield tmp_path
    content._read.cache_clear()


def test_the_default_statement_is_sanitised(app, make, own_content):
    place = make.municipality(name="Proefstad")
    (own_content / "privacyverklaring.md").write_text(HOSTILE, encoding="utf-8")
    with app.test_request_context():
        html = str(content.privacy_statement(db.session.get(Municipality, place.id)))
    assert "<h1>Privacyverklaring Proefstad</h1>" in html
    assert "<h2>Wie is verantwoordelijk?</h2>" in html
    assert f'href="mailto:signaal@{place.slug}.be"' in html
    for unsafe in ("<script", "alert(", "<img", "onerror", "onclick", "javascript:"):
        assert unsafe not in html
    assert ">klik</a>" in html


def test_a_statement_written_in_the_app_is_sanitised(app, make, own_content):
    (own_content / "privacyverklaring.md").write_text("# Standaard", encoding="utf-8")
    place = make.municipality()
    with app.app_context():
        municipality = db.session.get(Municipality, place.id)
        db.session.add(
            PrivacyText(municipality_id=municipality.id, kind="privacy", version="1", body=HOSTILE)
        )
        municipality.privacy_version = "1"
        db.session.commit()
        html = str(content.privacy_statement(municipality))
    assert "Standaard" not in html
    assert "<h2>Privacyverklaring {gemeente}</h2>" in html
    for unsafe in ("<script", "<img", "onerror", "onclick", "javascript:"):
        assert unsafe not in html
