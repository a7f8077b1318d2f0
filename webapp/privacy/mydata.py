"""Mijn gegevens: see, download, correct, restrict and erase one's personal data; a head
processor can do the same for a person of their municipality."""

import json

from flask import Response, abort, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user
from wtforms.fields.choices import SelectChoice

from common.spreadsheet import CONTENT_TYPES, csv_bytes
from webapp import access
from webapp.extensions import db
from webapp.loading import found_or_404
from webapp.models import Organisation, User, utcnow
from webapp.privacy import registry, services
from webapp.privacy.blueprint import bp
from webapp.privacy.forms import CorrectForm, EraseForm, RestrictForm
from webapp.privacy.request_forms import own_request_form
from webapp.rate_limits import limited
from webapp.rendering import render_page

NO_ORGANISATION = ""
SHOWN_PER_SOURCE = 20  # rows per source on the page; the download holds every row


def _organisations(user: User) -> list[Organisation]:
    return [o for m in user.municipalities() for o in m.organisations]


def _correct_form(user: User, formdata=None) -> CorrectForm:
    if formdata is None:
        form = CorrectForm(
            formdata=None,
            name=user.name,
            email=user.email,
            organisation=str(user.organisation_id or NO_ORGANISATION),
        )
    else:
        form = CorrectForm()
    form.organisation.choices = [SelectChoice(NO_ORGANISATION, "geen organisatie")] + [
        SelectChoice(str(o.id), f"{o.name} ({o.municipality.name})") for o in _organisations(user)
    ]
    return form


def _context(user: User, municipality=None, **forms) -> dict:
    """The page of a person's data: all of it for the person, only the municipality's part for
    a head processor acting for them there (`municipality`)."""
    context = {
        "person": user,
        "sources": registry.overview(user, SHOWN_PER_SOURCE, municipality),
        "shown": SHOWN_PER_SOURCE,
        "mails": registry.mails(user, municipality),
        "mail_recorded": bool(registry.MAIL_SOURCES),
        "correct_form": _correct_form(user),
        "restrict_form": RestrictForm(formdata=None, restricted=user.processing_restricted),
        "erase_form": EraseForm(formdata=None),
        "on_behalf": user.id != current_user.id,
        "own_request_form": own_request_form(user),
    }
    context.update(forms)
    return context


def _export(user: User, fmt: str, municipality=None) -> Response:
    data = registry.collect(user, municipality)
    stamp = utcnow().strftime("%Y%m%d")
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2)
        content_type = "application/json"
    else:
        # A giver's own text lands in a processor's spreadsheet: formulas are neutralised there.
        rows = [
            [section, number, name, "" if value is None else value]
            for section, section_rows in data.items()
            for number, row in enumerate(section_rows, 1)
            for name, value in row.items()
        ]
        body = csv_bytes(["onderdeel", "rij", "veld", "waarde"], rows)
        content_type = CONTENT_TYPES["csv"]
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="mijn-gegevens-{user.id}-{stamp}.{fmt}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# --- The person's own page ----------------------------------------------------------------


@bp.get("/mijn-gegevens")
def my_data():
    return render_page("privacy/my_data.html", **_context(current_user))


@bp.get("/mijn-gegevens/download.<any(json, csv):fmt>")
def export_data(fmt: str):
    return _export(current_user, fmt)


def _apply_correction(user: User, actor: User, form: CorrectForm) -> str:
    """Correct name and organisation, and ask for a new address; returns the confirmation."""
    organisation = next(
        (o for o in _organisations(user) if str(o.id) == form.organisation.data), None
    )
    messages = []
    if services.correct(user, actor, form.name.data, organisation):
        messages.append("De gegevens zijn verbeterd.")
    if form.email.data.lower() != user.email.lower():
        services.request_email_change(user, actor, form.email.data)
        messages.append(
            f"We stuurden een link naar {form.email.data}: het nieuwe adres geldt zodra die "
            "link geopend is."
        )
    return " ".join(messages) or "Er was niets te wijzigen."


def _email_taken(form: CorrectForm, user: User) -> bool:
    if services.email_in_use(form.email.data, user):
        form.email.errors = ["Dit e-mailadres is al in gebruik bij een ander account."]
        return True
    return False


@bp.post("/mijn-gegevens/verbeteren")
@limited(5, per_seconds=60)  # each new address gets a mail: no mail cannon
def correct_data():
    user = current_user._get_current_object()
    form = _correct_form(user, formdata=request.form)
    if not form.validate_on_submit() or _email_taken(form, user):
        return render_page("privacy/my_data.html", status=400, **_context(user, correct_form=form))
    message = _apply_correction(user, user, form)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("privacy.my_data") + "#verbeteren", 303)


@bp.get("/mijn-gegevens/e-mailadres/<token>")
def confirm_email(token: str):
    change = services.find_email_change(token)
    if change is None:
        return render_page("privacy/email_link.html", status=404, problem="ongeldig")
    if not services.confirm_email_change(change):
        db.session.rollback()
        return render_page("privacy/email_link.html", status=409, problem="bezet")
    db.session.commit()
    flash("Je nieuwe e-mailadres is bevestigd en in gebruik.", "success")
    target = "privacy.my_data" if current_user.is_authenticated else "auth.login"
    return redirect(url_for(target), 303)


@bp.post("/mijn-gegevens/beperken")
def restrict_processing():
    form = RestrictForm()
    if not form.validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    changed = services.restrict(user, user, form.restricted.data)
    db.session.commit()
    flash(_restrict_message(form.restricted.data, changed), "success")
    return redirect(url_for("privacy.my_data") + "#beperken", 303)


def _restrict_message(restricted: bool, changed: bool) -> str:
    if not changed:
        return "Er was niets te wijzigen."
    if restricted:
        return (
            "De verwerking van je gegevens is beperkt: anderen zien je naam niet meer bij je "
            "bijdragen en je krijgt geen e-mails meer, tot je de beperking opheft."
        )
    return "De beperking is opgeheven: je naam wordt weer getoond bij je bijdragen."


@bp.route("/mijn-gegevens/wissen", methods=["GET", "POST"])
def erase_account():
    user = current_user._get_current_object()
    form = EraseForm()
    if request.method == "POST":
        if form.validate_on_submit():
            services.erase(user, user)
            db.session.commit()
            logout_user()
            session.clear()
            flash("Je account en je persoonsgegevens zijn gewist.", "success")
            return redirect(url_for("main.home"), 303)
        return render_page("privacy/erase.html", status=400, person=user, form=form)
    return render_page("privacy/erase.html", person=user, form=form)


# --- A head processor acting for a person -------------------------------------------------
# The person's page is /<gemeente>/mensen/<id> (webapp/people/person.py); the old addresses,
# linked from older pages and bookmarks, lead there.


@bp.get("/<slug:gemeente>/personen")
def find_person():
    """An exact e-mail address opens that person's page; anything else searches the one
    people list."""
    email = (request.args.get("email") or "").strip()
    if email:
        people = access.people_of(current_user, g.municipality)
        found = db.session.scalars(people.where(db.func.lower(User.email) == email.lower())).first()
        if found is not None:
            return redirect(url_for("people.person", user_id=found.id), 303)
    return redirect(url_for("admin.list_people", q=email or None), 303)


@bp.route("/<slug:gemeente>/personen/<int(max=2147483647):user_id>", methods=["GET", "POST"])
def person_data(user_id: int):
    """The old address of a person's data: a GET is sent on (303), a form posted to it
    is posted again to the person's page (307 keeps the method and the fields)."""
    found_or_404(access.people_of(current_user, g.municipality), user_id)
    download = request.args.get("download")
    target = url_for("people.person", user_id=user_id, download=download or None)
    return redirect(target, 307 if request.method == "POST" else 303)
