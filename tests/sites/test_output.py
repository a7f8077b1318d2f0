"""The built demo sites: complete, private, safe, light, valid and linked (built once)."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.sites import markers
from tests.sites.helpers import compressed_size, is_external, read_page, resolve
from webapp.reports.protected import card_count

SLUGS = [
    "berlaar",
    "bornem",
    "dendermonde",
    "eeklo",
    "gent",
    "kortrijk",
    "mortsel",
    "oud-turnhout",
    "roeselare",
    "sint-niklaas",
]
SECTIONS = ["", "cijfers/", "wat-leeft-er/", "acties/", "agenda/", "wie-werkt-mee/"]
PAGE_BUDGET = 12 * 1024
ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_site_and_the_overview_are_built(built):
    assert (built.summary.built, built.summary.unchanged, built.summary.failed) == (10, 0, 0)
    assert built.summary.overview == "built"
    assert len(built.lines) == 10
    assert all(re.match(r"\[\s*\d+/10\] [a-z-]+ +built in ", line) for line in built.lines)
    for slug in SLUGS:
        for section in SECTIONS:
            assert (built.out / slug / section / "index.html").is_file(), (slug, section)
        for extra in ("privacy/", "toegankelijkheid/", "open-data/"):
            assert (built.out / slug / extra / "index.html").is_file(), (slug, extra)
        assert list((built.out / slug / "wie-werkt-mee").glob("overeenkomst-*/index.html"))
        assert list((built.out / slug / "wat-leeft-er").glob("fiche-*/index.html"))
        assert list((built.out / slug / "acties").glob("actie-*/index.html"))


def test_no_private_field_reaches_any_file(built):
    needle = f"mrk{markers.TOKEN}".encode()
    leaks = [
        str(path.relative_to(built.out))
        for path in built.files()
        if needle in path.read_bytes().lower()
    ]
    assert leaks == []


def test_the_marked_municipality_still_publishes_what_is_public(app, built):
    """Guards the test above: the public neighbours of the markers did get built."""
    site = built.out / "kortrijk"
    card_id = built.planted["published_card_id"]
    card = site / "wat-leeft-er" / f"fiche-{card_id}" / "index.html"
    text = card.read_text()
    assert "Fiche die gemarkeerde signalen bundelt" in text
    with app.app_context():
        six = card_count(card_id, "signals", 6, 5)  # the card bundles 6, rounded to 5 or 10
    assert six in (5, 10) and f"Gebundeld uit {six} signalen" in text
    assert "Publieke signaaldag over gemarkeerde signalen" in text
    assert "Publieke actie naast een interne" in text
    partners = (site / "wie-werkt-mee" / "index.html").read_text()
    assert "Overeenkomst met de markerorganisatie" in partners


def test_no_javascript_and_nothing_from_elsewhere(built):
    assert not list(built.out.rglob("*.js"))
    for path in built.html_pages():
        page = read_page(path)
        for tag, attributes in page.tags:
            assert tag not in {"script", "iframe", "object", "embed"}, (path, tag)
            if tag == "img":  # only the logos copied into the site at build time
                target, _ = resolve(path, attributes["src"])
                assert target.parent.name == "logos" and target.is_file(), (path, attributes)
            assert not [name for name in attributes if name.startswith("on")], (path, tag)
        for url in page.links:
            assert not url.lower().startswith("javascript:"), (path, url)
        for source in page.sources:
            assert not is_external(source) or source.startswith("data:"), (path, source)
    css = (built.out / "kortrijk" / "assets" / "site.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_markup_from_the_database_is_escaped_or_cleaned(built):
    site = built.out / "gent"
    listing = (site / "wat-leeft-er" / "index.html").read_text()
    assert (
        "&lt;script&gt;alert(&#34;fiche&#34;)&lt;/script&gt;Wachtlijst &lt;b&gt;vet&lt;/b&gt;"
        in (listing)
    )
    for path in site.rglob("*.html"):
        # The one image a page may hold is a logo the build copied in (checked above).
        text = re.sub(r'<img class="logo" src="(\.\./)*logos/[^"<>]+"[^<>]*>', "", path.read_text())
        for forbidden in ("<img", "<iframe", "<style", "<svg onload", "tracker.example"):
            assert forbidden not in text, (path, forbidden)
    agreement = next(
        p
        for p in (site / "wie-werkt-mee").glob("overeenkomst-*/index.html")
        if "Overeenkomst &lt;em&gt;met&lt;/em&gt; opmaak" in p.read_text()
    )
    assert "<h2>Kop in de tekst</h2>" in agreement.read_text()


def test_every_page_is_light(built):
    heavy = []
    for path in built.html_pages():
        site = path.relative_to(built.out).parts[0]
        css = (built.out / site / "assets" / "site.css") if (built.out / site).is_dir() else None
        css = css if css and css.is_file() else built.out / "assets" / "site.css"
        # The logos a page shows count too (they are small by rule: webapp/branding/images.py).
        images = [
            resolve(path, src)[0]
            for tag, a in read_page(path).tags
            if tag == "img"
            for src in [a["src"]]
        ]
        size = compressed_size(path, css, *images)
        if size > PAGE_BUDGET:
            heavy.append((str(path.relative_to(built.out)), size))
    assert heavy == []


def test_every_internal_link_resolves(built):
    broken = []
    pages = {}
    for path in built.html_pages():
        page = pages.setdefault(path, read_page(path))
        for url in page.links + page.sources:
            if is_external(url) or url.startswith("data:"):
                continue
            target, fragment = resolve(path, url)
            if not target.is_file() or not target.is_relative_to(built.out):
                broken.append((str(path.relative_to(built.out)), url))
                continue
            if fragment and target.suffix == ".html":
                ids = pages.setdefault(target, read_page(target)).ids
                if fragment not in ids:
                    broken.append((str(path.relative_to(built.out)), url))
    assert broken == []


def test_every_page_has_the_accessible_frame(built):
    for path in built.html_pages():
        text = path.read_text()
        assert '<html lang="nl-BE">' in text, path
        assert '<a class="skip" href="#inhoud">' in text, path
        assert '<main id="inhoud"' in text, path
        assert len(re.findall(r"<h1[ >]", text)) == 1, path


def test_the_html_is_valid(built):
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("java or node_modules/vnu-jar is missing, and REQUIRE_BROWSER=1")
        pytest.skip("java or node_modules/vnu-jar (npm install) is missing: HTML not validated")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(built.out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[:4000]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_calendar_holds_exactly_the_public_meetings(built, slug):
    feed = built.out / slug / "agenda" / f"lokaal-signaal-{slug}.ics"
    calendar = Calendar.from_ical(feed.read_bytes())
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    expected = {f"meeting-{id}@lokaalsignaal.be" for id in built.public_meetings[slug]}
    assert expected and uids == expected
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTART").tzinfo is not None


def test_open_data_is_published_as_json_and_csv(built):
    data = built.out / "kortrijk" / "open-data"
    figures = json.loads((data / "cijfers.json").read_text())
    assert figures["gemeente"] == "Kortrijk"
    # The demo's 25 or more signals, as the sum of rounded months (each off by at most 4),
    # and the statuses add up to exactly that total.
    total = figures["signalen"]["aantal"]
    assert total % 5 == 0 and total >= 15
    assert sum(row["aantal"] or 0 for row in figures["signalen_per_status"]) == total
    suppressed = [row for row in figures["signalen_per_status"] if row["onder_drempel"]]
    assert suppressed and all(row["aantal"] is None for row in suppressed)
    cards = json.loads((data / "fiches.json").read_text())
    assert "Fiche die gemarkeerde signalen bundelt" in {card["titel"] for card in cards}
    fiches = (data / "fiches.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(fiches), delimiter=";"))
    assert {row["titel"] for row in rows} == {card["titel"] for card in cards}
    cijfers = (data / "cijfers.csv").read_text("utf-8-sig")
    figure_rows = list(csv.reader(io.StringIO(cijfers), delimiter=";"))
    assert figure_rows[0] == ["reeks", "categorie", "aantal"]
    assert any(row[2] == "<5" for row in figure_rows[1:])


def test_small_counts_read_minder_dan_5(built):
    figures = (built.out / "gent" / "cijfers" / "index.html").read_text()
    assert "minder dan 5" in figures
    assert "&lt; 5" in figures  # the chart's outlined bar for a suppressed count


def test_the_overview_links_every_municipality(built):
    page = read_page(built.out / "index.html")
    assert {f"{slug}/" for slug in SLUGS} <= set(page.links)
    overview = json.loads((built.out / "gemeenten.json").read_text())
    assert {row["pagina"] for row in overview} == {f"{slug}/" for slug in SLUGS}


def test_the_logos_are_on_the_sites_and_the_overview(built):
    """Seed 003: "Klik op het logo van jouw stad of gemeente": every demo municipality's logo
    on the overview, inside the link to its site; its own logo on its home page; the partners'
    logos on "Wie werkt mee?". Each one a file of the site itself."""
    overview = read_page(built.out / "index.html")
    logos = [a["src"] for tag, a in overview.tags if tag == "img"]
    assert len(logos) == len(SLUGS)
    assert all((built.out / src).is_file() and src.startswith("logos/m") for src in logos)
    for slug in SLUGS:
        home = read_page(built.out / slug / "index.html")
        alts = [a["alt"] for tag, a in home.tags if tag == "img"]
        assert len(alts) == 1 and alts[0].startswith("Logo van "), (slug, alts)
        partners = read_page(built.out / slug / "wie-werkt-mee" / "index.html")
        assert [tag for tag, _ in partners.tags].count("img") >= 1


def test_the_colophon_names_the_knowledge_and_funding_partners(built):
    for page in [
        built.out / "colofon.html",
        *(built.out / s / "colofon" / "index.html" for s in SLUGS),
    ]:
        html = page.read_text()
        assert "Kennispartners en technologische experts" in html, page
        assert "VLAIO" in html and "District09" in html, page
    footer = (built.out / "gent" / "index.html").read_text()
    assert 'href="colofon/"' in footer


def test_doe_mee_als_gemeente_is_on_the_overview(built):
    page = (built.out / "doe-mee.html").read_text()
    assert "Doe mee als gemeente" in page
    assert 'href="doe-mee.html"' in (built.out / "index.html").read_text()
def test_every_home_page_says_when_to_signal(built):
    """Seed 002's four criteria, in our words (content/wanneer-signaleren.md), as in the app."""
    from tests.html import parse

    for slug in SLUGS:
        doc = parse((built.out / slug / "index.html").read_text(encoding="utf-8"))
        heading = doc.by_id("wanneer-signaleren")
        assert heading is not None and heading.text() == "Wanneer signaleren?", slug
        criteria = [ul for ul in doc.find_all("ul") if "drempel" in ul.text()]
        assert len(criteria) == 1 and len(criteria[0].find_all("li")) == 4, slug
