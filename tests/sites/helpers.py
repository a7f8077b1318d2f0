"""Reading the built output: links, ids and the weight of a page."""

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.html import parse


@dataclass
class Page:
    """The links, sources, ids and tags of one HTML page."""

    links: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    tags: list[tuple[str, dict]] = field(default_factory=list)


def page_of(html: str) -> Page:
    page = Page()
    for node in parse(html).iter():
        attributes = node.attrs
        page.tags.append((node.tag, attributes))
        if "id" in attributes:
            page.ids.add(attributes["id"])
        if node.tag == "a" and "href" in attributes:
            page.links.append(attributes["href"])
        if node.tag == "link" and "href" in attributes:
            page.sources.append(attributes["href"])
        if "src" in attributes:
            page.sources.append(attributes["src"])
    return page


def read_page(path: Path) -> Page:
    return page_of(path.read_text(encoding="utf-8"))


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme)


def resolve(page_path: Path, url: str) -> tuple[Path, str]:
    """The file a relative link points to, and its fragment."""
    parts = urlsplit(url)
    target = page_path.parent / unquote(parts.path) if parts.path else page_path
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def compressed_size(*paths: Path) -> int:
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in paths)
