"""Report periods: a month, a quarter, a half-year, a year, or a range of whole months of one's
own, in Brussels time, named as in the URL (`2026-11`, `2026-k4`, `2026-h1`, `2026`,
`2026-03-tot-2026-08`)."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from common.dutch import BRUSSELS, MONTHS

KINDS = {"maand": 1, "kwartaal": 3, "halfjaar": 6, "jaar": 12}
# Periods in a report's time series; a range of one's own is compared with the range before it.
SERIES_LENGTHS = {"maand": 12, "kwartaal": 8, "halfjaar": 6, "jaar": 5, "bereik": 2}
MAX_RANGE = 120  # months: ten years
_RANGE = re.compile(r"^(\d{4})-(\d{1,2})-tot-(\d{4})-(\d{1,2})$")
_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "maand"),
    (re.compile(r"^(\d{4})-k([1-4])$"), "kwartaal"),
    (re.compile(r"^(\d{4})-h([12])$"), "halfjaar"),
    (re.compile(r"^(\d{4})$"), "jaar"),
)


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    month: int  # first month of the period
    span: int = 0  # months, for a range of one's own ("bereik")

    @classmethod
    def between(cls, first: date, last: date) -> "Period | None":
        """The whole months from `first`'s to `last`'s, both included; None when `last` comes
        first or the range is longer than MAX_RANGE months."""
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        if not 1 <= span <= MAX_RANGE or not 2000 <= first.year <= last.year <= 2100:
            return None
        return cls("bereik", first.year, first.month, span)

    @classmethod
    def parse(cls, value: str) -> "Period | None":
        ranged = _RANGE.match(value.strip().lower())
        if ranged:
            first_year, first_month, last_year, last_month = map(int, ranged.groups())
            if not (1 <= first_month <= 12 and 1 <= last_month <= 12):
                return None
            if not (2000 <= first_year <= 2100 and 2000 <= last_year <= 2100):
                return None
            return cls.between(date(first_year, first_month, 1), date(last_year, last_month, 1))
        for pattern, kind in _PATTERNS:
            match = pattern.match(value.strip().lower())
            if not match:
                continue
            year = int(match.group(1))
            if not 2000 <= year <= 2100:
                return None
            if kind == "maand":
                month = int(match.group(2))
                return cls(kind, year, month) if 1 <= month <= 12 else None
            if kind == "kwartaal":
                return cls(kind, year, 3 * (int(match.group(2)) - 1) + 1)
            if kind == "halfjaar":
                return cls(kind, year, 6 * (int(match.group(2)) - 1) + 1)
            return cls(kind, year, 1)
        return None

    @classmethod
    def containing(cls, day: date, kind: str) -> "Period":
        if kind == "maand":
            return cls(kind, day.year, day.month)
        if kind == "kwartaal":
            return cls(kind, day.year, 3 * ((day.month - 1) // 3) + 1)
        if kind == "halfjaar":
            return cls(kind, day.year, 1 if day.month <= 6 else 7)
        return cls(kind, day.year, 1)

    @property
    def length(self) -> int:
        return self.span if self.kind == "bereik" else KINDS[self.kind]

    @property
    def last_month(self) -> tuple[int, int]:
        """(year, month) of the period's last month."""
        return _shift(self.year, self.month, self.length - 1)

    @property
    def slug(self) -> str:
        if self.kind == "maand":
            return f"{self.year}-{self.month:02d}"
        if self.kind == "kwartaal":
            return f"{self.year}-k{(self.month - 1) // 3 + 1}"
        if self.kind == "halfjaar":
            return f"{self.year}-h{(self.month - 1) // 6 + 1}"
        if self.kind == "bereik":
            last_year, last_month = self.last_month
            return f"{self.year}-{self.month:02d}-tot-{last_year}-{last_month:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == "maand":
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.kind == "kwartaal":
            return f"kwartaal {(self.month - 1) // 3 + 1} van {self.year}"
        if self.kind == "halfjaar":
            half = "eerste" if self.month == 1 else "tweede"
            return f"{half} helft van {self.year}"
        if self.kind == "bereik":
            last_year, last_month = self.last_month
            return (
                f"{MONTHS[self.month - 1]} {self.year} tot en met "
                f"{MONTHS[last_month - 1]} {last_year}"
            )
        return str(self.year)

    @property
    def short_label(self) -> str:
        if self.kind == "maand":
            return f"{MONTHS[self.month - 1][:3]} {self.year}"
        if self.kind == "kwartaal":
            return f"K{(self.month - 1) // 3 + 1} {self.year}"
        if self.kind == "halfjaar":
            return f"H{(self.month - 1) // 6 + 1} {self.year}"
        if self.kind == "bereik":
            last_year, last_month = self.last_month
            return (
                f"{MONTHS[self.month - 1][:3]} {self.year}–{MONTHS[last_month - 1][:3]} {last_year}"
            )
        return str(self.year)

    @property
    def series_length(self) -> int:
        """How many periods, this one the last, a report's time series shows."""
        return SERIES_LENGTHS[self.kind]

    def shifted(self, periods: int) -> "Period":
        year, month = _shift(self.year, self.month, periods * self.length)
        return Period(self.kind, year, month, self.span)

    @property
    def previous(self) -> "Period":
        return self.shifted(-1)

    @property
    def start(self) -> datetime:
        """The first moment, in UTC."""
        local = datetime(self.year, self.month, 1, tzinfo=BRUSSELS)
        return local.astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first moment after the period, in UTC."""
        return self.shifted(1).start


def choices(today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods offered in the filter: recent months, quarters and years, newest first."""
    groups = []
    for kind, label, count in (
        ("jaar", "Jaren", 5),
        ("halfjaar", "Halve jaren", 6),
        ("kwartaal", "Kwartalen", 8),
        ("maand", "Maanden", 12),
    ):
        current = Period.containing(today, kind)
        periods = [current.shifted(-i) for i in range(count)]
        groups.append((label, [(p.slug, p.label) for p in periods]))
    return groups
