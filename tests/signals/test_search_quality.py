"""How well the one search finds things, on the database under test (run on both).

tests/data/similar_signals_nl.json holds clusters of Dutch signals that a processor would call
one problem, written differently. Each signal in turn is the draft; the suggestion should show
a signal of its own cluster among its five (recall@5) and should seldom put a signal of another
problem first. tests/data/search_queries_nl.json holds typed searches and the titles they must
find in that same set: the same answers on SQLite and PostgreSQL.
"""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.signals.helpers import parse
from webapp import access, search
from webapp.extensions import db
from webapp.models import Municipality, Signal, User
from webapp.signals.similarity import similar_signals

DATA = Path(__file__).resolve().parent.parent / "data"
CLUSTERS = json.loads((DATA / "similar_signals_nl.json").read_text(encoding="utf-8"))["clusters"]
QUERIES = json.loads((DATA / "search_queries_nl.json").read_text(encoding="utf-8"))["queries"]


@pytest.fixture
def corpus(app, make):
    """Every signal of the evaluation set in one municipality: {signal id: cluster number}."""
    place = make.municipality(slug="evalstad", name="Evalstad")
    giver = make.user(municipality=place)
    clusters = {}
    with app.app_context():
        municipality = db.session.get(Municipality, place.id)
        themes = {t.slug: t for t in municipality.themes}
        groups = {t.slug: t for t in municipality.target_groups}
        for number, cluster in enumerate(CLUSTERS):
            for item in cluster["signals"]:
                signal = Signal(
                    municipality=municipality,
                    idempotency_key=f"eval-{len(clusters)}",
                    title=item["title"],
                    description=item["description"],
                    themes=[themes[slug] for slug in item["themes"]],
                    target_groups=[groups[slug] for slug in item["target_groups"]],
                )
                db.session.add(signal)
                db.session.flush()
                clusters[signal.id] = number
        db.session.commit()
    return place, giver, clusters


def evaluate(app, corpus) -> tuple[float, float, list[str]]:
    """recall@5, the share of drafts with another problem first, and the misses."""
    place, giver, clusters = corpus
    found = wrong_first = 0
    misses = []
    with app.app_context():
        municipality = db.session.get(Municipality, place.id)
        user = db.session.get(User, giver.id)
        for signal_id, cluster in clusters.items():
            draft = db.session.get(Signal, signal_id)
            scope = access.visible_signals(user, municipality).where(Signal.id != signal_id)
            suggested = similar_signals(
                scope,
                draft.title,
                draft.description,
                theme_ids=[t.id for t in draft.themes],
                target_group_ids=[t.id for t in draft.target_groups],
            )
            if any(clusters[s.id] == cluster for s in suggested):
                found += 1
            else:
                misses.append(draft.title)
            if suggested and clusters[suggested[0].id] != cluster:
                wrong_first += 1
                misses.append(f"{draft.title} -> first: {suggested[0].title}")
    return found / len(clusters), wrong_first / len(clusters), misses


def test_the_evaluation_set_is_big_enough():
    assert len(CLUSTERS) >= 20
    assert all(len(cluster["signals"]) >= 3 for cluster in CLUSTERS)


def test_suggestions_find_the_same_problem_in_other_words(app, corpus):
    recall, wrong_first, misses = evaluate(app, corpus)
    print(f"\nrecall@5 {recall:.3f}, different problem first {wrong_first:.3f}")
    assert recall >= 0.9, misses
    assert wrong_first <= 0.05, misses


def test_the_evaluation_can_fail(app, corpus, monkeypatch):
    """Guards the test above: without synonyms and stems the paraphrases are missed."""
    monkeypatch.setattr(search, "SYNONYMS", {})
    monkeypatch.setattr(search, "stem", lambda word: word)
    search.concepts_of.cache_clear()
    try:
        with app.app_context():
            for signal in db.session.scalars(select(Signal)):
                search.reindex(signal)
            db.session.commit()
        recall, _, _ = evaluate(app, corpus)
    finally:
        search.concepts_of.cache_clear()
    assert recall < 0.9


@pytest.mark.parametrize("case", QUERIES, ids=[case["q"] for case in QUERIES])
def test_typed_searches_find_the_same_signals_on_every_database(client, login, corpus, case):
    place, giver, _ = corpus
    login(giver)

    response = client.get(f"/{place.slug}/signalen", query_string={"q": case["q"]})

    assert response.status_code == 200
    shown = [h.text() for h in parse(response).by_id("resultaten").find_all("h3")]
    assert sorted(shown) == sorted(case["titles"])


def test_the_held_out_set_is_big_and_has_distractors():
    from bench.similar import held_out_cases

    corpus, cases = held_out_cases()
    problems = {item["problem"] for item in corpus}
    assert len(cases) >= 60
    assert all(draft["problem"] in problems for draft, _ in cases)
    assert sum(item["problem"] == "-" for item in corpus) >= 20
    assert not any(draft["problem"] == "-" for draft, _ in cases)


def test_the_held_out_figures_do_not_get_worse(app, make):
    """The figures docs/search.md reports for the held-out set (never tuned on), kept as a floor
    on both databases; the goal (first right >= 0.9) is not reached yet."""
    from bench.similar import evaluate as evaluate_set
    from bench.similar import held_out_cases

    place = make.municipality(slug="heldoutstad", name="Heldoutstad")
    with app.app_context():
        result = evaluate_set(db.session.get(Municipality, place.id), *held_out_cases())
    assert result["drafts"] >= 60
    assert result["first_right"] >= 0.75
    assert result["different_problem_first"] <= 0.18
    assert result["recall_at_5"] >= 0.84
