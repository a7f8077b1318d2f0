"""Forms for actions and their progress updates."""

from datetime import date, timedelta

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from webapp.cards.editing import version_field
from webapp.forms import FormBodyForm, tidy
from webapp.models import ActionStatus, utcnow
from webapp.review import ReviewMixin
from webapp.signals.forms import MultiCheckboxField
from webapp.timefmt import local

STATUS_CHOICES = [SelectChoice(s.value, s.label) for s in ActionStatus]


def optional_id(value):
    """The id of a select where the empty option means "none"."""
    if value in ("", None):
        return None
    return int(value)


def _single_line(form, field) -> None:
    if field.data and any(c in field.data for c in "\r\n\t"):
        raise ValidationError("Een titel past op één regel.")


def today() -> date:
    return local(utcnow()).date()


class ActionForm(ReviewMixin, FormBodyForm):
    review_fields = ("title", "description")

    title = StringField(
        "Titel",
        filters=[tidy],
        validators=[
            DataRequired("Geef de actie een titel."),
            Length(min=5, max=200, message="Een titel heeft tussen 5 en 200 tekens."),
            _single_line,
        ],
    )
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
    status = SelectField(
        "Status",
        choices=STATUS_CHOICES,
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

    happened_on = DateField(
        "Datum",
        validators=[InputRequired("Vul een datum in."), _recent],
        invalid_value_message="Vul een datum in zoals 2026-03-15.",
    )
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
    visibility = SelectField(
        "Zichtbaarheid",
        choices=[
            SelectChoice("", "Openbaar en intern"),
            SelectChoice("openbaar", "Openbaar"),
            SelectChoice("intern", "Intern"),
        ],
        validators=[Optional()],
    )
