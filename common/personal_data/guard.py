"""Detect personal data of citizens in a free text before another person can read it."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from common.personal_data.names import find_persons
from common.personal_data.normalise import fold, original_span
from common.personal_data.places import find_addresses, find_plates

LABELS = {
    "insz": "rijksregisternummer",
    "iban": "IBAN-rekeningnummer",
    "email": "e-mailadres",
    "phone": "telefoonnummer",
    "birth_date": "geboortedatum",
    "address": "adres met huisnummer",
    "person": "naam van een persoon",
    "licence_plate": "nummerplaat",
}
# Overlapping findings: the kind listed first in LABELS wins (checksummed kinds first).
_PRIORITY = {kind: rank for rank, kind in enumerate(LABELS)}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """Dutch label shown to the social worker."""
        return LABELS[self.kind]


# --- National register number (INSZ) -----------------------------------------------------------

# Between the digit groups any short run of separators: "85  07  30  033  28", "85_07_30...".
_SEP = r"[\s./,_-]{0,3}"
_INSZ_RE = re.compile(
    rf"(?<!\d)(?<!\d[.,/_-])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}"
    r"(?!\d|[.,/_-]\d)"
)


def _valid_insz(digits: str) -> bool:
    """Whether 11 digits form a valid INSZ or BIS number (plausible date and checksum)."""
    month, day = int(digits[2:4]), int(digits[4:6])
    if month >= 60 or month % 20 > 12 or day > 31:
        return False
    nine, check = digits[:9], int(digits[9:])
    return check in (97 - int(nine) % 97, 97 - int("2" + nine) % 97)


def _find_insz(text: str) -> Iterator[tuple[int, int]]:
    """Spans of valid national register numbers."""
    for m in _INSZ_RE.finditer(text):
        if _valid_insz(re.sub(r"\D", "", m.group())):
            yield m.span()


# --- IBAN --------------------------------------------------------------------------------------

# Groups of any size ("BE 21 001 2345 67803"); the checksum decides where the number ends.
# Countries whose IBANs people here are likely to have (Europe, its neighbours, the Gulf).
_IBAN_COUNTRIES = re.findall(
    r"\w\w",
    "AD AE AL AT AZ BA BE BG BH BR CH CY CZ DE DK EE EG ES FI FO FR GB GE GI GR HR HU IE IL "
    "IQ IS IT JO KW KZ LB LI LT LU LV MC MD ME MK MR MT MU NL NO PK PL PS PT QA RO RS SA SE SI "
    "SK SM TN TR UA VA XK",
)
_IBAN_COUNTRIES = frozenset(_IBAN_COUNTRIES)
_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<country>[A-Z]{2})[ ._-]{0,2}|(?P<lower>[a-z]{2}))"
    r"\d{2}(?:[ ./_-]{0,2}[A-Za-z0-9]{1,30}){1,10}(?![A-Za-z0-9])",
    re.ASCII,
)
_SEPARATORS = re.compile(r"[ ./_-]")
_IBAN_LENGTHS = {"BE": 16, "NL": 18, "LU": 20, "DE": 22, "GB": 22, "FR": 27}


def _valid_iban(compact: str) -> bool:
    """ISO 13616 check: country length and mod-97 remainder of 1."""
    compact = compact.upper()
    length = _IBAN_LENGTHS.get(compact[:2])
    if (length and len(compact) != length) or not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


_MAY_BE_IBAN_RE = re.compile(r"[A-Z]{2}[ ._-]{0,2}\d{2}|[a-z]{2}\d{2}")


def _plausible_iban(compact: str) -> bool:
    """A valid IBAN whose account part is mostly digits (no words that fit by chance)."""
    account = compact[4:]
    digits = sum(char.isdigit() for char in account)
    return digits * 2 >= len(account) and _valid_iban(compact)


def _find_ibans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of valid IBANs; words glued on after the last group are trimmed off."""
    if not _MAY_BE_IBAN_RE.search(text):
        return
    pos = 0
    while m := _IBAN_RE.search(text, pos):
        if (m["country"] or m["lower"].upper()) not in _IBAN_COUNTRIES:
            pos = m.start() + 1
            continue
        ends = [piece.end() for piece in re.finditer(r"[^ ./_-]+", m.group())]
        valid = (e for e in reversed(ends) if _plausible_iban(_SEPARATORS.sub("", m.group()[:e])))
        end = next(valid, 0)
        if end:
            yield m.start(), m.start() + end
        pos = m.start() + (end or 1)


# --- E-mail ------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\b"
)


# "jan.peeters [at] gmail.com", "jan (at) gmail (dot) com", "jan at gmail punt com".
_AT = (
    r"(?:\s*[\[({<]\s*(?:at|a|@|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje)\s+"
    r"|\s+@\s*|\s*@\s+)"
)
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+)"
_OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.%+-])[\w%+-]+(?:{_DOT}[\w%+-]+)*{_AT}"
    rf"(?:[^\W_](?:[\w-]*[^\W_])?{_DOT})+[a-z]{{2,6}}\b",
    re.IGNORECASE,
)


# Cheap tests that most texts fail, so the costly patterns run only where they can match.
_HIDDEN_AT = (
    " at ", "(at)", "[at]", "{at}", "<at>", "(a)", "[a]", "( at )", "apenstaartje", " @", "@ ",
)  # fmt: skip


def _find_emails(text: str) -> Iterator[tuple[int, int]]:
    """Spans of e-mail addresses, also when written to fool a machine."""
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            yield m.span()
    lower = text.lower()
    if any(at in lower for at in _HIDDEN_AT):
        for m in _OBFUSCATED_EMAIL_RE.finditer(text):
            yield m.span()


# --- Phone numbers -----------------------------------------------------------------------------

_PHONE_RE = re.compile(
    r"(?<![\w+(])(?<!\d[.,/_-])(?:\(?(?:\+|00)32\)?[\s./_-]{0,3}(?:\(0\)[\s]*)?|\(?0)"
    r"[1-9]\)?(?:[\s./,_-]{0,3}\d){7,8}(?!\d|[.,/_-]\d)"
)
_DATE_LIKE_RE = re.compile(r"\d{1,2}([./-])\d{1,2}\1\d{2,4}(?!\d)")


def _valid_phone(candidate: str) -> bool:
    """Belgian numbering: 8 digits + zone or 9 for mobile (04xx); no dates in disguise."""
    if _DATE_LIKE_RE.match(candidate):
        return False
    candidate = candidate.lstrip("(")
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+", "00")):
        digits = "0" + digits[4 if candidate.startswith("00") else 2 :].removeprefix("0")
    return len(digits) == 9 or (len(digits) == 10 and digits.startswith("04"))


def _find_phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Belgian phone numbers."""
    for m in _PHONE_RE.finditer(text):
        if _valid_phone(m.group()):
            yield m.span()


# --- Dates of birth ----------------------------------------------------------------------------

_MONTH_NAMES = (
    "januari jan", "februari feb", "maart mrt mar", "april apr", "mei", "juni jun", "juli jul",
    "augustus aug", "september sep sept", "oktober okt oct", "november nov", "december dec",
)  # fmt: skip
_MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_NUMERIC_DATE_RE = re.compile(
    r"(?<!\d)(?<!\d[.,/-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)"
)
_WRITTEN_DATE_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>{'|'.join(sorted(_MONTHS, key=len, reverse=True))})\b\.?"
    r"\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_ISO_DATE_RE = re.compile(
    r"(?<![\d.,/-])(?P<y>(?:19|20)\d{2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
_BIRTH_CUE_RE = re.compile(
    r"geboren|geboortedatum|geboortedag|geboortejaar|\bgeb\.|\bdob\b|°", re.IGNORECASE
)
# "hij is van 04/11/2001": said of a person's birth, not of a recent meeting.
_BORN_IN_RE = re.compile(r"\b(?:is|ben|zijn|was)\s+van\s+$", re.IGNORECASE)
_MIN_AGE_YEARS = 10
_CUE_WINDOW = 30


def _as_date(m: re.Match[str]) -> date | None:
    """The date a match denotes, or None when no such day exists."""
    month = m.group("m")
    month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    year = int(m.group("y"))
    if len(m.group("y")) == 2:
        year += 2000 if year <= date.today().year % 100 else 1900
    try:
        return date(year, month_number, int(m.group("d")))
    except ValueError:
        return None


def _find_birth_dates(text: str) -> Iterator[tuple[int, int]]:
    """Spans of existing dates preceded by a birth cue, with no other date in between."""
    lower = text.lower()
    if not any(cue in lower for cue in ("geb", "dob", "°", "is van", "ben van", "was van")):
        return
    matches = [
        *_NUMERIC_DATE_RE.finditer(text),
        *_WRITTEN_DATE_RE.finditer(text),
        *_ISO_DATE_RE.finditer(text),
    ]
    previous_end = 0
    for m in sorted(matches, key=lambda match: match.start()):
        window = text[max(m.start() - _CUE_WINDOW, previous_end) : m.start()]
        previous_end = m.end()
        day = _as_date(m)
        if day is None:
            continue
        if _BIRTH_CUE_RE.search(window) or (
            _BORN_IN_RE.search(window) and day.year <= date.today().year - _MIN_AGE_YEARS
        ):
            yield m.span()


# --- Public API --------------------------------------------------------------------------------

_FINDERS = {
    "insz": _find_insz,
    "iban": _find_ibans,
    "email": _find_emails,
    "phone": _find_phones,
    "birth_date": _find_birth_dates,
    "address": find_addresses,
    "person": find_persons,
    "licence_plate": find_plates,
}


def scan(text: str) -> list[Finding]:
    """All personal data in text, sorted by start and without overlaps."""
    text = text or ""
    folded, origin = fold(text)
    candidates = [
        Finding(kind, start, end, text[start:end])
        for kind, finder in _FINDERS.items()
        for start, end in (original_span(origin, *span) for span in finder(folded))
    ]
    candidates.sort(key=lambda f: (_PRIORITY[f.kind], f.start - f.end, f.start))
    kept: list[Finding] = []
    for finding in candidates:
        if all(finding.end <= other.start or other.end <= finding.start for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def highlight(text: str, findings: Iterable[Finding]) -> Markup:
    """The escaped text with every finding wrapped in a <mark> element."""
    parts, pos = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < pos:
            continue  # overlaps a finding that is already marked
        parts.append(escape(text[pos : finding.start]))
        parts.append(
            Markup('<mark class="pii" data-kind="{}" title="{}">{}</mark>').format(
                finding.kind, finding.label, text[finding.start : finding.end]
            )
        )
        pos = finding.end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def summary(findings: Iterable[Finding]) -> list[tuple[str, int]]:
    """(label, count) pairs in order of first appearance."""
    counts: dict[str, int] = {}
    for finding in sorted(findings, key=lambda f: f.start):
        counts[finding.label] = counts.get(finding.label, 0) + 1
    return list(counts.items())
