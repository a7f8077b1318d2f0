"""The confirmation page shows the reference only to the person who just submitted, briefly."""

import time

from webapp.models import Role


def test_confirmation_expires_so_the_next_person_sees_nothing(client, make):
    place = make.municipality(slug="deelpc")
    signal = make.signal(place, make.user(Role.GIVER, place))
    with client.session_transaction() as session:
        session["submitted_signal"] = {"reference": signal.reference, "at": int(time.time())}
    assert signal.reference in client.get("/deelpc/signalen/ontvangen").get_data(as_text=True)

    with client.session_transaction() as session:
        session["submitted_signal"] = {"reference": signal.reference, "at": int(time.time()) - 3600}
    response = client.get("/deelpc/signalen/ontvangen")
    assert response.status_code == 303
    assert response.headers["Location"] == "/deelpc/signalen/nieuw"


def test_confirmation_of_another_municipality_is_not_shown(client, make):
    place = make.municipality(slug="hier")
    elsewhere = make.municipality(slug="elders")
    signal = make.signal(elsewhere)
    with client.session_transaction() as session:
        session["submitted_signal"] = {"reference": signal.reference, "at": int(time.time())}
    response = client.get(f"/{place.slug}/signalen/ontvangen")
    assert response.status_code == 303
    assert signal.reference not in response.get_data(as_text=True)
