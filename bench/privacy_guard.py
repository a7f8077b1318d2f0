"""Precision and recall of the personal-data guard on its Dutch test set.

    .venv/bin/python bench/privacy_guard.py [-v]

A sentence counts as flagged when the guard finds anything in it; -v lists the misses.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.personal_data.guard import scan  # noqa: E402

TEST_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "privacy_guard_nl.txt"


def labelled_sentences(path: Path = TEST_SET) -> list[tuple[bool, str]]:
    """(holds personal data, sentence) for every "+ " or "- " line of the test set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:2] in ("+ ", "- "):
            rows.append((line[0] == "+", line[2:]))
    return rows


def evaluate(rows: list[tuple[bool, str]]) -> dict:
    """Counts, precision and recall, and the sentences the guard got wrong."""
    missed = [text for positive, text in rows if positive and not scan(text)]
    false_alarms = [text for positive, text in rows if not positive and scan(text)]
    positives = sum(positive for positive, _ in rows)
    true_positives = positives - len(missed)
    flagged = true_positives + len(false_alarms)
    return {
        "positives": positives,
        "negatives": len(rows) - positives,
        "precision": true_positives / flagged if flagged else 1.0,
        "recall": true_positives / positives if positives else 1.0,
        "missed": missed,
        "false_alarms": false_alarms,
    }


def main() -> None:
    result = evaluate(labelled_sentences())
    print(f"sentences: {result['positives']} with personal data, {result['negatives']} without")
    print(f"precision: {result['precision']:.3f}")
    print(f"recall:    {result['recall']:.3f}")
    if "-v" in sys.argv:
        for text in result["missed"]:
            print(f"missed:      {text}")
        for text in result["false_alarms"]:
            print(f"false alarm: {text} -> {[f.text for f in scan(text)]}")


if __name__ == "__main__":
    main()
