"""Recall, false alarms and speed of the personal-data guard on its Dutch test sets.

    .venv/bin/python bench/privacy_guard.py [-v]

Two sets: the development set (tests/data/privacy_guard_nl.txt), which the guard was tuned on,
and the held-out set (tests/data/privacy_guard_heldout_nl.txt), written before tuning and never
tuned on. A sentence counts as flagged when the guard finds anything in it; -v lists the misses
and false alarms. Import time and memory are measured in a fresh interpreter.
"""

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common.personal_data import names  # noqa: E402
from common.personal_data.guard import scan  # noqa: E402

DATA = ROOT / "tests" / "data"
DEVELOPMENT_SET = DATA / "privacy_guard_nl.txt"
HELD_OUT_SET = DATA / "privacy_guard_heldout_nl.txt"
TEST_SET = DEVELOPMENT_SET

# Measured in a fresh interpreter: what importing the guard adds to a worker.
# Run in a fresh interpreter, once timed and once under tracemalloc (which slows imports down).
_IMPORT_PROBE = """
import sys, time, tracemalloc
sys.path.insert(0, {root!r})
import markupsafe, re, unicodedata, dataclasses, datetime
if {traced}:
    tracemalloc.start()
start = time.perf_counter()
from common.personal_data import guard
guard.scan("Mevrouw Fatima El Amrani woont in de Kerkstraat 12.")
seconds = time.perf_counter() - start
current, peak = tracemalloc.get_traced_memory()
print(seconds, current / 2**20, peak / 2**20)
"""


def labelled_sentences(path: Path = TEST_SET) -> list[tuple[bool, str]]:
    """(holds personal data, sentence) for every "+ " or "- " line of a test set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:2] in ("+ ", "- "):
            rows.append((line[0] == "+", line[2:]))
    return rows


def evaluate(rows: list[tuple[bool, str]]) -> dict:
    """Counts, recall, false-alarm rate and precision, and the sentences the guard got wrong."""
    missed = [text for positive, text in rows if positive and not scan(text)]
    false_alarms = [text for positive, text in rows if not positive and scan(text)]
    positives = sum(positive for positive, _ in rows)
    negatives = len(rows) - positives
    true_positives = positives - len(missed)
    flagged = true_positives + len(false_alarms)
    return {
        "positives": positives,
        "negatives": negatives,
        "recall": true_positives / positives if positives else 1.0,
        "false_alarm_rate": len(false_alarms) / negatives if negatives else 0.0,
        "precision": true_positives / flagged if flagged else 1.0,
        "missed": missed,
        "false_alarms": false_alarms,
    }


def evaluate_without_own_names(rows: list[tuple[bool, str]], known: list[tuple[bool, str]]):
    """evaluate(rows) with every name that occurs in rows but not in known taken out of the
    lexicon: how the guard does on names it has never seen (the held-out set was written by
    the same hand that compiled the lexicon, so its names are likely in it)."""
    words = {names.key(word) for _, text in rows for word in re.findall(r"[^\W\d_]+", text)}
    seen = {names.key(word) for _, text in known for word in re.findall(r"[^\W\d_]+", text)}
    unseen = words - seen
    saved = names.FIRST_NAMES, names.SURNAMES
    names.FIRST_NAMES, names.SURNAMES = saved[0] - unseen, saved[1] - unseen
    names._lookup.cache_clear()
    try:
        result = evaluate(rows)
    finally:
        names.FIRST_NAMES, names.SURNAMES = saved
        names._lookup.cache_clear()
    result["names_taken_out"] = len(unseen & (saved[0] | saved[1]))
    return result


def timings(texts: list[str], rounds: int = 20) -> dict:
    """Milliseconds per text (p50, p95) and per 1,000 characters (p95 over the texts)."""
    per_text, per_kilochar = [], []
    for text in texts:
        best = min(_time_once(text) for _ in range(rounds))
        per_text.append(best * 1000)
        per_kilochar.append(best * 1000 * 1000 / max(len(text), 1))
    long_text = " ".join(texts)[:1000]
    long_best = min(_time_once(long_text) for _ in range(rounds))
    return {
        "p50_ms": statistics.median(per_text),
        "p95_ms": statistics.quantiles(per_text, n=20)[-1],
        "kilochar_ms": long_best * 1000,
        "kilochar_p95_ms": _p95_of_1000_char_texts(texts, rounds),
    }


def _p95_of_1000_char_texts(texts: list[str], rounds: int) -> float:
    """p95 time of 1,000-character texts stitched from the sets in many orders."""
    stitched, pool = [], texts * 3
    for offset in range(0, len(texts), 7):
        stitched.append(" ".join(pool[offset : offset + 40])[:1000])
    durations = [min(_time_once(text) for _ in range(rounds)) * 1000 for text in stitched]
    return statistics.quantiles(durations, n=20)[-1]


def _time_once(text: str) -> float:
    start = time.perf_counter()
    scan(text)
    return time.perf_counter() - start


def import_cost() -> tuple[float, float, float]:
    """(seconds, MB kept, MB at the peak) that importing the guard and a first scan add to a
    fresh interpreter."""
    seconds = min(_probe(traced=False)[0] for _ in range(3))
    _, kept, peak = _probe(traced=True)
    return seconds, kept, peak


def _probe(traced: bool) -> list[float]:
    output = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE.format(root=str(ROOT), traced=traced)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [float(value) for value in output]


def report(name: str, result: dict, verbose: bool) -> None:
    print(
        f"{name}: {result['positives']} with personal data, {result['negatives']} without; "
        f"recall {result['recall']:.3f}, false alarms {result['false_alarm_rate']:.3f} "
        f"(precision {result['precision']:.3f})"
    )
    if verbose:
        for text in result["missed"]:
            print(f"  missed:      {text}")
        for text in result["false_alarms"]:
            print(f"  false alarm: {text} -> {[f.text for f in scan(text)]}")


def main() -> None:
    verbose = "-v" in sys.argv
    development = labelled_sentences(DEVELOPMENT_SET)
    held_out = labelled_sentences(HELD_OUT_SET)
    report("development set", evaluate(development), verbose)
    report("held-out set   ", evaluate(held_out), verbose)
    report("both           ", evaluate(development + held_out), False)
    blind = evaluate_without_own_names(held_out, development)
    report(
        f"held-out set, its {blind['names_taken_out']} names unknown to the lexicon",
        blind,
        verbose,
    )
    speed = timings([text for _, text in development + held_out])
    seconds, megabytes, peak = import_cost()
    print(
        f"time per text: p50 {speed['p50_ms']:.3f} ms, p95 {speed['p95_ms']:.3f} ms; "
        f"per 1,000 characters: p95 {speed['kilochar_p95_ms']:.3f} ms"
    )
    print(
        f"import and first scan: {seconds * 1000:.0f} ms, "
        f"memory added: {megabytes:.1f} MB (peak {peak:.1f} MB)"
    )


if __name__ == "__main__":
    main()
