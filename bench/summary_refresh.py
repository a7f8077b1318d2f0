"""The cost of keeping the report summaries exact, in-process: one status change followed by
the refresh of its municipality, then the report build from the summaries.

Usage:
    .venv/bin/python bench/summary_refresh.py          # SQLite, 100,000 signals
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/summary_refresh.py      # PostgreSQL (a scratch schema)
Options: --signals N, --repetitions N (default 20). Prints p50 and p95 in milliseconds.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from bench._database import scratch_database  # noqa: E402
from bench._server import percentiles  # noqa: E402
from bench.reports import STATUSES, prepare  # noqa: E402
from webapp.models import Signal  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=20)
    args = parser.parse_args()
    with scratch_database("summary-bench.sqlite") as (url, _):
        began = time.perf_counter()
        prepare(url, 1, args.signals)
        print(f"prepared {args.signals} signals in {time.perf_counter() - began:.1f} s")
        refreshes, builds = measure(url, args.repetitions)
    for name, timings in (("change + refresh", refreshes), ("report build", builds)):
        p50, p95 = percentiles(timings)
        print(f"{name:18} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


def measure(url: str, repetitions: int) -> tuple[list[float], list[float]]:
    from webapp import create_app
    from webapp.extensions import db
    from webapp.reports import summary, tables
    from webapp.reports.figures import Scope
    from webapp.reports.periods import Period

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-only-secret"})
    rng = random.Random(5)
    refreshes, builds = [], []
    with app.app_context():
        ids = list(
            db.session.scalars(
                select(Signal.id).where(Signal.created_at >= datetime(2026, 1, 1, tzinfo=UTC))
            )
        )
        db.session.commit()
        for _ in range(repetitions):
            began = time.perf_counter()
            signal = db.session.get(Signal, rng.choice(ids))
            signal.status = rng.choice([s for s in STATUSES if s != signal.status])
            db.session.commit()
            summary.refresh((1,))
            refreshes.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            summary.see_latest()
            tables.build(Scope((1,), Period.parse("2026")), True, 5, source=summary)
            db.session.commit()
            builds.append((time.perf_counter() - began) * 1000)
    return refreshes, builds


if __name__ == "__main__":
    sys.exit(main())
