"""The demo shows what issue 21 adds for the network: network themes (Gent's renamed theme still
counts under "Mobiliteit"), logos, CAWs linked across municipalities, action days."""

from sqlalchemy import func, select

from webapp.demo.loader import load_demo
from webapp.extensions import db
from webapp.models import Logo, Meeting, Municipality, NetworkOrganisation, Organisation, Theme
from webapp.network.themes import network_names


def test_the_demo_shows_the_network_additions(app):
    with app.app_context():
        load_demo()
        db.session.commit()
        gent = db.session.scalars(select(Municipality).filter_by(slug="gent")).one()
        renamed = db.session.scalars(
            select(Theme).filter_by(municipality_id=gent.id, slug="mobiliteit")
        ).one()
        assert renamed.name == "Mobiliteit en vervoer"
        names = network_names()
        assert "Mobiliteit" in names and "Mobiliteit en vervoer" not in names
        places = db.session.scalar(select(func.count()).select_from(Municipality))
        assert (
            db.session.scalar(select(func.count()).where(Logo.organisation_id.is_(None))) == places
        )
        assert db.session.scalar(select(func.count()).where(Logo.organisation_id.is_not(None)))
        shared = db.session.scalars(select(NetworkOrganisation)).all()
        assert shared
        for identity in shared:
            members = db.session.scalars(
                select(Organisation.municipality_id).where(
                    Organisation.network_organisation_id == identity.id
                )
            ).all()
            assert len(set(members)) >= 2
        assert db.session.scalar(select(func.count()).where(Meeting.kind == "actiedag"))
        assert db.session.scalar(select(func.count()).where(Meeting.kind == "netwerkmoment"))
