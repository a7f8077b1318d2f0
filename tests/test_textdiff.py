"""Word-level differences of the text as it reads: rendered Markdown, not its source lines."""

from tests.html import parse
from webapp.textdiff import blocks, changed, rendered, words


def _marks(html) -> tuple[list[str], list[str]]:
    doc = parse(f"<div>{html}</div>")
    return (
        [node.text() for node in doc.find_all("del")],
        [node.text() for node in doc.find_all("ins")],
    )


def test_words_mark_only_the_words_that_changed():
    removed, added = _marks(words("De fiets staat buiten", "De rode fiets staat binnen"))
    assert removed == ["weggehaald: buiten"]
    assert added == ["toegevoegd: rode", "toegevoegd: binnen"]


def test_spacing_and_line_breaks_are_no_change():
    assert _marks(words("Een  zin\nover   twee regels", "Een zin over twee regels")) == ([], [])
    assert not changed(" a  b ", "a b") and changed("a b", "a c")


def test_markdown_is_compared_as_it_reads():
    before = "## Doel\n\nWe werken **samen** aan\nsignalen.\n\n- een\n- twee\n"
    after = "## Doel\n\nWe werken samen aan signalen.\n\n- een\n- drie\n"
    assert blocks(before)[:2] == [("h3", "Doel"), ("p", "We werken samen aan signalen.")]
    removed, added = _marks(rendered(before, after))
    # Bold and a line break in the source are not differences in the text; the item is.
    assert removed == ["weggehaald: twee"]
    assert added == ["toegevoegd: drie"]
    assert "**" not in rendered(before, after)


def test_whole_blocks_added_or_removed_are_marked_whole():
    removed, added = _marks(rendered("Eerste.\n\nTweede.", "Eerste.\n\nDerde alinea hier."))
    assert removed == ["weggehaald: Tweede."]
    assert added == ["toegevoegd: Derde alinea hier."]
    removed, added = _marks(rendered("Eerste.", "Eerste.\n\n- nieuw punt"))
    assert (removed, added) == ([], ["toegevoegd: nieuw punt"])


def test_the_diff_is_escaped_and_sanitised():
    html = rendered("Tekst", "Tekst <script>alert(1)</script> <b>vet</b> & meer")
    assert "<script" not in html and "<b>" not in html
    assert "&amp; meer" in html
    html = words("a", "<img src=x onerror=alert(1)>")
    assert "<img" not in html and "&lt;img" in html
