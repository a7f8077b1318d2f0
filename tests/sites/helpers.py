"""Reading the built output: links, ids and the weight of a page."""

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The links, sources, ids and scripts of one HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "link" and "href" in attributes:
            self.sources.append(attributes["href"])
        if "src" in attributes:
            self.sources.append(attributes["src"])


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


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
