"""The guard on its Dutch test set: floors on precision and recall (figures in the README)."""

from bench.privacy_guard import evaluate, labelled_sentences

PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.9


def test_the_test_set_is_big_enough_and_has_both_kinds():
    rows = labelled_sentences()
    assert sum(positive for positive, _ in rows) >= 80
    assert sum(not positive for positive, _ in rows) >= 80
    assert len({text for _, text in rows}) == len(rows)  # no sentence counted twice


def test_precision_and_recall_stay_above_their_floor():
    result = evaluate(labelled_sentences())
    assert result["precision"] >= PRECISION_FLOOR, result["false_alarms"]
    assert result["recall"] >= RECALL_FLOOR, result["missed"]
