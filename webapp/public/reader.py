"""The public read model as the generator's `Source` (sites/source.py): plain data out.

`sites build` runs in the app (a Flask command) and hands a `PublicSource` to `sites.builder`,
which only renders what it reads here: snapshots, the guard's verdict, headline figures.
"""

from datetime import datetime

from sites.source import Place, Reading
from webapp.models import Municipality
from webapp.public import guard
from webapp.public.snapshot import (
    DEFAULT_THRESHOLD,
    collect,
    end_reading,
    generations,
    headline,
    site_municipalities,
)


class PublicSource:
    """Reads through the app's database session: use it inside an application context."""

    def __init__(self, threshold: int = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self.municipalities: dict[int, Municipality] = {}

    def places(self, slugs: list[str] | None) -> list[Place]:
        municipalities = site_municipalities(slugs)
        self.municipalities = {m.id: m for m in municipalities}
        marks = generations([m.id for m in municipalities] if slugs is not None else None)
        return [Place(m.id, m.slug, marks.get(m.id, 0)) for m in municipalities]

    def read(self, place: Place, now: datetime) -> Reading:
        municipality = self.municipalities[place.id]
        snapshot = collect(municipality, now, self.threshold)
        return Reading(place, snapshot, guard.confirmations(municipality))

    def confirmations_digest(self, reading: Reading) -> str:
        return guard.digest(reading.confirmed)

    def screen(self, reading: Reading, now: datetime) -> list[str]:
        municipality = self.municipalities[reading.place.id]
        return guard.withhold_flagged(reading.snapshot, municipality, now, reading.confirmed)

    def headline(self, snapshot: dict) -> dict:
        return headline(snapshot)

    def code_digest(self) -> str:
        return guard.code_digest()

    def end_reading(self) -> None:
        end_reading()
