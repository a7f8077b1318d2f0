"""Forms for giving a signal and for reacting to one."""

import secrets

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.models import SignalStatus

TOKEN_PATTERN = Regexp(
    r"^[A-Za-z0-9_-]{16,64}$", message="Dit formulier is ongeldig. Laad de pagina opnieuw."
)


def new_form_token() -> str:
    """A token per rendered form: a retried or double-clicked submit stores one record."""
    return secrets.token_urlsafe(24)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _length(maximum: int, what: str) -> Length:
    return Length(max=maximum, message=f"{what} heeft hoogstens {maximum} tekens.")


class SignalForm(FlaskForm):
    title = StringField(
        "Titel",
        validators=[
            DataRequired("Geef je signaal een korte titel."),
            Length(min=5, max=160, message="Een titel heeft tussen 5 en 160 tekens."),
        ],
    )
    description = TextAreaField(
        "Wat stel je vast?",
        validators=[
            DataRequired("Beschrijf wat je vaststelt."),
            Length(min=20, max=5000, message="Een beschrijving heeft tussen 20 en 5000 tekens."),
        ],
    )
    themes = MultiCheckboxField(
        "Thema's", coerce=int, validators=[DataRequired("Kies minstens één thema.")]
    )
    target_groups = MultiCheckboxField(
        "Doelgroepen", coerce=int, validators=[DataRequired("Kies minstens één doelgroep.")]
    )
    tried = TextAreaField(
        "Wat werd al geprobeerd?", validators=[Optional(), _length(3000, "Dit veld")]
    )
    ideas = TextAreaField(
        "Ideeën voor een oplossing", validators=[Optional(), _length(3000, "Dit veld")]
    )
    contact_email = EmailField(
        "Je e-mailadres voor terugkoppeling",
        validators=[
            Optional(),
            _length(254, "Een e-mailadres"),
            Email(
                "Vul een geldig e-mailadres in, of laat dit veld leeg.", check_deliverability=False
            ),
        ],
    )
    submission_token = HiddenField(validators=[DataRequired(), TOKEN_PATTERN])
    reviewed_text = HiddenField(validators=[Optional(), Length(max=64)])
    confirm_personal_data = BooleanField(
        "Ik heb mijn tekst nagekeken: wat hierboven gemarkeerd is, zijn geen persoonsgegevens "
        "van burgers."
    )

    def texts(self) -> dict[str, str]:
        return {
            "title": self.title.data or "",
            "description": self.description.data or "",
            "tried": self.tried.data or "",
            "ideas": self.ideas.data or "",
        }


class ReinforceForm(FlaskForm):
    context = TextAreaField(
        "Wat zie jij? (niet verplicht)",
        validators=[Optional(), _length(2000, "Je toelichting")],
    )


class SupplementForm(FlaskForm):
    body = TextAreaField(
        "Je aanvulling",
        validators=[
            DataRequired("Schrijf je aanvulling."),
            _length(3000, "Een aanvulling"),
        ],
    )
    submission_token = HiddenField(validators=[DataRequired(), TOKEN_PATTERN])


class FollowForm(FlaskForm):
    pass


class SignalFilterForm(FlaskForm):
    """The filters of the signals list: plain GET parameters, so the URL carries them."""

    class Meta:
        csrf = False

    q = StringField("Zoeken", validators=[Optional(), Length(max=200)])
    theme = SelectField("Thema", validators=[Optional()])
    target_group = SelectField("Doelgroep", validators=[Optional()])
    status = SelectField(
        "Status",
        choices=[SelectChoice("", "Alle statussen")]
        + [SelectChoice(s.value, s.label) for s in SignalStatus],
        validators=[Optional()],
    )
