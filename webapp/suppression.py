"""Small counts hidden from aldermen and the network: a count below the municipality's
threshold reads "minder dan N", and cannot be recovered by subtracting from a total."""

from collections.abc import Sequence

DEFAULT_THRESHOLD = 5
# A cell hidden only so that a small one cannot be worked out from the total.
HIDDEN = "niet getoond"


def is_small(value: int | None, threshold: int) -> bool:
    """A count that could point at a person: 1 up to the threshold (0 points at nobody)."""
    return value is not None and 0 < value < threshold


def suppress(value: int | None, threshold: int) -> int | None:
    """The count, or None when it is small."""
    return None if value is None or is_small(value, threshold) else value


def suppress_cells(values: Sequence[int], threshold: int) -> list[int | str | None]:
    """A column of counts that adds up to a shown total, small cells as None.

    When only one cell would be hidden, the total minus the others would give it away: the
    smallest other non-zero cell is hidden with it (complementary suppression).
    """
    cells: list[int | str | None] = [suppress(v, threshold) for v in values]
    hidden = [i for i, cell in enumerate(cells) if cell is None]
    if len(hidden) == 1:
        others = [i for i, cell in enumerate(cells) if cell]
        if others:
            cells[min(others, key=lambda i: values[i])] = HIDDEN
    return cells


def suppress_share(part: int, whole: int, threshold: int) -> float | None:
    """A share in percent, or None when the part or the rest is small (or the whole is)."""
    if whole == 0:
        return None
    if is_small(whole, threshold) or is_small(part, threshold):
        return None
    if is_small(whole - part, threshold):
        return None
    return round(100 * part / whole, 1)
