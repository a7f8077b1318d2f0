"""Dates and numbers for people: stored in UTC, shown in Europe/Brussels, written in Dutch."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def local(value: str | datetime) -> datetime:
    """A moment (aware datetime or ISO string) in Belgian time."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(BRUSSELS)


def long_date(value: str | date | datetime | None) -> str:
    """`12 maart 2026` for a date, a moment (its Belgian calendar day) or an ISO string."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = local(value).date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def clock(value: str | datetime | None) -> str:
    """The time of day in Brussels, such as `14:00`."""
    return "" if value is None else f"{local(value):%H:%M}"


def long_datetime(value: datetime | None) -> str:
    """`12 maart 2026 om 14:00` in Belgian time."""
    if value is None:
        return ""
    return f"{long_date(value)} om {clock(value)}"


def iso_date(value: str | datetime) -> str:
    """The Belgian calendar date of a moment, for `<time datetime>`."""
    return local(value).date().isoformat()


def local_iso(value: str | datetime) -> str:
    """A moment in Belgian time as a valid `<time datetime>` value."""
    return local(value).isoformat(timespec="minutes")


def when(starts_at: str | datetime, ends_at: str | datetime | None) -> str:
    """`dinsdag 12 maart 2026, 14:00 tot 16:00` in Belgian time."""
    start = local(starts_at)
    text = f"{WEEKDAYS[start.weekday()]} {long_date(start)}, {clock(start)}"
    if ends_at:
        end = local(ends_at)
        text += f" tot {clock(end)}" if end.date() == start.date() else f" tot {long_date(end)}"
    return text


def number(value: int) -> str:
    """`1.234`: thousands separated by a dot, as Flemish readers write them."""
    return f"{value:,}".replace(",", ".")


def count(value: int | None, threshold: int) -> str:
    """A count as people read it: `1.234`, or `minder dan 5` when it is suppressed."""
    return f"minder dan {threshold}" if value is None else number(value)


def moment(value: str | datetime | None) -> str:
    """`7 december 2026 om 16.18` in Belgian time: a moment as a Flemish reader writes it (the
    exports and "Mijn gegevens")."""
    if value is None or value == "":
        return ""
    here = local(value)
    return f"{long_date(here)} om {here:%H.%M}"


SOFT_HYPHEN = "\u00ad"
# A Dutch compound joined by the linking s after -ing, -heid or -teit
# ("samenwerkings|overeenkomst", "gezondheids|zorg") breaks there with a hyphen, in every
# browser: hyphens:auto needs a Dutch dictionary that not every browser ships.
_JOINT = re.compile(r"([a-zà-ÿ]{3}(?:ings|heids|teits))(?=[a-zà-ÿ]{4})", re.IGNORECASE)
_LONG_WORD = re.compile(r"[A-Za-zÀ-ÿ]{14,}")


def breakable(text: str | None) -> str:
    """The text with a soft hyphen at the joints of its long compounds, so that at 320 pixels
    "Samenwerkingsovereenkomst" wraps as "Samenwerkings-" / "overeenkomst" and never mid-word
    without a hyphen. Invisible otherwise; copying the text drops it in most places."""
    if not text:
        return ""
    return _LONG_WORD.sub(lambda word: _JOINT.sub(r"\1" + SOFT_HYPHEN, word.group(0)), text)
