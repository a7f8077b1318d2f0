"""Reading HTML as a user (or a screen reader) does, on BeautifulSoup: the one parser of the tests.

`parse(response_or_html)` gives a `Node`; `find`/`find_all` match a tag and exact attribute
values (`class_` for class, `data_hx_get` for data-hx-get), `text()` is the text a screen reader
reads, with whitespace collapsed and block elements separating words as on screen.
"""

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype

BLOCKS = {"br", "dd", "div", "dt", "h1", "h2", "h3", "li", "p", "section", "td", "th", "tr"}


class Node:
    """One element (or the document) of a parsed page."""

    def __init__(self, tag: Tag):
        self._tag = tag

    @property
    def tag(self) -> str:
        return "#document" if isinstance(self._tag, BeautifulSoup) else self._tag.name

    @property
    def attrs(self) -> dict[str, str]:
        return {name: value or "" for name, value in self._tag.attrs.items()}

    def text(self) -> str:
        """The text content, as a screen reader would read it (whitespace collapsed)."""
        return " ".join(self.raw_text(spaced=True).split())

    def raw_text(self, spaced: bool = False) -> str:
        """The text content as written; with `spaced`, block elements separate words."""
        parts = []
        for child in self._tag.children:
            if isinstance(child, Comment | Doctype):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag):
                inner = Node(child).raw_text(spaced)
                parts.append(f" {inner} " if spaced and child.name in BLOCKS else inner)
        return "".join(parts)

    def iter(self):
        """Every element below this one, in document order."""
        for element in self._tag.descendants:
            if isinstance(element, Tag):
                yield Node(element)

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Node"]:
        """Descendants with this tag and these exact attribute values (class_ for class)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and all(node.attrs.get(k) == v for k, v in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> "Node | None":
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def by_id(self, element_id: str) -> "Node | None":
        return self.find(id=element_id)

    def select(self, css: str) -> list["Node"]:
        """Descendants matching a CSS selector."""
        return [Node(element) for element in self._tag.select(css)]

    def __eq__(self, other) -> bool:
        return isinstance(other, Node) and other._tag is self._tag

    def __hash__(self) -> int:
        return id(self._tag)

    def __repr__(self) -> str:
        return f"<Node {self.tag} {self.attrs}>"


def parse(response_or_html) -> Node:
    """The document of a test client's response, or of an HTML string."""
    html = (
        response_or_html
        if isinstance(response_or_html, str)
        else response_or_html.get_data(as_text=True)
    )
    # One string per attribute (class too), as the page has it: tests compare exact values.
    return Node(BeautifulSoup(html, "html.parser", multi_valued_attributes=None))
