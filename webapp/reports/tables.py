"""The report as tables: the same tables feed the page, the charts and the exports.

A reader who may not see exact counts (aldermen, the network) reads figures under disclosure
control (webapp/reports/protected.py): multiples of the threshold, a rounded 0 as None, shown
"minder dan N"; a change against the previous period only shows when both counts show.
"""

from dataclasses import dataclass, field

from webapp import disclosure
from webapp.models import SignalStatus
from webapp.reports import figures
from webapp.reports.figures import Scope
from webapp.reports.protected import ProtectedFigures

ORGANISATION_KIND_LABELS = {
    "caw": "CAW",
    "ocmw": "OCMW",
    "youth": "jeugdwerk",
    "school": "onderwijs",
    "els": "eerstelijnszone",
    "vdab": "VDAB",
    "community": "buurtwerk",
    "municipal": "gemeentelijke dienst",
    "other": "andere",
    figures.NO_ORGANISATION: "zonder organisatie (of zonder account)",
}
NOT_SHOWN = "niet getoond"


@dataclass
class Table:
    key: str  # in the URL of its export and the id of its panel
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Columns that hold counts: None there reads "minder dan N".
    count_columns: frozenset[int] = frozenset()
    chart: str | None = None  # "bars" or "line"
    links: dict[int, str] = field(default_factory=dict)  # row index -> card id, for cards


@dataclass
class Report:
    scope: Scope
    exact: bool
    threshold: int
    tables: dict[str, Table]
    feedback_times: dict
    headline: dict


def _change(now, before) -> int | str:
    """The difference with the previous period, shown only when both counts show."""
    if not isinstance(now, int) or not isinstance(before, int):
        return NOT_SHOWN
    return now - before


def _column(values: list[int], exact: bool, threshold: int) -> list:
    return list(values) if exact else [disclosure.shown(v) for v in values]


def _label(dimension: str, key: str) -> str:
    if dimension == "status":
        try:
            return SignalStatus(key).label
        except ValueError:
            return key
    if dimension == "organisation_kind":
        return ORGANISATION_KIND_LABELS.get(key, key)
    return key


def breakdown_table(
    scope: Scope,
    dimension: str,
    key: str,
    title: str,
    heading: str,
    exact: bool,
    threshold: int,
    source=figures,
    network: bool = False,
) -> Table:
    data = source.breakdown(scope, dimension)
    if network and dimension == "theme":
        # The network reads themes in its own vocabulary: renamed themes do not split a row.
        from webapp.network.themes import regroup_rows

        data = regroup_rows(data)
    keys = sorted(data, key=lambda k: (-data[k]["signals"], _label(dimension, k)))
    columns = {
        measure: _column([data[k][measure] for k in keys], exact, threshold)
        for measure in (*figures.MEASURES, "previous")
    }
    rows = []
    for index, k in enumerate(keys):
        now, before = columns["signals"][index], columns["previous"][index]
        rows.append(
            [
                _label(dimension, k),
                now,
                before,
                _change(now, before),
                columns["reinforcements"][index],
                columns["supplements"][index],
            ]
        )
    return Table(
        key,
        title,
        [heading, "signalen", "vorige periode", "verschil", "versterkingen", "aanvullingen"],
        rows,
        count_columns=frozenset({1, 2, 4, 5}),
        chart="bars",
    )


def build(
    scope: Scope, exact: bool, threshold: int, network: bool = False, source=figures
) -> Report:
    """Every table of the report, under disclosure control unless the reader sees exact
    counts. `source` computes the exact figures: webapp.reports.figures from the raw tables
    (the reference), or webapp.reports.summary from the monthly summaries (what the pages
    use); the controlled ones are rounded from the same base cells."""
    if not exact:
        source = ProtectedFigures(scope, threshold, exact_source=source)

    def count(value: int) -> int | None:
        return value if exact else disclosure.shown(value)

    tables: dict[str, Table] = {}
    totals = source.totals(scope)
    overview = Table(
        "overzicht",
        "Overzicht",
        ["", scope.period.label, scope.period.previous.label, "verschil"],
        count_columns=frozenset({1, 2}),
    )
    for measure, label in (
        ("signals", "signalen"),
        ("reinforcements", "versterkingen"),
        ("supplements", "aanvullingen"),
    ):
        now, before = (count(v) for v in totals[measure])
        overview.rows.append([label, now, before, _change(now, before)])
    tables["overzicht"] = overview

    if network:
        tables["gemeenten"] = breakdown_table(
            scope, "municipality", "gemeenten", "Per gemeente", "gemeente", exact, threshold, source
        )
    for dimension, key, title, heading in (
        ("theme", "themas", "Per thema", "thema"),
        ("target_group", "doelgroepen", "Per doelgroep", "doelgroep"),
        ("status", "statussen", "Per status", "status"),
        ("organisation_kind", "organisaties", "Per soort organisatie", "soort organisatie"),
    ):
        tables[key] = breakdown_table(
            scope, dimension, key, title, heading, exact, threshold, source, network
        )

    top = Table(
        "topthemas",
        "Belangrijkste thema's",
        ["plaats", "thema", "signalen"],
        count_columns=frozenset({2}),
    )
    for place, row in enumerate(tables["themas"].rows[:5], start=1):
        top.rows.append([place, row[0], row[1]])
    tables["topthemas"] = top

    points = source.series(scope, count=scope.period.series_length)
    values = _column([v for _, v in points], exact, threshold)
    tables["verloop"] = Table(
        "verloop",
        "Signalen doorheen de tijd",
        ["periode", "signalen"],
        [[p.short_label, v] for (p, _), v in zip(points, values, strict=True)],
        count_columns=frozenset({1}),
        chart="line",
    )

    reached = source.reach(scope)
    total = reached["total"]
    reach = Table(
        "bereik",
        "Wat werd er met de signalen gedaan?",
        ["stap", "signalen", "aandeel (%)"],
        count_columns=frozenset({1}),
    )
    for step, label in (
        ("card", "in een signaalfiche"),
        ("action", "tot een actie"),
        ("meeting", "op een overleg"),
    ):
        part = reached[step]
        if exact:
            share = round(100 * part / total, 1) if total else None
        else:
            share = disclosure.share(part, total)
        reach.rows.append([label, count(part), NOT_SHOWN if share is None else share])
    tables["bereik"] = reach

    times = source.first_feedback_times(scope)
    feedback = Table(
        "terugkoppeling",
        "Tijd tot de eerste terugkoppeling",
        ["maat", "dagen"],
        count_columns=frozenset(),
    )
    feedback.rows = [
        ["mediaan", NOT_SHOWN if times["median_days"] is None else times["median_days"]],
        ["90e percentiel", NOT_SHOWN if times["p90_days"] is None else times["p90_days"]],
    ]
    tables["terugkoppeling"] = feedback

    cards = Table(
        "fiches",
        "Meest versterkte signaalfiches",
        ["signaalfiche", *(["gemeente"] if network else []), "signalen", "versterkingen"],
        count_columns=frozenset({2, 3} if network else {1, 2}),
    )
    for index, (card, place, signals, reinforced) in enumerate(
        source.most_reinforced_cards(scope, published_only=not exact)
    ):
        cards.rows.append(
            [card.title, *([place] if network else []), count(signals), count(reinforced)]
        )
        cards.links[index] = card.id
    tables["fiches"] = cards

    headline = {"signals": overview.rows[0][1], "feedback_count": times["count"]}
    return Report(scope, exact, threshold, tables, times, headline)
