"""How often the similar-signal suggestion puts the same problem first, on two Dutch sets.

    .venv/bin/python bench/similar.py [-v]          (BENCH_DATABASE_URL=... for PostgreSQL)

The development set (tests/data/similar_signals_nl.json), which the ranking is tuned on: each
signal in turn is the draft, the rest of the set the existing signals. The held-out set
(tests/data/similar_heldout_nl.json), written before any tuning and never tuned on: new drafts
against a corpus that holds, for each draft, the signal of the same problem among distractors
in the same words. Printed per set: first right (the first suggestion is the same problem),
different problem first (the first suggestion is another problem; the rest showed nothing), and
recall@5 (the same problem among the five). -v lists the development drafts the ranking got
wrong; --held-out-misses lists the held-out ones (reading them is how a held-out set stops being
one: look only after a change is settled).
"""

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from bench._database import scratch_database  # noqa: E402

DATA = ROOT / "tests" / "data"
DEVELOPMENT_SET = DATA / "similar_signals_nl.json"
HELD_OUT_SET = DATA / "similar_heldout_nl.json"


def development_cases(path: Path = DEVELOPMENT_SET) -> tuple[list[dict], list[tuple[dict, int]]]:
    """(corpus, [(draft, index of the draft in the corpus)]): leave one out over the clusters."""
    corpus = [
        dict(item, problem=cluster["problem"])
        for cluster in json.loads(path.read_text(encoding="utf-8"))["clusters"]
        for item in cluster["signals"]
    ]
    return corpus, [(item, index) for index, item in enumerate(corpus)]


def held_out_cases(path: Path = HELD_OUT_SET) -> tuple[list[dict], list[tuple[dict, None]]]:
    """(corpus, [(draft, None)]): new drafts against the whole corpus."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["signals"], [(query, None) for query in data["queries"]]


def evaluate(municipality, corpus: list[dict], cases: list[tuple[dict, int | None]]) -> dict:
    """Store the corpus in the municipality, then rank for every draft (in an app context)."""
    from webapp.extensions import db
    from webapp.models import Signal
    from webapp.signals.similarity import similar_signals

    themes = {t.slug: t for t in municipality.themes}
    groups = {t.slug: t for t in municipality.target_groups}
    ids = []
    for number, item in enumerate(corpus):
        signal = Signal(
            municipality=municipality,
            idempotency_key=f"similar-{municipality.slug}-{number}",
            title=item["title"],
            description=item["description"],
            themes=[themes[slug] for slug in item["themes"]],
            target_groups=[groups[slug] for slug in item["target_groups"]],
        )
        db.session.add(signal)
        db.session.flush()
        ids.append(signal.id)
    db.session.commit()
    problem_of = {signal_id: corpus[n]["problem"] for n, signal_id in enumerate(ids)}
    first_right = wrong_first = found = 0
    wrong = []
    for draft, own in cases:
        scope = select(Signal).where(Signal.municipality_id == municipality.id)
        if own is not None:
            scope = scope.where(Signal.id != ids[own])
        suggested = similar_signals(
            scope,
            draft["title"],
            draft["description"],
            theme_ids=[themes[slug].id for slug in draft["themes"]],
            target_group_ids=[groups[slug].id for slug in draft["target_groups"]],
        )
        problems = [problem_of[s.id] for s in suggested]
        found += draft["problem"] in problems
        if problems and problems[0] == draft["problem"]:
            first_right += 1
        elif problems:
            wrong_first += 1
            wrong.append(f"{draft['title']} -> first: {suggested[0].title}")
        else:
            wrong.append(f"{draft['title']} -> nothing suggested")
    total = len(cases)
    return {
        "drafts": total,
        "first_right": first_right / total,
        "different_problem_first": wrong_first / total,
        "recall_at_5": found / total,
        "wrong": wrong,
    }


def run(database_url: str) -> dict[str, dict]:
    """Both sets, each in a municipality of its own on a freshly migrated database."""
    from flask_migrate import upgrade

    from webapp import create_app
    from webapp.admin.services import create_municipality
    from webapp.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench-only"})
    results = {}
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        for name, (corpus, cases) in (
            ("development", development_cases()),
            ("held-out", held_out_cases()),
        ):
            municipality = create_municipality(f"bench-{name}", f"Bench {name}")
            db.session.commit()
            results[name] = evaluate(municipality, corpus, cases)
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="development misses")
    parser.add_argument("--held-out-misses", action="store_true", help="held-out misses")
    arguments = parser.parse_args()
    logging.disable(logging.INFO)  # the migrations' progress
    with scratch_database("similar.sqlite") as (url, _):
        results = run(url)
    print(f"{'set':<12} {'drafts':>6} {'first right':>12} {'other first':>12} {'recall@5':>9}")
    for name, result in results.items():
        print(
            f"{name:<12} {result['drafts']:>6} {result['first_right']:>12.3f}"
            f" {result['different_problem_first']:>12.3f} {result['recall_at_5']:>9.3f}"
        )
        if (
            arguments.verbose
            and name == "development"
            or (arguments.held_out_misses and name == "held-out")
        ):
            for line in result["wrong"]:
                print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
