"""Report periods: a month, a quarter or a year in Brussels time, named as in the URL
(`2026-11`, `2026-k4`, `2026`)."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from common.dutch import BRUSSELS, MONTHS

KINDS = {"maand": 1, "kwartaal": 3, "jaar": 12}
SERIES_LENGTHS = {"maand": 12, "kwartaal": 8, "jaar": 5}  # periods in a report's time series
_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "maand"),
    (re.compile(r"^(\d{4})-k([1-4])$"), "kwartaal"),
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

    @classmethod
    def parse(cls, value: str) -> "Period | None":
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
            return cls(kind, year, 1)
        return None

    @classmethod
    def containing(cls, day: date, kind: str) -> "Period":
        if kind == "maand":
            return cls(kind, day.year, day.month)
        if kind == "kwartaal":
            return cls(kind, day.year, 3 * ((day.month - 1) // 3) + 1)
        return cls(kind, day.year, 1)

    @property
    def length(self) -> int:
        return KINDS[self.kind]

    @property
    def slug(self) -> str:
        if self.kind == "maand":
            return f"{self.year}-{self.month:02d}"
        if self.kind == "kwartaal":
            return f"{self.year}-k{(self.month - 1) // 3 + 1}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == "maand":
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.kind == "kwartaal":
            return f"kwartaal {(self.month - 1) // 3 + 1} van {self.year}"
        return str(self.year)

    @property
    def short_label(self) -> str:
        if self.kind == "maand":
            return f"{MONTHS[self.month - 1][:3]} {self.year}"
        if self.kind == "kwartaal":
            return f"K{(self.month - 1) // 3 + 1} {self.year}"
        return str(self.year)

    @property
    def series_length(self) -> int:
        """How many periods, this one the last, a report's time series shows."""
        return SERIES_LENGTHS[self.kind]

    def shifted(self, periods: int) -> "Period":
        year, month = _shift(self.year, self.month, periods * self.length)
        return Period(self.kind, year, month)

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
        ("kwartaal", "Kwartalen", 8),
        ("maand", "Maanden", 12),
    ):
        current = Period.containing(today, kind)
        periods = [current.shifted(-i) for i in range(count)]
        groups.append((label, [(p.slug, p.label) for p in periods]))
    return groups
