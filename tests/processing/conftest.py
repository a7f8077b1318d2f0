"""A municipality with its processors and givers, for the processing tests."""

from dataclasses import dataclass

import pytest

from tests.conftest import PASSWORD
from tests.factories import Ref
from webapp.extensions import db
from webapp.models import Membership, Role, Signal


@dataclass
class Town:
    municipality: Ref
    caw: Ref
    ocmw: Ref
    head: Ref
    processor: Ref
    giver: Ref
    colleague: Ref
    alderman: Ref

    @property
    def slug(self) -> str:
        return self.municipality.slug

    def url(self, path: str = "") -> str:
        return f"/{self.slug}/{path.lstrip('/')}"

    def inbox(self, query: str = "") -> str:
        return self.url("verwerken") + (f"?{query}" if query else "")

    def handle(self, signal, action: str = "") -> str:
        return self.url(f"verwerken/signalen/{signal.id}" + (f"/{action}" if action else ""))


def _town(make, slug: str, name: str) -> Town:
    municipality = make.municipality(slug=slug, name=name)
    caw = make.organisation(municipality, name=f"CAW {name}")
    ocmw = make.organisation(municipality, name=f"OCMW {name}")
    return Town(
        municipality=municipality,
        caw=caw,
        ocmw=ocmw,
        head=make.user(
            Role.HEAD_PROCESSOR,
            municipality,
            name="Hanne Hoofd",
            email=f"hanne@{slug}.be",
        ),
        processor=make.user(
            Role.PROCESSOR, municipality, name="Pieter Verwerker", email=f"pieter@{slug}.be"
        ),
        giver=make.user(
            Role.GIVER,
            municipality,
            organisation=caw,
            name="Ann Vermeulen",
            email=f"ann@caw-{slug}.be",
        ),
        colleague=make.user(
            Role.GIVER,
            municipality,
            organisation=ocmw,
            name="Chris De Smet",
            email=f"chris@ocmw-{slug}.be",
        ),
        alderman=make.user(
            Role.ALDERMAN, municipality, name="Sofie Schepen", email=f"schepen@{slug}.be"
        ),
    )


@pytest.fixture
def town(make) -> Town:
    return _town(make, "kortrijk", "Kortrijk")


@pytest.fixture
def other_town(make) -> Town:
    return _town(make, "gent", "Gent")


@pytest.fixture
def as_user(app):
    """A logged-in test client of its own for a user (several can be active at once)."""

    def client_for(user):
        client = app.test_client()
        response = client.post(
            "/login",
            data={"email": user.email, "password": PASSWORD},
            follow_redirects=True,  # so that the welcome message is shown, not left waiting
        )
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        assert response.request.path != "/login"
        return client

    return client_for


@pytest.fixture
def update_signal(app):
    """Set columns of a stored signal directly, as the demo data or time would."""

    def update(signal, **values):
        with app.app_context():
            row = db.session.get(Signal, signal.id)
            for name, value in values.items():
                setattr(row, name, value)
            db.session.commit()
            db.session.remove()

    return update


@pytest.fixture
def set_notify(app):
    def choose(user, notify: str, last_digest_at=None):
        with app.app_context():
            for membership in db.session.scalars(db.select(Membership).filter_by(user_id=user.id)):
                membership.notify = notify
                membership.last_digest_at = last_digest_at
            db.session.commit()
            db.session.remove()

    return choose
