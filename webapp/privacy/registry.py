"""Every source of personal data about a user, in one registry: the export, the "Mijn
gegevens" page and the test that walks the models all read it.

A source is one table linked to the user by one column. Each column of that table is either
exported or withheld with a reason (secrets, internal keys); tests/privacy/test_registry.py
fails when a table gains a column that is in neither, or a new table points at a user.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select, union

from webapp.extensions import db
from webapp.models import (
    AccountRequest,
    Action,
    ActionUpdate,
    Agreement,
    AgreementVersion,
    AuditEntry,
    EmailChange,
    Feedback,
    Follow,
    InternalNote,
    Invitation,
    JoinRequest,
    Logo,
    Meeting,
    MeetingInvitation,
    Membership,
    Municipality,
    MunicipalityRequest,
    PasswordReset,
    PolicyDecision,
    PrivacyRequest,
    PrivacyText,
    ProcessorDomain,
    Reinforcement,
    Signal,
    SignalCard,
    SignalReferral,
    StatusChange,
    Supplement,
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
    User,
    UserEngagement,
)
from webapp.models.security import AuthEvent, RecoveryCode, TwoFactor
from webapp.privacy import readable
from webapp.privacy.readable import FIELD_LABELS, MAIL_LABELS  # noqa: F401 (the page's keys)

SECRET = "een geheim (gehasht), nooit getoond"
KEY = "een interne sleutel"


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    model: type
    owner: str | None  # the column that points at the user; None for derived sources
    columns: tuple[str, ...]
    shown_to: str
    withheld: dict[str, str] = field(default_factory=dict)
    query: Callable | None = None  # for derived sources: user -> Select

    def __post_init__(self):
        # The row's id and the column pointing at the user are internal keys wherever the table
        # has them and they are not exported: said once here instead of in every source.
        table = self.model.__table__.columns.keys()
        keys = [name for name in ("id", self.owner) if name in table and name not in self.columns]
        object.__setattr__(self, "withheld", {**dict.fromkeys(keys, KEY), **self.withheld})

    def select_for(self, user: User):
        if self.query is not None:
            return self.query(user)
        model = self.model
        return select(model).where(getattr(model, self.owner) == user.id).order_by(model.id)


def _feedback_received(user: User):
    """Feedback on the signals the user gave or follows: it reached them."""
    # One set of signal ids, looked up in the index on feedback.signal_id: an OR of the two
    # conditions made the databases read every signal.
    theirs = union(
        select(Signal.id).where(Signal.submitted_by_id == user.id),
        select(Follow.signal_id).where(Follow.user_id == user.id),
    )
    return select(Feedback).where(Feedback.signal_id.in_(theirs)).order_by(Feedback.id)


GIVERS_SEE = "de signaalgevers en verwerkers van de gemeente"
PROCESSORS_SEE = "de signaalverwerkers van de gemeente"

SOURCES: tuple[Source, ...] = (
    Source(
        "profiel",
        "Profiel",
        User,
        "id",
        (
            "id",
            "name",
            "email",
            "organisation_id",
            "active",
            "processing_restricted",
            "erased_at",
            "last_login_at",
            "created_at",
        ),
        "naam, organisatie en e-mailadres: " + GIVERS_SEE + ", bij je bijdragen",
        withheld={"password_hash": SECRET, "session_generation": KEY},
    ),
    Source(
        "lidmaatschappen",
        "Rollen en toestemmingen",
        Membership,
        "user_id",
        (
            "municipality_id",
            "role",
            "notify",
            "last_digest_at",
            "status_mail",
            "last_status_digest_at",
            "privacy_consent_version",
            "privacy_consent_at",
            "created_at",
        ),
        PROCESSORS_SEE,
    ),
    Source(
        "signalen",
        "Signalen die je gaf",
        Signal,
        "submitted_by_id",
        (
            "id",
            "reference",
            "municipality_id",
            "title",
            "description",
            "tried",
            "ideas",
            "status",
            "organisation_id",
            "contact_email",
            "personal_data_confirmed",
            "assignee_id",
            "domain_id",
            "reinforcement_count",
            "created_at",
            "updated_at",
        ),
        GIVERS_SEE,
        withheld={
            "idempotency_key": KEY,
            "search_text": "zoektermen afgeleid van titel en beschrijving, die hierboven staan",
        },
    ),
    Source(
        "toegewezen",
        "Signalen die je verwerkt",
        Signal,
        "assignee_id",
        ("id", "reference", "municipality_id", "status"),
        PROCESSORS_SEE,
        withheld={
            name: "staat bij het signaal; niet over jou"
            for name in (
                "title",
                "description",
                "tried",
                "ideas",
                "submitted_by_id",
                "organisation_id",
                "contact_email",
                "personal_data_confirmed",
                "idempotency_key",
                "assignee_id",
                "domain_id",
                "reinforcement_count",
                "search_text",
                "created_at",
                "updated_at",
            )
        },
    ),
    Source(
        "gevolgd",
        "Signalen die je volgt",
        Follow,
        "user_id",
        ("signal_id", "created_at"),
        GIVERS_SEE,
    ),
    Source(
        "versterkingen",
        "Versterkingen",
        Reinforcement,
        "user_id",
        ("signal_id", "organisation_id", "context", "created_at"),
        GIVERS_SEE,
    ),
    Source(
        "aanvullingen",
        "Aanvullingen",
        Supplement,
        "user_id",
        ("signal_id", "organisation_id", "body", "created_at"),
        GIVERS_SEE,
        withheld={"idempotency_key": KEY},
    ),
    Source(
        "terugkoppeling_ontvangen",
        "Terugkoppeling die je kreeg",
        Feedback,
        None,
        ("signal_id", "body", "created_at"),
        "de gever en de volgers van het signaal",
        withheld={"author_id": "de verwerker die ze gaf; niet over jou"},
        query=_feedback_received,
    ),
    Source(
        "terugkoppeling_gegeven",
        "Terugkoppeling die je gaf",
        Feedback,
        "author_id",
        ("signal_id", "body", "created_at"),
        "de gever en de volgers van het signaal",
    ),
    Source(
        "statuswijzigingen",
        "Statuswijzigingen door jou",
        StatusChange,
        "changed_by_id",
        ("signal_id", "from_status", "to_status", "note", "created_at"),
        GIVERS_SEE,
    ),
    Source(
        "notities",
        "Interne notities",
        InternalNote,
        "author_id",
        ("signal_id", "body", "created_at"),
        PROCESSORS_SEE,
    ),
    Source(
        "fiches",
        "Signaalfiches die je maakte",
        SignalCard,
        "created_by_id",
        ("id", "title", "published", "created_at"),
        "de leden van de gemeente; gepubliceerde fiches iedereen (zonder je naam)",
        withheld={
            name: "de fiche zelf; niet over jou"
            for name in (
                "municipality_id",
                "summary",
                "search_text",
                "public_status",
                "priority",
                "published_at",
                "created_by_id",
                "updated_at",
            )
        },
    ),
    Source(
        "actievoortgang",
        "Voortgang bij acties",
        ActionUpdate,
        "author_id",
        ("action_id", "happened_on", "body", "created_at"),
        "de leden van de gemeente",
    ),
    Source(
        "logboek",
        "Logboek: wijzigingen door jou",
        AuditEntry,
        "actor_id",
        ("municipality_id", "action", "subject_type", "subject_id", "summary", "created_at"),
        "de hoofdsignaalverwerker",
    ),
    Source(
        "uitnodigingen",
        "Uitnodigingen die je stuurde",
        Invitation,
        "invited_by_id",
        (
            "municipality_id",
            "email",
            "role",
            "organisation_id",
            "expires_at",
            "used_at",
            "revoked_at",
            "created_at",
        ),
        PROCESSORS_SEE,
        withheld={"token_hash": SECRET},
    ),
    Source(
        "wachtwoordherstel",
        "Aanvragen om je wachtwoord te herstellen",
        PasswordReset,
        "user_id",
        ("expires_at", "used_at", "created_at"),
        "niemand",
        withheld={"token_hash": SECRET},
    ),
    Source(
        "adreswijzigingen",
        "Wijzigingen van je e-mailadres",
        EmailChange,
        "user_id",
        ("new_email", "expires_at", "used_at", "created_at"),
        "niemand",
        withheld={"token_hash": SECRET},
    ),
    Source(
        "engagementen",
        "Waartoe je bereid bent (engagementen)",
        UserEngagement,
        "user_id",
        ("municipality_id", "kind", "created_at"),
        PROCESSORS_SEE,
    ),
    Source(
        "uitnodigingen-bijeenkomsten",
        "Uitnodigingen voor bijeenkomsten en je antwoord",
        MeetingInvitation,
        "user_id",
        ("meeting_id", "answer", "answered_at", "created_at"),
        PROCESSORS_SEE,
        withheld={"invited_by_id": KEY},
    ),
    Source(
        "uitnodigingen-bijeenkomsten-verstuurd",
        "Uitnodigingen voor bijeenkomsten die je verstuurde",
        MeetingInvitation,
        "invited_by_id",
        ("meeting_id", "created_at"),
        PROCESSORS_SEE,
        withheld={
            "user_id": "de genodigde; niet over jou",
            "answer": "het antwoord van de genodigde; niet over jou",
            "answered_at": "het antwoord van de genodigde; niet over jou",
        },
    ),
    Source(
        "overeenkomstversies",
        "Versies van overeenkomsten die je bewaarde",
        AgreementVersion,
        "author_id",
        ("agreement_id", "number", "title", "status", "engagement", "note", "created_at"),
        PROCESSORS_SEE,
        withheld={
            "body": "de tekst van de overeenkomst, niet over jou",
        },
    ),
    Source(
        "privacyteksten",
        "Versies van de privacyverklaring die je schreef",
        PrivacyText,
        "author_id",
        ("municipality_id", "kind", "version", "created_at"),
        "iedereen (de gepubliceerde versie)",
        withheld={
            "body": "de tekst van de verklaring, niet over jou",
            "fields_json": "de onderdelen van de verklaring, niet over jou",
        },
    ),
    Source(
        "aanvragen-beslist",
        "Aanvragen om mee te werken waarover je besliste",
        JoinRequest,
        "decided_by_id",
        ("municipality_id", "organisation_name", "status", "decision_message", "decided_at"),
        PROCESSORS_SEE,
        withheld={
            "idempotency_key": KEY,
            "kind": "over de organisatie, niet over jou",
            "website": "over de organisatie, niet over jou",
            "contact_name": "de contactpersoon van de organisatie, niet over jou",
            "contact_email": "de contactpersoon van de organisatie, niet over jou",
            "engagement": "over de organisatie, niet over jou",
            "message": "het bericht van de organisatie, niet over jou",
            "organisation_id": KEY,
            "agreement_id": KEY,
            "created_at": "wanneer de organisatie het vroeg",
        },
    ),
    Source(
        "bovenlokale-dossiers",
        "Bovenlokale dossiers die je opende",
        SupralocalFile,
        "created_by_id",
        ("title", "status", "created_at"),
        "het netwerk en de verwerkers van de betrokken gemeenten",
        withheld={
            "idempotency_key": KEY,
            "summary": "de samenvatting van het dossier, niet over jou",
            "updated_at": "wanneer het dossier wijzigde",
        },
    ),
    Source(
        "bovenlokale-doorverwijzingen",
        "Signaalfiches die je bovenlokaal doorverwees",
        SupralocalReferral,
        "referred_by_id",
        ("card_id", "motivation", "file_id", "created_at"),
        "het netwerk en de verwerkers van de betrokken gemeenten",
        query=lambda user: (
            select(SupralocalReferral)
            .where(SupralocalReferral.referred_by_id == user.id)
            .order_by(SupralocalReferral.created_at)
        ),
    ),
    Source(
        "bovenlokale-terugkoppeling",
        "Terugkoppeling die je gaf op bovenlokale dossiers",
        SupralocalFeedback,
        "author_id",
        ("file_id", "body", "created_at"),
        "het netwerk, de verwerkers van de betrokken gemeenten en de publieke signaalfiche",
    ),
    # Issue 21: decisions recorded, referrals made, policy domains followed.
    Source(
        "beslissingen",
        "Beleidsbeslissingen die je invoerde",
        PolicyDecision,
        "created_by_id",
        ("card_id", "meeting_id", "decided_on", "taken_by", "created_at"),
        "de leden van de gemeente; bij een gepubliceerde fiche iedereen (zonder je naam)",
        withheld={
            "municipality_id": KEY,
            "body": "de tekst van de beslissing, niet over jou",
            "plan_goal": "het doel van het meerjarenplan, niet over jou",
            "link": "de link bij de beslissing, niet over jou",
        },
    ),
    Source(
        "doorverwijzingen",
        "Signalen die je doorverwees naar een organisatie",
        SignalReferral,
        "referred_by_id",
        ("signal_id", "organisation_id", "created_at"),
        PROCESSORS_SEE,
        query=lambda user: (
            select(SignalReferral)
            .where(SignalReferral.referred_by_id == user.id)
            .order_by(SignalReferral.created_at)
        ),
    ),
    Source(
        "beleidsdomeinen",
        "Beleidsdomeinen die je volgt",
        ProcessorDomain,
        "user_id",
        ("theme_id",),
        "niemand: alleen jij ziet welke domeinen je volgt",
        query=lambda user: (
            select(ProcessorDomain)
            .where(ProcessorDomain.user_id == user.id)
            .order_by(ProcessorDomain.theme_id)
        ),
    ),
    # Issue 10: authentication events and the second factor.
    Source(
        "aanmeldingen",
        "Aanmeldingen en beveiliging",
        AuthEvent,
        "user_id",
        ("kind", "address", "detail", "created_at"),
        "niemand: het beveiligingslogboek",
        withheld={"email": "het e-mailadres van je account (Profiel)"},
    ),
    Source(
        "tweestapsverificatie",
        "Tweestapsverificatie",
        TwoFactor,
        "user_id",
        ("enabled_at",),
        "niemand",
        withheld={"secret": SECRET, "last_step": KEY},
        query=lambda user: select(TwoFactor).where(TwoFactor.user_id == user.id),
    ),
    Source(
        "herstelcodes",
        "Herstelcodes",
        RecoveryCode,
        "user_id",
        ("used_at",),
        "niemand",
        withheld={"code_hash": SECRET},
    ),
    # Issue 21: logos uploaded, account requests decided, municipalities' requests handled.
    Source(
        "logos",
        "Logo's die je oplaadde",
        Logo,
        "uploaded_by_id",
        ("municipality_id", "organisation_id", "content_type", "width", "height", "uploaded_at"),
        "iedereen: een logo staat op de publieke site (zonder je naam)",
        withheld={
            "owner": KEY,
            "size": "de grootte van het bestand, niet over jou",
            "sha256": "een vingerafdruk van het bestand, niet over jou",
            "data": "het beeld zelf, niet over jou",
        },
    ),
    Source(
        "accountaanvragen_beslist",
        "Aanvragen voor een account waarover je besliste",
        AccountRequest,
        "decided_by_id",
        ("municipality_id", "status", "decision_message", "decided_at"),
        "de hoofdsignaalverwerkers van de gemeente en wie de aanvraag deed",
        withheld={
            name: "staat bij de aanvraag van iemand anders; niet over jou"
            for name in (
                "idempotency_key",
                "name",
                "email",
                "organisation_name",
                "job",
                "message",
                "invitation_id",
                "created_at",
            )
        },
    ),
    Source(
        "gemeenteaanvragen_behandeld",
        "Aanvragen van gemeenten die je behandelde",
        MunicipalityRequest,
        "handled_by_id",
        ("municipality_name", "handled_at"),
        "de coördinatoren van het netwerk",
        withheld={
            name: "staat bij de aanvraag van een gemeente; niet over jou"
            for name in (
                "idempotency_key",
                "contact_name",
                "contact_email",
                "job",
                "message",
                "created_at",
            )
        },
    ),
    Source(
        "privacyverzoeken",
        "Privacyverzoeken",
        PrivacyRequest,
        "user_id",
        (
            "municipality_id",
            "kind",
            "detail",
            "received_on",
            "deadline",
            "state",
            "restricts",
            "outcome",
            "answer",
            "answered_at",
            "created_at",
        ),
        "de hoofdsignaalverwerkers van de gemeente, in het register van privacyverzoeken",
        withheld={
            "handled_by_id": "wie het verzoek behandelde: een medewerker van de gemeente",
            "created_by_id": "wie het verzoek in het register zette",
            "reminded_at": "een herinnering aan de hoofdsignaalverwerkers; niet over jou",
        },
    ),
    Source(
        "privacyverzoeken_behandeld",
        "Privacyverzoeken die je behandelde",
        PrivacyRequest,
        "handled_by_id",
        ("municipality_id", "kind", "state", "answered_at"),
        "de hoofdsignaalverwerkers van de gemeente",
        withheld={
            name: "staat bij het verzoek; niet over jou"
            for name in (
                "user_id",
                "detail",
                "received_on",
                "deadline",
                "restricts",
                "outcome",
                "answer",
                "created_by_id",
                "reminded_at",
                "created_at",
            )
        },
    ),
    Source(
        "privacyverzoeken_ingeschreven",
        "Privacyverzoeken die je in het register zette",
        PrivacyRequest,
        "created_by_id",
        ("municipality_id", "kind", "created_at"),
        "de hoofdsignaalverwerkers van de gemeente",
        withheld={
            name: "staat bij het verzoek; niet over jou"
            for name in (
                "user_id",
                "detail",
                "received_on",
                "deadline",
                "state",
                "restricts",
                "outcome",
                "answer",
                "answered_at",
                "handled_by_id",
                "reminded_at",
            )
        },
    ),
)

# Sources of e-mails sent to a user: each takes the user and returns rows (dicts). The mail
# outbox (branch h10) registers itself here; without one, sent mail is not recorded.
MAIL_SOURCES: list[Callable[[User, Municipality | None], list[dict]]] = []


def _raw_rows(source: Source, statement) -> list[dict]:
    # The exported columns only, as plain rows: a giver of some years has thousands of rows,
    # and building a model instance for each took seconds (bench/scale.py).
    columns = [getattr(source.model, name) for name in source.columns]
    rows = db.session.execute(statement.with_only_columns(*columns))
    return [dict(zip(source.columns, row, strict=True)) for row in rows]


# How a row of a source belongs to a municipality: its own column, or the record it hangs on.
_PARENTS = {
    "signal_id": Signal,
    "action_id": Action,
    "meeting_id": Meeting,
    "agreement_id": Agreement,
    "card_id": SignalCard,
}


def _within(source: Source, statement, municipality: Municipality | None):
    """The statement limited to one municipality's part: what a head processor of that
    municipality may see of a person who may also belong elsewhere. None when the source is
    the person's account (login events, second factor) or the network's and so no one
    municipality's."""
    if municipality is None or source.model is User:
        return statement
    columns = source.model.__table__.columns
    if "municipality_id" in columns:
        return statement.where(source.model.municipality_id == municipality.id)
    for name, parent in _PARENTS.items():
        if name in columns:
            ids = select(parent.id).where(parent.municipality_id == municipality.id)
            return statement.where(getattr(source.model, name).in_(ids))
    return None


def _account_shown(user: User, municipality: Municipality | None) -> bool:
    """The account's own records (not of any municipality) go to the person, and to a head
    processor only when the person belongs to no other municipality."""
    if municipality is None:
        return True
    others = select(Membership.id).where(
        Membership.user_id == user.id, Membership.municipality_id != municipality.id
    )
    return db.session.scalar(select(func.count()).select_from(others.subquery())) == 0


def _statements(user: User, municipality: Municipality | None):
    account = _account_shown(user, municipality)
    for source in SOURCES:
        statement = _within(source, source.select_for(user), municipality)
        if statement is None and account:
            statement = source.select_for(user)
        yield source, statement


def overview(
    user: User, shown: int, municipality: Municipality | None = None
) -> list[tuple[Source, int, list[dict]]]:
    """Per source: how many rows it holds about the user, and the first `shown` of them in
    Dutch (the page; the download has them all). With `municipality`, only that
    municipality's part (a head processor acting for the person)."""
    found = []
    for source, statement in _statements(user, municipality):
        if statement is None:
            found.append((source, 0, []))
            continue
        count = db.session.scalar(statement.order_by(None).with_only_columns(func.count()))
        found.append((source, count, _raw_rows(source, statement.limit(shown))))
    names = readable.Names({source.key: rows for source, _, rows in found})
    return [
        (source, count, [readable.row(user, source.key, raw, names) for raw in rows])
        for source, count, rows in found
    ]


def mails(user: User, municipality: Municipality | None = None) -> list[dict]:
    """The mail sent to the user (of `municipality` only, when given), in Dutch."""
    return [readable.mail(row) for source in MAIL_SOURCES for row in source(user, municipality)]


def collect(user: User, municipality: Municipality | None = None) -> dict[str, list[dict]]:
    """Everything the database holds about the user, per source, in Dutch (keys, codes,
    dates, names for numbers: webapp/privacy/readable.py); with `municipality`, only that
    municipality's part."""
    raw = {
        source.key: [] if statement is None else _raw_rows(source, statement)
        for source, statement in _statements(user, municipality)
    }
    names = readable.Names(raw)
    data = {
        key: [readable.row(user, key, values, names) for values in rows]
        for key, rows in raw.items()
    }
    data["e-mails"] = mails(user, municipality)
    return data
