"""Fold the disguises of personal data (odd spaces, invisible and look-alike characters) away.

The guard matches on the folded text and maps every finding back to the original text, so the
review step highlights exactly what the writer typed.
"""

import unicodedata
from functools import lru_cache

# Invisible characters that can hide inside a number or an address: dropped.
_INVISIBLE = {
    "\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u2061", "\u2062", "\u2063",
    "\u2064", "\u206a", "\u206b", "\u206c", "\u206d", "\u206e", "\u206f", "\ufeff",
}  # fmt: skip
# Letters of other scripts that look like Latin ones, and every dash that looks like a hyphen.
_LOOK_ALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινκρτυχ‐‑‒–—―−﹣－⁄∕",
    "ABEKMHOPCTXaeopcyxijsdlABEZHIKMNOPTYXoivkptux---------//",
)


_ASCII_SPACES = str.maketrans("\x0b\x0c", "  ")


@lru_cache(maxsize=4096)
def _stays(char: str) -> bool:
    """Whether a non-ASCII character folds to itself (é, ë, €, °), so nothing moves."""
    return (
        char not in _INVISIBLE
        and not char.isspace()
        and unicodedata.category(char) != "Cf"
        and char.translate(_LOOK_ALIKES) == char
        and unicodedata.normalize("NFKC", char) == char
    )


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, for each of its characters, the index it came from in text (None
    when every character stayed in place, as in the plain ASCII of most texts)."""
    if text.isascii() or all(_stays(char) for char in set(text) if not char.isascii()):
        return text.translate(_ASCII_SPACES), None
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if " " <= char <= "~":
            chars.append(char)
            origin.append(index)
            continue
        if char in _INVISIBLE or unicodedata.category(char) == "Cf":
            continue
        if char.isspace() and char not in "\n\r\t":
            folded = " "
        else:
            folded = char.translate(_LOOK_ALIKES)
            if not folded.isascii():
                folded = unicodedata.normalize("NFKC", folded)
                if len(folded) != 1:  # ligatures and the like: keep the character as it is
                    folded = char
        chars.append(folded)
        origin.append(index)
    return "".join(chars), origin


def original_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that the folded span start:end came from."""
    if origin is None:
        return start, end
    return origin[start], origin[end - 1] + 1
