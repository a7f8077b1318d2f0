"""Open data of a site (JSON and CSV) and its iCalendar feed, made from the snapshot alone."""

import json
from datetime import datetime

from common.ical import CalendarEvent, build_calendar
from common.spreadsheet import csv_bytes

# Open data keys are Dutch: the people reusing them are Flemish administrations and citizens.
FIGURE_SERIES = (("themes", "thema"), ("statuses", "status"), ("quarters", "kwartaal"))


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def _csv(header: list[str], rows: list[list]) -> bytes:
    # Titles come from processors: formula-like text is neutralised (common.spreadsheet).
    return csv_bytes(header, rows)


def _count_csv(value: int | None, threshold: int) -> str:
    return f"<{threshold}" if value is None else str(value)


def figures_json(snapshot: dict) -> bytes:
    figures = snapshot["figures"]
    threshold = snapshot["threshold"]
    return _json(
        {
            "gemeente": snapshot["name"],
            "drempel": threshold,
            "uitleg": (
                f"Elk aantal is per maand afgerond op een veelvoud van {threshold} en dan "
                f"opgeteld; een afgeronde 0 staat als null met onder_drempel true."
            ),
            "gebruikers": _json_count(figures["users"]),
            "signalen": _json_count(figures["signals"]),
            **{
                f"signalen_per_{name}": [
                    {name: row["label"], **_json_count(row["count"])} for row in figures[key]
                ]
                for key, name in FIGURE_SERIES
            },
        }
    )


def _json_count(value: int | None) -> dict:
    return {"aantal": value, "onder_drempel": value is None}


def figures_csv(snapshot: dict) -> bytes:
    figures = snapshot["figures"]
    threshold = snapshot["threshold"]
    rows = [
        ["gebruikers", "", _count_csv(figures["users"], threshold)],
        ["signalen", "", _count_csv(figures["signals"], threshold)],
    ]
    for key, name in FIGURE_SERIES:
        rows += [
            [f"signalen per {name}", row["label"], _count_csv(row["count"], threshold)]
            for row in figures[key]
        ]
    return _csv(["reeks", "categorie", "aantal"], rows)


def cards_json(snapshot: dict) -> bytes:
    return _json(
        [
            {
                "id": card["id"],
                "titel": card["title"],
                "samenvatting": card["summary"],
                "status": card["status_label"],
                "gepubliceerd": card["published_on"],
                "themas": card["themes"],
                "signalen": _json_count(card["signals"]),
                "versterkingen": _json_count(card["reinforcements"]),
                "organisaties": _json_count(card["organisations"]),
                "acties": card["actions"],
                "overleggen": card["meetings"],
            }
            for card in snapshot["cards"]
        ]
    )


def cards_csv(snapshot: dict) -> bytes:
    threshold = snapshot["threshold"]
    return _csv(
        ["id", "titel", "status", "gepubliceerd", "themas", "signalen", "versterkingen"],
        [
            [
                card["id"],
                card["title"],
                card["status_label"],
                card["published_on"],
                "; ".join(card["themes"]),
                _count_csv(card["signals"], threshold),
                _count_csv(card["reinforcements"], threshold),
            ]
            for card in snapshot["cards"]
        ],
    )


def actions_json(snapshot: dict) -> bytes:
    return _json(
        [
            {
                "id": action["id"],
                "titel": action["title"],
                "beschrijving": action["description"],
                "status": action["status_label"],
                "organisatie": action["organisation"],
                "fiches": action["cards"],
                "voortgang": [
                    {"datum": update["date"], "tekst": update["body"]}
                    for update in action["updates"]
                ],
            }
            for action in snapshot["actions"]
        ]
    )


def actions_csv(snapshot: dict) -> bytes:
    return _csv(
        ["id", "titel", "status", "organisatie", "laatste_update"],
        [
            [
                action["id"],
                action["title"],
                action["status_label"],
                action["organisation"] or "",
                action["updates"][0]["date"] if action["updates"] else "",
            ]
            for action in snapshot["actions"]
        ],
    )


def calendar(snapshot: dict, page_url: str | None = None) -> bytes:
    """Every public meeting of the municipality as an iCalendar feed."""
    events = [
        CalendarEvent(
            meeting_id=meeting["id"],
            title=meeting["title"],
            kind_label=meeting["kind_label"],
            starts_at=datetime.fromisoformat(meeting["starts_at"]),
            ends_at=datetime.fromisoformat(meeting["ends_at"]) if meeting["ends_at"] else None,
            updated_at=datetime.fromisoformat(meeting["updated_at"]),
            place=meeting["place"],
            description=meeting["description"],
            url=f"{page_url}#overleg-{meeting['id']}" if page_url else None,
        )
        for meeting in snapshot["meetings"]
    ]
    return build_calendar(snapshot["name"], events, prodid="-//Lokaal Signaal//Microsite//NL")


def overview_json(headlines: list[dict]) -> bytes:
    return _json(
        [
            {
                "gemeente": h["name"],
                "pagina": f"{h['slug']}/",
                "signalen": _json_count(h["signals"]),
                "gebruikers": _json_count(h["users"]),
                "gepubliceerde_fiches": h["cards"],
                "publieke_acties": h["actions"],
                "partners_met_overeenkomst": h["partners"],
                "volgend_overleg": h["next_meeting"],
            }
            for h in headlines
        ]
    )


def overview_csv(headlines: list[dict]) -> bytes:
    return _csv(
        ["gemeente", "pagina", "signalen", "gepubliceerde_fiches", "publieke_acties"],
        [
            [
                h["name"],
                f"{h['slug']}/",
                _count_csv(h["signals"], h["threshold"]),
                h["cards"],
                h["actions"],
            ]
            for h in headlines
        ],
    )
