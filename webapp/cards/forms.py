"""Forms for signal cards (signaalfiches)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from webapp.editing import version_field
from webapp.forms import (
    REFERENCE_RE,
    FormBodyForm,
    MultiCheckboxField,
    tidy,
    title_field,
    with_prompt,
    without_nul,
)
from webapp.models import CardStatus, Priority
from webapp.review import ReviewMixin

STATUS_CHOICES = [SelectChoice(s.value, s.label) for s in CardStatus]
PRIORITY_CHOICES = [SelectChoice("", "Nog geen prioriteit")] + [
    SelectChoice(p.value, p.label) for p in Priority
]


def _references(form, field) -> None:
    text = field.data or ""
    leftover = REFERENCE_RE.sub("", text)
    if leftover.strip(" ,;\r\n\t"):
        raise ValidationError(
            "Vul referenties in zoals ABCD-EFGH, gescheiden door een komma of spatie."
        )


def references_in(text: str | None) -> list[str]:
    """The signal references typed in a field, upper-cased, without repeats."""
    found = []
    for match in REFERENCE_RE.findall(text or ""):
        reference = match.upper()
        if reference not in found:
            found.append(reference)
    return found


class CardForm(ReviewMixin, FormBodyForm):
    review_fields = ("title", "summary", "message")

    title = title_field("Geef de signaalfiche een titel.")
    summary = TextAreaField(
        "Publieke samenvatting",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=10_000, message="Een samenvatting heeft hoogstens 10.000 tekens."),
        ],
    )
    themes = MultiCheckboxField("Thema's", coerce=int, invalid="Kies een thema uit de lijst.")
    public_status = SelectField(
        "Publieke status",
        choices=with_prompt("Kies een status", STATUS_CHOICES),
        invalid_choice_message="Kies een status uit de lijst.",
        validators=[DataRequired("Kies een status.")],
    )
    priority = SelectField(
        "Prioriteit",
        choices=PRIORITY_CHOICES,
        validators=[Optional()],
        invalid_choice_message="Kies een prioriteit uit de lijst.",
    )
    published = BooleanField("Publiceren: iedereen van de gemeente en de publieke site ziet ze")
    # The name the signal page sends (/fiches/nieuw?signalen=12); the inbox sends signal_ids.
    signals = MultiCheckboxField(
        "Gebundelde signalen",
        name="signalen",
        coerce=int,
        invalid="Kies signalen uit de lijst.",
    )
    add_references = StringField(
        "Signalen toevoegen",
        filters=[tidy],
        validators=[Optional(), Length(max=500, message="Dat zijn te veel tekens."), _references],
    )
    message = TextAreaField(
        "Bericht voor wie bij de signalen betrokken is",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=2000, message="Een bericht heeft hoogstens 2000 tekens."),
        ],
    )


class EditCardForm(CardForm):
    version = version_field()


class StatusForm(ReviewMixin, FormBodyForm):
    review_fields = ("message",)
    review_id = "fiche-status"

    public_status = SelectField(
        "Nieuwe publieke status",
        choices=with_prompt("Kies een status", STATUS_CHOICES),
        invalid_choice_message="Kies een status uit de lijst.",
        validators=[DataRequired("Kies een status.")],
    )
    message = TextAreaField(
        "Bericht",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=2000, message="Een bericht heeft hoogstens 2000 tekens."),
        ],
    )


class CardFilterForm(FlaskForm):
    """The filters of the cards list: plain GET parameters, so the URL carries them."""

    class Meta:
        csrf = False

    q = StringField("Zoeken", filters=[without_nul], validators=[Optional(), Length(max=200)])
    status = SelectField(
        "Status",
        choices=[SelectChoice("", "Alle statussen"), *STATUS_CHOICES],
        validators=[Optional()],
    )
    state = SelectField(
        "Ontwerp of gepubliceerd",
        choices=[
            SelectChoice("", "Alle fiches"),
            SelectChoice("ontwerp", "Ontwerpen"),
            SelectChoice("gepubliceerd", "Gepubliceerd"),
        ],
        validators=[Optional()],
    )
