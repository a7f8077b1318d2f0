"""The forms a person files a privacy request with ("Mijn gegevens"), and the kinds offered,
shared by the register (register.py) and "Mijn gegevens" (mydata.py)."""

from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from webapp.forms import FormBodyForm, tidy, with_prompt
from webapp.privacy import requests


def kind_choices() -> list[SelectChoice]:
    return with_prompt(
        "Kies een soort verzoek",
        [SelectChoice(k, label[0].upper() + label[1:]) for k, label in requests.KINDS.items()],
    )


class OwnRequestForm(FormBodyForm):
    # No "required": the choices hold only valid values, and the select always has one.
    municipality = SelectField(
        "Bij welke gemeente?",
        invalid_choice_message="Kies een gemeente uit de lijst.",
    )
    kind = SelectField(
        "Wat vraag je?",
        validators=[InputRequired("Kies wat je vraagt.")],
        invalid_choice_message="Kies uit de lijst.",
    )
    detail = TextAreaField(
        "Toelichting",
        filters=[tidy],
        validators=[Optional(), Length(max=5000, message="Hoogstens 5000 tekens.")],
    )


def own_request_form(user, formdata=None) -> OwnRequestForm:
    form = (
        OwnRequestForm(formdata=formdata) if formdata is not None else OwnRequestForm(formdata=None)
    )
    places = user.municipalities()
    form.municipality.choices = [SelectChoice(m.slug, m.name) for m in places]
    if formdata is None and places:
        form.municipality.data = places[0].slug
    form.kind.choices = kind_choices()
    return form
