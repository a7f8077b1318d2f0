"""The address bar carries the filters in use, so back button and bookmarks work."""

from webapp.models import Role


def test_htmx_filtering_pushes_a_clean_url(client, make, login):
    place = make.municipality(slug="adresdorp")
    login(make.user(Role.GIVER, place))
    response = client.get(
        "/adresdorp/signalen?q=&theme=wonen&target_group=&status=",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/adresdorp/signalen?theme=wonen"
