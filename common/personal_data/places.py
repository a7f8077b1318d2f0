"""Street addresses (Dutch and French) and Belgian licence plates in a free text."""

import re
from collections.abc import Iterator

# --- Street addresses --------------------------------------------------------------------------

# "ring" only as a word of its own ("Kleine Ring 5"): "mailstoring 51" is no address.
_STREET_SUFFIXES = (
    "straat|straatje|steeg|steenweg|laan|dreef|plein|lei|weg|wegel|baan|kaai|kade|markt|vest"
    "|hof|park|singel|pad|berg|dijk|veld|plaats|gracht|kouter|dries|boulevard|voer|akker|meers"
    r"|dam|dok|werf|vliet|heide|hoeve|(?<![^\W\d_])ring"
)
_NOT_A_HOUSE_NUMBER = (
    r"procent|jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|keer|euro|eur|km|kilometer|meter"
    r"|minuten|kinderen|mensen|personen|gezinnen|leerlingen|plaatsen|woningen|dossiers"
)
# Everyday compounds that end like a street: no address with a number after them.
_NOT_STREETS = {"loopbaan", "vervoer", "leerlingenvervoer", "spoorweg", "snelweg", "fietspad"}
_ADDRESS_RE = re.compile(
    rf"(?:(?P<pre>\b[^\W\d_][\w'-]*) +)?"
    rf"(?P<street>\b[^\W\d_][\w'-]*?(?:{_STREET_SUFFIXES})|\b(?:{_STREET_SUFFIXES}))"
    r"\s+(?:nr\.?\s*|nummer\s+)?[1-9]\d{0,3}[a-z]?\b"
    r"(?:\s*(?:bus\s*|/\s*)\d{1,4}[a-z]?\b)?"
    rf"(?![.,]\d)(?!\s*(?:%|(?:{_NOT_A_HOUSE_NUMBER})\b))",
    re.IGNORECASE,
)
_SUFFIX_ONLY_RE = re.compile(rf"(?:{_STREET_SUFFIXES})", re.IGNORECASE)
# Capitalised words that start a sentence or phrase rather than a street name.
_NOT_STREET_WORDS = {
    "aan", "bij", "de", "deze", "die", "dit", "een", "elke", "het", "hun", "in", "langs", "met",
    "naar", "onze", "op", "over", "uit", "van", "via", "voor", "zijn",
}  # fmt: skip


# A word and the house number after it: where an address can be.
_WORD_BEFORE_NUMBER_RE = re.compile(
    r"(?<![\w'-])([^\W\d_][\w'-]*)\s+(?:nr\.?\s*|nummer\s+)?[1-9]", re.I
)
_SUFFIXES = tuple(s.removeprefix(r"(?<![^\W\d_])") for s in _STREET_SUFFIXES.split("|"))


def _word_start_before(text: str, position: int) -> int:
    """Where the word before position starts (position itself when there is none)."""
    index = position
    while index > 0 and text[index - 1] == " ":
        index -= 1
    end = index
    while index > 0 and (text[index - 1].isalpha() or text[index - 1] in "'-"):
        index -= 1
    return index if index < end else position


def _find_dutch_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of street names followed by a house number."""
    position = 0
    for candidate in _WORD_BEFORE_NUMBER_RE.finditer(text):
        if not candidate.group(1).lower().endswith(_SUFFIXES) or candidate.start() < position:
            continue
        word_start = candidate.start(1)
        m = _ADDRESS_RE.match(text, _word_start_before(text, word_start))
        if m is None or m.end() <= word_start:
            m = _ADDRESS_RE.match(text, word_start)
        if m is None:
            continue
        position = m.end()
        pre = m.group("pre")
        named = bool(pre) and pre[0].isupper() and pre.lower() not in _NOT_STREET_WORDS
        if _SUFFIX_ONLY_RE.fullmatch(m.group("street")) and not named:
            continue  # "in de straat 3" is not an address, "Grote Markt 3" is
        if m.group("street").lower().endswith(tuple(_NOT_STREETS)):
            continue
        yield (m.start() if named else m.start("street")), m.end()


# French street names: the kind of street first ("rue de la Loi 16", "avenue Louise 54").
_FRENCH_STREET_RE = re.compile(
    r"(?<![\w-])(?i:rue|avenue|av\.|chauss[ée]e|boulevard|bd|place|quai|square|all[ée]e|impasse"
    r"|chemin|drève|clos|rond-point|galerie|parvis|sentier)"
    r"(?:\s+(?:(?i:de|du|des|la|le|les|aux|au|sur)\b|(?:[lLdD]['’])?[A-ZÀ-Þ][\w'’-]*)){1,6}?"
    r",?\s+[1-9]\d{0,3}[a-zA-Z]?\b"
    r"(?:\s*,?\s*(?i:boîte|boite|bte|bus|b\.)\s*\d{1,4}[a-zA-Z]?\b)?"
    rf"(?![.,]\d)(?!\s*(?:%|(?i:{_NOT_A_HOUSE_NUMBER})\b))"
)


def _find_french_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of French street names followed by a house number."""
    for m in _FRENCH_STREET_RE.finditer(text):
        yield m.span()


# --- Licence plates ----------------------------------------------------------------------------

# 1-ABC-123 (since 2010), ABC-123 (1973-2008) and 123-ABC, with dashes, dots or spaces.
_PLATE_RE = re.compile(
    r"(?<![\w-])(?:[1-9][ .-]?[A-Z]{3}[ .-]?\d{3}|[1-9][ .-][a-z]{3}[ .-]\d{3}"
    r"|(?P<letters>[A-Z]{3})[ .-]\d{3}|\d{3}[ .-](?P<after>[A-Z]{3}))(?![\w-])"
)
# Abbreviations that can stand before a number of three digits without being a plate.
_NOT_PLATE_LETTERS = {
    "CAW", "CGG", "CLB", "BTW", "BSO", "TSO", "ASO", "KSO", "DKO", "JAC", "KBO", "RVA", "RSZ",
    "TEC", "CAR", "PMS", "WZC", "LDC", "SVK", "EPC", "ISO", "NIS", "PWA", "RVT", "PVB", "IBO",
    "BKO", "KDV", "BIS", "RRN", "EUR", "USD", "ART", "NR", "REF", "PAG", "BLZ", "TEL", "GSM",
}  # fmt: skip


def find_plates(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Belgian licence plates."""
    for m in _PLATE_RE.finditer(text):
        if (m["letters"] or m["after"] or "") not in _NOT_PLATE_LETTERS:
            yield m.span()


def find_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Dutch and French street names with a house number."""
    yield from _find_dutch_addresses(text)
    yield from _find_french_addresses(text)
