"""One template renders the full page, or for an htmx request just the named block."""

from flask import make_response, render_template, request
from jinja2_fragments.flask import render_block


def render_page(template: str, block: str | None = None, status: int = 200, **context):
    if block and request.htmx and not request.htmx.boosted:
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
