"""No side door to the public (issue 17): every string of the public read model (the site
snapshot, and what the generator writes from it: pages, `.ics`, open data) passed the
personal-data guard or carries a head processor's confirmation of exactly that text.

The walk is generic: it visits every dict, list and dataclass of the snapshot, so a field added
to the read model is covered without being named here.
"""

import csv
import dataclasses
import io
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.partners.conftest import agreement_row
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionUpdate,
    Agreement,
    AgreementStatus,
    Engagement,
    JoinRequest,
    Meeting,
    Municipality,
    Organisation,
    ReviewedText,
    Role,
    SignalCard,
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
    Theme,
)
from webapp.public import guard as site_guard
from webapp.public.snapshot import collect
from webapp.publication import findings_in, text_hash

INSZ = "85.07.30-033.28"
PHONE = "0470 12 34 56"
ORGANISATION = f"VZW Mevrouw Fatima El Amrani {INSZ}"
CONFIRMED = "Met dank aan mevrouw Els Peeters, schepen van welzijn."
SECRETS = (INSZ, "85.07.30", "033.28", "0470 12", "Fatima", "El Amrani")


def walk(value, path=()):
    """(path, string) for every string inside dicts, lists, tuples and dataclasses."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from walk(getattr(value, item.name), (*path, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list | tuple | set):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


def confirmed_by_a_head_processor(municipality_id: int) -> set[str]:
    return set(
        db.session.scalars(
            select(ReviewedText.text_hash).where(ReviewedText.municipality_id == municipality_id)
        )
    )


def assert_every_string_passes(value, confirmed: set[str]) -> int:
    """Each string is clean, confirmed, or a date or platform value the read model writes."""
    checked = 0
    for path, text in walk(value):
        checked += 1
        if site_guard.is_machine_value(path, text):
            continue
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        assert not findings_in(field, text) or text_hash(text) in confirmed, (path, text)
    return checked


def _seed(app, make):
    """A municipality with personal data in every kind of public string, past the app's gate."""
    town = make.municipality(slug="zijdeur", name="Zijdeur")
    card = make.card(town, title="Wachtlijst sociale woningen", published=True)
    confirmed_card = make.card(town, title="Energiearmoede", published=True)
    action = make.action(town, title="Inloopmoment budgethulp", public=True)
    meeting = make.meeting(town, title="Signaaldag wonen", public=True)
    flagged_org = make.organisation(town, name=ORGANISATION)
    clean_org = make.organisation(town, name="CAW Zijdeur")
    with app.app_context():
        municipality = db.session.get(Municipality, town.id)
        municipality.coordinator_name = f"An Coördinator ({PHONE})"
        theme = db.session.scalars(select(Theme).filter_by(municipality_id=town.id)).first()
        theme.name = f"Gezin {INSZ}"
        db.session.get(SignalCard, confirmed_card.id).summary = CONFIRMED
        db.session.add(
            ReviewedText(
                municipality_id=town.id,
                subject_type="signal_card",
                subject_id=confirmed_card.id,
                text_hash=text_hash(CONFIRMED),
            )
        )
        db.session.get(Action, action.id).organisation_id = flagged_org.id
        db.session.add(ActionUpdate(action_id=action.id, happened_on=date(2026, 1, 5), body="Ok."))
        db.session.get(Meeting, meeting.id).place = f"Bel {PHONE}"
        file = SupralocalFile(title=f"Dossier van {INSZ}", summary="")
        db.session.add(file)
        db.session.flush()
        db.session.add(SupralocalReferral(card_id=card.id, motivation="Overal.", file_id=file.id))
        db.session.add(SupralocalFeedback(file_id=file.id, body="Opgevolgd in de regio."))
        for organisation, body in (
            (clean_org, f"Afgesproken met {INSZ}, bel {PHONE}."),
            (clean_org, "De organisatie volgt de eigen signalen op."),
            (flagged_org, "Zonder persoonsgegevens."),
        ):
            db.session.add(
                Agreement(
                    municipality_id=town.id,
                    organisation_id=organisation.id,
                    engagement=int(Engagement.OWN_STAFF),
                    status=AgreementStatus.ACTIVE.value,
                    title="Samenwerking",
                    body=body,
                )
            )
        db.session.commit()
        db.session.remove()
    return town


def test_every_string_of_the_snapshot_passed_the_guard_or_a_head_confirmation(app, make):
    town = _seed(app, make)
    with app.app_context():
        municipality = db.session.get(Municipality, town.id)
        now = datetime.now(UTC)
        snapshot = collect(municipality, now)
        confirmed = site_guard.confirmations(municipality)
        before = sum(1 for _ in walk(snapshot))

        lines = site_guard.withhold_flagged(snapshot, municipality, now, confirmed)

        checked = assert_every_string_passes(
            snapshot, confirmed_by_a_head_processor(municipality.id)
        )
        assert 0 < checked < before
        flat = json.dumps(snapshot, ensure_ascii=False)
        for secret in SECRETS:
            assert secret not in flat, secret
        assert "CAW Zijdeur" in flat and CONFIRMED in flat
        assert [a["body"] for a in snapshot["agreements"]] == [
            "De organisatie volgt de eigen signalen op."
        ]
        assert snapshot["coordinator_name"] is None
        assert all(INSZ not in t["label"] for t in snapshot["figures"]["themes"])
        report = "\n".join(lines)
        for kind in ("organisatie", "overeenkomst", "actie", "bijeenkomst", "signaalfiche"):
            assert f"{kind} " in report, kind
        assert "thema niet gepubliceerd" in report and "coördinator niet gepubliceerd" in report
        for secret in SECRETS:
            assert secret not in report  # records are named, never by their text
        db.session.remove()


def test_the_site_build_leaves_them_out_of_every_file_and_exits_non_zero(app, make, tmp_path):
    town = _seed(app, make)

    result = app.test_cli_runner().invoke(
        args=["sites", "build", "zijdeur", "--out", str(tmp_path)]
    )

    assert result.exit_code == 1, result.output
    assert "records withheld" in result.output
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".gz"]
    assert any(p.suffix == ".ics" for p in files)
    for path in files:
        if path.suffix in {".html", ".ics", ".csv", ".json"}:
            written = path.read_text(encoding="utf-8-sig")
            for secret in SECRETS:
                assert secret not in written, (path, secret)
    with app.app_context():
        confirmed = confirmed_by_a_head_processor(town.id)
        site = tmp_path / "zijdeur"
        for name in ("cijfers", "fiches", "acties"):
            data = json.loads((site / "open-data" / f"{name}.json").read_text(encoding="utf-8"))
            assert_every_string_passes(data, confirmed)
            rows = list(
                csv.reader(
                    io.StringIO((site / "open-data" / f"{name}.csv").read_text("utf-8-sig")),
                    delimiter=";",
                )
            )
            assert_every_string_passes(rows, confirmed)
        ics = next(site.rglob("*.ics")).read_text(encoding="utf-8")
        values = [
            line.split(":", 1)[1].replace("\\,", ",").replace("\\;", ";")
            for line in ics.splitlines()
            if line.startswith(("SUMMARY", "LOCATION", "DESCRIPTION"))
        ]
        assert_every_string_passes(values, confirmed)
        db.session.remove()
    home = parse((tmp_path / "zijdeur" / "wie-werkt-mee" / "index.html").read_text("utf-8"))
    assert "CAW Zijdeur" in home.text()


def _agreement_form(body: str) -> dict:
    return {
        "title": "Samenwerking",
        "engagement": "1",
        "version": "1",
        "body": body,
        "stap": "opslaan",
        "confirm_personal_data": "y",
    }


def test_a_colleague_cannot_confirm_an_agreement_in_force(app, client, login, make):
    town = make.municipality(slug="akkoord", name="Akkoord")
    organisation = make.organisation(town, name="CAW Akkoord")
    agreement = make.agreement(town, organisation, Engagement.OWN_STAFF, AgreementStatus.ACTIVE)
    body = f"Contact: rijksregisternummer {INSZ}, gsm {PHONE}."
    url = f"/akkoord/overeenkomsten/{agreement.id}/bewerken"
    version = agreement_row(app, agreement.id)["version"]

    login(make.user(Role.PROCESSOR, town))
    refused = client.post(url, data={**_agreement_form(body), "version": version})

    assert refused.status_code == 400
    assert "alleen die mag dat voor een openbare overeenkomst" in refused.get_data(as_text=True)
    assert agreement_row(app, agreement.id)["body"] != body
    with app.app_context():
        assert db.session.scalars(select(ReviewedText)).all() == []
        db.session.remove()

    login(make.user(Role.HEAD_PROCESSOR, town))
    saved = client.post(url, data={**_agreement_form(body), "version": version})

    assert saved.status_code == 303
    assert agreement_row(app, agreement.id)["body"] == body
    with app.app_context():
        assert text_hash(body) in confirmed_by_a_head_processor(town.id)
        db.session.remove()


def test_a_draft_with_unconfirmed_personal_data_is_not_activated(app, client, login, make):
    town = make.municipality(slug="ontwerp", name="Ontwerp")
    organisation = make.organisation(town, name="CAW Ontwerp")
    agreement = make.agreement(town, organisation, Engagement.OWN_STAFF, AgreementStatus.DRAFT)
    with app.app_context():
        db.session.get(Agreement, agreement.id).body = f"Bel {PHONE}."
        db.session.commit()
        db.session.remove()

    login(make.user(Role.HEAD_PROCESSOR, town))
    response = client.post(
        f"/ontwerp/overeenkomsten/{agreement.id}/status", data={"status": "active"}
    )

    assert response.status_code == 303
    assert agreement_row(app, agreement.id)["status"] == AgreementStatus.DRAFT.value


@pytest.mark.parametrize("role", [Role.PROCESSOR, Role.HEAD_PROCESSOR])
def test_an_organisation_name_is_checked_and_only_a_head_processor_confirms(
    app, client, login, make, role
):
    town = make.municipality(slug="naamstad", name="Naamstad")
    login(make.user(role, town))
    data = {"name": ORGANISATION, "kind": "other", "confirm_personal_data": "y"}

    response = client.post("/naamstad/partners/nieuw", data=data)

    with app.app_context():
        names = db.session.scalars(
            select(Organisation.name).filter_by(municipality_id=town.id)
        ).all()
        confirmed = confirmed_by_a_head_processor(town.id)
        db.session.remove()
    if role == Role.PROCESSOR:
        assert response.status_code == 400
        assert names == [] and confirmed == set()
    else:
        assert response.status_code == 303
        assert names == [ORGANISATION] and text_hash(ORGANISATION) in confirmed


def test_an_approved_join_request_with_personal_data_stays_off_the_site(
    app, client, login, make, tmp_path
):
    town = make.municipality(slug="meedoen", name="Meedoen")
    with app.app_context():
        db.session.add(
            JoinRequest(
                municipality_id=town.id,
                idempotency_key="k" * 20,
                organisation_name=ORGANISATION,
                kind="other",
                contact_name="Fatima",
                contact_email="fatima@example.org",
                engagement=0,
                message="",
            )
        )
        db.session.commit()
        request_id = db.session.scalar(select(JoinRequest.id))
        db.session.remove()
    login(make.user(Role.HEAD_PROCESSOR, town))

    approved = client.post(
        f"/meedoen/partners/aanvragen/{request_id}", data={"decision": "approve"}
    )

    assert approved.status_code == 303
    assert "/partners/" in approved.headers["Location"]
    assert approved.headers["Location"].endswith("/bewerken")
    result = app.test_cli_runner().invoke(
        args=["sites", "build", "meedoen", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "organisatie" in result.output and "niet gepubliceerd" in result.output
    written = (tmp_path / "meedoen" / "wie-werkt-mee" / "index.html").read_text("utf-8")
    for secret in SECRETS:
        assert secret not in written
