"""Lists paged by cursor: rows with ties on their times, and walks through a list's pages by
its pager's links, as a reader without JavaScript follows them."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.html import parse
from webapp.extensions import db
from webapp.models import Municipality, Signal, SignalStatus

BASE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
STATUSES = (SignalStatus.SUBMITTED.value, SignalStatus.IN_PROGRESS.value)


def fill(app, municipality, count: int, organisation_id: int | None = None) -> list[Signal]:
    """`count` signals on five distinct times (with microseconds), so that many share a time
    and a reinforcement count; one in three has no theme. Returned as detached rows."""
    with app.app_context():
        place = db.session.get(Municipality, municipality.id)
        youth = next(t for t in place.themes if t.slug == "jeugd")
        for n in range(count):
            tick = (n * 7) % 5
            db.session.add(
                Signal(
                    municipality=place,
                    idempotency_key=f"keyset-{place.id}-{n}",
                    title=f"Rij {n:03d}",
                    description="Een wachtlijst bij de kinderopvang.",
                    status=STATUSES[n % 2],
                    created_at=BASE + timedelta(hours=tick, microseconds=tick * 123_457),
                    reinforcement_count=n % 3,
                    organisation_id=organisation_id,
                    themes=[youth] if n % 3 else [],
                )
            )
        db.session.commit()
        rows = db.session.scalars(select(Signal).where(Signal.municipality_id == place.id)).all()
        for row in rows:
            row.theme_slugs = {t.slug for t in row.themes}
        db.session.expunge_all()
        return list(rows)


def newest_first(rows) -> list[str]:
    return [r.title for r in sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True)]


def oldest_first(rows) -> list[str]:
    return [r.title for r in sorted(rows, key=lambda r: (r.created_at, r.id))]


def most_reinforced_first(rows) -> list[str]:
    return [
        r.title
        for r in sorted(
            rows, key=lambda r: (r.reinforcement_count, r.created_at, r.id), reverse=True
        )
    ]


def walk(client, url: str, titles, rel: str = "next", headers=None) -> tuple[list, list]:
    """The titles on each page from `url` on, following the `rel` link while there is one;
    and the addresses visited."""
    pages, visited = [], []
    while url is not None:
        assert len(visited) < 50, "the pager goes round in circles"
        response = client.get(url, headers=headers or {})
        assert response.status_code == 200, url
        visited.append(url)
        pages.append(titles(response))
        link = parse(response).find("a", rel=rel)
        url = None if link is None else link.attrs["href"]
    return pages, visited
