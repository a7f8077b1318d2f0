"""Lists in pages: the page asked for, the rows of one page, and how many pages there are.

The pager under a list is `_macros/pager.html`.
"""

from dataclasses import dataclass

from flask import abort, request
from sqlalchemy import Select, func, select

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
