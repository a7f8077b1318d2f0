"""The guard on its Dutch test sets: the goals of issue 17 (figures in docs/privacy-guard.md).

The development set is what the guard was tuned on; the held-out set was written before tuning
and is never tuned on, so it tells how the guard does on sentences nobody fitted it to.
"""

import pytest

from bench.privacy_guard import DEVELOPMENT_SET, HELD_OUT_SET, evaluate, labelled_sentences

RECALL_GOAL = 0.97
FALSE_ALARM_GOAL = 0.03


def test_the_sets_are_big_enough_and_apart():
    development = labelled_sentences(DEVELOPMENT_SET)
    held_out = labelled_sentences(HELD_OUT_SET)
    rows = development + held_out
    assert sum(positive for positive, _ in rows) >= 300
    assert sum(not positive for positive, _ in rows) >= 300
    assert sum(positive for positive, _ in held_out) >= 150
    assert sum(not positive for positive, _ in held_out) >= 150
    assert len({text for _, text in rows}) == len(rows)  # no sentence counted twice or in both


@pytest.mark.parametrize("path", [DEVELOPMENT_SET, HELD_OUT_SET], ids=["development", "held-out"])
def test_recall_and_false_alarms_meet_the_goal(path):
    result = evaluate(labelled_sentences(path))
    assert result["recall"] >= RECALL_GOAL, result["missed"]
    assert result["false_alarm_rate"] <= FALSE_ALARM_GOAL, result["false_alarms"]
