"""The giver's mail choice."""

from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired

from webapp.forms import FormBodyForm
from webapp.labels import STATUS_MAIL_LABELS


class StatusMailForm(FormBodyForm):
    status_mail = RadioField(
        "Wanneer wil je een e-mail over de signalen die je gaf of volgt?",
        choices=[SelectChoice(value, label) for value, label in STATUS_MAIL_LABELS.items()],
        # Checked here, in Dutch, rather than by WTForms' English "Not a valid choice".
        validate_choice=False,
        validators=[
            DataRequired("Kies hoe je op de hoogte wilt blijven."),
            AnyOf(list(STATUS_MAIL_LABELS), message="Kies een van de mogelijkheden."),
        ],
    )

