"""Lists in pages: the page asked for, the rows of one page, and how many pages there are.

The pager under a list is `_macros/pager.html`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import abort, request, url_for
from sqlalchemy import DateTime, Select, func, literal, select, tuple_

from webapp.extensions import db

PAGE_SIZE = 20
MAX_PAGE = 100_000


def requested_page() -> int | None:
    """The `pagina` query argument, or None when it is no page number."""
    page = request.args.get("pagina", "1")
    if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= MAX_PAGE:
        return None
    return int(page)


def page_number() -> int:
    """The `pagina` query argument; 400 when it is no page number."""
    page = requested_page()
    if page is None:
        abort(400)
    return page


def count_rows(query: Select) -> int:
    """How many rows a query gives."""
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """At least one page, also for an empty list."""
    return max(1, -(-total // size))


def one_page(query: Select, page: int, size: int = PAGE_SIZE) -> Select:
    """The query limited to the rows of page `page` (counted from 1)."""
    return query.limit(size).offset((page - 1) * size)


@dataclass(frozen=True)
class Page:
    """The rows of one page of a list, and what the pager needs to know."""

    items: list
    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return page_count(self.total, self.size)


def paginate(query: Select, number: int, *, order_by, options=(), size: int = PAGE_SIZE) -> Page:
    """Count the rows of `query` and load those of page `number`, in the given order."""
    total = count_rows(query)
    items = db.session.scalars(one_page(query.options(*options).order_by(*order_by), number, size))
    return Page(list(items), number, total, size)


# --- Keyset pagination -------------------------------------------------------------------------
#
# OFFSET makes the database walk every row before the page: page 2,000 of 100,000 signals reads
# 40,000 rows. A long list therefore pages by the key of its order: "next" carries the key of a
# page's last row (`na`), "previous" the key of its first (`voor`), and the database seeks
# straight to it in the order's index. The first pages keep their numbers (`pagina=N`, cheap
# with OFFSET, and the links people bookmarked); from page KEYSET_FROM_PAGE on the links carry a
# cursor. A cursor reads "<page>.<key>.<key>...", integers only: the page number it shows and
# the order's values of the row it starts from (times as microseconds since 1970, UTC).

KEYSET_FROM_PAGE = 6  # pages 1 to 5 keep their numbers
AFTER, BEFORE = "na", "voor"
POSITION_ARGS = ("pagina", AFTER, BEFORE)  # the query arguments that say where a list is
MAX_KEY = 2**63 - 1
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class KeyOrder:
    """A list's order: columns all ascending or all descending, the last one unique (the id)."""

    columns: tuple
    descending: bool

    def order_by(self, reverse: bool = False) -> list:
        down = self.descending != reverse
        return [column.desc() if down else column.asc() for column in self.columns]

    def key(self, row) -> tuple:
        return tuple(getattr(row, column.key) for column in self.columns)

    def beyond(self, key: tuple, reverse: bool = False):
        """The rows that come after `key` in this order (before it with `reverse`)."""
        row = tuple_(*self.columns)
        values = tuple_(*(literal(v, c.type) for c, v in zip(self.columns, key, strict=True)))
        return row < values if self.descending != reverse else row > values

    def encode(self, number: int, key: tuple) -> str:
        return ".".join([str(number), *map(_encode_value, key)])

    def decode(self, cursor: str) -> tuple[int, tuple] | None:
        """The page number and key a cursor holds; None when it is none of this order's."""
        parts = cursor.split(".")
        if len(parts) != len(self.columns) + 1 or len(cursor) > 100:
            return None
        if not all(p.isascii() and p.isdigit() and int(p) <= MAX_KEY for p in parts):
            return None
        number = int(parts[0])
        if not 1 < number <= MAX_PAGE:
            return None
        try:
            key = tuple(
                EPOCH + int(p) * MICROSECOND if _is_time(c) else int(p)
                for c, p in zip(self.columns, parts[1:], strict=True)
            )
        except OverflowError:  # a time past the year 9999
            return None
        return number, key


def _is_time(column) -> bool:
    column_type = column.type
    return isinstance(getattr(column_type, "impl", column_type), DateTime)


def _encode_value(value) -> str:
    if isinstance(value, datetime):
        return str((value - EPOCH) // MICROSECOND)
    return str(value)


@dataclass(frozen=True)
class Position:
    """The page asked for: by number, or by the cursor of the row before (or after) it."""

    number: int = 1
    after: tuple | None = None
    before: tuple | None = None


def requested_position(order: KeyOrder) -> Position | None:
    """The page the query arguments ask for; None when `pagina`, `na` or `voor` is malformed."""
    after, before = request.args.get(AFTER), request.args.get(BEFORE)
    if after is not None and before is not None:
        return None
    cursor = after if after is not None else before
    if cursor is None:
        number = requested_page()
        return None if number is None else Position(number)
    decoded = order.decode(cursor)
    if decoded is None:
        return None
    number, key = decoded
    return Position(number, after=key) if after is not None else Position(number, before=key)


@dataclass(frozen=True)
class KeysetPage:
    """The rows of one page, and the query arguments (without the filters) of the pages the
    pager links to: None for a link it does not show."""

    items: list
    number: int
    pages: int | None  # None when the list was not counted to its end
    here: dict  # asks for this page again (an address bar, the way back after a bulk change)
    first: dict | None
    previous: dict | None
    next: dict | None
    numbers: list[int]  # the numbered pages shown, all below KEYSET_FROM_PAGE

    def url(self, endpoint: str, filters: dict, link: dict | int) -> str:
        """The address of a linked page (`first`, `previous`, `next` or a number) of the list
        under `filters`."""
        if isinstance(link, int):
            link = {"pagina": link} if link > 1 else {}
        return url_for(endpoint, **link, **filters)


def keyset_page(
    query: Select,
    order: KeyOrder,
    position: Position,
    *,
    size: int | None = None,
    options=(),
    total: int | None = None,
    load=None,
) -> KeysetPage:
    """Load one page of `query` in `order`, and the links to its neighbours.

    `total`, when the caller counted the rows, gives the number of pages. A "previous" cursor
    that finds less than a page before it (rows were removed since) gives the first page.
    """
    size = size or PAGE_SIZE
    _load = load or _rows  # `load`: how to read rows, for a query of columns, not models
    query = query.options(*options)
    number, here = position.number, {"pagina": position.number} if position.number > 1 else {}
    if position.after is not None:
        here = {AFTER: order.encode(number, position.after)}
        rows = _load(query.where(order.beyond(position.after)).order_by(*order.order_by()), size)
        items, more = rows[:size], len(rows) > size
    elif position.before is not None:
        here = {BEFORE: order.encode(number, position.before)}
        earlier = query.where(order.beyond(position.before, reverse=True))
        rows = _load(earlier.order_by(*order.order_by(reverse=True)), size)
        items, more = rows[size - 1 :: -1], True
        if len(rows) <= size:
            number, here = 1, {}
            rows = _load(query.order_by(*order.order_by()), size)
            items, more = rows[:size], len(rows) > size
    elif total is not None and (number - 1) * size >= total:
        items, more = [], False  # past the end: nothing to read
    else:
        rows = _load(query.order_by(*order.order_by()).offset((number - 1) * size), size)
        items, more = rows[:size], len(rows) > size
    pages = None if total is None else page_count(total, size)
    return KeysetPage(
        items=items,
        number=number,
        pages=pages,
        here=here,
        first={} if number > 2 else None,
        previous=_neighbour(order, number - 1, items[:1], BEFORE) if number > 1 else None,
        next=_neighbour(order, number + 1, items[-1:], AFTER) if more else None,
        numbers=_numbers(pages),
    )


def _rows(query: Select, size: int) -> list:
    """A page of rows and, if there is one, the first row beyond it."""
    return list(db.session.scalars(query.limit(size + 1)))


def _neighbour(order: KeyOrder, number: int, edge: list, direction: str) -> dict:
    """The arguments of page `number`, next to the row in `edge` (none: the first page)."""
    if number < KEYSET_FROM_PAGE:
        return {"pagina": number}
    if not edge:
        return {}
    return {direction: order.encode(number, order.key(edge[0]))}


def _numbers(pages: int | None) -> list[int]:
    """The first pages by number, when the list has more than two."""
    last = KEYSET_FROM_PAGE - 1 if pages is None else min(pages, KEYSET_FROM_PAGE - 1)
    return list(range(1, last + 1)) if pages is None or pages > 2 else []
