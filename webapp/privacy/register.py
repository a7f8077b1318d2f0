"""The register of privacy requests, kept by the head processor: every request with its
deadline (30 days), its state, who handled it and the answer. A person files a request on
"Mijn gegevens"; the head processor registers one received otherwise on the person's page."""

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from common.dutch import long_date
from webapp import access
from webapp.extensions import db
from webapp.forms import DutchDateField, FormBodyForm, tidy, with_prompt
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import PrivacyRequest
from webapp.pagination import page_number, paginate
from webapp.privacy import requests
from webapp.privacy.blueprint import bp
from webapp.privacy.mydata import _context
from webapp.privacy.request_forms import own_request_form
from webapp.rate_limits import limited
from webapp.rendering import render_page

REQUEST_ID = f"<int(max={MAX_ID}):privacy_request_id>"
REGISTER_PAGE_SIZE = 50
SHOWN = {"open": "Nog te beantwoorden", "alle": "Alle verzoeken"}


class RequestForm(FormBodyForm):
    """A request the head processor registers for a person (received by letter, mail, ...)."""

    kind = SelectField(
        "Soort verzoek",
        validators=[InputRequired("Kies een soort verzoek.")],
        invalid_choice_message="Kies een soort verzoek uit de lijst.",
    )
    received_on = DutchDateField(
        "Ontvangen op", validators=[InputRequired("Vul de datum van ontvangst in.")]
    )
    detail = TextAreaField(
        "Wat vraagt de persoon?",
        filters=[tidy],
        validators=[Optional(), Length(max=5000, message="Hoogstens 5000 tekens.")],
    )

    def validate_received_on(self, field) -> None:
        if field.data and field.data > requests.today():
            raise ValidationError("De datum van ontvangst ligt in de toekomst.")
        if field.data and field.data.year < 2000:
            raise ValidationError("Kies een datum na 2000.")


class AnswerForm(FormBodyForm):
    state = SelectField(
        "Stand van zaken",
        choices=[SelectChoice(k, v) for k, v in requests.STATES.items() if k != requests.OPEN],
        invalid_choice_message="Kies uit de lijst.",
    )
    outcome = SelectField(
        "Uitkomst",
        choices=with_prompt(
            "Kies de uitkomst", [SelectChoice(k, v) for k, v in requests.OUTCOMES.items()]
        ),
        invalid_choice_message="Kies een uitkomst uit de lijst.",
    )
    answer = TextAreaField(
        "Antwoord aan de persoon",
        filters=[tidy],
        validators=[Length(max=10000, message="Hoogstens 10.000 tekens.")],
    )

    def validate_outcome(self, field) -> None:
        if self.state.data == requests.ANSWERED and not field.data:
            raise ValidationError("Kies de uitkomst van het verzoek.")

    def validate_answer(self, field) -> None:
        if self.state.data == requests.ANSWERED and not field.data:
            raise ValidationError("Schrijf het antwoord: de persoon krijgt het per e-mail.")


@bp.get("/<slug:gemeente>/privacyverzoeken")
def list_requests():
    shown = request.args.get("toon", "open")
    if shown not in SHOWN:
        abort(400)
    query = access.privacy_requests(current_user, g.municipality)
    if shown == "open":
        query = query.where(PrivacyRequest.state != requests.ANSWERED)
    listed = paginate(
        query,
        page_number(),
        order_by=(
            (PrivacyRequest.state == requests.ANSWERED),
            PrivacyRequest.deadline,
            PrivacyRequest.id,
        ),
        options=(selectinload(PrivacyRequest.user), selectinload(PrivacyRequest.handled_by)),
        size=REGISTER_PAGE_SIZE,
    )
    return render_page(
        "privacy/requests.html",
        listed=listed,
        shown=shown,
        choices=SHOWN,
        args={"toon": shown} if shown != "open" else {},
        kinds=requests.KINDS,
        states=requests.STATES,
        outcomes=requests.OUTCOMES,
        days_left=requests.days_left,
    )


@bp.route(f"/<slug:gemeente>/privacyverzoeken/{REQUEST_ID}", methods=["GET", "POST"])
def show_request(privacy_request_id: int):
    item = found_or_404(access.privacy_requests(current_user, g.municipality), privacy_request_id)
    form = AnswerForm(
        formdata=request.form if request.method == "POST" else None,
        state=requests.IN_PROGRESS if item.state == requests.OPEN else item.state,
    )
    if request.method == "POST":
        if not item.is_open:
            flash("Dit verzoek is al beantwoord.", "info")
            return redirect(url_for("privacy.show_request", privacy_request_id=item.id), 303)
        if form.validate():
            changed = requests.update(
                item,
                current_user._get_current_object(),
                form.state.data,
                form.outcome.data or None,
                form.answer.data or "",
            )
            db.session.commit()
            if not changed:
                flash("Er was niets te wijzigen.", "info")
            elif item.state == requests.ANSWERED:
                flash(
                    "Het verzoek is beantwoord; de persoon krijgt het antwoord per e-mail.",
                    "success",
                )
            else:
                flash("Het verzoek staat op “in behandeling”.", "success")
            return redirect(url_for("privacy.show_request", privacy_request_id=item.id), 303)
    return render_page(
        "privacy/request.html",
        status=400 if form.errors else 200,
        item=item,
        form=form,
        kinds=requests.KINDS,
        states=requests.STATES,
        outcomes=requests.OUTCOMES,
        days_left=requests.days_left(item),
    )


# --- A person files a request of their own (Mijn gegevens) ---------------------------------


@bp.post("/mijn-gegevens/verzoek")
@limited(5, per_seconds=60)  # each request mails the head processors
def file_request():
    user = current_user._get_current_object()
    form = own_request_form(user, formdata=request.form)
    if not form.validate_on_submit():
        # Sent back with what was typed, the errors beside the fields.
        return render_page(
            "privacy/my_data.html", status=400, **_context(user, own_request_form=form)
        )
    municipality = next(m for m in user.municipalities() if m.slug == form.municipality.data)
    item = requests.register(municipality, user, form.kind.data, form.detail.data or "", user)
    db.session.commit()
    message = (
        f"Je verzoek is ontvangen door {municipality.name}. Je krijgt een antwoord uiterlijk op "
        f"{long_date(item.deadline)}."
    )
    if item.restricts:
        message += (
            " Tot je bezwaar behandeld is, is de verwerking van je gegevens beperkt: ze blijven "
            "bewaard, maar worden niet getoond aan anderen en je krijgt geen e-mails meer."
        )
    flash(message, "success")
    return redirect(url_for("privacy.my_data") + "#verzoek", 303)
