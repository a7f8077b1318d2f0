"""Detect personal data of citizens in a free text before another person can read it."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from common.personal_data.normalise import fold, original_span

LABELS = {
    "insz": "rijksregisternummer",
    "iban": "IBAN-rekeningnummer",
    "email": "e-mailadres",
    "phone": "telefoonnummer",
    "birth_date": "geboortedatum",
    "address": "adres met huisnummer",
    "person": "naam van een persoon",
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

_INSZ_RE = re.compile(
    r"(?<!\d)(?<!\d[.,/-])\d{2}[ ./-]?\d{2}[ ./-]?\d{2}[ ./-]?\d{3}[ ./-]?\d{2}(?!\d|[.,/-]\d)"
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

_IBAN_RE = re.compile(
    r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?:[ ./-]?[A-Z0-9]{4}){2,7}(?:[ ./-]?[A-Z0-9]{1,4})?(?![A-Z0-9])",
    re.IGNORECASE | re.ASCII,
)
_SEPARATORS = re.compile(r"[ ./-]")
_IBAN_LENGTHS = {"BE": 16, "NL": 18, "LU": 20, "DE": 22, "GB": 22, "FR": 27}


def _valid_iban(compact: str) -> bool:
    """ISO 13616 check: country length and mod-97 remainder of 1."""
    compact = compact.upper()
    length = _IBAN_LENGTHS.get(compact[:2])
    if (length and len(compact) != length) or not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


_MAY_BE_IBAN_RE = re.compile(r"[A-Za-z]{2}\d{2}")


def _find_ibans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of valid IBANs; words glued on after the last group are trimmed off."""
    if not _MAY_BE_IBAN_RE.search(text):
        return
    pos = 0
    while m := _IBAN_RE.search(text, pos):
        ends = [piece.end() for piece in re.finditer(r"[^ ./-]+", m.group())]
        valid = (e for e in reversed(ends) if _valid_iban(_SEPARATORS.sub("", m.group()[:e])))
        end = next(valid, 0)
        if end:
            yield m.start(), m.start() + end
        pos = m.start() + (end or 1)


# --- E-mail ------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\b"
)


# "jan.peeters [at] gmail.com", "jan (at) gmail (dot) com", "jan at gmail punt com".
_AT = r"(?:\s*[\[({<]\s*(?:at|@|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje)\s+|\s+@\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+)"
_OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.%+-])[\w%+-]+(?:{_DOT}[\w%+-]+)*{_AT}"
    rf"(?:[^\W_](?:[\w-]*[^\W_])?{_DOT})+[a-z]{{2,6}}\b",
    re.IGNORECASE,
)


# Cheap tests that most texts fail, so the costly patterns run only where they can match.
_HIDDEN_AT = (" at ", "(at)", "[at]", "{at}", "<at>", "apenstaartje", " @", "@ ")


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
    r"(?<![\w+])(?<!\d[.,/-])(?:(?:\+|00)32[ ./-]?(?:\(0\)[ ]?)?|0)"
    r"[1-9](?:[ ./-]?\d){7,8}(?!\d|[.,/-]\d)"
)
_DATE_LIKE_RE = re.compile(r"\d{1,2}([./-])\d{1,2}\1\d{2,4}(?!\d)")


def _valid_phone(candidate: str) -> bool:
    """Belgian numbering: 8 digits + zone or 9 for mobile (04xx); no dates in disguise."""
    if _DATE_LIKE_RE.match(candidate):
        return False
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+", "00")):
        digits = "0" + digits[4 if candidate.startswith("00") else 2 :].removeprefix("0")
    return len(digits) == 9 or (len(digits) == 10 and digits.startswith("04"))


def _find_phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Belgian phone numbers."""
    for m in _PHONE_RE.finditer(text):
        if _valid_phone(m.group()):
            yield m.span()


# --- Street addresses --------------------------------------------------------------------------

_STREET_SUFFIXES = (
    "straat|straatje|steeg|steenweg|laan|dreef|plein|lei|weg|wegel|baan|kaai|kade|markt|vest"
    "|hof|park|singel|pad|(?<!e)ring|berg|dijk|veld|plaats|gracht|kouter|dries|boulevard"
)
_NOT_A_HOUSE_NUMBER = r"procent|jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|keer|euro|eur"
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


_NUMBER_AFTER_WORD_RE = re.compile(r"(?<=[^\W\d_])\s+(?:nr\.?\s*|nummer\s+)?[1-9]", re.I)
_LAST_WORD_RE = re.compile(r"[^\W\d_]+$")
_SUFFIXES = tuple(s.removeprefix("(?<!e)") for s in _STREET_SUFFIXES.split("|"))


def _find_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of street names followed by a house number."""
    words = (
        _LAST_WORD_RE.search(text, max(0, m.start() - 80), m.start()).group().lower()
        for m in _NUMBER_AFTER_WORD_RE.finditer(text)
    )
    if not any(word.endswith(_SUFFIXES) for word in words):
        return
    for m in _ADDRESS_RE.finditer(text):
        pre = m.group("pre")
        named = bool(pre) and pre[0].isupper() and pre.lower() not in _NOT_STREET_WORDS
        if _SUFFIX_ONLY_RE.fullmatch(m.group("street")) and not named:
            continue  # "in de straat 3" is not an address, "Grote Markt 3" is
        yield (m.start() if named else m.start("street")), m.end()


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
_BIRTH_CUE_RE = re.compile(r"geboren|geboortedatum|geboortejaar|\bgeb\.|\bdob\b|°", re.IGNORECASE)
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
    if not any(cue in lower for cue in ("geb", "dob", "°")):
        return
    matches = [*_NUMERIC_DATE_RE.finditer(text), *_WRITTEN_DATE_RE.finditer(text)]
    previous_end = 0
    for m in sorted(matches, key=lambda match: match.start()):
        window = text[max(m.start() - _CUE_WINDOW, previous_end) : m.start()]
        previous_end = m.end()
        if _BIRTH_CUE_RE.search(window) and _as_date(m):
            yield m.span()


# --- Person references -------------------------------------------------------------------------

_CAPITALISED = r"(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['-][A-ZÀ-ÖØ-Þa-zß-öø-ÿ]+)*|[A-Z]\.)"
_PARTICLE = r"(?:van|de|der|den|het|'t|ten|ter|te|vanden|vander|d'|di|da|el|al|ben|le|la|du)"
_NAME = rf"{_CAPITALISED}(?: (?:{_PARTICLE} )*{_CAPITALISED})*"
_TITLE_RE = re.compile(
    r"(?<![\w.])(?i:mevrouw|mevr\.?|mvr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de heer|mr\.?"
    r"|juffrouw|madame|monsieur) "
    rf"(?P<name>(?:{_PARTICLE} )*{_NAME})"
)
_AGE = r"(?:\d{1,3}) ?(?:jaar|j\.?|jr\.?)"
_NAME_AGE_RE = re.compile(
    rf"(?<![\w.])(?P<name>{_NAME})(?: ?\( ?(?:{_AGE}|\d{{1,3}}) ?\)|, {_AGE}(?![\w-]))"
    rf"|(?<!\w)\d{{1,3}}-jarige (?P<aged>{_NAME})"
)
# Capitalised words that name an organisation, a role or a group rather than a person.
_NOT_A_NAME = {
    "het", "een", "deze", "dit", "onze", "ons", "elke", "alle", "geen",
    "burgemeester", "schepen", "voorzitter", "directeur", "directrice", "minister", "dokter",
    "pastoor", "juf", "meester",
    "dienst", "welzijn", "sociaal", "sociale", "huis", "stad", "gemeente", "ocmw", "caw",
    "vdab", "kind", "gezin", "jeugd", "centrum", "team", "project", "school", "basisschool",
    "kinderen", "jongeren", "ouderen", "gezinnen", "cliënten", "bewoners", "leerlingen",
}  # fmt: skip


def _is_name(name: str, text: str, start: int, titled: bool) -> bool:
    """Whether capitalised words name a person: not an organisation, role or sentence start."""
    words = [w for w in re.split(r"[ .'-]+", name.lower()) if w]
    if not words or any(word in _NOT_A_NAME for word in words):
        return False
    if titled or len(re.findall(_CAPITALISED, name)) > 1:
        return True
    before = text[:start].rstrip()  # one word alone: a name only in the middle of a sentence
    return bool(before) and (before[-1].islower() or before[-1] in ",;:")


_TITLES = ("mev", "mvr", "mw", "men", "mijnh", "mnr", "dhr", "heer", "mr", "juf", "mada", "mons")
_AGE_CUE_RE = re.compile(r"\d ?\)|\d ?(?:jaar|j\.?|jr\.?)(?!\w)|\d-jarige")


def _find_persons(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a title followed by a name, and of a name next to an age, merged when they meet."""
    spans = []
    lower = text.lower()
    if any(title in lower for title in _TITLES):
        spans = [m.span() for m in _TITLE_RE.finditer(text) if _is_name(m["name"], text, 0, True)]
    ages = _NAME_AGE_RE.finditer(text) if _AGE_CUE_RE.search(text) else ()
    for m in ages:
        group = "name" if m["name"] else "aged"
        if _is_name(m[group], text, m.start(group), False):
            spans.append(m.span())
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield start, end


# --- Public API --------------------------------------------------------------------------------

_FINDERS = {
    "insz": _find_insz,
    "iban": _find_ibans,
    "email": _find_emails,
    "phone": _find_phones,
    "birth_date": _find_birth_dates,
    "address": _find_addresses,
    "person": _find_persons,
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
