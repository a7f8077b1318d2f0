"""Building one site with mkdocs, in-process, from a snapshot and the texts of content/.

No page exists on disk: a small mkdocs plugin adds every page and data file with
`File.generated(...)`, picks each page's template from our own theme (sites/theme/), and hands the
templates the snapshot. Jinja autoescapes every value; Markdown bodies are cleaned by nh3
(common/markdown.py). This module imports neither Flask nor the app: worker processes stay light
(tests/sites/test_imports.py).
"""

import base64
import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from common import dutch, privacy_statement
from common.markdown import clean_content, to_html
from sites import markup, opendata
from sites.replace import replace_dir

THEME_DIR = Path(__file__).resolve().parent / "theme"
OVERVIEW_FILES = (
    "index.html",
    "toegankelijkheid.html",
    "privacy.html",
    "colofon.html",
    "doe-mee.html",
    "gemeenten.json",
    "gemeenten.csv",
)
OVERVIEW_DIRS = ("assets",)
LOGO_DIR = "logos"  # the logos, copied into each site (never linked from elsewhere)
FALLBACK_CONTACT = "lokaalsignaal@vvsg.be"

# The sections of every site, in menu order: (source, title).
SECTIONS = (
    ("index.md", "Wat is Lokaal Signaal?"),
    ("cijfers.md", "Cijfers in beeld"),
    ("wat-leeft-er.md", "Wat leeft er?"),
    ("acties.md", "Wat wordt ermee gedaan?"),
    ("agenda.md", "Wanneer komt de eerste lijn samen?"),
    ("wie-werkt-mee.md", "Wie werkt mee?"),
)

logging.getLogger("mkdocs").setLevel(logging.WARNING)


class BuildFailed(RuntimeError):
    """mkdocs refused the configuration or warned during the build (strict mode)."""


@dataclass
class PageSpec:
    """One page of a site: where it comes from, how it is drawn and what it shows."""

    src: str
    template: str
    title: str
    section: str
    item: dict | None = None
    markdown: str = ""


@dataclass
class SitePlan:
    pages: list[PageSpec] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    nav: list[dict] = field(default_factory=list)


def ics_name(slug: str) -> str:
    return f"agenda/lokaal-signaal-{slug}.ics"


def plan_site(snapshot: dict, texts: dict[str, str]) -> SitePlan:
    """Every page and file of a municipality's site."""
    slug = snapshot["slug"]
    values = {
        "gemeente": snapshot["name"],
        "contact": snapshot["contact_email"] or FALLBACK_CONTACT,
    }
    plan = SitePlan()
    for src, title in SECTIONS:
        template = {"index.md": "home.html"}.get(src, src.replace(".md", ".html"))
        plan.pages.append(PageSpec(src, template, title, src))
        plan.nav.append({title: src})
    for card in snapshot["cards"]:
        plan.pages.append(
            PageSpec(
                f"wat-leeft-er/fiche-{card['id']}.md",
                "card.html",
                card["title"],
                "wat-leeft-er.md",
                card,
            )
        )
    for action in snapshot["actions"]:
        plan.pages.append(
            PageSpec(
                f"acties/actie-{action['id']}.md",
                "action.html",
                action["title"],
                "acties.md",
                action,
            )
        )
    for agreement in snapshot["agreements"]:
        plan.pages.append(
            PageSpec(
                f"wie-werkt-mee/overeenkomst-{agreement['id']}.md",
                "agreement.html",
                agreement["title"],
                "wie-werkt-mee.md",
                agreement,
            )
        )
    # The statement saved in the app, with its version: the one users accept there.
    statement = snapshot.get("privacy_statement") or ""
    plan.pages.append(PageSpec("privacy.md", "content.html", "", "", markdown=statement))
    text = markup.fill(texts.get("toegankelijkheid", ""), values)
    plan.pages.append(PageSpec("toegankelijkheid.md", "content.html", "", "", markdown=text))
    text = markup.fill(texts.get("colofon", ""), values)
    plan.pages.append(PageSpec("colofon.md", "content.html", "", "", markdown=text))
    plan.pages.append(PageSpec("open-data.md", "open-data.html", "Open data", ""))

    plan.files = {
        ics_name(slug): opendata.calendar(snapshot),
        "open-data/cijfers.json": opendata.figures_json(snapshot),
        "open-data/cijfers.csv": opendata.figures_csv(snapshot),
        "open-data/fiches.json": opendata.cards_json(snapshot),
        "open-data/fiches.csv": opendata.cards_csv(snapshot),
        "open-data/acties.json": opendata.actions_json(snapshot),
        "open-data/acties.csv": opendata.actions_csv(snapshot),
        **logo_files([snapshot.get("logo"), *(o.get("logo") for o in snapshot["organisations"])]),
    }
    plan.context = {
        "site": snapshot,
        "texts": _texts(texts, values),
        "ics": ics_name(slug),
        "cards_by_id": {card["id"]: card for card in snapshot["cards"]},
        "actions_by_id": {action["id"]: action for action in snapshot["actions"]},
        "meetings_by_id": {meeting["id"]: meeting for meeting in snapshot["meetings"]},
        "agreements_by_id": {a["id"]: a for a in snapshot["agreements"]},
        "overview": False,
    }
    return plan


def plan_overview(
    headlines: list[dict], texts: dict[str, str], app_url: str | None = None
) -> SitePlan:
    """The overview site: every municipality with a built site, and its headline figures; the
    colophon, and "Doe mee als gemeente" whose form posts to the app at `app_url`."""
    values = {"gemeente": "Lokaal Signaal", "contact": FALLBACK_CONTACT}
    plan = SitePlan()
    plan.pages.append(PageSpec("index.md", "overview.html", "Lokaal Signaal in Vlaanderen", ""))
    text = markup.fill(texts.get("toegankelijkheid", ""), values)
    plan.pages.append(PageSpec("toegankelijkheid.md", "content.html", "", "", markdown=text))
    general = privacy_statement.general_statement(
        [(h["name"], f"{h['slug']}/privacy/") for h in headlines]
    )
    plan.pages.append(PageSpec("privacy.md", "content.html", "", "", markdown=general))
    text = markup.fill(texts.get("colofon", ""), values)
    plan.pages.append(PageSpec("colofon.md", "content.html", "", "", markdown=text))
    plan.pages.append(PageSpec("doe-mee.md", "doe-mee.html", "Doe mee als gemeente", ""))
    plan.nav.append({"Lokaal Signaal in Vlaanderen": "index.md"})
    plan.files = {
        "gemeenten.json": opendata.overview_json(headlines),
        "gemeenten.csv": opendata.overview_csv(headlines),
        **logo_files([headline.get("logo") for headline in headlines]),
    }
    plan.context = {
        "headlines": headlines,
        "texts": _texts(texts, values),
        "overview": True,
        "app_url": app_url.rstrip("/") if app_url else None,
    }
    return plan


def logo_files(logos: list[dict | None]) -> dict[str, bytes]:
    """The static files of these logos (the snapshot holds their bytes in base64)."""
    return {f"{LOGO_DIR}/{logo['file']}": base64.b64decode(logo["data"]) for logo in logos if logo}


def _texts(texts: dict[str, str], values: dict[str, str]) -> dict:
    return {name: Markup(markup.fill(_text_html(text), values)) for name, text in texts.items()}


@lru_cache(maxsize=256)
def _text_html(text: str) -> str:
    """A text of content/ as clean HTML, `{placeholders}` kept: the same for every site.

    The values go in afterwards, escaped, so the cleaned HTML can be shared.
    """
    return str(clean_content(to_html(text)))


_ENVIRONMENTS: dict[tuple, tuple] = {}


def _no_markdown(page, config, files) -> None:
    page.content = ""


class SitePlugin(BasePlugin):
    """Adds the planned pages and files to mkdocs and gives the templates their data."""

    def __init__(self, plan: SitePlan):
        super().__init__()
        self.plan = plan
        self.specs = {spec.src: spec for spec in plan.pages}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for spec in self.plan.pages:
            files.append(
                File.generated(
                    config, spec.src, content=spec.markdown, inclusion=InclusionLevel.INCLUDED
                )
            )
        for name, content in self.plan.files.items():
            files.append(File.generated(config, name, content=content))
        return files

    def on_pre_page(self, page, *, config, files):
        # A page drawn from data has no Markdown: skip the Markdown pass (a parser per page).
        if self.specs[page.file.src_uri].template != "content.html":
            page.render = _no_markdown.__get__(page)
        return page

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        spec = self.specs[page.file.src_uri]
        page.meta["template"] = spec.template
        if spec.title:
            page.meta["title"] = spec.title
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Only our own Markdown from content/ goes through mkdocs' renderer; clean it too.
        return clean_content(html)

    def on_env(self, env, *, config, files):
        # One environment per process, kept across builds: compiling the theme's templates
        # anew for every municipality would cost more than rendering its pages.
        key = tuple(config.theme.dirs)
        if key not in _ENVIRONMENTS:
            env.autoescape = True
            env.trim_blocks = True
            env.lstrip_blocks = True
            env.filters.update(
                count=dutch.count,
                long_date=dutch.long_date,
                iso_date=dutch.iso_date,
                local_iso=dutch.local_iso,
                when=dutch.when,
                breakable=dutch.breakable,
                md=markup.markdown_from_data,
                chart=markup.bar_chart,
            )
            _ENVIRONMENTS[key] = (env, dict(env.globals))
        env, defaults = _ENVIRONMENTS[key]
        # Templates read the globals through this very dict: change it in place.
        env.globals.clear()
        env.globals.update(defaults, **self.plan.context)
        return env

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs[page.file.src_uri]
        context["spec"] = spec
        context["item"] = spec.item
        return context


def build_plan(plan: SitePlan, site_dir: Path, site_name: str, use_directory_urls=True) -> None:
    """Run mkdocs on a plan into an empty `site_dir`."""
    with tempfile.TemporaryDirectory(prefix="lokaal-signaal-docs-") as docs_dir:
        config = MkDocsConfig()
        config.load_dict(
            {
                "site_name": site_name,
                "docs_dir": docs_dir,
                "site_dir": str(site_dir),
                "theme": {"name": None, "custom_dir": str(THEME_DIR)},
                "use_directory_urls": use_directory_urls,
                "plugins": [],
                "markdown_extensions": ["toc", "tables"],
                "nav": plan.nav,
                "strict": True,
                "validation": {"nav": {"omitted_files": "ignore"}},
            }
        )
        errors, warnings = config.validate()
        if errors or warnings:
            raise BuildFailed(f"mkdocs configuration: {errors + warnings}")
        # mkdocs' own sitemap needs an absolute site_url we do not have: leave it out.
        config.theme.static_templates.discard("sitemap.xml")
        config.plugins["lokaal-signaal"] = SitePlugin(plan)
        try:
            build(config)
        except SystemExit as error:  # mkdocs' Abort in strict mode
            raise BuildFailed(str(error)) from None


def build_site(snapshot: dict, texts: dict[str, str], out: Path) -> int:
    """Build one municipality's site and swap it into `out/<slug>`; returns its size in bytes."""
    target = out / snapshot["slug"]
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{snapshot['slug']}-", dir=out))
    try:
        build_plan(plan_site(snapshot, texts), staging, f"Lokaal Signaal {snapshot['name']}")
        size = _publishable(staging)
        replace_dir(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return size


def build_overview(
    headlines: list[dict], texts: dict[str, str], out: Path, app_url: str | None = None
) -> int:
    """Build the overview into the root of `out`, leaving the municipalities' folders alone."""
    staging = Path(tempfile.mkdtemp(prefix=".staging-overview-", dir=out))
    try:
        build_plan(
            plan_overview(headlines, texts, app_url),
            staging,
            "Lokaal Signaal",
            use_directory_urls=False,
        )
        _publishable(staging)
        for name in OVERVIEW_DIRS:
            replace_dir(staging / name, out / name)
        if (staging / LOGO_DIR).is_dir():
            replace_dir(staging / LOGO_DIR, out / LOGO_DIR)
        else:
            shutil.rmtree(out / LOGO_DIR, ignore_errors=True)
        for name in OVERVIEW_FILES:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sum((out / name).stat().st_size for name in OVERVIEW_FILES) + sum(
        _size(out / name) for name in (*OVERVIEW_DIRS, LOGO_DIR)
    )


def _publishable(root: Path) -> int:
    """Readable by the web server: temporary directories start out private to their owner.

    Returns the size of the files in bytes: one walk over the tree does both.
    """
    size = 0
    root.chmod(0o755)
    for folder, folders, files in os.walk(root):
        for name in folders:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            path = os.path.join(folder, name)
            status = os.stat(path)
            if stat.S_IMODE(status.st_mode) != 0o644:
                os.chmod(path, 0o644)
            size += status.st_size
    return size


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
