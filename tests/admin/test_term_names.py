"""Themes and target groups: a name once per municipality, whatever its case or spacing, refused
next to the field on add and on rename, and by the database when two people race; the page
reads as a list with a rename form per name that works without JavaScript."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import TargetGroup, Theme

KINDS = {"themas": Theme, "doelgroepen": TargetGroup}


def _names(app, municipality, model) -> list[str]:
    with app.app_context():
        names = db.session.scalars(
            select(model.name).filter_by(municipality_id=municipality.id).order_by(model.id)
        ).all()
        db.session.remove()
        return names


def _term(app, municipality, model, name: str) -> int:
    with app.app_context():
        found = db.session.scalars(
            select(model.id).filter_by(municipality_id=municipality.id, name=name)
        ).one()
        db.session.remove()
        return found


def _error(doc, input_id: str) -> str | None:
    node = doc.find("p", id=f"{input_id}-fout")
    return node.text() if node else None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("typed", ["Jeugd", "jeugd", "  JEUGD ", "Wonen", "wonen\t"])
def test_a_duplicate_is_refused_next_to_the_field_and_kept(
    app, client, login, partners, kind, typed
):
    model = KINDS[kind]
    login(partners.head)
    # Each municipality starts with the default lists; give both lists the names tried here.
    for name in ("Jeugd", "Wonen"):
        if name not in _names(app, partners.municipality, model):
            assert (
                client.post(partners.url(f"instellingen/{kind}"), data={"name": name}).status_code
                == 303
            )
    before = _names(app, partners.municipality, model)

    response = client.post(partners.url(f"instellingen/{kind}"), data={"name": typed})

    assert response.status_code == 400
    doc = parse(response)
    error = _error(doc, f"nieuw-{kind}")
    assert error is not None and error.startswith("Er is al een")
    existing = "Jeugd" if "jeugd" in typed.lower() else "Wonen"
    assert f"“{existing}”" in error
    field = doc.find("input", id=f"nieuw-{kind}")
    assert field.attrs["value"] == typed.strip()  # what was typed stays (tidied of its edges)
    assert field.attrs["aria-invalid"] == "true"
    assert field.attrs["aria-describedby"] == f"nieuw-{kind}-fout"
    assert _names(app, partners.municipality, model) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_rename_onto_another_name_is_refused_but_a_case_change_is_not(
    app, client, login, partners, kind
):
    model = KINDS[kind]
    login(partners.head)
    for name in ("Armoede en schulden", "Vrije tijd"):
        client.post(partners.url(f"instellingen/{kind}"), data={"name": name})
    armoede = _term(app, partners.municipality, model, "Armoede en schulden")
    url = partners.url(f"instellingen/{kind}/{armoede}/naam")

    response = client.post(url, data={"name": "vrije   TIJD"})

    assert response.status_code == 400
    doc = parse(response)
    input_id = f"naam-{kind}-{armoede}"
    assert "“Vrije tijd”" in _error(doc, input_id)
    assert doc.find("input", id=input_id).attrs["value"] == "vrije   TIJD"
    assert "Armoede en schulden" in _names(app, partners.municipality, model)

    # The same name in other letters or spacing is the same term: that rename is fine.
    response = client.post(url, data={"name": "Armoede  en Schulden "})
    assert response.status_code == 303
    assert "Armoede en Schulden" in _names(app, partners.municipality, model)


def test_the_same_name_in_another_municipality_is_fine(app, client, login, partners, other_place):
    login(partners.head)
    assert "Jeugd" in _names(app, other_place["municipality"], Theme)
    response = client.post(partners.url("instellingen/themas"), data={"name": "Klimaat"})
    assert response.status_code == 303
    with app.app_context():
        db.session.add(
            Theme(municipality_id=other_place["municipality"].id, slug="klimaat", name="Klimaat")
        )
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("model", [Theme, TargetGroup])
def test_the_database_refuses_a_duplicate_that_slipped_past_the_form(app, partners, model):
    """Two people adding "Klimaat" at the same moment both pass the form's check: the unique
    index on the name's key lets only one in."""
    with app.app_context():
        db.session.add(model(municipality_id=partners.municipality.id, slug="a", name="Klimaat"))
        db.session.commit()
        db.session.add(model(municipality_id=partners.municipality.id, slug="b", name=" klimaat"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.remove()


def test_a_race_between_check_and_insert_answers_with_the_message(
    app, client, login, partners, monkeypatch
):
    """The check found no duplicate, then the other request committed first: the database's
    refusal becomes the same message, not a 500."""
    from webapp.admin import settings

    login(partners.head)
    client.post(partners.url("instellingen/themas"), data={"name": "Klimaat"})
    real = settings._duplicate
    calls = []

    def racing(kind, form, term=None):
        if not calls:  # the check ran before the other request committed "Klimaat"
            calls.append(1)
            return False
        return real(kind, form, term)

    monkeypatch.setattr(settings, "_duplicate", racing)
    response = client.post(partners.url("instellingen/themas"), data={"name": "KLIMAAT"})

    assert response.status_code == 400
    assert "Er is al een thema “Klimaat”" in _error(parse(response), "nieuw-themas")
    assert _names(app, partners.municipality, Theme).count("Klimaat") == 1


def test_the_page_is_a_list_with_a_rename_link_that_opens_a_small_form(
    app, client, login, partners
):
    login(partners.head)
    jeugd = _term(app, partners.municipality, Theme, "Jeugd")
    page = client.get(partners.url("instellingen/themas-en-doelgroepen"))
    doc = parse(page)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Nieuw thema" in html and "Nieuwe thema" not in html
    assert "Nieuwe doelgroep" in html
    # One input per list (the new name), not one per term.
    assert len(doc.find_all("input", type="text")) == 2
    item = doc.find("li", id=f"themas-{jeugd}")
    link = item.find("a")
    assert link.text() == "Naam wijzigen van Jeugd"
    # No fragment: the browser then honours the form's autofocus (it scrolls there too).
    assert link.attrs["href"].endswith(f"?wijzig=themas-{jeugd}")

    opened = parse(client.get(link.attrs["href"].split("#")[0]))
    form_input = opened.find("input", id=f"naam-themas-{jeugd}")
    assert form_input.attrs["value"] == "Jeugd"
    assert "autofocus" in form_input.attrs
    assert opened.find(
        "label", for_=f"naam-themas-{jeugd}"
    ) is not None or "Nieuwe naam voor “Jeugd”" in text(
        client.get(link.attrs["href"].split("#")[0])
    )
    assert len(opened.find_all("input", type="text")) == 3

    response = client.post(
        partners.url(f"instellingen/themas/{jeugd}/naam"), data={"name": "Jeugd en gezin"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#themas-{jeugd}")
    assert "Jeugd en gezin" in _names(app, partners.municipality, Theme)


def test_a_rename_link_of_nonsense_opens_nothing(client, login, partners):
    login(partners.head)
    for value in ("themas-x", "iets-1", "themas-99999999999", "themas-١"):
        page = client.get(partners.url(f"instellingen/themas-en-doelgroepen?wijzig={value}"))
        assert page.status_code == 200
        assert len(parse(page).find_all("input", type="text")) == 2


def test_a_duplicate_of_a_retired_name_says_it_can_come_back(app, client, login, partners):
    login(partners.head)
    jeugd = _term(app, partners.municipality, Theme, "Jeugd")
    client.post(partners.url(f"instellingen/themas/{jeugd}/in-gebruik"), data={"retired": "1"})
    response = client.post(partners.url("instellingen/themas"), data={"name": "jeugd"})
    assert response.status_code == 400
    assert _error(parse(response), "nieuw-themas") == (
        "Er is al een thema “Jeugd”. Kies een andere naam. Die is niet meer in gebruik: je kan "
        "hem hieronder weer in gebruik nemen."
    )
