"""Factories that commit real rows and hand back detached, loaded objects."""

import itertools
from dataclasses import dataclass
from datetime import timedelta

from webapp.admin.services import create_municipality
from webapp.auth.services import create_user
from webapp.extensions import db
from webapp.models import (
    Action,
    Agreement,
    AgreementStatus,
    Engagement,
    Invitation,
    JoinRequest,
    Meeting,
    MeetingKind,
    Municipality,
    Organisation,
    Role,
    Signal,
    SignalCard,
    SignalStatus,
    StatusChange,
    utcnow,
)
from webapp.models.user import hash_token

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

    def agreement(
        self,
        municipality: Ref,
        organisation: Ref,
        engagement: Engagement = Engagement.OWN_STAFF,
        status: AgreementStatus = AgreementStatus.ACTIVE,
        grants: tuple[str, ...] = (),
    ) -> Ref:
        """`grants`: what the agreement lets its processors manage ("cards", "actions",
        "meetings")."""
        with self.app.app_context():
            agreement = Agreement(
                municipality_id=municipality.id,
                organisation_id=organisation.id,
                engagement=int(engagement),
                status=status.value,
                title=f"Samenwerkingsovereenkomst {next(_counter)}",
                **{f"grants_{area}": True for area in grants},
            )
            db.session.add(agreement)
            db.session.commit()
            return Ref(agreement.id)

    def card(
        self,
        municipality: Ref,
        title: str = "Wachtlijsten in de kinderopvang",
        published: bool = False,
        signals: tuple[Ref, ...] = (),
    ) -> Ref:
        with self.app.app_context():
            card = SignalCard(
                municipality_id=municipality.id,
                title=title,
                summary="Verschillende signalen over **lange wachtlijsten**.",
                published=published,
                published_at=utcnow() if published else None,
                signals=[db.session.get(Signal, ref.id) for ref in signals],
            )
            db.session.add(card)
            db.session.commit()
            return Ref(card.id, name=card.title)

    def action(
        self, municipality: Ref, title: str = "Extra inloopmoment", public: bool = False
    ) -> Ref:
        with self.app.app_context():
            action = Action(
                municipality_id=municipality.id,
                title=title,
                description="Een wekelijks inloopmoment.",
                is_public=public,
            )
            db.session.add(action)
            db.session.commit()
            return Ref(action.id, name=action.title)

    def meeting(
        self,
        municipality: Ref,
        title: str = "Eerstelijnsoverleg",
        public: bool = False,
        days_ahead: int = 14,
        kind: MeetingKind = MeetingKind.CONSULTATION,
    ) -> Ref:
        with self.app.app_context():
            starts = utcnow().replace(microsecond=0) + timedelta(days=days_ahead)
            meeting = Meeting(
                municipality_id=municipality.id,
                kind=kind.value,
                title=title,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Stadhuis, zaal 1",
                description="Overleg met de eerste lijn.",
                is_public=public,
            )
            db.session.add(meeting)
            db.session.commit()
            return Ref(meeting.id, name=meeting.title)

    def join_request(
        self,
        municipality: Ref,
        organisation_name: str = "Buurtwerk De Brug",
        engagement: Engagement | None = Engagement.OWN_STAFF,
        contact_email: str = "contact@debrug.example.org",
    ) -> Ref:
        with self.app.app_context():
            join_request = JoinRequest(
                municipality_id=municipality.id,
                idempotency_key=f"factory-join-{next(_counter)}",
                organisation_name=organisation_name,
                kind="other",
                contact_name="Dirk De Brug",
                contact_email=contact_email,
                engagement=int(engagement) if engagement else 0,
                message="Wij willen graag meewerken.",
            )
            db.session.add(join_request)
            db.session.commit()
            return Ref(join_request.id, name=join_request.organisation_name)

    def invitation(
        self,
        municipality: Ref,
        email: str | None = None,
        role: Role = Role.GIVER,
        days: int = 7,
        token: str | None = None,
    ) -> Ref:
        """An invitation that expires in `days` (negative: expired); no mail is sent."""
        with self.app.app_context():
            invitation = Invitation(
                municipality_id=municipality.id,
                email=email or f"genodigde{next(_counter)}@example.org",
                role=role.value,
                token_hash=hash_token(token or f"token-{next(_counter)}"),
                expires_at=utcnow() + timedelta(days=days),
            )
            db.session.add(invitation)
            db.session.commit()
            return Ref(invitation.id, email=invitation.email)

    def theme_id(self, municipality: Ref, slug: str = "jeugd") -> int:
        """The id of one of the municipality's default themes."""
        from webapp.models import Theme

        with self.app.app_context():
            return db.session.scalars(
                db.select(Theme.id).filter_by(municipality_id=municipality.id, slug=slug)
            ).one()
