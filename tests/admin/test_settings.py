"""Municipality settings: public contact and coordinator, themes and target groups that can be
added, renamed and retired without breaking old signals or filters."""

from sqlalchemy import select

from tests.signals.helpers import error_for, field_value, parse, text
from tests.sites.test_site_state import generation
from webapp.extensions import db
from webapp.models import Municipality, Signal, Theme


def _theme(app, municipality, slug: str) -> dict:
    with app.app_context():
        theme = db.session.scalars(
            select(Theme).filter_by(municipality_id=municipality.id, slug=slug)
        ).one()
        row = {"id": theme.id, "name": theme.name, "retired": theme.retired}
        db.session.remove()
        return row


def test_settings_are_saved_and_mark_the_site_stale(app, client, login, partners):
    login(partners.head)
    before = generation(app, partners.municipality)
    response = client.post(
        partners.url("instellingen"),
        data={
            "coordinator_name": "Cora Coördinator",
            "contact_email": "lokaalsignaal@partnerstad.be",
            "public_url": "https://www.partnerstad.be/lokaal-signaal",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        place = db.session.get(Municipality, partners.municipality.id)
        assert (place.coordinator_name, place.contact_email, place.public_url) == (
            "Cora Coördinator",
            "lokaalsignaal@partnerstad.be",
            "https://www.partnerstad.be/lokaal-signaal",
        )
    assert generation(app, partners.municipality) > before


def test_wrong_settings_keep_what_was_typed(app, client, login, partners):
    login(partners.head)
    response = client.post(
        partners.url("instellingen"),
        data={"coordinator_name": "Cora", "contact_email": "geen adres", "public_url": "ftp:x"},
    )
    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "contact_email") == "Vul een geldig e-mailadres in."
    assert "https://" in error_for(doc, "public_url")
    assert field_value(doc, "coordinator_name") == "Cora"
    assert field_value(doc, "contact_email") == "geen adres"


def test_head_and_colleague_processors_change_settings(client, login, partners):
    """Colleague processors manage the tool with the head processor (issue 21); givers not."""
    login(partners.processor)
    assert client.get(partners.url("instellingen")).status_code == 200
    assert client.post(partners.url("instellingen"), data={}).status_code == 400
    login(partners.giver)
    assert client.get(partners.url("instellingen")).status_code == 403
    assert client.post(partners.url("instellingen"), data={}).status_code == 403


def test_a_retired_theme_stays_on_old_signals_and_in_filters_but_is_not_offered(
    app, client, login, make, partners
):
    make.signal(partners.municipality, partners.giver, title="Oud signaal", themes=("jeugd",))
    jeugd = _theme(app, partners.municipality, "jeugd")
    login(partners.head)

    client.post(
        partners.url(f"instellingen/themas/{jeugd['id']}/naam"), data={"name": "Jeugd en gezin"}
    )
    client.post(
        partners.url(f"instellingen/themas/{jeugd['id']}/in-gebruik"), data={"retired": "1"}
    )
    assert _theme(app, partners.municipality, "jeugd") == {
        **jeugd,
        "name": "Jeugd en gezin",
        "retired": True,
    }

    client.get(partners.url("instellingen"))  # shows, and so spends, the flash messages
    form = text(client.get(partners.url("signalen/nieuw")))
    assert "Jeugd en gezin" not in form
    inbox = client.get(partners.url("verwerken?theme=jeugd"))
    assert inbox.status_code == 200
    assert "Oud signaal" in text(inbox)
    assert '<option selected value="jeugd">Jeugd en gezin</option>' in text(inbox)
    with app.app_context():
        signal = db.session.scalars(select(Signal).filter_by(title="Oud signaal")).one()
        assert [t.name for t in signal.themes] == ["Jeugd en gezin"]

    client.post(
        partners.url(f"instellingen/themas/{jeugd['id']}/in-gebruik"), data={"retired": "0"}
    )
    assert "Jeugd en gezin" in text(client.get(partners.url("signalen/nieuw")))


def test_a_new_term_gets_its_own_slug(app, client, login, partners):
    login(partners.head)
    for name in ("Energie & water", "Energie - water"):
        response = client.post(partners.url("instellingen/themas"), data={"name": name})
        assert response.status_code == 303
    with app.app_context():
        slugs = db.session.scalars(
            select(Theme.slug).filter(Theme.name.like("Energie%")).order_by(Theme.id)
        ).all()
    assert slugs == ["energie-water", "energie-water-2"]
    page = text(client.get(partners.url("instellingen/themas-en-doelgroepen")))
    assert "Energie &amp; water" in page


def test_another_municipalitys_theme_is_not_found(app, client, login, make, partners, other_place):
    foreign = _theme(app, other_place["municipality"], "jeugd")
    login(partners.head)
    response = client.post(
        partners.url(f"instellingen/themas/{foreign['id']}/naam"), data={"name": "Overgenomen"}
    )
    assert response.status_code == 404
    assert _theme(app, other_place["municipality"], "jeugd")["name"] == "Jeugd"
