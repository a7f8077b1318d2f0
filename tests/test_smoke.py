def test_home_lists_municipalities(client, make):
    make.municipality(name="Proefdorp")
    response = client.get("/")
    assert response.status_code == 200
    assert "Proefdorp" in response.get_data(as_text=True)


def test_municipality_page_links_its_public_site(app, client, make):
    make.municipality(slug="sitedorp", name="Sitedorp")
    app.config["SITES_BASE_URL"] = "https://publiek.example/"
    try:
        body = client.get("/sitedorp/").get_data(as_text=True)
    finally:
        app.config["SITES_BASE_URL"] = None
    assert 'href="https://publiek.example/sitedorp/"' in body
