"""Finding existing signals that look like the one being typed, on SQLite and PostgreSQL alike."""

import re
import unicodedata

from sqlalchemy import Select, func, or_

from webapp.extensions import db
from webapp.models import Signal

STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alleen",
        "als",
        "altijd",
        "ander",
        "andere",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "deze",
        "die",
        "dit",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "geen",
        "geweest",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "zeer",
        "mensen",
        "kunnen",
        "vaak",
        "soms",
        "erg",
        "heel",
        "echter",
        "terwijl",
        "omdat",
        "waardoor",
    ]
)
MIN_WORD = 4
STEM = 6  # a shared prefix is enough: "wachtlijst" finds "wachtlijsten"
MAX_TERMS = 8
CANDIDATES = 200


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", _normalise(text))
    return [w for w in words if len(w) >= MIN_WORD and w not in STOPWORDS]


def key_terms(text: str) -> list[str]:
    """The distinctive word stems of a text, longest words first."""
    stems = dict.fromkeys(w[:STEM] for w in sorted(_words(text), key=len, reverse=True))
    return list(stems)[:MAX_TERMS]


def _stems(text: str) -> set[str]:
    return {w[:STEM] for w in _words(text)}


def _typed_stems(text: str, terms: list[str]) -> set[str]:
    """The key terms as typed, accents kept: SQL cannot match "creche" in "crèche"."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text.lower()))
    return {w[:STEM] for w in words if not w.isascii() and _normalise(w)[:STEM] in terms}


def similar_signals(scope: Select, title: str, description: str, limit: int = 5) -> list[Signal]:
    """Up to `limit` signals of the scope sharing the most word stems with the draft."""
    terms = key_terms(f"{title} {description}")
    if len(terms) < 2:
        return []
    patterns = sorted({*terms, *_typed_stems(f"{title} {description}", terms)})
    haystack = func.lower(Signal.title + " " + Signal.description)
    query = (
        scope.where(or_(*[haystack.contains(term, autoescape=True) for term in patterns]))
        .order_by(Signal.created_at.desc())
        .limit(CANDIDATES)
    )
    draft = set(terms)
    scored = []
    for signal in db.session.scalars(query):
        overlap = draft & _stems(f"{signal.title} {signal.description}")
        title_overlap = draft & _stems(signal.title)
        score = len(overlap) + len(title_overlap)
        # Two common words alone ("vinden", "plaats") are no likeness: ask for a third, or for
        # one of them in the title.
        if len(overlap) >= 3 or (len(overlap) >= 2 and title_overlap):
            scored.append((score, signal.created_at, signal))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [signal for _, _, signal in scored[:limit]]
