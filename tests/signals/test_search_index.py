"""The search index follows the text in the same transaction, redaction included, and the giver
list stops counting past its cap."""

import pytest
from sqlalchemy import select, text, update

from tests.signals.helpers import parse
from webapp import search
from webapp.extensions import db
from webapp.models import Signal
from webapp.signals import views


def _titles(response) -> list[str]:
    return [h.text() for h in parse(response).by_id("resultaten").find_all("h3")]


def _search(client, town, words: str) -> list[str]:
    return _titles(client.get(town.url("signalen"), query_string={"q": words}))


def _index_rows(app, term: str) -> int:
    """Index entries of a term, read from the index itself, not through the signal table."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            query = "SELECT count(*) FROM signal WHERE search_vector @@ to_tsquery('simple', :t)"
            return db.session.scalar(text(query), {"t": term})
        return db.session.scalar(
            text("SELECT count(*) FROM signal_search WHERE signal_search MATCH :t"), {"t": term}
        )


def test_an_edited_text_is_found_by_its_new_words_only(app, client, login, make, kortrijk):
    signal = make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title="Wachtlijst bij Jansens budgetdienst",
        description="Mevrouw Jansens wacht al maanden.",
    )
    login(kortrijk.giver)
    assert _search(client, kortrijk, "jansens") == ["Wachtlijst bij Jansens budgetdienst"]

    with app.app_context():
        row = db.session.get(Signal, signal.id)
        row.title = "Wachtlijst bij een budgetdienst"
        row.description = "Een inwoner wacht al maanden."
        db.session.commit()

    assert _search(client, kortrijk, "jansens") == []
    assert _search(client, kortrijk, "inwoner") == ["Wachtlijst bij een budgetdienst"]
    assert _index_rows(app, "jansen") == 0


def test_reindex_after_a_bulk_redaction_leaves_no_old_term(app, client, login, make, kortrijk):
    """What the redaction (another branch) does: an UPDATE past the ORM, then `reindex`."""
    signal = make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title="Geen plaats voor Pieters",
        description="Familie Pieters vindt geen woning.",
    )
    with app.app_context():
        db.session.execute(
            update(Signal)
            .where(Signal.id == signal.id)
            .values(title="Geen plaats", description="Een familie vindt geen woning.")
        )
        assert _index_rows(app, "pieter") == 1  # a bulk UPDATE alone leaves the index behind
        search.reindex_signal(db.session.get(Signal, signal.id))
        db.session.commit()

    assert _index_rows(app, "pieter") == 0
    login(kortrijk.giver)
    assert _search(client, kortrijk, "pieters") == []
    assert _search(client, kortrijk, "familie woning") == ["Geen plaats"]


def test_a_deleted_signal_leaves_the_index(app, make, kortrijk):
    signal = make.signal(kortrijk.municipality, kortrijk.giver, title="Uniekwoord in de titel")
    assert _index_rows(app, "uniekwoord") == 1
    with app.app_context():
        db.session.delete(db.session.get(Signal, signal.id))
        db.session.commit()
    assert _index_rows(app, "uniekwoord") == 0


def test_reindex_all_recomputes_every_signal(app, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Tekort aan kinderopvang")
    with app.app_context():
        db.session.execute(update(Signal).values(search_text=""))
        db.session.commit()
        assert search.reindex_all(db.session, Signal) == 1
        db.session.commit()
        stored = db.session.scalar(select(Signal.search_text))
    assert "kinderopvang" in stored.split()
    assert _index_rows(app, "kinderopvang") == 1


def test_the_reindex_command_repairs_the_index(app, make, kortrijk):
    make.signal(kortrijk.municipality, kortrijk.giver, title="Tekort aan kinderopvang")
    with app.app_context():
        db.session.execute(update(Signal).values(search_text=""))
        db.session.commit()

    result = app.test_cli_runner().invoke(args=["search", "reindex"], catch_exceptions=False)

    assert result.output == "1 signalen en 0 fiches opnieuw geïndexeerd.\n"
    assert _index_rows(app, "kinderopvang") == 1


@pytest.fixture
def five(make, kortrijk):
    return [make.signal(kortrijk.municipality, kortrijk.giver, title=f"Nr {n}") for n in range(5)]


def test_the_list_stops_counting_past_its_cap(client, login, kortrijk, five, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    assert parse(response).find("p", role="status").text().startswith("Meer dan 3 signalen.")
    assert len(_titles(response)) == 5


def test_under_the_cap_the_list_counts_exactly(client, login, kortrijk, five, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 5)
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"))

    assert parse(response).find("p", role="status").text().startswith("5 signalen.")


def test_a_search_with_many_matches_pages_them_newest_first(
    client, login, make, kortrijk, monkeypatch
):
    """Past the count cap the list takes another query plan; the answer must not change."""
    for n in range(5):
        make.signal(kortrijk.municipality, kortrijk.giver, title=f"Wachtlijst nummer {n}")
    make.signal(kortrijk.municipality, kortrijk.giver, title="Iets anders")
    monkeypatch.setattr(views, "COUNT_CAP", 2)
    login(kortrijk.giver)

    response = client.get(kortrijk.url("signalen"), query_string={"q": "wachtlijsten"})

    assert _titles(response) == [f"Wachtlijst nummer {n}" for n in range(4, -1, -1)]
    assert parse(response).find("p", role="status").text().startswith("Meer dan 2 signalen")
