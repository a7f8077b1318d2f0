"""`sites build` over a database seeded (past the app's gate) with personal data in public
records: none of it is written, the records are named, and the build exits non-zero."""

from datetime import date

from webapp.extensions import db
from webapp.models import (
    Action,
    ActionUpdate,
    Agreement,
    AgreementStatus,
    Engagement,
    Meeting,
    Municipality,
    Organisation,
    ReviewedText,
    SignalCard,
    SupralocalFeedback,
    SupralocalFile,
    SupralocalReferral,
)
from webapp.publication import text_hash

INSZ = "85.07.30-033.28"
IBAN = "BE68 5390 0754 7034"
PHONE = "0470 12 34 56"
EMAIL = "jan.peeters [at] gmail.com"
PERSON = "mevrouw Maria Janssens (78 jaar)"
CONFIRMED = "Met dank aan dhr. Van Damme, schepen van welzijn."
CONTACT = "An Coördinator"


def _seed(app, make):
    town = make.municipality(slug="lekstad", name="Lekstad")
    card = make.card(town, title="Wachtlijst sociale woningen", published=True)
    clean_card = make.card(town, title="Schoolkosten", published=True)
    confirmed_card = make.card(town, title="Energiearmoede", published=True)
    action = make.action(town, title="Inloopmoment budgethulp", public=True)
    meeting = make.meeting(town, title="Signaaldag wonen", public=True)
    organisation = make.organisation(town, name="CAW Lekstad")
    with app.app_context():
        municipality = db.session.get(Municipality, town.id)
        municipality.coordinator_name = CONTACT
        db.session.get(SignalCard, card.id).summary = f"Een gezin (RRN {INSZ}) wacht al lang."
        db.session.get(SignalCard, confirmed_card.id).summary = CONFIRMED
        municipality.contact_email = "signaal@lekstad.be"
        db.session.get(SignalCard, clean_card.id).summary = "Vragen? Mail de gemeente."
        db.session.add(
            ReviewedText(
                municipality_id=town.id,
                subject_type="signal_card",
                subject_id=confirmed_card.id,
                text_hash=text_hash(CONFIRMED),
            )
        )
        db.session.add(
            ActionUpdate(
                action_id=action.id, happened_on=date(2026, 1, 5), body=f"Huur gestort op {IBAN}."
            )
        )
        db.session.get(Meeting, meeting.id).description = f"Info: {PHONE} of {EMAIL}."
        db.session.add(
            Agreement(
                municipality_id=town.id,
                organisation_id=db.session.get(Organisation, organisation.id).id,
                engagement=int(Engagement.OWN_STAFF),
                status=AgreementStatus.ACTIVE.value,
                title="Samenwerking CAW",
                body=f"Opgesteld na het verhaal van {PERSON}.",
            )
        )
        db.session.commit()
        db.session.remove()
    return card, clean_card, confirmed_card, action, meeting


def test_a_build_with_findings_writes_none_of_them_and_fails(app, make, tmp_path):
    card, clean_card, confirmed_card, action, meeting = _seed(app, make)

    result = app.test_cli_runner().invoke(
        args=["sites", "build", "lekstad", "--out", str(tmp_path)]
    )

    assert result.exit_code == 1, result.output
    output = result.output
    assert f"lekstad: signaalfiche {card.id} niet gepubliceerd" in output
    assert "publieke samenvatting (1 × rijksregisternummer)" in output
    assert f"lekstad: actie {action.id} niet gepubliceerd" in output
    assert f"lekstad: bijeenkomst {meeting.id} niet gepubliceerd" in output
    assert "overeenkomst" in output and "naam van een persoon" in output
    assert "4 records withheld" in output
    for secret in (INSZ, IBAN, PHONE, EMAIL, PERSON):
        assert secret not in output  # the output names records, never their text

    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".gz"]
    written = "\n".join(p.read_text(errors="ignore") for p in files)
    for secret in (INSZ, "85.07.30", IBAN, "5390 0754", "0470 12", "jan.peeters", "Janssens"):
        assert secret not in written, secret
    assert any(p.suffix == ".ics" for p in files) and any(p.suffix == ".csv" for p in files)
    # What was confirmed, and the municipality's own contact, are published.
    assert "Van Damme" in written
    assert "signaal@lekstad.be" in written and CONTACT in written
    assert "Schoolkosten" in written and "Energiearmoede" in written


def test_a_fixed_text_is_published_and_the_build_passes(app, make, tmp_path):
    card, *_ = _seed(app, make)
    with app.app_context():
        for model in (SignalCard, Action, Meeting, Agreement):
            for row in db.session.scalars(db.select(model)):
                if model is SignalCard and row.id != card.id:
                    continue
                if hasattr(row, "summary"):
                    row.summary = "Gezinnen wachten lang."
                if hasattr(row, "description"):
                    row.description = "Overleg over wonen."
                if hasattr(row, "body"):
                    row.body = "De tekst van de overeenkomst."
                for update in getattr(row, "updates", []):
                    update.body = "Gestart."
        db.session.commit()
        db.session.remove()

    result = app.test_cli_runner().invoke(
        args=["sites", "build", "lekstad", "--out", str(tmp_path)]
    )

    assert result.exit_code == 0, result.output
    assert "withheld" not in result.output


def test_an_unchanged_site_still_reports_and_a_confirmation_publishes(app, make, tmp_path):
    card, *_ = _seed(app, make)
    runner = app.test_cli_runner()
    build = ["sites", "build", "lekstad", "--out", str(tmp_path)]
    runner.invoke(args=build)

    again = runner.invoke(args=build)

    assert again.exit_code == 1
    assert "0 built, 1 unchanged" in again.output
    assert f"lekstad: signaalfiche {card.id} niet gepubliceerd" in again.output

    with app.app_context():
        summary = db.session.get(SignalCard, card.id).summary
        db.session.add(
            ReviewedText(
                municipality_id=db.session.get(SignalCard, card.id).municipality_id,
                subject_type="signal_card",
                subject_id=card.id,
                text_hash=text_hash(summary),
            )
        )
        db.session.commit()
        db.session.remove()
    confirmed = runner.invoke(args=build)

    assert "1 built" in confirmed.output
    assert f"signaalfiche {card.id} niet gepubliceerd" not in confirmed.output
    written = "\n".join(
        p.read_text(errors="ignore") for p in tmp_path.rglob("*.html") if p.is_file()
    )
    assert INSZ in written  # confirmed by a head processor: published as it stands


def test_the_networks_feedback_on_a_public_card_passes_the_guard_too(app, make, tmp_path):
    town = make.municipality(slug="dossierstad", name="Dossierstad")
    card = make.card(town, title="Wachtlijst sociale woningen", published=True)
    with app.app_context():
        file = SupralocalFile(title="Wachtlijsten in de regio", summary="")
        db.session.add(file)
        db.session.flush()
        db.session.add(SupralocalReferral(card_id=card.id, motivation="Overal.", file_id=file.id))
        db.session.add(SupralocalFeedback(file_id=file.id, body=f"Bel ons op {PHONE}."))
        db.session.commit()
        db.session.remove()

    result = app.test_cli_runner().invoke(
        args=["sites", "build", "dossierstad", "--out", str(tmp_path)]
    )

    assert result.exit_code == 1, result.output
    assert f"dossierstad: signaalfiche {card.id} niet gepubliceerd" in result.output
    assert "terugkoppeling van het netwerk (1 × telefoonnummer)" in result.output
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".gz"]
    written = "\n".join(p.read_text(errors="ignore") for p in files)
    assert "0470 12" not in written
