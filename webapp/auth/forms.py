"""Forms for logging in, invitations and passwords."""

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from webapp.forms import FormBodyForm, MultiCheckboxField, tidy
from webapp.models import ENGAGEMENT_KINDS

MIN_PASSWORD = 12

EMAIL_MESSAGE = "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.be."


def _email_field(label: str) -> EmailField:
    # Pasted or autocompleted addresses often carry a space; without a browser (or with an
    # old one) nothing strips it before the validator would refuse it.
    return EmailField(
        label,
        filters=[tidy],
        validators=[
            DataRequired("Vul je e-mailadres in."),
            Length(max=254, message="Een e-mailadres heeft hoogstens 254 tekens."),
            Email(EMAIL_MESSAGE, check_deliverability=False),
        ],
    )


def _new_password_fields():
    password = PasswordField(
        "Nieuw wachtwoord",
        validators=[
            InputRequired("Kies een wachtwoord."),
            Length(
                min=MIN_PASSWORD,
                max=128,
                message=f"Een wachtwoord heeft minstens {MIN_PASSWORD} en hoogstens 128 tekens.",
            ),
        ],
    )
    confirm = PasswordField(
        "Herhaal het wachtwoord",
        validators=[
            InputRequired("Herhaal je wachtwoord."),
            EqualTo("password", "De twee wachtwoorden zijn niet gelijk."),
        ],
    )
    return password, confirm


class LoginForm(FormBodyForm):
    email = _email_field("E-mailadres")
    password = PasswordField(
        "Wachtwoord",
        validators=[
            InputRequired("Vul je wachtwoord in."),
            Length(max=128, message="Een wachtwoord heeft hoogstens 128 tekens."),
        ],
    )


class ForgotPasswordForm(FormBodyForm):
    email = _email_field("E-mailadres")


class ResetPasswordForm(FormBodyForm):
    password, confirm = _new_password_fields()


class InviteForm(FormBodyForm):
    email = _email_field("E-mailadres van de persoon die je uitnodigt")
    role = SelectField(
        "Rol",
        validators=[InputRequired("Kies een rol.")],
        invalid_choice_message="Kies een rol uit de lijst.",
    )
    # Chosen by the inviter, never by the invitee: the organisation sets a processor's scope.
    organisation = SelectField(
        "Organisatie (werkgever)",
        coerce=int,
        default=0,
        invalid_value_message="Kies een organisatie uit de lijst.",
        invalid_choice_message="Kies een organisatie uit de lijst.",
    )


class AcceptInvitationForm(FormBodyForm):
    name = StringField(
        "Je naam",
        filters=[tidy],
        validators=[
            DataRequired("Vul je naam in."),
            Length(max=120, message="Je naam heeft hoogstens 120 tekens."),
        ],
    )
    password, confirm = _new_password_fields()
    engagements = MultiCheckboxField(
        "Waarvoor mag de gemeente op je rekenen?",
        choices=[SelectChoice(kind, label) for kind, label in ENGAGEMENT_KINDS.items()],
        invalid="Kies uit de lijst.",
    )
    consent = BooleanField(
        "Ik heb de privacyverklaring gelezen en ga ermee akkoord.",
        validators=[DataRequired("Je kan pas een account maken als je akkoord gaat.")],
    )


class JoinMunicipalityForm(FormBodyForm):
    consent = BooleanField(
        "Ik heb de privacyverklaring gelezen en ga ermee akkoord.",
        validators=[DataRequired("Je kan pas meedoen als je akkoord gaat.")],
    )
