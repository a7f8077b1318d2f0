"""The personal-data guard over everything a public site would show.

The publication gate (webapp/publication.py) keeps flagged texts from being published in the
app; this is the generator's own check of the same rule, over the snapshot it reads, before
anything is rendered, hashed or written: pages, the `.ics` feed and the open data all come from
the snapshot. The check walks every string of the snapshot, so a field added to the read model
is checked without anyone naming it here. A string passes when the guard finds nothing in it
(for the kind of text the field holds, see `publication.IGNORED_KINDS`) or when a head
processor of the municipality confirmed exactly that text. A public record (card, action,
meeting, organisation, agreement) holding a string that does not pass is withheld with every
link to it; any other string (a theme name in the figures, the coordinator) is left out. Each
is named by kind and id, never by its text, so that `sites build` can report it and exit
non-zero.
"""

import hashlib
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from common.personal_data.guard import summary
from webapp.extensions import db
from webapp.models import Municipality, ReviewedText
from webapp.publication import findings_in, text_hash

ROOT = Path(__file__).resolve().parent.parent.parent
# The code whose verdict the build state remembers: a change in it rebuilds every site. The
# guard's word lists, where it has them, count as its code.
GUARD_CODE = (
    "common/personal_data",
    "webapp/publication.py",
    Path(__file__).resolve().relative_to(ROOT).as_posix(),
)

# The lists of public records in a snapshot, with the kind their confirmations are kept under.
RECORDS = {
    "cards": "signal_card",
    "actions": "action",
    "meetings": "meeting",
    "organisations": "organisation",
    "agreements": "agreement",
}
KIND_NAMES = {
    "signal_card": "signaalfiche",
    "action": "actie",
    "meeting": "bijeenkomst",
    "organisation": "organisatie",
    "agreement": "overeenkomst",
}
# Dutch names of the snapshot's keys, for the build report.
FIELD_NAMES = {
    "title": "titel",
    "summary": "publieke samenvatting",
    "description": "beschrijving",
    "body": "tekst",
    "place": "plaats",
    "name": "naam",
    "organisation": "naam van de organisatie",
    "themes": "thema",
    "label": "naam",
    "supralocal": "bovenlokaal dossier",
    "feedback": "terugkoppeling van het netwerk",
    "updates": "voortgang",
    "coordinator_name": "coördinator",
    "contact_email": "contactadres",
    "public_url": "lokale pagina",
    "figures": "cijfers",
    "decisions": "beslissing",
    "taken_by": "beslist door",
    "plan_goal": "doel in het meerjarenplan",
    "link": "link",
    "minutes": "verslag",
    "owner_service": "verantwoordelijke dienst",
    "priority": "prioriteit",
}
# Values the read model takes from the platform or from code, never typed in the app: the
# municipality's official name and slug, the build's own app address.
PLATFORM_KEYS = frozenset({"slug", "name", "app_url"})
# Dates and times the read model writes itself (ISO 8601); only such values are skipped.
DATE_KEYS = frozenset(
    {
        "date",
        "starts_on",
        "ends_on",
        "starts_at",
        "ends_at",
        "updated_at",
        "published_on",
        "due_on",
    }
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")


def is_machine_value(path: tuple, value: str) -> bool:
    """A string the app did not take from anyone's typing: a date the read model formats, or
    the municipality's official name and slug."""
    key = next((part for part in reversed(path) if isinstance(part, str)), None)
    if key in DATE_KEYS:
        return ISO_DATE.fullmatch(value) is not None
    return len(path) == 1 and key in PLATFORM_KEYS


def strings(value, path: tuple = ()):
    """Every (path, string) in a snapshot or part of it; a path is the keys and list indexes
    that lead to the string."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def field_of(path: tuple) -> str:
    """The kind of text at `path`, as the guard's field rules know it (webapp/publication.py)."""
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def problem(path: tuple, text: str, confirmed: set[str], seen: dict | None = None) -> list:
    """The guard's findings in a string that is neither clean nor confirmed ([] if it passes).

    `seen` keeps the verdicts of one snapshot: a theme, a status or an organisation's name
    recurs on many records and is scanned once."""
    if is_machine_value(path, text):
        return []
    key = (field_of(path), text)
    if seen is not None and key in seen:
        return seen[key]
    findings = findings_in(key[0], text)
    if findings and text_hash(text) in confirmed:
        findings = []
    if seen is not None:
        seen[key] = findings
    return findings


def _label(path: tuple) -> str:
    """What a string is, in Dutch: the list it is an entry of, else the field holding it."""
    lists = [part for part, after in zip(path, path[1:], strict=False) if isinstance(after, int)]
    keys = [part for part in path if isinstance(part, str)]
    name = lists[-1] if lists else (keys[0] if keys else "")
    return FIELD_NAMES.get(name, name) or "tekst"


def _kinds(findings) -> str:
    return ", ".join(f"{n} × {label}" for label, n in summary(findings))


def code_digest() -> str:
    hasher = hashlib.sha256()
    for name in GUARD_CODE:
        path = ROOT / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                hasher.update(file.relative_to(ROOT).as_posix().encode())
                hasher.update(file.read_bytes())
    return hasher.hexdigest()


def confirmations(municipality: Municipality) -> dict[str, dict[int, set[str]]]:
    """Per kind and record, the hashes of the texts a head processor confirmed (one query)."""
    found: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = db.session.execute(
        select(ReviewedText.subject_type, ReviewedText.subject_id, ReviewedText.text_hash).where(
            ReviewedText.municipality_id == municipality.id
        )
    )
    for kind, subject_id, digest in rows:
        found[kind][subject_id].add(digest)
    return found


def confirmed_texts(confirmed: dict[str, dict[int, set[str]]]) -> set[str]:
    """The hashes of every text a head processor of the municipality confirmed.

    A confirmation vouches for one exact text, wherever it appears on the municipality's site:
    a confirmed organisation name is as clean on the action it carries out as on its own page.
    """
    return {digest for ids in confirmed.values() for hashes in ids.values() for digest in hashes}


def digest(confirmed: dict[str, dict[int, set[str]]]) -> str:
    """Changes when a confirmation is given or dropped, so that the site is built again."""
    rows = sorted((k, i, h) for k, ids in confirmed.items() for i, hs in ids.items() for h in hs)
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def withhold_flagged(
    snapshot: dict,
    municipality: Municipality,
    now: datetime,
    confirmed: dict[str, dict[int, set[str]]],
) -> list[str]:
    """Take every string that neither passes the guard nor carries a head processor's
    confirmation out of the snapshot: with its whole record when it is part of a public record,
    alone otherwise. One Dutch line per record or string left out."""
    hashes = confirmed_texts(confirmed)
    seen: dict[tuple[str, str], list] = {}
    withheld: dict[str, set[int]] = {name: set() for name in RECORDS}
    lines = []
    for name, kind in RECORDS.items():
        for record in snapshot.get(name, []):
            problems = []
            for path, text in strings(record, (name,)):
                findings = problem(path, text, hashes, seen)
                if findings:
                    problems.append(f"{_label(path[1:])} ({_kinds(findings)})")
            if problems:
                withheld[name].add(record["id"])
                lines.append(
                    f"{KIND_NAMES[kind]} {record['id']} niet gepubliceerd, persoonsgegevens in: "
                    + "; ".join(problems)
                )
    _drop(snapshot, withheld)
    rest = {key: value for key, value in snapshot.items() if key not in RECORDS}
    targets: dict[tuple, list] = {}
    for path, text in strings(rest):
        findings = problem(path, text, hashes, seen)
        if findings:
            targets.setdefault(_enclosing(path), []).extend(findings)
    # Lists from the back, so that removing one entry leaves the other paths valid.
    for target, findings in sorted(targets.items(), reverse=True):
        _leave_out(snapshot, target)
        lines.append(f"{_label(target)} niet gepubliceerd, persoonsgegevens: {_kinds(findings)}")
    return lines


def _enclosing(path: tuple) -> tuple:
    """What leaves the site with a string: the list entry that holds it, else the string."""
    for depth in range(len(path) - 1, -1, -1):
        if isinstance(path[depth], int):
            return path[: depth + 1]
    return path


def _leave_out(snapshot: dict, path: tuple) -> None:
    *parents, last = path
    container = snapshot
    for part in parents:
        container = container[part]
    if isinstance(last, int):
        del container[last]
    else:
        container[last] = None


def _drop(snapshot: dict, withheld: dict[str, set[int]]) -> None:
    """Remove the withheld records and every link to them."""
    for name, ids in withheld.items():
        if name in snapshot:
            snapshot[name] = [r for r in snapshot[name] if r["id"] not in ids]
    gone_organisations = withheld["organisations"]
    links = {name: ids for name, ids in withheld.items() if name != "organisations"}
    for name in RECORDS:
        for record in snapshot.get(name, []):
            for link, ids in links.items():
                if isinstance(record.get(link), list):
                    record[link] = [i for i in record[link] if i not in ids]
    snapshot["agreements"] = [
        a for a in snapshot.get("agreements", []) if a["organisation_id"] not in gone_organisations
    ]
