"""The personal-data guard over everything a public site would show.

The publication gate (webapp/publication.py) keeps flagged texts from being published in the
app; this is the generator's own check of the same rule, over the snapshot it reads, before
anything is rendered, hashed or written: pages, the `.ics` feed and the open data all come from
the snapshot. A card, action, meeting or agreement with a flagged text that no head processor
confirmed is withheld from the site and named (by kind and id, never by its text) so that
`sites build` can report it and exit non-zero. The municipality's own published contact
details (coordinator, contact address, the contacts of agreements in force) are allowed.
"""

import hashlib
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from common.personal_data.guard import summary
from webapp.extensions import db
from webapp.models import Agreement, Municipality, ReviewedText
from webapp.public.scopes import active_agreements
from webapp.publication import (
    action_texts,
    card_texts,
    flagged_texts,
    meeting_texts,
    text_hash,
)

ROOT = Path(__file__).resolve().parent.parent.parent
# The code whose verdict the build state remembers: a change in it rebuilds every site. The
# guard's word lists, where it has them, count as its code.
GUARD_CODE = ("common/personal_data", "webapp/publication.py")

KIND_NAMES = {
    "signal_card": "signaalfiche",
    "action": "actie",
    "meeting": "bijeenkomst",
    "agreement": "overeenkomst",
}


def _texts(kind: str, record: dict) -> list[tuple[str, str, str]]:
    if kind == "signal_card":
        texts = card_texts(record["title"], record["summary"])
        # The network's file and its feedback are shown on the card's public page too.
        supralocal = record.get("supralocal")
        if supralocal:
            texts.append(("supralocal", "Bovenlokaal dossier", supralocal["title"]))
            texts += [
                ("supralocal", "Terugkoppeling van het netwerk", item["body"])
                for item in supralocal["feedback"]
            ]
        return texts
    if kind == "action":
        updates = [(date.fromisoformat(u["date"]), u["body"]) for u in record["updates"]]
        return action_texts(record["title"], record["description"], updates)
    if kind == "meeting":
        return meeting_texts(record["title"], record["place"], record["description"])
    return [("title", "Titel", record["title"]), ("body", "Tekst", record["body"])]


def _allowed(snapshot: dict, municipality: Municipality, today: date) -> list[str]:
    """The personal data the site may show: the municipality's own published contacts."""
    contacts = db.session.execute(
        active_agreements(municipality, today).with_only_columns(
            Agreement.contact_name, Agreement.contact_email
        )
    ).all()
    values = [snapshot.get("contact_email"), snapshot.get("coordinator_name")]
    values += [value for row in contacts for value in row]
    return [" ".join(v.split()).casefold() for v in values if v and len(v.strip()) >= 3]


def _is_allowed(finding, allowed: list[str]) -> bool:
    found = " ".join(finding.text.split()).casefold()
    return any(value in found or found in value for value in allowed)


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
    """Take every record with an unconfirmed flagged text out of the snapshot (and out of the
    links between records); one Dutch line per withheld record."""
    allowed = _allowed(snapshot, municipality, now.date())
    lists = {
        "signal_card": snapshot["cards"],
        "action": snapshot["actions"],
        "meeting": snapshot["meetings"],
        "agreement": snapshot["agreements"],
    }
    withheld: dict[str, set[int]] = {kind: set() for kind in lists}
    lines = []
    for kind, records in lists.items():
        for record in records:
            known = confirmed.get(kind, {}).get(record["id"], set())
            problems = []
            for flagged in flagged_texts(_texts(kind, record)):
                findings = [f for f in flagged.findings if not _is_allowed(f, allowed)]
                if findings and text_hash(flagged.text) not in known:
                    kinds = ", ".join(f"{n} × {label}" for label, n in summary(findings))
                    problems.append(f"{flagged.label.lower()} ({kinds})")
            if problems:
                withheld[kind].add(record["id"])
                lines.append(
                    f"{KIND_NAMES[kind]} {record['id']} niet gepubliceerd, persoonsgegevens in: "
                    + "; ".join(problems)
                )
    if lines:
        _drop(snapshot, withheld)
    return lines


def _drop(snapshot: dict, withheld: dict[str, set[int]]) -> None:
    cards, actions = withheld["signal_card"], withheld["action"]
    meetings, agreements = withheld["meeting"], withheld["agreement"]
    snapshot["cards"] = [c for c in snapshot["cards"] if c["id"] not in cards]
    snapshot["actions"] = [a for a in snapshot["actions"] if a["id"] not in actions]
    snapshot["meetings"] = [m for m in snapshot["meetings"] if m["id"] not in meetings]
    snapshot["agreements"] = [a for a in snapshot["agreements"] if a["id"] not in agreements]
    for card in snapshot["cards"]:
        card["actions"] = [i for i in card["actions"] if i not in actions]
        card["meetings"] = [i for i in card["meetings"] if i not in meetings]
    for item in snapshot["actions"] + snapshot["meetings"]:
        item["cards"] = [i for i in item["cards"] if i not in cards]
    for organisation in snapshot["organisations"]:
        organisation["agreements"] = [i for i in organisation["agreements"] if i not in agreements]
