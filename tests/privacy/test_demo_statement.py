"""The demo shows a finished privacy statement: every part seed 004 names, in the version the
demo's users accepted, on the app's statement page."""

from sqlalchemy import select

from webapp.content import statement_markdown, statement_missing
from webapp.demo.loader import load_demo
from webapp.extensions import db
from webapp.models import Municipality


def test_every_demo_statement_is_complete(app):
    with app.app_context():
        load_demo()
        db.session.commit()
        for place in db.session.scalars(select(Municipality)):
            assert statement_missing(place) == [], place.slug
            text = statement_markdown(place)
            assert f"Versie: {place.privacy_version}" in text or place.privacy_version in text
            assert "Nog aan te vullen" not in text, place.slug
