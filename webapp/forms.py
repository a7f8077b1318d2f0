"""What every form of the app shares."""

from flask import request
from flask_wtf import FlaskForm


def without_nul(value):
    """NUL cannot be typed and PostgreSQL refuses it in text: drop it before it reaches a query."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def tidy(value):
    """Without NUL and surrounding whitespace, which must not count towards a minimum length."""
    value = without_nul(value)
    return value.strip() if isinstance(value, str) else value


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
