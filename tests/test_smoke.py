def test_home_lists_municipalities(client, make):
    make.municipality(name="Proefdorp")
    response = client.get("/")
    assert response.status_code == 200
    assert "Proefdorp" in response.get_data(as_text=True)
