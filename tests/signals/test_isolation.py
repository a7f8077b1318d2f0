"""Nothing of one municipality reaches people of another, nor anyone without an account."""

import pytest

from tests.signals.helpers import (
    HTMX,
    follows,
    parse,
    redirect_path,
    redirect_query,
    reinforcements,
    supplements,
    text,
)
from webapp.extensions import db
from webapp.models import Membership, Municipality, Role

SECRET_A = "Kortrijks geheim signaal"
SECRET_B = "Gents geheim signaal"


@pytest.fixture
def secrets(make, kortrijk, gent):
    a = make.signal(
        kortrijk.municipality,
        kortrijk.giver,
        title=SECRET_A,
        description="Wachtlijst voor budgetbegeleiding bij het OCMW groeit.",
    )
    b = make.signal(
        gent.municipality,
        gent.giver,
        title=SECRET_B,
        description="Wachtlijst voor budgetbegeleiding bij het OCMW groeit.",
        contact_email="melder@example.org",
    )
    return a, b


def _requests(slug: str, signal_id: int):
    """Every signal URL of a municipality, as (method, url, form data)."""
    base = f"/{slug}"
    return [
        ("GET", f"{base}/signalen", None),
        ("GET", f"{base}/signalen?q=geheim", None),
        ("GET", f"{base}/mijn-signalen", None),
        ("GET", f"{base}/signalen/{signal_id}", None),
        ("POST", f"{base}/signalen/{signal_id}/volgen", {"follow": "1"}),
        ("POST", f"{base}/signalen/{signal_id}/versterken", {"context": "Ik ook."}),
        (
            "POST",
            f"{base}/signalen/{signal_id}/aanvullen",
            {"body": "Aanvulling.", "submission_token": "z" * 20},
        ),
    ]


def _send(client, method, url, data, headers=None):
    if method == "GET":
        return client.get(url, headers=headers)
    return client.post(url, data=data, headers=headers)


def _assert_untouched(app):
    assert follows(app) == []
    assert reinforcements(app) == []
    assert supplements(app) == []


@pytest.mark.parametrize("headers", [None, HTMX])
def test_giver_gets_not_found_on_every_url_of_another_municipality(
    client, app, login, kortrijk, gent, secrets, headers
):
    _, b = secrets
    login(kortrijk.giver)

    for method, url, data in _requests(gent.slug, b.id):
        response = _send(client, method, url, data, headers)
        assert response.status_code == 404, url
        if headers:
            # htmx gets a short message for the page's message area instead of a whole page.
            assert response.headers["HX-Retarget"] == "#htmx-fout", url
            assert "Niet gevonden" in parse(response).find("p").text(), url
        else:
            assert parse(response).find("h1").text() == "Niet gevonden", url
        assert SECRET_B not in text(response), url
        assert "melder@example.org" not in text(response), url
    _assert_untouched(app)


@pytest.mark.parametrize("headers", [None, HTMX])
def test_other_municipalitys_signal_under_own_slug_is_not_found(
    client, app, login, kortrijk, secrets, headers
):
    _, b = secrets
    login(kortrijk.giver)

    for method, url, data in _requests(kortrijk.slug, b.id):
        response = _send(client, method, url, data, headers)
        if url.endswith(f"/{b.id}") or f"/{b.id}/" in url:
            assert response.status_code == 404, url
        assert SECRET_B not in text(response), url
    _assert_untouched(app)


def test_processor_of_another_municipality_sees_nothing(client, login, make, kortrijk, secrets):
    _, b = secrets
    login(make.user(Role.HEAD_PROCESSOR, kortrijk.municipality))

    response = client.get(f"/gent/signalen/{b.id}")

    assert response.status_code == 404
    assert "melder@example.org" not in text(response)


def test_someone_active_in_both_sees_each_signal_under_its_own_slug_only(
    client, app, login, kortrijk, gent, secrets
):
    a, b = secrets
    with app.app_context():
        db.session.add(
            Membership(
                user_id=kortrijk.giver.id,
                municipality_id=gent.municipality.id,
                role="giver",
                # Consent given: without it the first page would ask for it (issue 18).
                privacy_consent_version=db.session.get(
                    Municipality, gent.municipality.id
                ).privacy_version,
            )
        )
        db.session.commit()
        db.session.remove()
    login(kortrijk.giver)

    assert client.get(f"/kortrijk/signalen/{a.id}").status_code == 200
    assert client.get(f"/gent/signalen/{b.id}").status_code == 200
    assert client.get(f"/kortrijk/signalen/{b.id}").status_code == 404
    assert client.get(f"/gent/signalen/{a.id}").status_code == 404
    kortrijk_list = text(client.get("/kortrijk/signalen"))
    assert SECRET_A in kortrijk_list
    assert SECRET_B not in kortrijk_list


def test_anonymous_is_sent_to_login_for_every_page(client, kortrijk, gent, secrets):
    a, b = secrets
    for slug, signal in (("kortrijk", a), ("gent", b)):
        for method, url, data in _requests(slug, signal.id):
            response = _send(client, method, url, data)
            body = text(response)
            assert SECRET_A not in body and SECRET_B not in body, url
            if method == "GET":
                assert response.status_code == 302, url
                assert redirect_path(response) == "/login", url
                assert redirect_query(response)["next"] == [url], url
            else:
                assert response.status_code == 401, url
                assert parse(response).find("h1").text() == "Aanmelden nodig"


def test_anonymous_htmx_request_is_sent_to_login_as_a_whole_page(client, kortrijk, secrets):
    a, _ = secrets
    headers = {**HTMX, "HX-Current-URL": f"http://localhost/kortrijk/signalen/{a.id}"}

    for method, url, data in _requests("kortrijk", a.id):
        response = _send(client, method, url, data, headers)
        assert response.status_code == 401, url
        assert SECRET_A not in text(response), url
        login_url = response.headers["HX-Redirect"]
        assert login_url.startswith("/login?next="), url


def test_anonymous_sees_no_signal_on_the_login_page_it_is_sent_to(client, kortrijk, secrets):
    a, _ = secrets

    response = client.get(f"/kortrijk/signalen/{a.id}", follow_redirects=True)

    assert response.status_code == 200
    assert SECRET_A not in text(response)
    assert parse(response).find("h1").text() == "Aanmelden"


def test_anonymous_sees_no_signal_while_submitting(client, app, kortrijk, secrets, draft):
    a, _ = secrets
    pages = [client.get("/kortrijk/signalen/nieuw")]
    data = draft(kortrijk, title="Wachtlijst budgetbegeleiding OCMW")
    pages.append(client.post("/kortrijk/signalen/nieuw", data=dict(data, action="check")))
    pages.append(
        client.post("/kortrijk/signalen/nieuw", data=dict(data, action="check"), headers=HTMX)
    )
    pages.append(client.post("/kortrijk/signalen/nieuw", data=dict(data, title="")))
    pages.append(client.post("/kortrijk/signalen/nieuw", data=dict(data, reinforce_id=a.id)))
    pages.append(client.post("/kortrijk/signalen/nieuw", data=data, follow_redirects=True))
    pages.append(client.get("/kortrijk/"))

    for response in pages:
        body = text(response)
        assert SECRET_A not in body
        assert SECRET_B not in body
        assert f"/signalen/{a.id}" not in body
    assert "Dank je, je signaal is ontvangen" in text(pages[-2])
    assert reinforcements(app) == []


def test_confirmation_of_one_municipality_is_not_shown_under_another(
    client, kortrijk, gent, secrets, draft
):
    client.post("/kortrijk/signalen/nieuw", data=draft(kortrijk))

    response = client.get("/gent/signalen/ontvangen")

    assert response.status_code in (303, 404)
    assert SECRET_B not in text(response)


@pytest.mark.parametrize("role", [Role.ALDERMAN, Role.NETWORK])
def test_roles_without_signal_access_never_see_one(
    client, app, login, make, kortrijk, secrets, role
):
    a, _ = secrets
    login(make.user(role, kortrijk.municipality))

    for method, url, data in _requests("kortrijk", a.id):
        response = _send(client, method, url, data)
        assert response.status_code == 403, url
        assert SECRET_A not in text(response), url
    _assert_untouched(app)
    # Nor through the form's search for similar signals.
    response = client.post(
        "/kortrijk/signalen/nieuw",
        data={
            "title": "Budgetbegeleiding",
            "description": "Wachtlijst voor budgetbegeleiding bij het OCMW.",
            "action": "check",
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert SECRET_A not in text(response)


def test_unknown_municipality_is_not_found_for_everyone(client, login, kortrijk, secrets):
    a, _ = secrets
    assert client.get(f"/nergens/signalen/{a.id}").status_code == 404
    login(kortrijk.giver)
    assert client.get(f"/nergens/signalen/{a.id}").status_code == 404
    assert client.get("/nergens/signalen").status_code == 404
