"""What every form of the app shares: input clean-up, validators, fields and the form base."""

import re

import wtforms.widgets
from flask import request
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import DateField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.widgets import core as widgets_core

# A signal's reference as people type it (case and look-alike letters are forgiven on lookup).
REFERENCE_RE = re.compile(r"[A-Za-z0-9]{4}-[A-Za-z0-9]{4}")


def without_nul(value):
    """NUL cannot be typed and PostgreSQL refuses it in text: drop it before it reaches a query."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def tidy(value):
    """Without NUL and surrounding whitespace, which must not count towards a minimum length."""
    value = without_nul(value)
    return value.strip() if isinstance(value, str) else value


def with_prompt(prompt: str, choices) -> list[SelectChoice]:
    """Choices behind an empty first option ("Kies ..."): valid HTML for a required select, and
    nothing picked for the user when the form has no value yet."""
    return [SelectChoice("", prompt), *choices]


def optional_id(value):
    """The id of a select where the empty option means "none"."""
    if value in ("", None):
        return None
    return int(value)


class SingleLine:
    """Refuses line breaks and tabs: a title or a place fits on one line."""

    def __init__(self, message: str = "Dit past op één regel."):
        self.message = message

    def __call__(self, form, field) -> None:
        if field.data and any(c in field.data for c in "\r\n\t"):
            raise ValidationError(self.message)


def title_field(missing: str) -> StringField:
    """The title of a card, an action or a meeting: one line of 5 to 200 characters."""
    return StringField(
        "Titel",
        filters=[tidy],
        validators=[
            DataRequired(missing),
            Length(min=5, max=200, message="Een titel heeft tussen 5 en 200 tekens."),
            SingleLine("Een titel past op één regel."),
        ],
    )


DATE_EXAMPLE = "15-03-2026"
DATE_HINT = f"Kies de datum, of typ ze zoals {DATE_EXAMPLE}."


class DutchDateField(DateField):
    """A date from a date input (ISO, what browsers send) or typed as people in Flanders write
    it (15-03-2026 or 15/03/2026); shown back in ISO, as a date input needs."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
        kwargs.setdefault("invalid_value_message", f"Vul een datum in zoals {DATE_EXAMPLE}.")
        super().__init__(label, validators, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes; one Dutch message for ids that are no number or not offered."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, *, invalid: str, **kwargs):
        kwargs.setdefault("invalid_value_message", invalid)
        kwargs.setdefault("invalid_choice_message", invalid)
        super().__init__(label, validators, **kwargs)


class FormBodyForm(FlaskForm):
    """Filled from form fields only: Flask-WTF would also read uploaded files and JSON bodies,
    whose file objects, numbers and lists reach text fields and break their validators."""

    class Meta:
        def wrap_formdata(self, form, formdata):
            # No multidict given: Flask-WTF's sentinel for "read the request".
            from_request = formdata is not None and not hasattr(formdata, "getlist")
            if from_request and form.is_submitted() and (request.is_json or request.files):
                formdata = request.form  # the plain fields only; empty for a JSON body
            return super().wrap_formdata(form, formdata)


# WTForms' own, kept for the test that holds `fast_html_params` to it.
WTFORMS_HTML_PARAMS = widgets_core.html_params


def fast_html_params(**kwargs) -> Markup:
    """WTForms' `html_params`, the same output without a `Markup.format` per attribute.

    Every input, textarea and label of every form goes through it; the formatting, which
    escapes its already escaped arguments again, cost a quarter of the submit page.
    tests/test_forms_render.py holds it to the original.
    """
    params = []
    for key, value in sorted(kwargs.items()):
        key = widgets_core.clean_key(key)
        if value is True:
            params.append(key)
        elif value is not False:
            params.append(f'{escape(key)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(params))


def use_fast_html_params() -> None:
    """Install `fast_html_params` where WTForms' widgets and labels look it up."""
    widgets_core.html_params = fast_html_params
    widgets_core.Input.html_params = staticmethod(fast_html_params)
    widgets_core.Button.html_params = staticmethod(fast_html_params)
    wtforms.widgets.html_params = fast_html_params
