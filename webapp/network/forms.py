"""Forms of the supra-local level: referring a card, and the network's files."""

from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from common.personal_data import guard as privacy_guard
from webapp.forms import FormBodyForm, tidy, with_prompt
from webapp.models import SupralocalStatus

STATUS_CHOICES = [SelectChoice(s.value, s.label) for s in SupralocalStatus]


def no_personal_data(form, field) -> None:
    """Other people read these texts: what the personal-data guard flags is refused."""
    found = privacy_guard.scan(field.data or "")
    if found:
        kinds = ", ".join(label for label, _ in privacy_guard.summary(found))
        raise ValidationError(
            f"Dit lijkt persoonsgegevens te bevatten ({kinds}). Laat die weg: andere gemeenten "
            "en het netwerk lezen deze tekst."
        )


class ReferForm(FormBodyForm):
    motivation = TextAreaField(
        "Waarom is dit een bovenlokaal probleem?",
        filters=[tidy],
        validators=[
            DataRequired("Schrijf waarom deze fiche naar het bovenlokale niveau moet."),
            Length(min=10, max=2000, message="Schrijf tussen 10 en 2000 tekens."),
            no_personal_data,
        ],
    )


class FileForm(FormBodyForm):
    title = StringField(
        "Titel van het bovenlokale dossier",
        filters=[tidy],
        validators=[DataRequired("Geef het dossier een titel."), Length(max=200), no_personal_data],
    )
    summary = TextAreaField(
        "Samenvatting",
        filters=[tidy],
        validators=[Optional(), Length(max=4000), no_personal_data],
    )
    card_ids = SelectMultipleField(
        "Signaalfiches in dit dossier",
        coerce=int,
        validate_choice=False,
        validators=[DataRequired("Kies minstens één doorverwezen signaalfiche.")],
    )
    submission_token = HiddenField()


class FileStatusForm(FormBodyForm):
    status = SelectField(
        "Status van het dossier",
        choices=with_prompt("Kies een status", STATUS_CHOICES),
        invalid_choice_message="Kies een status uit de lijst.",
        validators=[DataRequired("Kies een status.")],
    )
    message = TextAreaField(
        "Terugkoppeling aan de gemeenten",
        filters=[tidy],
        validators=[Optional(), Length(max=4000), no_personal_data],
    )
