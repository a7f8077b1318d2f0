"""Find the names of people in a free text: a lexicon of names plus the context around them.

A word that is a known name counts on its own only where it cannot be anything else (a
capitalised "Khadija" or "Vermeersch" in the middle of a sentence). A name that is also an
everyday word, a month or a place ("Roos", "Vos", "jan", "Brecht") needs context: a title
("mevrouw"), a relation ("zoon", "cliënte"), a first name next to it, or an age. See
docs/privacy-guard.md.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

_LEXICON = Path(__file__).with_name("names.txt")
_SPECIAL_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"})


def key(word: str) -> str:
    """A word folded for lookup: lower case, without accents (Öztürk, OZTURK -> ozturk)."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded.translate(_SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _load(path: Path) -> dict[str, frozenset[str]]:
    """The sections of the lexicon file, each as a frozenset of folded names."""
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
            continue
        current.update(key(part) for name in line.split() for part in name.split("-") if part)
    return {name: frozenset(words) for name, words in sections.items()}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SECTIONS = _load(_LEXICON)
FIRST_NAMES = _SECTIONS["first"]
SURNAMES = _SECTIONS["surname"]
NEEDS_CONTEXT = _SECTIONS["context"]

PARTICLES = _words(
    "van de der den het t ten ter te vanden vander vande d l di da du del della dos el al ben "
    "bin ibn bou ait abou abu le la von zu"
)
# Words before a name that make it a person: titles, relations and "heet".
TITLES = _words(
    "mevrouw mevr mvr mw meneer mijnheer mnr dhr heer mr mme mevrouwtje juffrouw madame monsieur "
    "mademoiselle mlle dr dokter juf meester zuster pater"
)
# The titles written short: only these run on over a full stop ("dr. Peeters"); after a whole
# word the stop ends the sentence ("... bij de dokter. Opvang ...").
SHORT_TITLES = _words("mevr mvr mw mnr dhr mr mme mlle dr")
RELATIONS = _words(
    "zoon zoontje dochter dochtertje moeder mama mams mammie vader papa paps broer broertje zus "
    "zusje oma opa grootmoeder grootvader bomma bompa tante nonkel oom neef nicht kleinzoon "
    "kleindochter man vrouw echtgenoot echtgenote partner vriend vriendin ex buurman buurvrouw "
    "buurjongen buurmeisje cliënt cliënte client cliente klant patiënt patiënte leerling "
    "jongen meisje baby jongere bewoner bewoonster huurder huurster familie gezin "
    "schoonzoon schoondochter stiefvader stiefmoeder pleegkind pleegzoon pleegdochter"
)
NAMING_VERBS = _words("heet heette heten genaamd noemt naam")
# Capitalised words that name an organisation, a role, a group or a place rather than a person.
NOT_A_NAME = _words(
    "het een deze dit onze ons elke alle geen ik hij zij ze wij we jij u hun zijn haar die dat "
    "burgemeester schepen voorzitter directeur directrice minister dokter pastoor juf meester "
    "coördinator coordinator begeleider verantwoordelijke dienst welzijn sociaal sociale huis "
    "stad gemeente ocmw caw vdab kind gezin jeugd centrum team project school basisschool "
    "kinderen jongeren ouderen gezinnen cliënten bewoners leerlingen mensen wijk buurt "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag volgens gisteren vandaag "
    "morgen daarna toen ook maar en of want dus nu hier daar wel niet nog al bij naast met voor "
    "na door over uit aan in op tot zonder sinds tijdens omdat als wanneer wie wat waar hoe "
    "graag beste dag dank ja nee neen lokaal signaal nederlands frans duits turks pools roemeens "
    "russisch oekraiens arabisch berbers tigrinya dari pasjtoe lingala swahili albanees"
)
# Public roles: a name right after one is an official in that role, not a citizen.
PUBLIC_ROLES = _words(
    "burgemeester schepen voorzitter minister gouverneur premier koning koningin prins prinses "
    "sint sinte saint heilige paus kardinaal"
)
# A word before a name that makes it part of an organisation's or a place's name.
ORGANISATION_WORDS = _words(
    "vzw az uz ziekenhuis school basisschool campus college instituut atheneum lyceum kliniek "
    "stichting fonds chiro scouts ksa kaj jeugdhuis café bakkerij apotheek garage firma bvba "
    "bv nv cvba zaal residentie wzc woonzorgcentrum dienstencentrum buurtcentrum wijkcentrum "
    "wijkgezondheidscentrum kinderdagverblijf crèche creche huis station"
)
# Endings of a word that make a run of names a street or an institution ("Jan Frans Willemsfonds").
_PLACE_ENDINGS = (
    "straat", "laan", "lei", "plein", "dreef", "weg", "steenweg", "baan", "kaai", "markt", "vest",
    "park", "hof", "fonds", "stichting", "school", "instituut", "ziekenhuis", "college",
    "centrum", "huis", "zaal", "kerk", "abdij", "brug", "poort", "tunnel", "station",
)  # fmt: skip

# "een vrouw, Marokkaanse van origine": nationalities are capitalised too.
_ADJECTIVE_ENDINGS = ("aanse", "aans", "ese", "ees", "ische", "isch", "se", "er")

_TOKEN_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END = '.!?:;\n\r\t•*"“”«»'
_AGE_AFTER_RE = re.compile(
    r"\s*\(\s*\d{1,3}\s*(?:jaar|j\.?|jr\.?)?\s*\)"
    r"|,\s*\d{1,3}\s*(?:jaar|j\.?|jr\.?)(?![\w-])"
    r"|\s+(?:is|wordt|werd)\s+(?:pas\s+|al\s+|net\s+|nog\s+maar\s+)?\d{1,3}(?:\s*jaar)?(?![\w,.-]\d)"
)
_AGE_BEFORE_RE = re.compile(r"\d{1,3}-jarige\s+$")
# "Hij heet ...", "Haar zoon heet ...": the one who is named is a person.
_PERSON_BEFORE_RE = re.compile(
    r"\b(?:hij|zij|ze|ik|zoon|zoontje|dochter|dochtertje|jongen|meisje|baby|kind|man|vrouw"
    r"|broer|zus|vader|moeder|cliënt|cliënte|buurman|buurvrouw)\s+$",
    re.IGNORECASE,
)
# Words after which two capitalised words are a person rather than a place or an organisation.
_BEFORE_A_PERSON = _words(
    "met bij aan voor door tegen zoals en of ook heb hebben sprak spraken belde belden zag zagen "
    "hielp hielpen bezocht bezochten ken kende kennen contacteerde begeleid begeleiden "
    "begeleidde verwees verwezen hoorde van"
)
# Words that end the name of an organisation or a service rather than a surname.
_ORGANISATION_ENDINGS = (
    "werk", "dienst", "centrum", "huis", "punt", "winkel", "fonds", "bond", "raad", "groep",
    "team", "project", "opbouw", "schakels", "vereniging", "netwerk", "kantoor", "loket",
    "school", "kliniek", "week", "dag", "kruis", "wereld", "hotel", "hal", "theater", "museum",
    "zaal", "bar", "shop", "store", "market", "clinic", "bank", "center", "house", "hub", "lab",
)  # fmt: skip


CUES = TITLES | RELATIONS | NAMING_VERBS
_NOT_BEFORE_A_PERSON = ORGANISATION_WORDS | PUBLIC_ROLES


_Info = tuple[str, bool, bool, bool, bool, bool, bool]


@lru_cache(maxsize=65536)
def _lookup(word: str) -> _Info | None:
    """(key, capitalised, all capitals, first name, surname, needs context, particle) of a word,
    computed once per word; None for a lower-case word that plays no part in a name."""
    folded = key(word)
    cap = word[0].isupper()
    first, surname = folded in FIRST_NAMES, folded in SURNAMES
    particle = folded in PARTICLES
    if not (cap or first or surname or particle or folded in CUES):
        return None
    caps = cap and len(word) > 1 and word.isupper()
    return folded, cap, caps, first, surname, folded in NEEDS_CONTEXT, particle


class _Token:
    __slots__ = ("start", "end", "word", "key", "cap", "caps", "lower", "first", "surname")
    __slots__ += ("name", "strong", "particle")

    def __init__(self, start: int, end: int, word: str, info: _Info):
        self.start, self.end, self.word = start, end, word
        self.key, self.cap, self.caps, self.first, self.surname, needs_context, self.particle = info
        self.lower = not self.cap
        self.name = self.first or self.surname
        self.strong = self.name and not needs_context  # no everyday word or place


def _tokens(text: str) -> list[_Token]:
    """The words of text that can play a part in a name (capitalised, known or a cue)."""
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        info = _lookup(m.group())
        if info is not None:
            tokens.append(_Token(m.start(), m.end(), m.group(), info))
    return tokens


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at start opens a sentence, a line or a list item."""
    before = text[max(0, start - 8) : start].rstrip()
    if not before:
        return start < 8 or not text[:start].strip()
    return before[-1] in _SENTENCE_END or text[max(0, start - 2) : start] in ("- ", "– ")


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens follow each other within one name: a space, a hyphen, an apostrophe."""
    gap = text[left.end : right.start]
    return gap in (" ", "-", "'", "’", "' ", "’ ") or (gap == ". " and len(left.word) == 1)


def _extend(
    text: str, tokens: list[_Token], i: int, lowercase_names: bool, titled: bool = False
) -> int:
    """The index after the name that starts at tokens[i]: surname parts and particles. Lower
    case words count when they are known names (after a title even everyday-word names)."""
    j = i
    while j < len(tokens):
        token = tokens[j]
        if j > i and not _joined(text, tokens[j - 1], token):
            break
        if token.particle:
            j += 1
            continue
        if token.cap and _ends_like_a_place(token):
            if all(t.cap for t in tokens[i:j]):
                j += 1  # "Jan Frans Willemsstraat": the whole run names a street
            break
        acceptable = (
            token.cap and token.key not in NOT_A_NAME and (not token.caps or token.name or j == i)
        ) or (lowercase_names and token.name and (titled or token.key not in NEEDS_CONTEXT))
        if not acceptable:
            break
        j += 1
    while j > i and tokens[j - 1].particle:  # a name does not end on "van" or "de"
        j -= 1
    return j


def _ends_like_a_place(token: _Token) -> bool:
    return not token.name and token.key.endswith(_PLACE_ENDINGS)


def _run_is_person(text: str, run: list[_Token], before: _Token | None) -> bool:
    """Whether a run of capitalised words (with particles) names a person without other context."""
    if before is not None and before.key in _NOT_BEFORE_A_PERSON and _joined(text, before, run[0]):
        return False
    words = [t for t in run if not t.particle]
    if not words or any(_ends_like_a_place(t) or t.key in PUBLIC_ROLES for t in words):
        return False
    at_start = _sentence_start(text, run[0].start)
    while words and words[0].key in NOT_A_NAME:  # "Volgens Dirk Willems", "Bij Geert"
        words.pop(0)
    if _unknown_name_opens_sentence(text, run, words, at_start):
        return True
    if at_start and len(words) > 1 and not words[0].name and words[0] is run[0]:
        words.pop(0)  # "Contacteer An ...": a capital at the start of a sentence tells nothing
    if not words or any(t.key in NOT_A_NAME for t in words):
        return False  # "An Coördinator": a name followed by an office signs for that office
    strong = [t for t in words if t.strong]
    if len(words) >= 2:
        firsts = [t for t in words if t.first]
        others = [t for t in words if t not in firsts[:1]]
        if len(strong) >= 2:
            return True
        if strong and firsts and others:
            unknown_ok = all(t.name or t.key not in NEEDS_CONTEXT for t in others)
            return unknown_ok
        return False
    (word,) = words
    led_by_particle = run[0].particle and run[0].cap
    if led_by_particle:
        return word.surname and (word.strong or not at_start)
    if not word.strong or word.caps and len(word.word) < 4:
        return False
    if not at_start:
        return True
    following = text[word.end : word.end + 2]
    return word.first and following[:1] == " " and following[1:2].islower()


def _unknown_name_opens_sentence(
    text: str, run: list[_Token], words: list[_Token], at_start: bool
) -> bool:
    """Two or three unknown capitalised words that open a sentence before a verb in lower case
    ("Tesfaye Habte volgt ..."), or two in the middle of one ("met Fatima Benali over"): only
    a proper name is written so, and one that is no organisation or place is a person."""
    if run[0].particle or not 2 <= len(words) <= 3 or len(run) != len(words):
        return False
    if not at_start:
        before = text[max(0, run[0].start - 12) : run[0].start].split()
        if len(words) != 2 or not before or not before[-1].isalpha():
            return False
        if before[-1].lower() not in _BEFORE_A_PERSON:
            return False  # "in de Coupure Links", "in Lokaal Signaal": a place or a thing
    if at_start and words[0].key.endswith("en"):
        return False  # "Lessen Nederlands zijn ...": a plural noun opens the sentence
    if any(
        t.caps
        or t.key in NEEDS_CONTEXT
        or t.key.endswith(_ORGANISATION_ENDINGS + _ADJECTIVE_ENDINGS)
        or len(t.word) < 3
        for t in words
    ):
        return False
    following = text[run[-1].end : run[-1].end + 2]
    return following[:1] in " ,." and (following[1:2].islower() or not at_start)


def find_persons(text: str) -> Iterator[tuple[int, int]]:
    """Spans of names of people, merged where they meet."""
    tokens = _tokens(text)
    spans = [_with_age(text, start, end) for start, end in _spans(text, tokens)]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield start, end


def _with_age(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name, grown over an age right after it or "NN-jarige" right before."""
    after = _AGE_AFTER_RE.match(text, end)
    if after and not after.group().lstrip().startswith(("is", "wordt", "werd")):
        end = after.end()
    before = _AGE_BEFORE_RE.search(text, max(0, start - 14), start)
    return (before.start() if before else start), end


def _cued_name(text: str, tokens: list[_Token], i: int) -> int:
    """The end index of a name right after the cue word tokens[i - 1], or i when there is none."""
    cue = tokens[i - 1]
    gap = text[cue.end : tokens[i].start]
    token = tokens[i]
    if cue.key in TITLES:
        if gap.strip(" .") or "\n" in gap or ("." in gap and cue.key not in SHORT_TITLES):
            return i
        end = _extend(text, tokens, i, lowercase_names=True, titled=True)
        return end if any(not t.particle for t in tokens[i:end]) else i
    if gap.strip() not in ("", ",", "(", ":", "'", '"', "“") or "\n" in gap:
        return i
    if cue.key in NAMING_VERBS:
        if not token.name and not (token.cap and _PERSON_BEFORE_RE.search(text, 0, cue.start)):
            return i
    elif token.lower and not (token.name and token.key not in NEEDS_CONTEXT):
        return i
    if (
        token.cap
        and not token.name
        and (
            token.key in NOT_A_NAME
            or token.key in NEEDS_CONTEXT
            or token.caps
            or token.key.endswith(_ADJECTIVE_ENDINGS)
        )
    ):
        return i
    end = _extend(text, tokens, i, lowercase_names=token.lower)
    return end if end > i else i


def _spans(text: str, tokens: list[_Token]) -> Iterator[tuple[int, int]]:
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.key in CUES and i + 1 < len(tokens):
            end = _cued_name(text, tokens, i + 1)
            if end > i + 1:
                first = i if token.key in TITLES else i + 1
                yield tokens[first].start, tokens[end - 1].end
                i = end
                continue
        if token.cap or token.name:
            end = _extend(text, tokens, i, lowercase_names=False) if token.cap else i + 1
            run = tokens[i:end] or [token]
            aged = _aged(text, run, tokens[i - 1] if i else None)
            before = tokens[i - 1] if i else None
            if token.cap and (aged or _run_is_person(text, run, before)):
                yield run[0].start, run[-1].end
                i = max(end, i + 1)
                continue
            if token.lower and token.strong and aged:
                yield token.start, token.end
            i = max(end, i + 1)
            continue
        i += 1


def _aged(text: str, run: list[_Token], before: _Token | None) -> bool:
    """Whether an age stands right after the run or "NN-jarige" right before it."""
    last = run[-1]
    words = [t for t in run if not t.particle]
    if not words or any(t.key in NOT_A_NAME or _ends_like_a_place(t) for t in words):
        return False
    known = any(t.name for t in words)
    if not known and any(t.key in NEEDS_CONTEXT for t in words):
        return False
    lone_word_opens = not known and len(words) == 1 and _sentence_start(text, run[0].start)
    if lone_word_opens and (words[0].key.endswith(("en", "s")) or words[0].caps):
        return False  # "Gezinnen (35)", "Aanvragen (12)": a count, not an age
    if before is not None and before.key in _NOT_BEFORE_A_PERSON:
        return False
    after = _AGE_AFTER_RE.match(text, last.end)
    if after and (known or not after.group().lstrip().startswith(("is", "wordt", "werd"))):
        return True
    return bool(_AGE_BEFORE_RE.search(text, max(0, run[0].start - 14), run[0].start))


def is_known_name(word: str) -> bool:
    """Whether a word is in the lexicon."""
    return key(word) in FIRST_NAMES or key(word) in SURNAMES
