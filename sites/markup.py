"""Turning snapshot values into safe HTML: Dutch numbers and dates, sanitised Markdown, charts.

Everything from the database is escaped (Jinja autoescape) or, for Markdown bodies, rendered and
then cleaned by nh3 with a short allowlist: no scripts, no event handlers, no images (an image is
a request to a third party), no relative links into places that do not exist on the site.
"""

import re
from datetime import date, datetime

import markdown
import nh3
from markupsafe import Markup, escape

from webapp.timefmt import BRUSSELS, MONTHS

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

# What Markdown from the database may become. Headings are shifted below the page's own.
DATA_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
CONTENT_TAGS = DATA_TAGS | {"h1", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])\b")
# A link whose unsafe target nh3 removed: keep its text, drop the empty anchor.
_DEAD_LINK = re.compile(r"<a(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.DOTALL)


def count(value: int | None, threshold: int) -> str:
    """A count as people read it: `1.234`, or `minder dan 5` when it is suppressed."""
    if value is None:
        return f"minder dan {threshold}"
    return f"{value:,}".replace(",", ".")


def _local(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(BRUSSELS)


def long_date(value: str | date | datetime | None) -> str:
    """`12 maart 2026` for a date, a datetime (shown in Belgian time) or an ISO string."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = _local(value).date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def iso_date(value: str | datetime) -> str:
    """The Belgian calendar date of a moment, for `<time datetime>`."""
    return _local(value).date().isoformat()


def local_iso(value: str) -> str:
    """A moment in Belgian time as a valid `<time datetime>` value."""
    return _local(value).isoformat(timespec="minutes")


def when(starts_at: str, ends_at: str | None) -> str:
    """`dinsdag 12 maart 2026, 14:00 tot 16:00` in Belgian time."""
    start = _local(starts_at)
    text = f"{WEEKDAYS[start.weekday()]} {long_date(start)}, {start:%H:%M}"
    if ends_at:
        end = _local(ends_at)
        text += f" tot {end:%H:%M}" if end.date() == start.date() else f" tot {long_date(end)}"
    return text


def _shift_headings(html: str, offset: int) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + offset)}", html)


def _only_safe_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        return value if scheme in SAFE_SCHEMES else None
    return value


_converter = markdown.Markdown(output_format="html")


def to_html(text: str) -> str:
    """Markdown to (not yet sanitised) HTML; one converter per process, reset between texts."""
    return _converter.reset().convert(text)


def markdown_from_data(text: str | None, heading_offset: int = 2) -> Markup:
    """Markdown written in the app (a card summary, an agreement) as clean HTML."""
    if not text:
        return Markup("")
    html = to_html(text)
    html = _shift_headings(html, heading_offset)
    cleaned = nh3.clean(
        html,
        tags=DATA_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        attribute_filter=_only_safe_links,
        url_schemes=SAFE_SCHEMES,
        url_relative="deny",
    )
    return Markup(_DEAD_LINK.sub(r"\1", cleaned))


def clean_content(html: str) -> Markup:
    """HTML that mkdocs made from our own Markdown in content/, sanitised all the same."""
    return Markup(
        nh3.clean(
            html,
            tags=CONTENT_TAGS,
            clean_content_tags={"script", "style"},
            attributes={"a": {"href"}, "h2": {"id"}, "h3": {"id"}, "abbr": {"title"}},
            url_schemes=SAFE_SCHEMES,
        )
    )


def fill(text: str, values: dict[str, str | None]) -> str:
    """Put escaped values from the database into a Markdown text at `{name}`."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(escape(value or "")))
    return text


def bar_chart(rows: list[dict], threshold: int) -> Markup:
    """A horizontal bar chart as inline SVG; the data table beside it is the accessible form.

    A suppressed count is drawn as an outlined bar up to the threshold, labelled `< 5`: the
    chart never shows more than the table.
    """
    # Labels are right-aligned before the bars; about 8 units per character at 13px.
    longest = max((len(row["label"]) for row in rows), default=0)
    label_width = min(230, max(70, 8 * longest + 10))
    bar_area, row_height = 200, 24
    width = label_width + bar_area + 56
    values = [row["count"] if row["count"] is not None else threshold for row in rows]
    top = max(values + [threshold, 1])
    height = row_height * len(rows) + 4
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'aria-hidden="true" focusable="false">'
    ]
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = index * row_height + 2
        bar = max(2, round(bar_area * value / top))
        label = escape(row["label"])
        if row["count"] is None:
            shape = f'<rect class="low" x="{label_width}" y="{y + 4}" width="{bar}" height="14"/>'
            shown = f"&lt; {threshold}"
        else:
            shape = f'<rect x="{label_width}" y="{y + 4}" width="{bar}" height="14"/>'
            shown = count(row["count"], threshold)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{label}</text>{shape}'
            f'<text x="{label_width + bar + 5}" y="{y + 16}">{shown}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
