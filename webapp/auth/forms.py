"""Forms for logging in, invitations and passwords."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

MIN_PASSWORD = 12

EMAIL_MESSAGE = "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.be."


def _email_field(label: str) -> EmailField:
    return EmailField(
        label,
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


class LoginForm(FlaskForm):
    email = _email_field("E-mailadres")
    password = PasswordField(
        "Wachtwoord",
        validators=[InputRequired("Vul je wachtwoord in."), Length(max=128)],
    )


class ForgotPasswordForm(FlaskForm):
    email = _email_field("E-mailadres")


class ResetPasswordForm(FlaskForm):
    password, confirm = _new_password_fields()


class InviteForm(FlaskForm):
    email = _email_field("E-mailadres van de persoon die je uitnodigt")
    role = SelectField("Rol", validators=[InputRequired("Kies een rol.")])


class AcceptInvitationForm(FlaskForm):
    name = StringField(
        "Je naam",
        validators=[
            DataRequired("Vul je naam in."),
            Length(max=120, message="Je naam heeft hoogstens 120 tekens."),
        ],
    )
    organisation = SelectField(
        "Je organisatie (werkgever)", coerce=int, validators=[InputRequired("Kies je organisatie.")]
    )
    password, confirm = _new_password_fields()
    consent = BooleanField(
        "Ik heb de privacyverklaring gelezen en ga ermee akkoord.",
        validators=[DataRequired("Je kan pas een account maken als je akkoord gaat.")],
    )


class JoinMunicipalityForm(FlaskForm):
    consent = BooleanField(
        "Ik heb de privacyverklaring gelezen en ga ermee akkoord.",
        validators=[DataRequired("Je kan pas meedoen als je akkoord gaat.")],
    )
