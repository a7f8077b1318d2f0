"""The submit form for the giver: "Wanneer signaleren?" unfolds above it, and one answer tells
everything that is wrong (missing fields and the personal-data review), with the summary first."""

from tests.signals.helpers import field_value, parse, stored_signals


def test_the_submit_page_says_when_to_signal_in_a_closed_details(client, kortrijk):
    doc = parse(client.get(kortrijk.url("signalen/nieuw")))

    details = doc.find("details", class_="criteria")
    assert details.find("summary").text() == "Wanneer signaleren?"
    assert "open" not in details.attrs
    assert len(details.find("ul").find_all("li")) == 4
    assert "niet om de hulpvraag van één persoon" in details.text()


def test_missing_fields_and_personal_data_come_back_in_one_answer(client, app, kortrijk, draft):
    data = draft(
        kortrijk,
        title="",
        themes=None,
        description="Het gezin woont in de Kerkstraat 12 en wacht al maanden op hulp.",
    )

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 400
    doc = parse(response)
    summary = doc.find("div", class_="error-summary")
    assert summary.attrs["tabindex"] == "-1" and "autofocus" in summary.attrs
    links = [(a.attrs["href"], a.text()) for a in summary.find_all("a")]
    assert links[0] == ("#title", "Titel: Geef je signaal een korte titel.")
    assert links[1] == ("#themes", "Thema's: Kies minstens één thema.")
    assert links[-1] == ("#persoonsgegevens", "Persoonsgegevens: kijk je tekst nog even na.")
    review = doc.by_id("persoonsgegevens")
    assert "adres met huisnummer" in review.text()
    assert "autofocus" not in review.attrs  # the summary takes the focus and links here
    # The summary and the review come first, above the intro and the form.
    order = [
        node.attrs.get("class") or node.attrs.get("id")
        for node in doc.select("main .error-summary, main #persoonsgegevens, main form")
    ]
    assert order[:3] == ["error-summary", "pii-warning", None]
    assert stored_signals(app) == []

    # Filled in and confirmed: stored in the next round, no further step.
    fixed = dict(
        data,
        title="Geen plaats in de kinderopvang",
        themes=draft(kortrijk)["themes"],
        reviewed_text=field_value(doc, "reviewed_text"),
        confirm_personal_data="y",
    )
    assert client.post(kortrijk.url("signalen/nieuw"), data=fixed).status_code == 303
    assert [s["title"] for s in stored_signals(app)] == ["Geen plaats in de kinderopvang"]


def test_the_review_alone_takes_the_focus(client, kortrijk, draft):
    data = draft(kortrijk, description="Bel de moeder op 0470 12 34 56, ze wacht al maanden.")

    response = client.post(kortrijk.url("signalen/nieuw"), data=data)

    assert response.status_code == 422
    doc = parse(response)
    assert doc.find("div", class_="error-summary") is None
    assert "autofocus" in doc.by_id("persoonsgegevens").attrs


def test_the_receipt_says_to_note_the_number_right_under_it(client, kortrijk, draft):
    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))
    doc = parse(client.get(response.headers["Location"]))

    blocks = [node.text() for node in doc.select("main p, main section")]
    reference = doc.find("p", class_="ref").text()
    number = blocks.index(reference)
    assert blocks[number + 1].startswith("Noteer het als je later naar je signaal wil verwijzen.")
    link_section = next(
        i for i, block in enumerate(blocks) if block.startswith("Volg je signaal op")
    )
    assert link_section > number + 1
