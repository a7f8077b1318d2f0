"""The export holds every personal field the database holds about a user: walking the models,
every table that points at a user must be a source, and each of its columns exported or
withheld for a stated reason."""

from webapp.extensions import db
from webapp.models import User
from webapp.privacy.registry import SOURCES


def _user_links() -> set[tuple[str, str]]:
    """(table, column) of every column that points at a user, plus the user's own row."""
    links = {(User.__tablename__, "id")}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == User.__tablename__ for fk in column.foreign_keys):
                links.add((table.name, column.name))
    return links


def test_every_column_that_points_at_a_user_is_a_source_of_the_export(app):
    sources = {(s.model.__tablename__, s.owner) for s in SOURCES if s.owner}
    assert _user_links() - sources == set(), "personal data without an entry in the registry"


def test_every_column_of_a_source_is_exported_or_withheld_with_a_reason(app):
    for source in SOURCES:
        table = source.model.__table__
        names = {column.name for column in table.columns}
        listed = set(source.columns) | set(source.withheld)
        assert names - listed == set(), f"{source.key}: columns in neither list"
        assert listed - names == set(), f"{source.key}: columns that do not exist"
        assert not set(source.columns) & set(source.withheld), source.key
        assert all(reason.strip() for reason in source.withheld.values())


def test_a_mail_outbox_adds_the_mails_sent_to_the_user(app, make, monkeypatch):
    """The hook for the mail outbox: registered sources fill the export's "e-mails"."""
    from webapp.privacy import registry

    place = make.municipality()
    person = make.user(municipality=place)
    sent = {
        "to": person.email,
        "subject": "Terugkoppeling op je signaal",
        "sent_at": "2026-11-30T15:18:00+00:00",
    }
    monkeypatch.setattr(
        registry, "MAIL_SOURCES", [lambda user, _place: [sent] if user.id == person.id else []]
    )
    with app.app_context():
        data = registry.collect(db.session.get(User, person.id))
    assert data["e-mails"] == [
        {
            "aan": person.email,
            "onderwerp": "Terugkoppeling op je signaal",
            "verstuurd op": "30 november 2026 om 16.18",
        }
    ]
