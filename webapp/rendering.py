"""One template renders the full page, or for an htmx request just the named block."""

from flask import make_response, render_template, request
from jinja2_fragments.flask import render_block

# After a change made through htmx, the page's earlier message ("De actie is gemaakt.") is news
# no more: the answer empties it out of band (base.html always holds the container).
CLEAR_FLASHES = '<div class="flashes" id="meldingen" data-hx-swap-oob="true"></div>'


def render_page(template: str, block: str | None = None, status: int = 200, **context):
    if block and request.htmx and not request.htmx.boosted:
        body = render_block(template, block, **context)
        if request.method == "POST" and status < 400:
            body += CLEAR_FLASHES
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
