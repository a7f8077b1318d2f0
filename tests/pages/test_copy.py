"""What the pages say: "(niet verplicht)" only where a field may really stay empty."""

from tests.html import parse


def _labels_marked_optional(html: str) -> list[str]:
    doc = parse(html)
    return [
        node.find("label").text().removesuffix(" (niet verplicht)")
        for node in doc.find_all("div")
        if "field" in node.attrs.get("class", "").split()
        and node.find("span", class_="optional") is not None
    ]


def test_only_fields_that_may_stay_empty_say_so(pages):
    _, html = pages["new-meeting"]

    optional = _labels_marked_optional(html)

    assert "Plaats" in optional and "Beschrijving" in optional
    assert not any(label.startswith(("Openbaar", "Soort", "Titel", "Datum")) for label in optional)


def test_a_checkbox_or_a_select_is_never_called_optional(pages):
    for name in ("new-action", "new-card", "edit-meeting", "handle"):
        _, html = pages[name]
        for label in _labels_marked_optional(html):
            assert not label.startswith(("Openbaar", "Publiceren", "Status", "Verwerker")), label


def test_not_required_sits_in_the_label_of_inputs_and_text_areas_alike(pages):
    """One placement: right after the label's text, inside the label."""
    _, html = pages["new-meeting"]
    doc = parse(html)
    marked = [
        node
        for node in doc.find_all("label") + doc.find_all("legend")
        if node.find("span", class_="optional") is not None
    ]
    assert len(marked) == len(doc.find_all("span", class_="optional"))
    kinds = {doc.by_id(label.attrs["for"]).tag for label in marked if label.tag == "label"}
    assert {"input", "textarea"} <= kinds
    assert all(label.text().endswith("(niet verplicht)") for label in marked)
