"""Forms for organisations, agreements and join requests."""

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from webapp.forms import FormBodyForm, optional_id, tidy, with_prompt, without_nul
from webapp.models import Engagement

ORGANISATION_KINDS = {
    "municipal_service": "Gemeentelijke dienst",
    "caw": "CAW",
    "ocmw": "OCMW",
    "els": "Eerstelijnszone",
    "school": "School",
    "vdab": "VDAB",
    "other": "Andere organisatie",
}
KIND_CHOICES = [SelectChoice(value, label) for value, label in ORGANISATION_KINDS.items()]
# Kinds the demo data used before the list above: shown, no longer offered.
FORMER_KINDS = {"youth": "Jeugddienst", "community": "Buurtwerk"}
ENGAGEMENT_CHOICES = [SelectChoice(e.value, f"{e.value}. {e.label}") for e in Engagement]
GRANT_LABELS = {
    "cards": "signaalfiches maken en bewerken",
    "actions": "acties maken en bewerken",
    "meetings": "overleg en signaaldagen plannen",
}
EMAIL_MESSAGE = "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.be."
URL_MESSAGE = "Vul een volledig webadres in, beginnend met https://."


def kind_label(value: str) -> str:
    return ORGANISATION_KINDS.get(value) or FORMER_KINDS.get(value, ORGANISATION_KINDS["other"])


def _text(label: str, maximum: int, required: str | None = None) -> StringField:
    validators = [Length(max=maximum, message=f"Hoogstens {maximum} tekens.")]
    validators.insert(0, DataRequired(required) if required else Optional())
    return StringField(label, filters=[tidy], validators=validators)


def _email(label: str, required: str | None = None) -> EmailField:
    return EmailField(
        label,
        filters=[tidy],
        validators=[
            DataRequired(required) if required else Optional(),
            Length(max=254, message="Een e-mailadres heeft hoogstens 254 tekens."),
            Email(EMAIL_MESSAGE, check_deliverability=False),
        ],
    )


def _website() -> URLField:
    return URLField(
        "Website",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=300, message="Hoogstens 300 tekens."),
            URL(require_tld=True, message=URL_MESSAGE),
            _web_scheme,
        ],
    )


def _web_scheme(form, field) -> None:
    if field.data and not field.data.lower().startswith(("https://", "http://")):
        raise ValidationError(URL_MESSAGE)


class OrganisationForm(FormBodyForm):
    name = _text("Naam van de organisatie", 160, "Vul de naam van de organisatie in.")
    kind = SelectField(
        "Soort organisatie",
        choices=with_prompt("Kies een soort", KIND_CHOICES),
        validators=[InputRequired("Kies een soort.")],
        invalid_choice_message="Kies een soort uit de lijst.",
    )
    website = _website()
    public_contact = _email("Publiek contactadres")
    confirm_personal_data = BooleanField(
        "Ik heb het nagekeken: wat gemarkeerd is, zijn geen gegevens van burgers"
    )


class AgreementForm(FormBodyForm):
    title = _text("Titel", 200, "Geef de overeenkomst een titel.")
    engagement = SelectField(
        "Manier van meewerken",
        coerce=optional_id,
        choices=with_prompt("Kies een manier", ENGAGEMENT_CHOICES),
        validators=[InputRequired("Kies hoe de organisatie meewerkt.")],
        invalid_choice_message="Kies een manier uit de lijst.",
        invalid_value_message="Kies een manier uit de lijst.",
    )
    grants_cards = BooleanField("Signaalfiches maken en bewerken")
    grants_actions = BooleanField("Acties maken en bewerken")
    grants_meetings = BooleanField("Overleg en signaaldagen plannen")
    starts_on = DateField(
        "Begindatum",
        validators=[Optional()],
        format="%Y-%m-%d",
        render_kw={"type": "date"},
    )
    ends_on = DateField(
        "Einddatum",
        validators=[Optional()],
        format="%Y-%m-%d",
        render_kw={"type": "date"},
    )
    contact_name = _text("Contactpersoon", 120)
    contact_email = _email("E-mailadres van de contactpersoon")
    signatories = TextAreaField(
        "Ondertekenaars",
        filters=[without_nul],
        validators=[Optional(), Length(max=2000, message="Hoogstens 2000 tekens.")],
    )
    body = TextAreaField(
        "Tekst van de overeenkomst",
        filters=[without_nul],
        validators=[Optional(), Length(max=50_000, message="Hoogstens 50.000 tekens.")],
    )
    confirm_personal_data = BooleanField(
        "Ik heb de tekst nagekeken: wat gemarkeerd is, zijn geen gegevens van burgers "
        "(bijvoorbeeld het adres van de organisatie)"
    )
    version = IntegerField(
        "Versie",
        widget=HiddenField.widget,
        validators=[
            InputRequired("Dit formulier is ongeldig. Laad de pagina opnieuw."),
            NumberRange(min=0, max=2**31 - 1),
        ],
    )

    def validate_ends_on(self, field) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("De einddatum valt voor de begindatum.")


class JoinRequestForm(FormBodyForm):
    organisation_name = _text("Naam van je organisatie", 160, "Vul de naam van je organisatie in.")
    kind = SelectField(
        "Soort organisatie",
        choices=with_prompt("Kies een soort", KIND_CHOICES),
        validators=[InputRequired("Kies een soort.")],
        invalid_choice_message="Kies een soort uit de lijst.",
    )
    website = _website()
    contact_name = _text("Je naam", 120, "Vul je naam in.")
    contact_email = _email("Je e-mailadres", "Vul je e-mailadres in.")
    engagement = SelectField(
        "Hoe wil je organisatie meewerken?",
        coerce=optional_id,
        choices=with_prompt(
            "Kies een manier",
            [
                *ENGAGEMENT_CHOICES,
                SelectChoice(0, "We vragen alleen uitnodigingen voor onze medewerkers"),
            ],
        ),
        validators=[InputRequired("Kies hoe je organisatie wil meewerken.")],
        invalid_choice_message="Kies een manier uit de lijst.",
        invalid_value_message="Kies een manier uit de lijst.",
    )
    message = TextAreaField(
        "Wat wil je ons nog vertellen?",
        filters=[without_nul],
        validators=[Optional(), Length(max=4000, message="Hoogstens 4000 tekens.")],
    )
    confirm_personal_data = BooleanField(
        "Ik heb mijn bericht nagekeken: wat gemarkeerd is, zijn geen gegevens van de mensen "
        "die we helpen"
    )
    idempotency_key = HiddenField(validators=[DataRequired(), Length(max=64)])


class DecisionForm(FormBodyForm):
    decision = SelectField(
        "Beslissing",
        choices=[SelectChoice("approve", "Goedkeuren"), SelectChoice("decline", "Weigeren")],
        validators=[InputRequired("Kies goedkeuren of weigeren.")],
        invalid_choice_message="Kies goedkeuren of weigeren.",
    )
    message = TextAreaField(
        "Bericht aan de aanvrager",
        filters=[without_nul],
        validators=[Optional(), Length(max=4000, message="Hoogstens 4000 tekens.")],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.decision.data == "decline" and not (self.message.data or "").strip():
            self.message.errors = [
                *self.message.errors,
                "Laat de aanvrager weten waarom je weigert.",
            ]
            return False
        return valid
