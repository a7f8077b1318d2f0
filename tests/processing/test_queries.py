"""The inbox costs the same number of queries whatever the number of rows on a page (no N+1)."""

import contextlib

import pytest
from sqlalchemy import event

from tests.signals.helpers import HTMX, parse
from webapp.extensions import db
from webapp.models import Role, Signal, Theme


@contextlib.contextmanager
def counted(app):
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _fill(app, make, rows: int, slug: str):
    """A municipality with `rows` signals, each with every relation a row shows filled in."""
    municipality = make.municipality(slug=slug)
    head = make.user(Role.HEAD_PROCESSOR, municipality)
    processor = make.user(Role.PROCESSOR, municipality)
    for number in range(rows):
        organisation = make.organisation(municipality)
        giver = make.user(Role.GIVER, municipality, organisation=organisation)
        signal = make.signal(municipality, giver, title=f"Wachtlijst nummer {number}")
        with app.app_context():
            row = db.session.get(Signal, signal.id)
            row.assignee_id = processor.id
            row.domain = db.session.scalars(
                db.select(Theme).filter_by(municipality_id=municipality.id, slug="jeugd")
            ).one()
            row.reinforcement_count = number
            db.session.commit()
            db.session.remove()
    return municipality, head, processor


@pytest.mark.parametrize(
    "query",
    ["", "q=wachtlijst&sort=meest-versterkt", "theme=jeugd&status=submitted&assignee={processor}"],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_inbox_query_count_does_not_grow_with_the_rows(app, make, as_user, query, headers):
    counts = {}
    for rows in (5, 25):
        municipality, head, processor = _fill(app, make, rows, slug=f"rijen-{rows}")
        client = as_user(head)
        url = f"/{municipality.slug}/verwerken?{query.format(processor=processor.id)}"
        client.get(url, headers=headers)  # warm up: templates compiled, pool filled
        with counted(app) as statements:
            response = client.get(url, headers=headers)
        assert response.status_code == 200
        shown = parse(response).by_id("resultaten").find_all("li", class_="card")
        assert len(shown) == rows
        counts[rows] = len(statements)

    assert counts[5] == counts[25], counts
    assert counts[25] <= 14, counts
