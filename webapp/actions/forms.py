"""Forms for actions and their progress updates."""

from datetime import date, timedelta

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from common.dutch import local
from webapp.editing import version_field
from webapp.forms import (
    DutchDateField,
    FormBodyForm,
    MultiCheckboxField,
    SingleLine,
    optional_id,
    tidy,
    title_field,
    with_prompt,
)
from webapp.models import ActionStatus, utcnow
from webapp.review import ReviewMixin

STATUS_CHOICES = [SelectChoice(s.value, s.label) for s in ActionStatus]


def today() -> date:
    return local(utcnow()).date()


def _plausible_deadline(form, field) -> None:
    if field.data is not None and not 2000 <= field.data.year <= 2100:
        raise ValidationError("Kies een datum tussen 2000 en 2100.")


class ActionForm(ReviewMixin, FormBodyForm):
    review_fields = ("title", "description", "owner_service")

    title = title_field("Geef de actie een titel.")
    description = TextAreaField(
        "Beschrijving",
        filters=[tidy],
        validators=[
            DataRequired("Beschrijf wat de actie doet."),
            Length(max=5000, message="Een beschrijving heeft hoogstens 5000 tekens."),
        ],
    )
    organisation = SelectField(
        "Verantwoordelijke organisatie",
        coerce=optional_id,
        validators=[Optional()],
        invalid_value_message="Kies een organisatie uit de lijst.",
        invalid_choice_message="Kies een organisatie uit de lijst.",
    )
    owner_service = StringField(
        "Verantwoordelijke dienst",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=200, message="Een dienst heeft hoogstens 200 tekens."),
            SingleLine(),
        ],
    )
    due_on = DutchDateField("Deadline", validators=[Optional(), _plausible_deadline])
    status = SelectField(
        "Status",
        choices=with_prompt("Kies een status", STATUS_CHOICES),
        validators=[DataRequired("Kies een status.")],
        invalid_choice_message="Kies een status uit de lijst.",
    )
    is_public = BooleanField(
        "Openbaar: alle leden van de gemeente en de publieke site zien deze actie"
    )
    cards = MultiCheckboxField(
        "Signaalfiches", coerce=int, invalid="Kies signaalfiches uit de lijst."
    )


class EditActionForm(ActionForm):
    version = version_field()


def _recent(form, field) -> None:
    if field.data is None:
        return
    if field.data > today() + timedelta(days=366) or field.data.year < 2000:
        raise ValidationError("Kies een datum tussen 2000 en volgend jaar.")


class UpdateForm(ReviewMixin, FormBodyForm):
    review_fields = ("body",)
    review_id = "voortgang"

    happened_on = DutchDateField("Datum", validators=[InputRequired("Vul een datum in."), _recent])
    body = TextAreaField(
        "Wat is er gebeurd?",
        filters=[tidy],
        validators=[
            DataRequired("Schrijf wat er gebeurd is."),
            Length(max=3000, message="Een voortgangsbericht heeft hoogstens 3000 tekens."),
        ],
    )


class ActionFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(
        "Status",
        choices=[SelectChoice("", "Alle statussen"), *STATUS_CHOICES],
        validators=[Optional()],
    )
    deadline = SelectField(
        "Deadline",
        choices=[
            SelectChoice("", "Alle acties"),
            SelectChoice("over-tijd", "Over tijd"),
        ],
        validators=[Optional()],
    )
    visibility = SelectField(
        "Zichtbaarheid",
        choices=[
            SelectChoice("", "Openbaar en intern"),
            SelectChoice("openbaar", "Openbaar"),
            SelectChoice("intern", "Intern"),
        ],
        validators=[Optional()],
    )
