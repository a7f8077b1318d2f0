"""Disclosure control: every count that an alderman, the network or a visitor of a microsite
reads passes through here (docs/disclosure-control.md explains the method and its cost).

Method: keyed unbiased rounding of base cells, with published figures as sums of them.
- A base cell is the count of one municipality, one calendar month (Brussels) and one group of
  signals (all of them, or those with a theme, a target group, ...), or one card's count.
- `rounded` rounds a base cell to a multiple of the base: down or up, with an offset taken from
  a keyed hash of the cell's identity, so the same cell always reads the same and a count
  k above a multiple is rounded up with chance k/base (unbiased). Zero stays zero.
- `rounded_partition` rounds the parts of a base cell (its statuses, its kinds of
  organisation) by cumulative sums with the same offset: each part is rounded down or up to a
  multiple of the base and the parts add up to exactly the rounded cell.
- Everything published over several months or municipalities is the sum of rounded base
  cells, never the rounding of an exact sum: a year equals its quarters and months, the
  network equals its municipalities, and no published figure says more than the base cells do.

Whoever knows every published figure (and even the key) knows of each base cell only a range
of at least two values that holds its true value, so no count of 1 to 4 signals can be pinned.
"""

import hmac
from functools import lru_cache

BASE = 5


def _key() -> bytes:
    # The key only keeps the rounding direction unpredictable over time; the ranges that the
    # docs prove hold with the key known too.
    from flask import current_app, has_app_context

    if has_app_context():
        secret = current_app.config.get("DISCLOSURE_KEY") or current_app.config.get("SECRET_KEY")
        if secret:
            return str(secret).encode()
    return b"lokaal-signaal-disclosure"


def _digest(*identity) -> int:
    return _keyed(_key(), repr(identity).encode())


@lru_cache(maxsize=65_536)
def _keyed(key: bytes, message: bytes) -> int:
    """A microsite or a report asks for the same cells again and again: each is hashed once."""
    return int.from_bytes(hmac.digest(key, message, "sha256")[:8], "big")


def offset(identity: tuple, base: int = BASE) -> int:
    """The cell's offset in 0..base-1: a count is rounded up when its remainder plus the offset
    reaches the base."""
    return _digest("offset", identity) % base


def rounded(count: int, identity: tuple, base: int = BASE) -> int:
    """One base cell rounded to a multiple of `base` (0 stays 0)."""
    if count <= 0:
        return 0
    return base * ((count + offset(identity, base)) // base)


def rounded_partition(parts: dict, identity: tuple, base: int = BASE) -> dict:
    """The parts of the base cell `identity` rounded so that they add up to `rounded(sum)`:
    cumulative sums in a keyed order, each rounded with the cell's offset. Each part ends up at
    the multiple of `base` just below or just above it; a zero part stays zero."""
    shift = offset(identity, base)
    published, cumulative, before = {}, 0, 0
    for key in sorted(parts, key=lambda k: (_digest("order", identity, k), str(k))):
        cumulative += max(parts[key], 0)
        after = base * ((cumulative + shift) // base) if cumulative else 0
        published[key] = after - before
        before = after
    return published


def shown(value: int) -> int | None:
    """A published count as the pages read it: a rounded 0 is 'minder dan <base>' (None)."""
    return value or None


def share(part: int, whole: int) -> float | None:
    """A share in percent of two published counts (None when the whole reads 0)."""
    return round(100 * part / whole, 1) if whole else None
