"""Plain paragraphs skip Python-Markdown (common/markdown.py): the HTML must be the same."""

import random

import markdown as markdown_lib
import pytest

from common.markdown import is_plain, to_html

PLAIN = (  # noqa: SIM905 - a line of words reads better than forty quoted ones
    "wachtlijst gezinnen huur woning Ouders één coördinator naïef 2026 12 3de"
    " . , ; : ? ! ' \" ( ) / % € + - -- --- ..."
).split(" ") + ["\n\n"]
MARKUP = (  # noqa: SIM905
    "* ** _ __ # ## > < & &amp; \\ ` [ ] ![ ]( 1. 2) = == === <b> <!-- http://x.be"
    " <https://x.be> a@b.be"
).split(" ") + [" ", "  ", "\n", "\n\n\n", "    ", "\t", "\r\n", "\x00"]


def markdown(text: str) -> str:
    return markdown_lib.markdown(text.replace("\x00", ""), output_format="html")


@pytest.mark.parametrize("seed", range(4))
def test_any_text_gives_what_markdown_gives(seed):
    rng = random.Random(seed)
    plain = 0
    for _ in range(2500):
        pieces = PLAIN if rng.random() < 0.5 else PLAIN + MARKUP
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 14))]
        text = rng.choice(("", " ")).join(words)
        plain += all(is_plain(p) for p in text.split("\n\n"))
        assert to_html(text) == markdown(text), repr(text)
    assert plain > 100  # the fast path was taken often enough to be tested


@pytest.mark.parametrize(
    "text",
    [
        "Gezinnen wachten maanden op een woning.",
        'Eerste alinea.\n\nTweede alinea, met (haakjes) en "aanhalingstekens".',
        "Kost 25 % meer: 1/3 van het budget - of 40 €?",
        "Een lijst\n- een\n- twee",
        "1. eerst",
        "Regel een  \nregel twee",
        "Tekst met *nadruk* en _ook_ en `code`.",
        "Zie <https://www.kortrijk.be>",
        "AT&T en 3 < 4",
        "# Kop",
        "Titel\n=====",
        "    code",
        "",
    ],
)
def test_examples_give_what_markdown_gives(text):
    assert to_html(text) == markdown(text)
