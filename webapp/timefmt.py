"""Dates for people: stored in UTC, shown in Europe/Brussels, written in Dutch."""

from datetime import datetime
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


def local(value: datetime) -> datetime:
    return value.astimezone(BRUSSELS)


def format_date(value: datetime | None) -> str:
    if value is None:
        return ""
    moment = local(value)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    moment = local(value)
    return f"{format_date(value)} om {moment:%H:%M}"
