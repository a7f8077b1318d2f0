"""The rounding every published count goes through (webapp/disclosure.py)."""

import random

from webapp import disclosure


def test_a_base_cell_rounds_to_a_neighbouring_multiple_and_zero_stays_zero():
    for count in range(60):
        value = disclosure.rounded(count, ("cel", count))
        assert value % 5 == 0
        assert count - 4 <= value <= count + 4
    assert disclosure.rounded(0, ("cel",)) == 0
    assert disclosure.rounded(35, ("cel",)) == 35


def test_the_same_cell_always_reads_the_same_and_rounding_is_unbiased():
    assert disclosure.rounded(7, ("gent", "2026-03")) == disclosure.rounded(7, ("gent", "2026-03"))
    ups = sum(disclosure.rounded(2, ("cel", n)) == 5 for n in range(5000))
    assert 1700 < ups < 2300  # 2 is rounded up with a chance of 2/5


def test_a_partition_adds_up_to_its_rounded_total_part_by_part():
    rng = random.Random(3)
    for n in range(500):
        parts = {key: rng.choice((0, 0, 1, 2, 3, 4, 6, 9, 13)) for key in "abcde"}
        identity = ("cel", n)
        published = disclosure.rounded_partition(parts, identity)
        assert sum(published.values()) == disclosure.rounded(sum(parts.values()), identity)
        for key, value in published.items():
            assert value % 5 == 0 and parts[key] - 4 <= value <= parts[key] + 4
            assert parts[key] or not value


def test_shown_and_share_read_only_published_counts():
    assert disclosure.shown(0) is None and disclosure.shown(15) == 15
    assert disclosure.share(5, 20) == 25.0 and disclosure.share(5, 0) is None
