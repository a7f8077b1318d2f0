"""The app's faster `html_params` renders exactly what WTForms' own does."""

import pytest
from markupsafe import Markup

from webapp.forms import WTFORMS_HTML_PARAMS, fast_html_params

CASES = [
    {},
    {"name": "title", "id": "title", "value": ""},
    {"class_": "label", "for_": "title"},
    {"checked": True, "readonly": False, "name": "t", "abc": "hello"},
    {"data_hx_post": "/gent/signalen/nieuw", "data_hx_vals": '{"action": "check"}'},
    {"aria_describedby": "title-hint title-error", "aria_invalid": "true"},
    {"value": 'Tom & "Jerry" <script>', "maxlength": 160, "rows": 7},
    {"value": Markup('<b>al veilig</b> "quote"'), "placeholder": "één, twee"},
    {"value": None, "min": 0, "step": 1.5},
]


@pytest.mark.parametrize("attributes", CASES)
def test_same_output_as_wtforms(attributes):
    ours = fast_html_params(**attributes)
    assert isinstance(ours, Markup)
    assert WTFORMS_HTML_PARAMS is not fast_html_params
    assert ours == WTFORMS_HTML_PARAMS(**attributes)


def test_the_app_renders_fields_with_it(app):
    from wtforms.widgets import core

    assert core.html_params is fast_html_params
    assert core.Input.html_params is fast_html_params
