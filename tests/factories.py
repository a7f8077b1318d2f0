"""Factories that commit real rows and hand back detached, loaded objects."""

import itertools
from dataclasses import dataclass

from webapp.admin.services import create_municipality
from webapp.auth.services import create_user
from webapp.extensions import db
from webapp.models import Municipality, Organisation, Role, Signal, SignalStatus, StatusChange

_counter = itertools.count(1)


@dataclass
class Ref:
    """What a test needs of a row, readable after its session is gone."""

    id: int
    slug: str | None = None
    email: str | None = None
    name: str | None = None
    reference: str | None = None
    organisation_id: int | None = None


class Factory:
    def __init__(self, app):
        self.app = app

    def municipality(self, slug: str | None = None, name: str | None = None) -> Ref:
        number = next(_counter)
        slug = slug or f"gemeente-{number}"
        with self.app.app_context():
            municipality = create_municipality(
                slug, name or f"Gemeente {number}", contact_email=f"signaal@{slug}.be"
            )
            db.session.commit()
            return Ref(municipality.id, slug=municipality.slug, name=municipality.name)

    def organisation(self, municipality: Ref, name: str | None = None) -> Ref:
        with self.app.app_context():
            organisation = Organisation(
                municipality_id=municipality.id, name=name or f"Organisatie {next(_counter)}"
            )
            db.session.add(organisation)
            db.session.commit()
            return Ref(organisation.id, name=organisation.name)

    def user(
        self,
        role: Role = Role.GIVER,
        municipality: Ref | None = None,
        name: str | None = None,
        email: str | None = None,
        organisation: Ref | None = None,
        password: str = "correct-horse-battery",
    ) -> Ref:
        number = next(_counter)
        with self.app.app_context():
            place = db.session.get(Municipality, municipality.id) if municipality else None
            org = db.session.get(Organisation, organisation.id) if organisation else None
            user = create_user(
                email or f"persoon{number}@example.org",
                name or f"Persoon {number}",
                role,
                place,
                organisation=org,
                password=password,
            )
            db.session.commit()
            return Ref(user.id, email=user.email, name=user.name, organisation_id=org and org.id)

    def signal(
        self,
        municipality: Ref,
        giver: Ref | None = None,
        title: str = "Te weinig betaalbare kinderopvang",
        description: str = "Gezinnen vinden geen plaats in de kinderopvang na de schooluren.",
        status: SignalStatus = SignalStatus.SUBMITTED,
        contact_email: str | None = None,
        themes: tuple[str, ...] = ("jeugd",),
    ) -> Ref:
        with self.app.app_context():
            place = db.session.get(Municipality, municipality.id)
            signal = Signal(
                municipality=place,
                idempotency_key=f"factory-{next(_counter)}",
                title=title,
                description=description,
                submitted_by_id=giver.id if giver else None,
                organisation_id=giver.organisation_id if giver else None,
                contact_email=contact_email,
                status=status.value,
                themes=[t for t in place.themes if t.slug in themes],
                target_groups=place.target_groups[:1],
            )
            signal.history.append(StatusChange(to_status=status.value))
            db.session.add(signal)
            db.session.commit()
            return Ref(signal.id, reference=signal.reference, name=signal.title)
