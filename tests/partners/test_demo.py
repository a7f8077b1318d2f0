"""Demo partnerships: every engagement, agreements in every state with their history, join
requests waiting, and demo organisation processors who see exactly their scope."""

from sqlalchemy import func, select

from webapp.demo.loader import DEMO_PASSWORD, demo_email, load_demo
from webapp.extensions import db
from webapp.models import (
    Agreement,
    AgreementVersion,
    JoinRequest,
    MeetingInvitation,
    UserEngagement,
)


def _counts(app) -> dict:
    with app.app_context():
        slug_agreements = db.session.scalars(
            select(Agreement)
            .join(Agreement.municipality)
            .where(Agreement.municipality.has(slug="gent"))
        ).all()
        counts = {
            "states": sorted({a.status for a in slug_agreements}),
            "engagements": sorted({a.engagement for a in slug_agreements if a.status == "active"}),
            "unversioned": sum(1 for a in slug_agreements if not a.versions),
            "versions": db.session.scalar(select(func.count()).select_from(AgreementVersion)),
            "engagements_stated": db.session.scalar(
                select(func.count()).select_from(UserEngagement)
            ),
            "answers": sorted(
                {a or "open" for a in db.session.scalars(select(MeetingInvitation.answer))}
            ),
            "pending": db.session.scalar(
                select(func.count()).select_from(JoinRequest).where(JoinRequest.status == "pending")
            ),
        }
        db.session.remove()
        return counts


def _login(app, local: str):
    client = app.test_client()
    response = client.post(
        "/login", data={"email": demo_email(local, "gent"), "password": DEMO_PASSWORD}
    )
    assert response.status_code == 303
    return client


def test_the_demo_holds_every_state_and_loads_once(app):
    with app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()
    first = _counts(app)
    assert first["states"] == ["active", "draft", "ended"]
    assert first["engagements"] == [1, 2, 3, 4]
    assert first["unversioned"] == 0
    assert first["pending"] == 20  # two per demo municipality
    assert first["engagements_stated"] > 0
    assert first["answers"] == ["no", "open", "yes"]

    with app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()
    assert _counts(app) == first

    assert _login(app, "organisatieverwerker-breed").get("/gent/verwerken").status_code == 200
    assert _login(app, "organisatieverwerker-gestopt").get("/gent/verwerken").status_code == 403
    own_staff = _login(app, "organisatieverwerker")
    assert own_staff.get("/gent/verwerken").status_code == 200
    assert own_staff.get("/gent/fiches/nieuw").status_code == 403
    head = _login(app, "hoofdverwerker")
    assert "Jeugdhuis De Sleutel" in head.get("/gent/partners/aanvragen").get_data(as_text=True)
