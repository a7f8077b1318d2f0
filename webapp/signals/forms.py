"""Forms for giving a signal and for reacting to one."""

import secrets

from flask_wtf import FlaskForm
from wtforms import (
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

from webapp.forms import FormBodyForm, tidy, without_nul
from webapp.models import SignalStatus
from webapp.review import ReviewMixin

BROKEN_FORM = "Dit formulier is ongeldig. Laad de pagina opnieuw."
TOKEN_PATTERN = Regexp(r"^[A-Za-z0-9_-]{16,64}$", message=BROKEN_FORM)


def new_form_token() -> str:
    """A token per rendered form: a retried or double-clicked submit stores one record."""
    return secrets.token_urlsafe(24)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, *, invalid: str, **kwargs):
        # One Dutch message for ids that are no number and ids that are not offered here.
        kwargs.setdefault("invalid_value_message", invalid)
        kwargs.setdefault("invalid_choice_message", invalid)
        super().__init__(label, validators, **kwargs)


def _length(maximum: int, what: str) -> Length:
    return Length(max=maximum, message=f"{what} heeft hoogstens {maximum} tekens.")


class SignalForm(ReviewMixin, FormBodyForm):
    review_fields = ("title", "description", "tried", "ideas")

    title = StringField(
        "Titel",
        filters=[tidy],
        validators=[
            DataRequired("Geef je signaal een korte titel."),
            Length(min=5, max=160, message="Een titel heeft tussen 5 en 160 tekens."),
        ],
    )
    description = TextAreaField(
        "Wat stel je vast?",
        filters=[tidy],
        validators=[
            DataRequired("Beschrijf wat je vaststelt."),
            Length(min=20, max=5000, message="Een beschrijving heeft tussen 20 en 5000 tekens."),
        ],
    )
    themes = MultiCheckboxField(
        "Thema's",
        coerce=int,
        validators=[DataRequired("Kies minstens één thema.")],
        invalid="Kies een thema uit de lijst.",
    )
    target_groups = MultiCheckboxField(
        "Doelgroepen",
        coerce=int,
        validators=[DataRequired("Kies minstens één doelgroep.")],
        invalid="Kies een doelgroep uit de lijst.",
    )
    tried = TextAreaField(
        "Wat werd al geprobeerd?",
        filters=[tidy],
        validators=[Optional(), _length(3000, "Dit veld")],
    )
    ideas = TextAreaField(
        "Ideeën voor een oplossing",
        filters=[tidy],
        validators=[Optional(), _length(3000, "Dit veld")],
    )
    contact_email = EmailField(
        "Je e-mailadres voor terugkoppeling",
        filters=[tidy],  # phone keyboards add a space after a suggested address
        validators=[
            Optional(),
            _length(254, "Een e-mailadres"),
            Email(
                "Vul een geldig e-mailadres in, of laat dit veld leeg.", check_deliverability=False
            ),
        ],
    )
    submission_token = HiddenField(
        "Formulier", validators=[DataRequired(BROKEN_FORM), TOKEN_PATTERN]
    )

    def texts(self) -> dict[str, str]:
        return {
            "title": self.title.data or "",
            "description": self.description.data or "",
            "tried": self.tried.data or "",
            "ideas": self.ideas.data or "",
        }


class ReinforceForm(ReviewMixin, FormBodyForm):
    review_fields = ("context",)
    review_id = "versterken"

    context = TextAreaField(
        "Wat zie jij?",
        filters=[tidy],
        validators=[Optional(), _length(2000, "Je toelichting")],
    )


class SupplementForm(ReviewMixin, FormBodyForm):
    review_fields = ("body",)
    review_id = "aanvullen"

    body = TextAreaField(
        "Je aanvulling",
        filters=[tidy],
        validators=[
            DataRequired("Schrijf je aanvulling."),
            _length(3000, "Een aanvulling"),
        ],
    )
    submission_token = HiddenField(
        "Formulier", validators=[DataRequired(BROKEN_FORM), TOKEN_PATTERN]
    )


class FollowForm(FormBodyForm):
    pass


class SignalFilterForm(FlaskForm):
    """The filters of the signals list: plain GET parameters, so the URL carries them."""

    class Meta:
        csrf = False

    q = StringField("Zoeken", filters=[without_nul], validators=[Optional(), Length(max=200)])
    theme = SelectField("Thema", validators=[Optional()])
    target_group = SelectField("Doelgroep", validators=[Optional()])
    status = SelectField(
        "Status",
        choices=[SelectChoice("", "Alle statussen")]
        + [SelectChoice(s.value, s.label) for s in SignalStatus],
        validators=[Optional()],
    )
