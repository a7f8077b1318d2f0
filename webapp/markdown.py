"""Markdown written by processors, rendered to HTML that is safe on any page.

Python-Markdown copies raw HTML straight through, so its output is never trusted: nh3 (the
maintained Rust sanitiser ammonia) keeps only a few basic tags, links with safe schemes, and
marks every link nofollow noopener. The same function serves the app and the microsites.
"""

import markdown as markdown_lib
import nh3
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=set(URL_SCHEMES),
    # Relative links would point into the app from a microsite (or nowhere): drop them.
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def markdown_to_html(text: str | None) -> str:
    """Sanitised HTML for a Markdown text; headings start at h2 (the page holds the h1)."""
    if not text:
        return ""
    html = markdown_lib.markdown(
        text.replace("\x00", ""),
        extensions=["toc"],
        extension_configs={"toc": {"baselevel": 2, "marker": ""}},
        output_format="html",
    )
    return _cleaner.clean(html).strip()


def render_markdown(text: str | None) -> Markup:
    """The sanitised HTML, marked safe for a Jinja template."""
    return Markup(markdown_to_html(text))
