"""Turning snapshot values into safe HTML for the microsites: placeholders and charts.

Everything from the database is escaped (Jinja autoescape) or, for Markdown bodies, rendered and
cleaned by the one sanitiser in common/markdown.py. Dutch dates and numbers come from
common/dutch.py.
"""

from markupsafe import Markup, escape

from common.dutch import count
from common.markdown import render_markdown


def markdown_from_data(text: str | None, heading_offset: int = 2) -> Markup:
    """Markdown written in the app (a card summary, an agreement) below the page's headings."""
    return render_markdown(text, heading_offset)


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
