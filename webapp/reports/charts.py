"""Charts drawn on the server as inline SVG: no chart library reaches the browser.

Each chart has a title and a description for screen readers, and the page shows its data table
right below it. A suppressed count is drawn as an outlined bar up to the threshold, labelled
"< 5": the chart never shows more than the table.
"""

from markupsafe import Markup, escape

from webapp.reports.tables import Table


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _describe(table: Table, column: int, threshold: int) -> str:
    parts = []
    for row in table.rows:
        value = row[column]
        if value is None:
            shown = f"minder dan {threshold}"
        elif isinstance(value, int):
            shown = _number(value)
        else:
            shown = str(value)
        parts.append(f"{row[0]}: {shown}")
    return "; ".join(parts)


def _scaled(rows, column: int, threshold: int) -> tuple[list[int], int]:
    """The length of each bar (a suppressed count reaches the threshold) and the longest."""
    values = [row[column] if isinstance(row[column], int) else threshold for row in rows]
    return values, max([*values, threshold, 1])


def _svg_head(table: Table, column: int, threshold: int, width, height, title: str) -> str:
    """The opening of a chart: its size, and the title and description screen readers read."""
    ident = f"grafiek-{table.key}"
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-titel {ident}-uitleg">'
        f'<title id="{ident}-titel">{escape(title)}</title>'
        f'<desc id="{ident}-uitleg">{escape(_describe(table, column, threshold))}</desc>'
    )


def bar_chart(table: Table, column: int, threshold: int) -> Markup:
    """Horizontal bars of one count column, one bar per row."""
    rows = table.rows
    if not rows:
        return Markup("")
    longest = max(len(str(row[0])) for row in rows)
    label_width = min(240, max(80, 7 * longest + 12))
    bar_area, row_height = 260, 24
    width = label_width + bar_area + 70
    height = row_height * len(rows) + 4
    values, top = _scaled(rows, column, threshold)
    title = f"{table.title}: {table.columns[column]}"
    parts = [_svg_head(table, column, threshold, width, height, title)]
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = index * row_height + 2
        bar = max(2, round(bar_area * value / top)) if value else 0
        if isinstance(row[column], int):
            shape_class, shown = "", _number(row[column])
        else:
            shape_class = ' class="low"'
            shown = f"&lt; {threshold}" if row[column] is None else "?"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{escape(row[0])}</text>'
            f'<rect{shape_class} x="{label_width}" y="{y + 4}" width="{bar}" height="14"/>'
            f'<text x="{label_width + bar + 5}" y="{y + 16}">{shown}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(table: Table, column: int, threshold: int) -> Markup:
    """Vertical columns over time, oldest first."""
    rows = table.rows
    if not rows:
        return Markup("")
    slot, chart_height, base = 56, 140, 160
    width, height = slot * len(rows) + 10, base + 24
    values, top = _scaled(rows, column, threshold)
    parts = [_svg_head(table, column, threshold, width, height, table.title)]
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        x = index * slot + 10
        bar = max(2, round(chart_height * value / top)) if value else 0
        shape_class = "" if isinstance(row[column], int) else ' class="low"'
        shown = _number(row[column]) if isinstance(row[column], int) else f"&lt; {threshold}"
        parts.append(
            f'<rect{shape_class} x="{x}" y="{base - bar}" width="{slot - 16}" height="{bar}"/>'
            f'<text x="{x + (slot - 16) / 2}" y="{base - bar - 4}" text-anchor="middle">'
            f"{shown}</text>"
            f'<text x="{x + (slot - 16) / 2}" y="{base + 16}" text-anchor="middle">'
            f"{escape(row[0])}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def cell_text(value, header: str, is_count: bool, threshold: int) -> str:
    """A table cell as people read it: `1.234`, `12,5`, `+3`, or `minder dan 5`."""
    if value is None:
        return f"minder dan {threshold}" if is_count else ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if header == "verschil" and value > 0:
        return f"+{_number(value)}"
    return _number(value)
