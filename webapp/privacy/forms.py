"""Forms of the privacy rights: redaction, correcting one's data, restriction, erasure."""

from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from common.personal_data import guard as privacy_guard
from webapp.forms import FormBodyForm, tidy

REMOVE = "verwijderen"
REPLACE = "vervangen"


class RedactForm(FormBodyForm):
    target = HiddenField(filters=[tidy], validators=[DataRequired()])
    text = TextAreaField("Verbeterde tekst", filters=[tidy], validators=[Length(max=20000)])
    mode = HiddenField()

    def validate_text(self, field) -> None:
        if self.mode.data == REPLACE and not field.data:
            raise ValidationError("Vul de verbeterde tekst in, of kies 'Helemaal verwijderen'.")
        # The corrected text replaces personal data: it must not bring any back.
        findings = privacy_guard.scan(field.data or "") if self.mode.data == REPLACE else []
        if findings:
            kinds = ", ".join(label for label, _ in privacy_guard.summary(findings))
            raise ValidationError(f"De verbeterde tekst bevat nog persoonsgegevens: {kinds}.")


class CorrectForm(FormBodyForm):
    name = StringField(
        "Naam",
        filters=[tidy],
        validators=[
            DataRequired("Vul je naam in."),
            Length(max=120, message="Hoogstens 120 tekens."),
        ],
    )
    email = EmailField(
        "E-mailadres",
        filters=[tidy],
        validators=[
            DataRequired("Vul je e-mailadres in."),
            Email("Dit is geen geldig e-mailadres.", check_deliverability=False),
            Length(max=254, message="Hoogstens 254 tekens."),
        ],
    )
    organisation = SelectField(
        "Organisatie",
        invalid_choice_message="Kies een organisatie uit de lijst.",
        invalid_value_message="Kies een organisatie uit de lijst.",
    )


class RestrictForm(FormBodyForm):
    restricted = BooleanField("De verwerking van mijn gegevens beperken")


class EraseForm(FormBodyForm):
    confirm = BooleanField(
        "Ik begrijp dat mijn account en mijn gegevens definitief verdwijnen",
        validators=[DataRequired("Vink aan dat je dit begrijpt.")],
    )
