"""The network vocabulary of themes: the head processor maps each of the municipality's themes
to a network theme (its own page, beside the themes page); the network's figures and filters
read the network theme, so that a renamed theme does not split them.

A theme without a mapping counts under its own name (as before there was a vocabulary)."""

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from webapp import access, audit, data_version
from webapp.admin.defaults import DEFAULT_THEMES
from webapp.extensions import db
from webapp.forms import FormBodyForm
from webapp.models import Municipality, NetworkTheme, Theme
from webapp.rendering import render_page

bp = Blueprint("vocabulary", __name__, template_folder="templates")


def vocabulary() -> list[NetworkTheme]:
    """The network themes, made from the default themes the first time they are needed."""
    themes = db.session.scalars(select(NetworkTheme).order_by(NetworkTheme.position)).all()
    if themes:
        return list(themes)
    for position, (slug, name) in enumerate(DEFAULT_THEMES, start=1):
        db.session.add(NetworkTheme(slug=slug, name=name, position=position))
    db.session.flush()
    return vocabulary()


def map_defaults(municipality: Municipality) -> None:
    """Map a new municipality's themes that carry a default slug to that network theme."""
    by_slug = {theme.slug: theme for theme in vocabulary()}
    for theme in municipality.themes:
        if theme.network_theme_id is None and theme.slug in by_slug:
            theme.network_theme_id = by_slug[theme.slug].id
    db.session.flush()


def network_label():
    """The name a theme counts under in the network: its network theme's, else its own. A SQL
    expression over Theme, for queries that join Theme (outer-join `NETWORK` on it)."""
    return func.coalesce(NETWORK.name, Theme.name)


NETWORK = aliased(NetworkTheme, name="network_vocabulary")


def network_names() -> list[str]:
    """What the network's theme filter offers: each network theme once, and the name of every
    theme no municipality mapped yet."""
    query = (
        select(network_label())
        .select_from(Theme)
        .outerjoin(NETWORK, NETWORK.id == Theme.network_theme_id)
        .distinct()
    )
    return sorted(set(db.session.scalars(query)), key=str.casefold)


def labels_per_place() -> dict[int, dict[str, str]]:
    """{municipality id: {theme name: network name}}: how each municipality's themes read in
    the network."""
    query = select(Theme.municipality_id, Theme.name, network_label()).outerjoin(
        NETWORK, NETWORK.id == Theme.network_theme_id
    )
    found: dict[int, dict[str, str]] = {}
    for place, name, label in db.session.execute(query):
        found.setdefault(place, {})[name] = label
    return found


def theme_names_under(label: str) -> list[str]:
    """Every local theme name that counts under this network name (for the network filter)."""
    query = (
        select(Theme.name)
        .outerjoin(NETWORK, NETWORK.id == Theme.network_theme_id)
        .where(network_label() == label)
        .distinct()
    )
    return sorted(db.session.scalars(query))


def regroup(per_place: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
    """Per-municipality figures by theme name, regrouped by network theme. The figures are
    the published ones (already under disclosure control); a municipality's themes that share a
    network theme add up (a signal carrying both counts in each, as in the theme tables)."""
    labels = labels_per_place()
    regrouped: dict[int, dict[str, int]] = {}
    for place, themes in per_place.items():
        mine = regrouped.setdefault(place, {})
        for name, value in themes.items():
            label = labels.get(place, {}).get(name, name)
            mine[label] = mine.get(label, 0) + value
    return regrouped


def label_of_names() -> dict[str, str]:
    """{theme name: network name} over all municipalities: where municipalities map one name
    differently, the mapping most of them chose."""
    query = (
        select(Theme.name, network_label(), func.count())
        .outerjoin(NETWORK, NETWORK.id == Theme.network_theme_id)
        .group_by(Theme.name, network_label())
    )
    best: dict[str, tuple[int, str]] = {}
    for name, label, count in db.session.execute(query):
        if name not in best or (count, label) > best[name]:
            best[name] = (count, label)
    return {name: label for name, (_, label) in best.items()}


def regroup_rows(data: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """A breakdown by theme name ({name: {measure: count}}) regrouped by network theme. The
    counts are the report's own (under disclosure control for the network): they add up."""
    labels = label_of_names()
    regrouped: dict[str, dict[str, int]] = {}
    for name, measures in data.items():
        row = regrouped.setdefault(labels.get(name, name), dict.fromkeys(measures, 0))
        for measure, value in measures.items():
            row[measure] = row.get(measure, 0) + value
    return regrouped


def theme_ids_under(label: str):
    """A select of the ids of every theme, in any municipality, that counts under this network
    name: the network's theme filter."""
    return (
        select(Theme.id)
        .outerjoin(NETWORK, NETWORK.id == Theme.network_theme_id)
        .where(network_label() == label)
    )


@bp.route("/<slug:gemeente>/instellingen/netwerkthemas", methods=["GET", "POST"])
def map_themes():
    themes = db.session.scalars(
        access.municipality_terms(current_user, g.municipality, Theme).order_by(
            Theme.position, Theme.id
        )
    ).all()
    network = vocabulary()
    known = {theme.id for theme in network}
    errors: dict[int, str] = {}
    chosen = {theme.id: theme.network_theme_id for theme in themes}
    if request.method == "POST":
        if not FormBodyForm().validate():
            return redirect(url_for("vocabulary.map_themes"), 303)
        for theme in themes:
            value = request.form.get(f"thema-{theme.id}", "")
            if value == "":
                chosen[theme.id] = None
            elif value.isdigit() and int(value) in known:
                chosen[theme.id] = int(value)
            else:
                errors[theme.id] = "Kies een netwerkthema uit de lijst."
        if not errors:
            changed = [t for t in themes if t.network_theme_id != chosen[t.id]]
            for theme in changed:
                theme.network_theme_id = chosen[theme.id]
            if changed:
                names = {n.id: n.name for n in network}
                audit.record(
                    g.municipality,
                    current_user,
                    "theme.network",
                    changed[0],
                    "Netwerkthema's gekoppeld: "
                    + "; ".join(
                        f"{t.name} → {names.get(t.network_theme_id, 'geen')}" for t in changed
                    ),
                )
                db.session.flush()
                data_version.move(db.session.connection(), {g.municipality.id})
            db.session.commit()
            flash("De netwerkthema's zijn opgeslagen.", "success")
            return redirect(url_for("vocabulary.map_themes"), 303)
    return render_page(
        "vocabulary/map.html",
        status=400 if errors else 200,
        themes=themes,
        network=network,
        chosen=chosen,
        errors=errors,
        form=FormBodyForm(formdata=None),
    )
