"""Incremental builds: nothing twice, only what changed, `--stale` from the app's marks, and
never a write to the database."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import event

from sites import render
from sites.builder import build_sites
from webapp.extensions import db
from webapp.models import SignalCard
from webapp.public.reader import PublicSource


@pytest.fixture
def places(make):
    refs = [make.municipality(slug=slug) for slug in ("aaa-dorp", "bbb-stad", "ccc-gem")]
    for ref in refs:
        make.signal(ref)
        make.card(ref, title=f"Fiche van {ref.name}", published=True)
        make.meeting(ref, public=True)
    return refs


def build(app, out: Path, **options):
    with app.app_context():
        return build_sites(out, PublicSource(), echo=lambda line: None, **options)


def statuses(summary) -> dict[str, str]:
    return {result.slug: result.status for result in summary.results}


def rename_card(app, ref, title: str) -> None:
    with app.app_context():
        card = db.session.scalars(db.select(SignalCard).filter_by(municipality_id=ref.id)).first()
        card.title = title
        db.session.commit()


def test_a_second_build_rebuilds_nothing(app, places, tmp_path):
    first = build(app, tmp_path)
    assert set(statuses(first).values()) == {"built"} and first.overview == "built"
    page = tmp_path / "bbb-stad" / "index.html"
    written = page.stat().st_mtime_ns
    second = build(app, tmp_path)
    assert set(statuses(second).values()) == {"unchanged"}
    assert second.overview == "unchanged"
    assert page.stat().st_mtime_ns == written


def test_only_the_changed_municipality_is_rebuilt(app, places, tmp_path):
    build(app, tmp_path)
    rename_card(app, places[1], "Een nieuwe titel")
    summary = build(app, tmp_path)
    assert statuses(summary) == {
        "aaa-dorp": "unchanged",
        "bbb-stad": "built",
        "ccc-gem": "unchanged",
    }
    assert "Een nieuwe titel" in (tmp_path / "bbb-stad" / "wat-leeft-er" / "index.html").read_text()


def test_force_rebuilds_everything(app, places, tmp_path):
    build(app, tmp_path)
    summary = build(app, tmp_path, force=True)
    assert set(statuses(summary).values()) == {"built"}
    assert summary.overview == "built"


def test_stale_builds_only_what_the_app_marked(app, places, tmp_path):
    build(app, tmp_path)
    assert statuses(build(app, tmp_path, stale=True)) == {}
    rename_card(app, places[2], "Gewijzigd in de app")
    assert statuses(build(app, tmp_path, stale=True)) == {"ccc-gem": "built"}
    assert statuses(build(app, tmp_path, stale=True)) == {}


def test_a_mark_without_a_public_change_is_not_rebuilt(app, places, make, tmp_path):
    build(app, tmp_path)
    make.card(places[0], title="Nog een ontwerp")  # a draft: marks stale, changes nothing public
    assert statuses(build(app, tmp_path, stale=True)) == {"aaa-dorp": "unchanged"}
    assert statuses(build(app, tmp_path, stale=True)) == {}


def test_a_changed_text_rebuilds_its_municipality(app, places, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", content)
    out = tmp_path / "out"
    build(app, out, content_dir=content)
    (content / "ccc-gem").mkdir()
    (content / "ccc-gem" / "lokaal.md").write_text("## In ons dorp\n\nEen eigen tekst.\n")
    summary = build(app, out, content_dir=content)
    assert statuses(summary) == {
        "aaa-dorp": "unchanged",
        "bbb-stad": "unchanged",
        "ccc-gem": "built",
    }
    assert "Een eigen tekst." in (out / "ccc-gem" / "index.html").read_text()


def test_a_selection_builds_only_those(app, places, tmp_path):
    summary = build(app, tmp_path, slugs=["aaa-dorp"])
    assert statuses(summary) == {"aaa-dorp": "built"}
    assert not (tmp_path / "bbb-stad").exists()
    assert '<a href="aaa-dorp/">' in (tmp_path / "index.html").read_text()


def test_the_generator_never_writes_to_the_database(app, places, tmp_path):
    statements = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement.split(None, 1)[0].upper())

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", remember)
        try:
            build_sites(tmp_path, PublicSource(), echo=lambda line: None)
        finally:
            event.remove(db.engine, "before_cursor_execute", remember)
    assert statements and set(statements) <= {"SELECT", "BEGIN", "WITH"}


def test_a_failing_site_is_reported_and_keeps_the_others(app, places, tmp_path, monkeypatch):
    build(app, tmp_path)
    rename_card(app, places[0], "Breekt")
    rename_card(app, places[1], "Lukt")
    real = render.build_site

    def fragile(snapshot, texts, out):
        if snapshot["slug"] == "aaa-dorp":
            raise RuntimeError("disk full")
        return real(snapshot, texts, out)

    monkeypatch.setattr(render, "build_site", fragile)
    summary = build(app, tmp_path)
    assert statuses(summary) == {"aaa-dorp": "failed", "bbb-stad": "built", "ccc-gem": "unchanged"}
    assert "disk full" in summary.results[0].error
    assert (tmp_path / "aaa-dorp" / "index.html").is_file()  # the previous site stays online
    monkeypatch.setattr(render, "build_site", real)
    assert statuses(build(app, tmp_path)) == {
        "aaa-dorp": "built",
        "bbb-stad": "unchanged",
        "ccc-gem": "unchanged",
    }
