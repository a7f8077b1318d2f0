"""What the generator gets from the app, as plain data: the contract between the two sides.

`sites build` (sites/cli.py, a Flask command) hands `sites.builder` a `Source`: the public read
model (webapp/public/reader.py) behind this small interface. The builder and its worker processes
only render what a `Source` gives them, so neither imports Flask nor the app
(tests/sites/test_imports.py).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Place:
    """A municipality whose site may be built, with the app's stale mark (0 when never set)."""

    id: int
    slug: str
    generation: int = 0


@dataclass
class Reading:
    """One municipality's public snapshot, read at one moment, and what its fingerprint covers.

    `snapshot` holds plain values only (it pickles to a worker process); `confirmed` holds, per
    kind and record, the hashes of the texts a head processor confirmed for publication.
    """

    place: Place
    snapshot: dict
    confirmed: dict[str, dict[int, set[str]]] = field(default_factory=dict)


class Source(Protocol):
    def places(self, slugs: list[str] | None) -> list[Place]:
        """The municipalities to consider (all when `slugs` is None), by slug."""

    def read(self, place: Place, now: datetime) -> Reading:
        """The public snapshot of one municipality at `now`."""

    def confirmations_digest(self, reading: Reading) -> str:
        """Changes when a confirmation is given or dropped: the guard's verdict may change."""

    def screen(self, reading: Reading, now: datetime) -> list[str]:
        """Take every record the personal-data guard flags out of the snapshot; one line each."""

    def headline(self, snapshot: dict) -> dict:
        """The few figures the overview site shows for a municipality."""

    def code_digest(self) -> str:
        """Changes when the code that reads or screens the snapshots changes."""

    def end_reading(self) -> None:
        """End the read transaction: a long build must not hold a database snapshot open."""
