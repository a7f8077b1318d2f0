"""One page per person for the head processor: who they are here, their role, deactivation and
reactivation, their privacy requests and what the municipality holds about them, with the
rights carried out on their behalf (correct, restrict, erase). The page speaks about the
person, never as them."""

import re
from datetime import date, datetime

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from common.dutch import long_date, long_datetime
from webapp import access
from webapp.admin import people as admin_people
from webapp.admin.views import ConfirmDeactivateForm
from webapp.extensions import db
from webapp.forms import FormBodyForm
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import ENGAGEMENT_KINDS, PrivacyRequest, Role, User
from webapp.people.blueprint import bp
from webapp.people.views import engagements_of
from webapp.privacy import registry, requests, services
from webapp.privacy.mydata import _apply_correction, _correct_form, _email_taken, _export
from webapp.privacy.register import RequestForm
from webapp.privacy.request_forms import kind_choices
from webapp.rendering import render_page

USER_ID = f"<int(max={MAX_ID}):user_id>"
SHOWN_PER_SOURCE = 20
ACTIONS = ("verbeteren", "beperken", "wissen", "verzoek")


class RoleChoiceForm(FormBodyForm):
    role = SelectField("Nieuwe rol", choices=[])


class PersonRestrictForm(FormBodyForm):
    restricted = BooleanField("De verwerking van de gegevens van deze persoon beperken")


class PersonEraseForm(FormBodyForm):
    confirm = BooleanField(
        "Ik begrijp dat de gegevens van deze persoon hier definitief verdwijnen",
        validators=[DataRequired("Vink aan dat je dit begrijpt.")],
    )


class ReactivateForm(FormBodyForm):
    """Only the CSRF token: reactivating takes nothing away."""


ROLE_DETAIL = re.compile(r"^(\w+) in (.+)$")


def about_person(text: str) -> str:
    """A label of the registry, written to the person ("Signalen die je gaf"), said about them
    ("Signalen die deze persoon gaf")."""
    text = re.sub(r"\b(die|waartoe|waarover) je\b", r"\1 deze persoon", text)
    text = re.sub(r"\bjou\b", "deze persoon", text)
    return re.sub(r"\bje\b", "haar of zijn", text)


def shown_value(name: str, value) -> str:
    """A value of the stored data in words: dates in Dutch, yes and no, role names."""
    if value is None or value == "":
        return "–"
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if name == "role" and value in {r.value for r in Role}:
        return Role(value).label
    if name == "kind" and value in requests.KINDS:
        return requests.KINDS[value]
    if name == "kind" and value in ENGAGEMENT_KINDS:
        return ENGAGEMENT_KINDS[value]
    if name == "detail" and isinstance(value, str) and (found := ROLE_DETAIL.match(value)):
        role, rest = found.groups()
        if role in {r.value for r in Role}:
            return f"{Role(role).label} in {rest}"
    if name == "state" and value in requests.STATES:
        return requests.STATES[value]
    if name == "outcome" and value in requests.OUTCOMES:
        return requests.OUTCOMES[value]
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if "T" in value and moment.tzinfo is not None:
            return long_datetime(moment)
        return long_date(date.fromisoformat(value[:10]))
    return str(value)


def _load(user_id: int) -> User:
    return found_or_404(access.people_of(current_user, g.municipality), user_id)


def _context(person: User, **forms) -> dict:
    municipality = g.municipality
    here = admin_people.roles_here(person, municipality)
    role_form = RoleChoiceForm(formdata=None)
    role_form.role.choices = [
        SelectChoice(role.value, role.label)
        for role in access.invitable_roles(current_user, municipality)
    ]
    role_form.role.data = here[0].value if here else None
    context = {
        "person": person,
        "person_roles": here,
        "engagements": [
            ENGAGEMENT_KINDS.get(kind, kind) for kind in engagements_of(person.id, municipality.id)
        ],
        "is_self": person.id == current_user.id,
        "role_form": role_form,
        "deactivate_form": ConfirmDeactivateForm(formdata=None),
        "reactivate_form": ReactivateForm(formdata=None),
        "request_form": _request_form(formdata=None),
        "correct_form": _correct_form(person),
        "restrict_form": PersonRestrictForm(formdata=None, restricted=person.processing_restricted),
        "erase_form": PersonEraseForm(formdata=None),
        "requests": db.session.scalars(
            access.privacy_requests(current_user, municipality)
            .where(PrivacyRequest.user_id == person.id)
            .order_by(PrivacyRequest.received_on.desc(), PrivacyRequest.id.desc())
        ).all(),
        "kinds": requests.KINDS,
        "states": requests.STATES,
        "outcomes": requests.OUTCOMES,
        "days_left": requests.days_left,
        "sources": registry.overview(person, SHOWN_PER_SOURCE, municipality),
        "shown": SHOWN_PER_SOURCE,
        "mails": registry.mails(person, municipality),
        "labels": registry.FIELD_LABELS,
        "shown_value": shown_value,
        "about_person": about_person,
    }
    context.update(forms)
    return context


def _request_form(formdata) -> RequestForm:
    if formdata is None:
        form = RequestForm(formdata=None, received_on=requests.today())
    else:
        form = RequestForm(formdata=formdata)
    form.kind.choices = kind_choices()
    return form


def _page(person: User, status: int = 200, **forms):
    return render_page("people/person.html", status=status, **_context(person, **forms))


@bp.route(f"/mensen/{USER_ID}", methods=["GET", "POST"])
def person(user_id: int):
    person = _load(user_id)
    if request.method == "GET":
        download = request.args.get("download")
        if download is not None:
            if download not in ("json", "csv"):
                abort(400)
            return _export(person, download, g.municipality)
        return _page(person)
    action = request.form.get("actie")
    if action not in ACTIONS:
        abort(400)
    actor = current_user._get_current_object()
    if action == "verbeteren":
        form = _correct_form(person, formdata=request.form)
        if not form.validate_on_submit() or _email_taken(form, person):
            return _page(person, 400, correct_form=form)
        message = _apply_correction(person, actor, form)
    elif action == "beperken":
        form = PersonRestrictForm()
        if not form.validate_on_submit():
            abort(400)
        changed = services.restrict(person, actor, form.restricted.data)
        message = restrict_message(person, form.restricted.data, changed)
    elif action == "verzoek":
        form = _request_form(request.form)
        if not form.validate_on_submit():
            return _page(person, 400, request_form=form)
        item = requests.register(
            g.municipality,
            person,
            form.kind.data,
            form.detail.data or "",
            actor,
            form.received_on.data,
        )
        db.session.commit()
        flash(
            f"Het verzoek staat in het register; antwoord uiterlijk op {long_date(item.deadline)}.",
            "success",
        )
        return redirect(url_for("privacy.show_request", privacy_request_id=item.id), 303)
    else:
        form = PersonEraseForm()
        if not form.validate_on_submit():
            return _page(person, 400, erase_form=form)
        whole = services.erase_from(person, actor, g.municipality)
        db.session.commit()
        if whole:
            flash(f"Het account en de persoonsgegevens van {person.name} zijn gewist.", "success")
        else:
            flash(
                f"{person.name} is gewist uit {g.municipality.name}, met de gegevens hier. Het "
                "account en andere gemeenten blijven: het hele account wissen kan alleen de "
                "persoon zelf, via Mijn gegevens.",
                "success",
            )
        return redirect(url_for("admin.list_people"), 303)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("people.person", user_id=person.id), 303)


def restrict_message(person: User, restricted: bool, changed: bool) -> str:
    if not changed:
        return "Er was niets te wijzigen."
    if restricted:
        return (
            f"De verwerking van de gegevens van {person.name} is beperkt: ze blijven bewaard, "
            "maar niemand anders ziet ze, er wordt niets meer mee gedaan en er gaan geen "
            "e-mails meer naartoe, tot de beperking opgeheven wordt."
        )
    return f"De beperking van de verwerking van de gegevens van {person.name} is opgeheven."
