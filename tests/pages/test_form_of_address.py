"""One form of address: the app, its mails, the texts and the microsites say "je kan", never
"je kunt" (issue 21, chosen once in the charter)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Everything people read: templates and mails, the Python that flashes and labels, the
# microsites' theme and the texts in content/.
PLACES = ("webapp", "sites", "content", "common")
SUFFIXES = {".html", ".txt", ".md", ".py", ".j2", ".js", ".yml", ".yaml"}
# "je kunt", "Je kunt", "jij kunt", "u kunt", also across a line break.
OTHER_FORM = re.compile(r"\b(je|jij|u)\s+kunt\b", re.IGNORECASE)


def _texts():
    for place in PLACES:
        for path in sorted((ROOT / place).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "node_modules" not in path.parts:
                yield path, path.read_text(encoding="utf-8", errors="replace")


def test_the_pattern_finds_the_other_form():
    # The check itself: it must find what it forbids, whatever the case or the line break.
    assert OTHER_FORM.search("Hier Je kunt")
    assert OTHER_FORM.search("waar je\n kunt")
    assert not OTHER_FORM.search("Je kan het downloaden; je kunstwerk")


def test_no_text_says_je_kunt():
    found = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
        for path, text in _texts()
        for match in OTHER_FORM.finditer(text)
    ]
    assert len(list(_texts())) > 100  # the walk really reads the templates
    assert found == []
