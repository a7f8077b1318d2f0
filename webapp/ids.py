"""Row ids from user input, and the URL converters that bound them."""

from flask import abort

# Larger ids are no row; SQLite could not even compare them (OverflowError, a 500).
MAX_ID = 2**31 - 1
SIGNAL_ID = f"<int(max={MAX_ID}):signal_id>"
CARD_ID = f"<int(max={MAX_ID}):card_id>"
ACTION_ID = f"<int(max={MAX_ID}):action_id>"
MEETING_ID = f"<int(max={MAX_ID}):meeting_id>"


def as_id(value: str) -> int | None:
    """A row id from user input, or None; "²" passes str.isdigit() and 2**70 overflows SQLite."""
    value = value.strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def ids_from(values: list[str]) -> list[int]:
    """Row ids from repeated request fields, in order and without repeats; 400 when malformed."""
    ids = []
    for value in values:
        number = as_id(value)
        if number is None:
            abort(400)
        if number not in ids:
            ids.append(number)
    return ids
