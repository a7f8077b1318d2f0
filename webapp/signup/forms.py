"""Forms of the requests from outside: an account for a would-be giver, a municipality that
wants to take part. Both carry a honeypot: a field people do not see and bots fill in."""

from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from webapp.forms import FormBodyForm, tidy, without_nul

EMAIL_MESSAGE = "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.be."
CONFIRM_LABEL = (
    "Ik heb mijn bericht nagekeken: wat gemarkeerd is, zijn geen gegevens van de mensen die ik help"
)


def _text(label: str, maximum: int, required: str | None = None) -> StringField:
    return StringField(
        label,
        filters=[tidy],
        validators=[
            DataRequired(required) if required else Optional(),
            Length(max=maximum, message=f"Hoogstens {maximum} tekens."),
        ],
    )


def _email(label: str, required: str) -> EmailField:
    return EmailField(
        label,
        filters=[tidy],
        validators=[
            DataRequired(required),
            Length(max=254, message="Een e-mailadres heeft hoogstens 254 tekens."),
            Email(EMAIL_MESSAGE, check_deliverability=False),
        ],
    )


def _message(label: str) -> TextAreaField:
    return TextAreaField(
        label,
        filters=[without_nul],
        validators=[Optional(), Length(max=2000, message="Hoogstens 2000 tekens.")],
    )


class HoneypotForm(FormBodyForm):
    # Hidden from people (CSS and aria-hidden); a value means a bot filled in the form.
    homepage = StringField("Laat dit veld leeg", filters=[tidy])

    def is_bot(self) -> bool:
        return bool(self.homepage.data)


class AccountRequestForm(HoneypotForm):
    name = _text("Je naam", 120, "Vul je naam in.")
    email = _email("Je e-mailadres op het werk", "Vul je e-mailadres in.")
    organisation_name = _text("Je organisatie of dienst", 160, "Vul je organisatie of dienst in.")
    job = _text("Je functie", 160)
    message = _message("Wil je nog iets vertellen?")
    confirm_personal_data = BooleanField(CONFIRM_LABEL)
    idempotency_key = HiddenField(validators=[DataRequired(), Length(max=64)])


class AccountDecisionForm(FormBodyForm):
    decision = SelectField(
        "Beslissing",
        choices=[
            SelectChoice("approve", "Goedkeuren: stuur een uitnodiging als signaalgever"),
            SelectChoice("decline", "Weigeren"),
        ],
        validators=[InputRequired("Kies goedkeuren of weigeren.")],
        invalid_choice_message="Kies goedkeuren of weigeren.",
    )
    message = TextAreaField(
        "Bericht aan de aanvrager",
        filters=[without_nul],
        validators=[Optional(), Length(max=2000, message="Hoogstens 2000 tekens.")],
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


class MunicipalityRequestForm(HoneypotForm):
    """Posted from the static overview site, which holds no session and so no CSRF token: the
    rate limit, the honeypot and one stored request per content guard it instead."""

    class Meta:
        csrf = False

    municipality_name = _text("Stad of gemeente", 120, "Vul de naam van je stad of gemeente in.")
    contact_name = _text("Je naam", 120, "Vul je naam in.")
    contact_email = _email("Je e-mailadres", "Vul je e-mailadres in.")
    job = _text("Je functie", 160)
    message = _message("Wat wil je weten of vertellen?")
    confirm_personal_data = BooleanField(
        "Ik heb mijn bericht nagekeken: wat gemarkeerd is, zijn geen gegevens van burgers"
    )
