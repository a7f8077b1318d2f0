"""An attacker with every download of one role tries to pin a count of 1 to 4 signals.

For worlds with small cells (the issue's own example and seeded random ones) the test reads
what the alderman, the network and an anonymous visitor of the microsites can see, turns every
number into a linear relation on the true counts of base cells (one municipality, one month,
one group of signals), adds what anyone knows of the truth (statuses and kinds of organisation
add up to the total, a theme is never above the total, months add up to quarters and years,
municipalities to the network) and, with a linear program, asks for each cell and each
published group whose true count is 1..4 its smallest and largest possible value. A range
that holds one whole number is a disclosure. docs/disclosure-control.md gives the method.
"""

import csv
import io
import math
import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from sites.builder import build_sites
from tests.factories import Ref
from tests.html import parse
from tests.reports import world
from webapp.models import Role, SignalStatus
from webapp.public.reader import PublicSource
from webapp.reports.figures import NO_ORGANISATION
from webapp.reports.periods import Period
from webapp.reports.summary import month_of
from webapp.reports.tables import ORGANISATION_KIND_LABELS

BASE = 5
YEAR = 2026
MONTHS = [date(y, m, 1) for y in (YEAR - 1, YEAR) for m in range(1, 13)]
STATUS_LABELS = {s.label: s for s in SignalStatus}  # every status a page can list
KIND_LABELS = {ORGANISATION_KIND_LABELS[k or NO_ORGANISATION]: k for k in world.KINDS}
# The tables of a report page that count signals, and what their rows are.
ROW_DIMENSIONS = {
    "statussen": "status",
    "organisaties": "kind",
    "themas": "theme",
    "doelgroepen": "group",
}


def _spec(when: datetime, rng: random.Random) -> world.SignalSpec:
    return world.SignalSpec(
        created_at=when,
        themes=tuple(sorted(rng.sample(world.THEMES, rng.choice((1, 1, 2))))),
        group=rng.choice(world.GROUPS),
        status=rng.choice(world.STATUSES),
        kind=rng.choice(world.KINDS),
        title="Geheim signaal",
    )


def _in_month(month: int, rng: random.Random) -> datetime:
    return datetime(YEAR, month, 3, 10, tzinfo=UTC) + timedelta(hours=rng.randrange(0, 24 * 24))


def issue_world() -> dict[str, list]:
    """Gent: 25 signals, quarters 2, 8, 6, 9 (August holds 3); Kortrijk: one in the first
    quarter."""
    rng = random.Random(17)
    per_month = {
        "gent": {1: 1, 3: 1, 4: 3, 5: 2, 6: 3, 7: 2, 8: 3, 9: 1, 10: 4, 11: 3, 12: 2},
        "kortrijk": {2: 1, 4: 4, 5: 3, 7: 2, 9: 3, 11: 6},
    }
    return {
        slug: [_spec(_in_month(m, rng), rng) for m, n in months.items() for _ in range(n)]
        for slug, months in per_month.items()
    }


def random_world(seed: int) -> dict[str, list]:
    """Two municipalities with 6 to 24 signals each, January to May: many cells of 1 to 4."""
    rng = random.Random(seed)
    return {
        slug: [_spec(_in_month(rng.randrange(1, 6), rng), rng) for _ in range(rng.randrange(6, 25))]
        for slug in ("gent", "kortrijk")
    }


# --- The truth, as the test knows it -------------------------------------------------------


def conditions_of(item: world.SignalSpec) -> set:
    found = {("status", item.status.label), ("group", item.group)}
    found.add(("kind", ORGANISATION_KIND_LABELS[item.kind or NO_ORGANISATION]))
    found.update(("theme", theme) for theme in item.themes)
    return found


def true_counts(specs: dict[str, list]) -> dict:
    """{(slug, month, group of conditions): signals}, for every cell of the model."""
    counts: dict = defaultdict(int)
    for slug, items in specs.items():
        for item in items:
            month = month_of(item.created_at)
            for where in populations():
                if where <= conditions_of(item):
                    counts[(slug, month, where)] += 1
    return counts


def populations() -> list[frozenset]:
    """Every group of signals the downloaded pages name: a filter (none, a theme, a target
    group) with nothing more or with a status, kind, theme or target group."""
    filters = [where for _, where in downloaded_filters()]
    rows = [("status", s) for s in STATUS_LABELS] + [("kind", k) for k in KIND_LABELS]
    rows += [("theme", t) for t in world.THEMES] + [("group", g) for g in world.GROUPS]
    found = {f for f in filters} | {f | {row} for f in filters for row in rows}
    return sorted(found, key=lambda p: (len(p), sorted(p)))


# --- What a role downloads, as (slugs, months, group, published value) ------------------


def number(text: str) -> int | None:
    text = text.strip()
    if text.startswith("minder dan") or text.startswith("<"):
        return 0
    digits = text.replace(".", "")
    return int(digits) if digits.isdigit() else None


def months_of(period: Period) -> list[date]:
    return [month for month in MONTHS if period.start <= _start(month) < period.end]


def _start(month: date) -> datetime:
    return Period("maand", month.year, month.month).start


def report_periods(last: int) -> list[Period]:
    """Every month, quarter and year that holds a signal of a world whose signals end in
    month `last`, and the month and quarter after (whose previous period is the last)."""
    end = min(12, last + 1)
    periods = [Period("maand", YEAR, m) for m in range(1, end + 1)]
    periods += [Period("kwartaal", YEAR, 3 * q + 1) for q in range(4) if 3 * q + 1 <= end]
    return [*periods, Period("jaar", YEAR, 1)]


def downloaded_filters() -> list[tuple[str, frozenset]]:
    """No filter, a theme and a target group: each filter's cells are cells of their own,
    tied to the others by the same relations, so two stand for all (and keep the test in
    minutes, not hours, on two shared cores)."""
    theme, group = world.THEMES[0], world.GROUPS[0]
    return [
        ("", frozenset()),
        (f"&thema={theme}", frozenset({("theme", theme)})),
        (f"&doelgroep={group}", frozenset({("group", group)})),
    ]


def read_report(html: str, period: Period, where: frozenset, slugs) -> list[tuple]:
    """Every count of one report page: (slugs, months, group, value); a row that a table
    leaves out reads 0."""
    doc = parse(html)
    found = []
    now, before = months_of(period), months_of(period.previous)

    def rows(key):
        section = doc.by_id(key)
        if section is None or section.find("tbody") is None:
            return {}
        header = [th.text() for th in section.find("thead").find_all("th")]
        table = {}
        for tr in section.find("tbody").find_all("tr"):
            cells = [tr.find("th").text(), *(td.text() for td in tr.find_all("td"))]
            table[cells[0]] = dict(zip(header, cells, strict=False))
        return table

    overview = rows("overzicht").get("signalen")
    found.append((slugs, now, where, number(overview[period.label])))
    found.append((slugs, before, where, number(overview[period.previous.label])))
    for key, dimension in ROW_DIMENSIONS.items():
        table = rows(key)
        labels = {
            "status": STATUS_LABELS,
            "kind": KIND_LABELS,
            "theme": world.THEMES,
            "group": world.GROUPS,
        }[dimension]
        for label in labels:
            row = table.get(label, {})
            group = where | {(dimension, label)}
            found.append((slugs, now, group, number(row.get("signalen", "0"))))
            found.append((slugs, before, group, number(row.get("vorige periode", "0"))))
    series = [period.shifted(-i) for i in reversed(range(period.series_length))]
    for row, shown in zip(series, rows("verloop").values(), strict=True):
        found.append((slugs, months_of(row), where, number(shown["signalen"])))
    for name, row in rows("gemeenten").items():
        slug = name.lower()
        found.append(((slug,), now, where, number(row["signalen"])))
        found.append(((slug,), before, where, number(row["vorige periode"])))
    return found


def alderman_view(client, login, make, slug: str, municipality_id: int, last: int) -> list[tuple]:
    login(make.user(Role.ALDERMAN, Ref(municipality_id, slug=slug)))
    found = []
    for period in report_periods(last):
        for query, where in downloaded_filters():
            response = client.get(
                f"/{slug}/rapporten?periode={period.slug}{query}", headers={"HX-Request": "true"}
            )
            assert response.status_code == 200
            found += read_report(response.get_data(as_text=True), period, where, (slug,))
    # The downloads hold what the page holds.
    page = parse(client.get(f"/{slug}/rapporten?periode={YEAR}").get_data(as_text=True))
    body = page.by_id("statussen").find("tbody")  # none when every status reads 0
    on_page = {
        tr.find("th").text(): [td.text() for td in tr.find_all("td")]
        for tr in (body.find_all("tr") if body else [])
    }
    response = client.get(f"/{slug}/rapporten/statussen.csv?periode={YEAR}")
    text = response.get_data(as_text=True).lstrip("\ufeff")
    delimiter = ";" if text.count(";") > text.count(",") else ","
    exported = {
        row[0]: row[1:] for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row
    }
    for label, cells in on_page.items():
        assert number(exported[label][0]) == number(cells[0]), label
    client.get("/logout")
    return found


def network_view(client, login, make, slugs, last: int) -> list[tuple]:
    login(make.user(Role.NETWORK, email=f"netwerk-{random.random()}@vvsg.example.org"))
    found = []
    for period in report_periods(last):
        for query, where in downloaded_filters():
            response = client.get(
                f"/netwerk?periode={period.slug}{query}", headers={"HX-Request": "true"}
            )
            assert response.status_code == 200
            found += read_report(response.get_data(as_text=True), period, where, tuple(slugs))
    return found


def visitor_view(app, tmp_path, slugs) -> list[tuple]:
    """The built microsites' open data and figures page, as anyone reads them."""
    with app.app_context():
        build_sites(tmp_path, PublicSource(), slugs=list(slugs), echo=lambda line: None)
    found = []
    every = list(MONTHS)
    quarter_of = {
        f"{name} {y}": [m for m in MONTHS if m.year == y and (m.month - 1) // 3 == q]
        for y in (YEAR - 1, YEAR)
        for q, name in enumerate(("jan-mrt", "apr-jun", "jul-sep", "okt-dec"))
    }
    for slug in slugs:
        data = (tmp_path / slug / "open-data" / "cijfers.csv").read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=";" if ";" in data[:40] else ","))
        page = parse((tmp_path / slug / "cijfers" / "index.html").read_text())
        sections = {
            "signalen per thema": "per-thema",
            "signalen per status": "per-status",
            "signalen per kwartaal": "per-kwartaal",
        }
        for series, label, value in rows[1:]:
            count = number(value)
            if series in sections:
                # The figures page shows what the open data holds.
                section = page.select(f"section[aria-labelledby={sections[series]}]")[0]
                shown_rows = {
                    tr.find("th").text(): tr.find("td").text()
                    for tr in section.find("tbody").find_all("tr")
                }
                assert number(shown_rows[label]) == count, (series, label)
            if series == "signalen":
                found.append(((slug,), every, frozenset(), count))
            elif series == "signalen per status":
                found.append(((slug,), every, frozenset({("status", label)}), count))
            elif series == "signalen per thema" and label in world.THEMES:
                found.append(((slug,), every, frozenset({("theme", label)}), count))
            elif series == "signalen per kwartaal":
                found.append(((slug,), quarter_of[label], frozenset(), count))
        # The quarters start at the first that reads more than 0: those before read 0.
        shown = [r[1] for r in rows if r[0] == "signalen per kwartaal"]
        for months in quarter_of.values():
            if months[0] < quarter_of[shown[0]][0]:
                found.append(((slug,), months, frozenset(), 0))
    overview = (tmp_path / "gemeenten.csv").read_text("utf-8-sig")
    for row in list(
        csv.reader(io.StringIO(overview), delimiter=";" if ";" in overview[:40] else ",")
    )[1:]:
        slug = row[1].rstrip("/")
        found.append(((slug,), every, frozenset(), number(row[2])))
    return found


# --- The attack -------------------------------------------------------------------------


class Attack:
    """A linear model of the true base cells that the published numbers constrain; the
    model falls apart in independent blocks (the cells that constraints tie together), and
    each range is solved on the blocks it touches."""

    def __init__(self, slugs, published: list[tuple], groups_of_signals: list[frozenset]):
        self.cells = [(s, m, p) for s in slugs for m in MONTHS for p in groups_of_signals]
        self.index = {cell: i for i, cell in enumerate(self.cells)}
        self.rows: list[tuple[dict, float, float]] = []  # coefficients, low, high
        self.groups: list[tuple[int, ...]] = []
        self._truths(slugs, groups_of_signals)
        month_values = {
            (slugs_[0], months[0], where): value
            for slugs_, months, where, value in published
            if len(slugs_) == 1 and len(months) == 1
        }
        for slugs_, months, where, value in published:
            assert value is not None and value % BASE == 0, (slugs_, months, where, value)
            keys = [(s, m, where) for s in slugs_ for m in months]
            if not keys:
                assert value == 0
                continue
            cells = tuple(sorted(self.index[key] for key in keys))
            self.groups.append(cells)
            if len(keys) > 1 and all(key in month_values for key in keys):
                # The figure is the sum of the month cells it covers, and says no more.
                assert sum(month_values[key] for key in keys) == value, (keys, value)
                continue
            n = len(cells)
            low = max(0, value - (BASE - 1) * min(n, value // BASE))
            self.rows.append(({c: 1.0 for c in cells}, low, value + (BASE - 1) * n))
        self._blocks()
        self._kept: dict = {}
        self._models: dict = {}

    def _truths(self, slugs, groups_of_signals) -> None:
        """What anyone knows of the true counts, per municipality and month."""
        known = set(groups_of_signals)
        for slug in slugs:
            for month in MONTHS:

                def cell(where, slug=slug, month=month):
                    return self.index[(slug, month, frozenset(where))]

                for where in known:
                    for dimension, labels in (("status", STATUS_LABELS), ("kind", KIND_LABELS)):
                        if any(d == dimension for d, _ in where):
                            continue
                        parts = [where | {(dimension, label)} for label in labels]
                        if all(part in known for part in parts):
                            row = {cell(where): 1.0, **{cell(part): -1.0 for part in parts}}
                            self.rows.append((row, 0.0, 0.0))
                    for condition in where:
                        wider = where - {condition}
                        if wider in known:
                            self.rows.append(({cell(where): 1.0, cell(wider): -1.0}, -math.inf, 0))

    def _blocks(self) -> None:
        parent = list(range(len(self.cells)))

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for coefficients, _, _ in self.rows:
            first, *others = coefficients
            for other in others:
                parent[root(other)] = root(first)
        self.block = [root(i) for i in range(len(self.cells))]
        self.block_rows: dict = defaultdict(list)
        for row in self.rows:
            self.block_rows[self.block[next(iter(row[0]))]].append(row)

    def _block_model(self, block: int):
        """(columns, A, b) of the block's constraints A x <= b, built once."""
        if block in self._models:
            return self._models[block]
        rows = self.block_rows[block]
        columns = sorted({c for row in rows for c in row[0]} | {block})
        where = {c: i for i, c in enumerate(columns)}
        matrix = lil_matrix((2 * len(rows) or 1, len(columns)))
        upper = []
        line = 0
        for coefficients, low, high in rows:
            for sign, bound in ((1, high), (-1, -low)):
                if bound == math.inf:
                    continue
                for c, v in coefficients.items():
                    matrix[line, where[c]] = sign * v
                upper.append(bound)
                line += 1
        model = (where, matrix[: max(line, 1)].tocsr(), upper or [0.0])
        self._models[block] = model
        return model

    def _block_end(self, block: int, cells: frozenset, sign: int) -> float:
        """The largest (sign 1) or smallest (sign -1) sum of these cells in the block."""
        if (block, cells, sign) not in self._kept:
            where, matrix, upper = self._block_model(block)
            objective = [0.0] * len(where)
            for cell in cells:
                objective[where[cell]] = -sign
            result = linprog(objective, A_ub=matrix, b_ub=upper, bounds=(0, None), method="highs")
            assert result.status in (0, 3), result.message  # 3: unbounded above
            self._kept[(block, cells, sign)] = (
                -sign * result.fun if result.status == 0 else math.inf
            )
        return self._kept[(block, cells, sign)]

    def end_of(self, group: tuple[int, ...], sign: int) -> float:
        parts: dict = defaultdict(set)
        for cell in group:
            parts[self.block[cell]].add(cell)
        return sum(self._block_end(block, frozenset(c), sign) for block, c in parts.items())

    def pinned(self, truth: dict) -> list:
        """Every cell and published group of 1..4 true signals that the model pins: no
        feasible value above the truth and none below it (the truth itself is feasible)."""
        targets = {(i,) for i, cell in enumerate(self.cells) if 1 <= truth.get(cell, 0) <= 4}
        targets |= {
            group
            for group in self.groups
            if 1 <= sum(truth.get(self.cells[i], 0) for i in group) <= 4
        }
        found = []
        for group in sorted(targets):
            true = sum(truth.get(self.cells[i], 0) for i in group)
            high = self.end_of(group, 1)
            assert high >= true - 1e-6, (group, high, true)
            if high >= true + 1 - 1e-6:
                continue  # one more signal fits: not pinned
            low = self.end_of(group, -1)
            assert low <= true + 1e-6, (group, low, true)
            if low > true - 1 + 1e-6:
                found.append(([self.cells[i] for i in group], low, high, true))
        return found


# --- The tests ----------------------------------------------------------------------------

# Each world with the last month that holds a signal.
WORLDS = {
    "issue": (issue_world, 12),
    "seed-1": (lambda: random_world(1), 5),
}


@pytest.fixture(params=sorted(WORLDS))
def small_world(request, app):
    make_specs, last = WORLDS[request.param]
    specs = make_specs()
    ids = {slug: world.build(app, items, slug=slug)[0] for slug, items in specs.items()}
    return specs, ids, last


def _visible(role: str) -> list[frozenset]:
    if role != "visitor":
        return populations()
    found = [frozenset()] + [frozenset({("status", s)}) for s in STATUS_LABELS]
    return found + [frozenset({("theme", t)}) for t in world.THEMES]


def _truth(specs, groups_of_signals) -> dict:
    counts = true_counts(specs)
    return {key: value for key, value in counts.items() if key[2] in set(groups_of_signals)}


@pytest.mark.parametrize("role", ["alderman", "network", "visitor"])
def test_no_role_can_pin_a_count_of_one_to_four(
    small_world, role, client, login, make, app, tmp_path
):
    specs, ids, last = small_world
    groups_of_signals = _visible(role)
    if role == "alderman":
        for slug, municipality_id in ids.items():
            published = alderman_view(client, login, make, slug, municipality_id, last)
            attack = Attack([slug], published, groups_of_signals)
            assert attack.pinned(_truth({slug: specs[slug]}, groups_of_signals)) == []
        return
    if role == "network":
        published = network_view(client, login, make, sorted(ids), last)
    else:
        published = visitor_view(app, tmp_path, sorted(ids))
    attack = Attack(sorted(ids), published, groups_of_signals)
    assert attack.pinned(_truth(specs, groups_of_signals)) == []
