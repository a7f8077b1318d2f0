"""Markdown to HTML that is safe on any page: the one sanitiser of the app and the microsites.

Python-Markdown copies raw HTML straight through, so its output is never trusted: nh3 (the
maintained Rust sanitiser ammonia) keeps one short allowlist of tags, links with safe schemes
only, and marks every link `nofollow noopener`. No images (an image is a request to a third
party), no relative links (they would point into the app from a microsite, or nowhere).
"""

import re

import markdown as markdown_lib
import nh3
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "ul", "ol", "li", "a", "blockquote"}
    | {"h2", "h3", "h4", "h5", "h6"}
)
# Our own texts in content/ (written by us, not by users) may also hold tables and abbreviations.
CONTENT_TAGS = ALLOWED_TAGS | {"h1", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

_HEADING = re.compile(r"<(/?)h([1-6])\b")
# A link whose unsafe target nh3 removed: keep its text, drop the empty anchor.
_DEAD_LINK = re.compile(r"<a(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.DOTALL)

_data_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)
_content_cleaner = nh3.Cleaner(
    tags=set(CONTENT_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}, "h2": {"id"}, "h3": {"id"}, "abbr": {"title"}},
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
)


# A paragraph of words and plain punctuation on one line, starting with a letter: nothing in it
# opens a heading, list, quote, code, link, emphasis, entity or HTML, so Markdown gives it back
# as `<p>...</p>` unchanged (tests/test_markdown_plain.py compares the two on many texts).
_PLAIN_PARAGRAPH = re.compile(r"[^\W\d_][\w .,;:?!'\"()/%€+-]*")


def is_plain(paragraph: str) -> bool:
    return (
        _PLAIN_PARAGRAPH.fullmatch(paragraph) is not None
        and "_" not in paragraph
        and "  " not in paragraph
        and not paragraph.endswith(" ")
    )


def to_html(text: str) -> str:
    """Markdown to HTML, not yet sanitised; a fresh converter per text (they keep state).

    Plain paragraphs, most of what people type, skip the converter: a site has hundreds.
    """
    text = text.replace("\x00", "")
    paragraphs = text.split("\n\n")
    if all(is_plain(paragraph) for paragraph in paragraphs):
        return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return markdown_lib.markdown(text, output_format="html")


def shift_headings(html: str, offset: int) -> str:
    """Move every heading `offset` levels down (at most h6): the page holds the higher ones."""
    if not offset:
        return html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + offset)}", html)


def markdown_to_html(text: str | None, heading_offset: int = 1) -> str:
    """Sanitised HTML for Markdown written in the app; `#` becomes h(1 + heading_offset)."""
    if not text:
        return ""
    html = shift_headings(to_html(text), heading_offset)
    return _DEAD_LINK.sub(r"\1", _data_cleaner.clean(html)).strip()


def render_markdown(text: str | None, heading_offset: int = 1) -> Markup:
    """The sanitised HTML, marked safe for a Jinja template."""
    return Markup(markdown_to_html(text, heading_offset))


def clean_content(html: str) -> Markup:
    """HTML made from our own Markdown in content/, sanitised all the same."""
    return Markup(_content_cleaner.clean(html))
