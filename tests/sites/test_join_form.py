""" "Doe mee als gemeente" on the static overview: its form posts to the app, field for field
what the app's form reads, and the request reaches the network."""

import re

from sqlalchemy import select

from sites.render import plan_overview
from tests.html import parse
from webapp.extensions import db
from webapp.models import MunicipalityRequest


def _rendered_form(tmp_path) -> str:
    from sites.render import build_plan

    plan = plan_overview(
        [], {"doe-mee": "Doe mee.", "overzicht": "", "colofon": "# Colofon"}, "http://app.example"
    )
    build_plan(plan, tmp_path, "Lokaal Signaal", use_directory_urls=False)
    return (tmp_path / "doe-mee.html").read_text()


def test_the_static_form_posts_what_the_app_reads(app, tmp_path):
    html = _rendered_form(tmp_path)
    form = parse(html).find("form")
    assert form.attrs["action"] == "http://app.example/doe-mee"
    names = {field.attrs["name"] for field in form.find_all("input") + form.find_all("textarea")}
    assert names == {
        "municipality_name",
        "contact_name",
        "contact_email",
        "job",
        "message",
        "homepage",
    }
    client = app.test_client()
    values = {
        "municipality_name": "Berlaar",
        "contact_name": "Rita Regie",
        "contact_email": "regie@example.org",
        "job": "",
        "message": "",
        "homepage": "",
    }
    assert client.post("/doe-mee", data=values).status_code == 303
    with app.app_context():
        assert db.session.scalars(select(MunicipalityRequest.municipality_name)).all() == [
            "Berlaar"
        ]
    assert not re.search(r"csrf", html)
