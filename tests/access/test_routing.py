"""Municipality slugs never shadow the application's own paths, and routing errors stay honest."""

from webapp.routing import RESERVED_SEGMENTS


def test_every_fixed_first_segment_is_reserved(app):
    segments = {
        rule.rule.lstrip("/").split("/", 1)[0]
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith("/<")
    }
    segments.discard("")
    assert segments <= RESERVED_SEGMENTS


def test_wrong_method_gets_405_not_a_municipality_page(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"] and "GET" not in response.headers["Allow"]


def test_municipality_without_slash_redirects(client, make):
    make.municipality(slug="slashdorp")
    response = client.get("/slashdorp")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/slashdorp/")


def test_unknown_municipality_is_404(client):
    assert client.get("/bestaat-niet/signalen").status_code == 404


def test_htmx_request_without_session_is_sent_to_the_login_page(client, make):
    make.municipality(slug="htmxdorp")
    response = client.get(
        "/htmxdorp/signalen?q=x",
        headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/htmxdorp/signalen"},
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/login?next=/htmxdorp/signalen"


def test_htmx_errors_are_a_short_message_for_the_message_area(client, make):
    make.municipality(slug="foutdorp")
    response = client.get("/foutdorp/bestaat-niet", headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "#htmx-fout"
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'role="alert"' in body and "Niet gevonden" in body
