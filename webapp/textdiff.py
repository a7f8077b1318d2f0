"""What changed between two texts, word by word, as people read them.

`words` compares two plain texts (a title, a place); `rendered` compares two Markdown texts as
they appear on the page: each is rendered and sanitised (common/markdown.py), cut into its
blocks (paragraphs, list items, headings, quotes), the blocks are lined up, and changed blocks
are compared word by word. Inserted words are in <ins>, removed ones in <del>: underlined and
struck through (not colour alone), and each starts with a hidden "toegevoegd:" or
"weggehaald:" for screen readers, whose support for <ins> and <del> varies.
"""

from difflib import SequenceMatcher
from html.parser import HTMLParser

from markupsafe import Markup, escape

from common.markdown import markdown_to_html

BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})


class _Blocks(HTMLParser):
    """The text of each block of sanitised HTML, with the kind of block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text and self._open:
            self.blocks.append((self._open[-1], text))
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()
            self._open.append(tag)
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._flush()
            if self._open:
                self._open.pop()

    def handle_data(self, data):
        if not self._open:
            self._open.append("p")
        self._text.append(data)

    def close(self):
        super().close()
        self._flush()


def blocks(markdown: str | None) -> list[tuple[str, str]]:
    """The rendered text of Markdown, block by block: [("h2", "Doel"), ("p", "…"), …]."""
    parser = _Blocks()
    parser.feed(markdown_to_html(markdown or ""))
    parser.close()
    return parser.blocks


def _marked(kind: str, text: str) -> Markup:
    if kind == "ins":
        return Markup('<ins><span class="visually-hidden">toegevoegd: </span>{}</ins>').format(text)
    return Markup('<del><span class="visually-hidden">weggehaald: </span>{}</del>').format(text)


def _words(before: str, after: str) -> Markup:
    # Words, not characters or lines: a change of spacing alone is no change a reader sees.
    old, new = before.split(), after.split()
    parts: list[Markup] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(new[j1:j2])))
            continue
        if i2 > i1:
            parts.append(_marked("del", " ".join(old[i1:i2])))
        if j2 > j1:
            parts.append(_marked("ins", " ".join(new[j1:j2])))
    return Markup(" ").join(parts)


def words(before: str | None, after: str | None) -> Markup:
    """`before` turned into `after`, word by word, with the changes marked."""
    return _words(before or "", after or "")


def _block(kind: str, content: Markup, state: str = "") -> Markup:
    label = {"li": "– ", "blockquote": "“"}.get(kind, "")
    classes = " ".join(filter(None, ["diff-block", f"diff-{kind}", state]))
    return Markup('<p class="{}">{}{}</p>').format(classes, label, content)


def rendered(before: str | None, after: str | None) -> Markup:
    """Two Markdown texts compared as they read: block by block, word by word."""
    old, new = blocks(before), blocks(after)
    out: list[Markup] = []
    matcher = SequenceMatcher(None, [t for _, t in old], [t for _, t in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(_block(kind, escape(text)) for kind, text in new[j1:j2])
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for (_, was), (kind, now) in zip(old[i1 : i1 + pairs], new[j1 : j1 + pairs], strict=True):
            out.append(_block(kind, words(was, now), "changed"))
        for kind, text in old[i1 + pairs : i2]:
            out.append(_block(kind, _marked("del", text), "removed"))
        for kind, text in new[j1 + pairs : j2]:
            out.append(_block(kind, _marked("ins", text), "added"))
    return Markup("\n").join(out)


def changed(before: str | None, after: str | None) -> bool:
    """Whether two plain texts differ in anything but spacing."""
    return " ".join((before or "").split()) != " ".join((after or "").split())
