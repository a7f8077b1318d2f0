"""Tests for the detection of citizens' personal data in signal texts."""

import dataclasses

import pytest
from markupsafe import Markup

from common.personal_data.guard import Finding, highlight, scan, summary


def make_insz(birth: str, serial: str, born_after_1999: bool = False) -> str:
    """A national register number (yymmdd + serial) with a correct checksum."""
    nine = birth + serial
    base = int(("2" if born_after_1999 else "") + nine)
    return f"{nine}{97 - base % 97:02d}"


def make_iban(country: str, bban: str) -> str:
    """An IBAN with correct ISO 13616 check digits."""
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def formatted_insz(insz: str) -> str:
    """The INSZ as printed on an identity card: yy.mm.dd-sss.cc."""
    return f"{insz[:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:]}"


INSZ_1985 = make_insz("850730", "033")
INSZ_2004 = make_insz("040203", "123", born_after_1999=True)
BIS_PLUS_20 = make_insz("852730", "033")
BIS_PLUS_40 = make_insz("854730", "034")


def kinds(text: str) -> list[tuple[str, str]]:
    """The (kind, matched text) pairs that scan finds."""
    return [(finding.kind, finding.text) for finding in scan(text)]


def test_helpers_reproduce_known_valid_numbers():
    assert INSZ_1985 == "85073003328"
    assert make_iban("BE", "539007547034") == "BE68539007547034"
    assert make_iban("NL", "ABNA0417164300") == "NL91ABNA0417164300"


# --- INSZ ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "85073003328",
        "85.07.30-033.28",
        "85.07.30-033 28",
        "850730 033 28",
        INSZ_2004,
        formatted_insz(INSZ_2004),
        BIS_PLUS_20,
        formatted_insz(BIS_PLUS_40),
    ],
)
def test_insz_is_found(written):
    text = f"Rijksregisternummer van de cliënt: {written}, graag opvolgen."
    assert kinds(text) == [("insz", written)]


@pytest.mark.parametrize(
    "written",
    [
        "85073003329",  # checksum off by one
        "85.07.30-033.27",
        INSZ_2004[:-2] + f"{(int(INSZ_2004[-2:]) + 1) % 100:02d}",
        make_insz("851330", "033"),  # month 13 does not exist, not even as BIS number
        make_insz("850732", "033"),  # day 32
        "8507300332",  # ten digits
        "850730033280",  # twelve digits
    ],
)
def test_insz_with_invalid_checksum_or_shape_is_ignored(written):
    assert [f for f in scan(f"nummer {written} ") if f.kind == "insz"] == []


def test_insz_born_after_1999_is_only_valid_with_the_2_prefix():
    assert make_insz("040203", "123", born_after_1999=False) != INSZ_2004
    assert kinds(INSZ_2004) == [("insz", INSZ_2004)]


# --- Phone numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "0470 12 34 56",
        "0470/12.34.56",
        "0470123456",
        "0470-12-34-56",
        "+32 470 12 34 56",
        "+32470123456",
        "0032 470 12 34 56",
        "+32 (0)470 12 34 56",
        "09 123 45 67",
        "03/123.45.67",
        "02 123 45 67",
        "056 12 34 56",
        "+32 9 123 45 67",
    ],
)
def test_phone_is_found(number):
    assert kinds(f"Bel mama op {number} na 17u.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Bel 112 of 1722 bij nood.",
        "Het dossier 0470 12 34 is onvolledig.",  # 8 digits
        "Referentie 0123456789 in het systeem.",  # 10 digits but not a mobile number
        "op 05/03/2024 10 gezinnen gezien",
        "open van 09.00-12.00 en 13.00-16.30",
        "postcode 9000 en 2018",
        "tel. +33 1 23 45 67 89 (Frankrijk)",
    ],
)
def test_phone_negatives(text):
    assert [f for f in scan(text) if f.kind == "phone"] == []


# --- E-mail -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["jan.peeters@telenet.be", "an_de-smet+ocmw@gmail.com", "X.Y@sub.domein.vlaanderen"],
)
def test_email_is_found(address):
    assert kinds(f"Mail naar {address}.") == [("email", address)]


@pytest.mark.parametrize(
    "text",
    ["volg @stadgent op sociale media", "naam@ ontbreekt", "prijs: 3 @ 5 euro", "a@b"],
)
def test_email_negatives(text):
    assert kinds(text) == []


# --- IBAN ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "BE68 5390 0754 7034",
        "BE68539007547034",
        "be68 5390 0754 7034",
        "NL91 ABNA 0417 1643 00",
        "DE89 3704 0044 0532 0130 00",
        "FR14 2004 1010 0505 0001 3M02 606",
        "GB82 WEST 1234 5698 7654 32",
        make_iban("BE", "001234567890"),
    ],
)
def test_iban_is_found(iban):
    assert kinds(f"Huur gestort op {iban} voor de maand mei.") == [("iban", iban)]


@pytest.mark.parametrize(
    "text",
    [
        "BE68 5390 0754 7035",  # wrong checksum
        "BE69 5390 0754 7034",
        make_iban("BE", "0012345678901"),  # checksum fine, but a BE IBAN has 16 characters
        make_iban("BE", "00123456789"),
        "NL91 ABNA 0417 1643 01",
        "code AB12 CDEF GHIJ KLMN",
    ],
)
def test_iban_negatives(text):
    assert [f for f in scan(text) if f.kind == "iban"] == []


def test_two_ibans_next_to_each_other():
    text = "BE68 5390 0754 7034 OCMW BE71 0961 2345 6769"
    assert kinds(text) == [("iban", "BE68 5390 0754 7034"), ("iban", "BE71 0961 2345 6769")]


# --- Addresses ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, address",
    [
        ("Het gezin woont in de Kerkstraat 12 sinds mei.", "Kerkstraat 12"),
        ("Ze verblijft op de Grote Markt 3.", "Grote Markt 3"),
        ("Adres: Antwerpsesteenweg 104 bus 2, Gent", "Antwerpsesteenweg 104 bus 2"),
        ("Sint-Jansstraat 5a", "Sint-Jansstraat 5a"),
        ("in de Koning Albertlaan 77 wonen", "Koning Albertlaan 77"),
        ("Frankrijklei 120/3", "Frankrijklei 120/3"),
        ("KOUTERDREEF 7", "KOUTERDREEF 7"),
        ("nabij de Coupure Links en Vennestraat 3b", "Vennestraat 3b"),
        ("ze woont Zuidervest 14 bus 101", "Zuidervest 14 bus 101"),
        ("het huis aan de Kleine Ring 5", "Kleine Ring 5"),
        ("Kapelsesteenweg 8", "Kapelsesteenweg 8"),
        ("in de Molenwegel 2", "Molenwegel 2"),
    ],
)
def test_address_is_found(text, address):
    assert kinds(text) == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "straat 3",
        "in de straat",
        "ze speelden in de straat 3 uur lang",
        "De markt 2 keer per week bezocht",
        "na de vergadering 3 dagen later",
        "artikel 12 van de wet",
        "in 2024 wachtten 35 gezinnen op een woning",
        "de Kerkstraat is een drukke straat",
        "3 maanden op de huurmarkt 12,5% duurder",
        "Kerkstraat 25%",
        "op de arbeidsmarkt 2 jaar actief",
    ],
)
def test_address_negatives(text):
    assert kinds(text) == []


# --- Dates of birth -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, written",
    [
        ("Cliënt geboren op 12/03/1987, alleenstaand.", "12/03/1987"),
        ("geboortedatum: 12-03-1987", "12-03-1987"),
        ("geb. 12.03.1987", "12.03.1987"),
        ("Jan (° 3/4/87) woont alleen", "3/4/87"),
        ("°12 maart 1987", "12 maart 1987"),
        ("de baby werd geboren op 3 januari 2015", "3 januari 2015"),
        ("DOB 29/02/2000", "29/02/2000"),
        ("geboortejaar en -dag: 1 sept. 1990", "1 sept. 1990"),
    ],
)
def test_birth_date_is_found(text, written):
    assert kinds(text) == [("birth_date", written)]


@pytest.mark.parametrize(
    "text",
    [
        "op 12/03/2025 was er overleg",
        "Vergadering op 3 januari 2015 over de wachtlijst",
        "geboren op 31/02/1987",  # that day does not exist
        "geboren op 29/02/2001",
        "geboren op 12/13/1987",
        "geboren in Gent. Daarna volgde een lang traject en op 12/03/2025 overleg.",
        "geboren in 1987",  # a year alone is no date
        "Sinds 2019 geboren baby's: 35 in 2024",
    ],
)
def test_birth_date_negatives(text):
    assert kinds(text) == []


def test_only_the_date_right_after_the_cue_is_a_birth_date():
    text = "geboren op 12/03/1987, overleg 14/03/2025"
    assert kinds(text) == [("birth_date", "12/03/1987")]


# --- Ordinary text, overlaps and ordering -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "in 2024 wachtten 35 gezinnen",
        "na 3 maanden kregen ze antwoord",
        "volgens artikel 12 van het decreet",
        "1 op 5 jongeren vindt geen stageplaats",
        "een stijging van 12,5% sinds 2019",
        "de huur steeg met € 1.250 per jaar",
        "In 2023 waren er 1.432 aanvragen, in 2024 al 2.017 (+41%).",
        "Tussen 1/1/2024 en 31/12/2024 werden 48 signalen gemeld.",
        "Het OCMW van Gent en het CAW Oost-Vlaanderen werken samen.",
    ],
)
def test_ordinary_text_has_no_findings(text):
    assert scan(text) == []


def test_insz_wins_over_an_overlapping_birth_date():
    written = formatted_insz(INSZ_2004)  # starts with 04.02.03, itself a valid date
    assert kinds(f"geboren {written}") == [("insz", written)]


def test_findings_are_sorted_and_do_not_overlap():
    text = (
        f"Mevrouw (° 12/03/1987, RRN {INSZ_1985}) woont Kerkstraat 12 bus 3, "
        "tel 0470 12 34 56, mail an@telenet.be, rekening BE68 5390 0754 7034."
    )
    findings = scan(text)
    assert [f.kind for f in findings] == [
        "birth_date", "insz", "address", "phone", "email", "iban",
    ]  # fmt: skip
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    for first, second in zip(findings, findings[1:], strict=False):
        assert first.end <= second.start


def test_finding_label_and_immutability():
    finding = Finding("insz", 0, 11, INSZ_1985)
    assert finding.label == "rijksregisternummer"
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "phone"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("sample", "label"),
    [
        (f"rijksregister {INSZ_1985}", "rijksregisternummer"),
        ("bel 0470 12 34 56", "telefoonnummer"),
        ("mail jan.peeters@telenet.be", "e-mailadres"),
        ("rekening BE68 5390 0754 7034", "IBAN-rekeningnummer"),
        ("woont in de Kerkstraat 12", "adres met huisnummer"),
        ("geboren op 12/03/2015", "geboortedatum"),
        ("mevrouw Maria Janssens belde", "naam van een persoon"),
    ],
)
def test_each_kind_is_named_in_dutch_to_the_giver(sample, label):
    findings = scan(sample)

    assert [f.label for f in findings] == [label]
    assert summary(findings) == [(label, 1)]
    assert f'title="{label}"' in str(highlight(sample, findings))


# --- highlight ----------------------------------------------------------------------------------


def test_highlight_wraps_findings_and_escapes_everything_else():
    text = "<script>alert('x')</script> & bel 0470 12 34 56 \"nu\""
    html = highlight(text, scan(text))
    assert isinstance(html, Markup)
    assert html == (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; bel "
        '<mark class="pii" data-kind="phone" title="telefoonnummer">0470 12 34 56</mark>'
        " &#34;nu&#34;"
    )
    assert "<script>" not in html


def test_highlight_without_findings_only_escapes():
    assert highlight("<b>vet</b>", []) == "&lt;b&gt;vet&lt;/b&gt;"
    assert highlight("", []) == ""


def test_highlight_escapes_the_marked_text_itself():
    text = "<i>naam</i>"
    finding = Finding("email", 3, 7, "naam")
    assert highlight(text, [finding]) == (
        '&lt;i&gt;<mark class="pii" data-kind="email" title="e-mailadres">naam</mark>&lt;/i&gt;'
    )
    evil = Finding("email", 0, len(text), text)
    assert "<i>" not in highlight(text, [evil])


def test_highlight_marks_several_findings_in_order():
    text = f"RRN {INSZ_1985} en Kerkstraat 12"
    html = highlight(text, scan(text))
    assert html == (
        f'RRN <mark class="pii" data-kind="insz" title="rijksregisternummer">{INSZ_1985}</mark>'
        ' en <mark class="pii" data-kind="address" title="adres met huisnummer">'
        "Kerkstraat 12</mark>"
    )


# --- summary ------------------------------------------------------------------------------------


def test_summary_counts_per_label_in_order_of_first_appearance():
    text = (
        "Bel 0470 12 34 56 of jan@telenet.be of 09 123 45 67, "
        f"RRN {INSZ_1985}, mail ook an@telenet.be"
    )
    assert summary(scan(text)) == [
        ("telefoonnummer", 2),
        ("e-mailadres", 2),
        ("rijksregisternummer", 1),
    ]


def test_summary_of_nothing_is_empty():
    assert summary([]) == []
    assert summary(scan("niets persoonlijks hier")) == []


# --- Disguised variants and person references ---------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "85\u200b073003328",  # a zero-width space inside
        "85/07/30/033/28",
        "85-07-30-033-28",
        "85\u00a007\u00a030\u00a0033\u00a028",
        "８５０７３００３３２８",  # full-width digits
    ],
)
def test_disguised_insz_is_found_with_its_original_span(written):
    text = f"RRN {written} graag opvolgen"
    assert kinds(text) == [("insz", written)]
    finding = scan(text)[0]
    assert text[finding.start : finding.end] == written


@pytest.mark.parametrize(
    "text, written",
    [
        ("bel 0470\u00a012\u00a034\u00a056 na vijf", "0470\u00a012\u00a034\u00a056"),
        ("bel 0470\u202f12\u202f34\u202f56", "0470\u202f12\u202f34\u202f56"),
        ("bel 0470\u201312\u201334\u201356", "0470\u201312\u201334\u201356"),
    ],
)
def test_phone_with_odd_spaces_or_dashes_is_found(text, written):
    assert kinds(text) == [("phone", written)]


@pytest.mark.parametrize(
    "iban", ["BE68-5390-0754-7034", "BE68.5390.0754.7034", "ВЕ68 5390 0754 7034"]
)
def test_iban_with_dashes_dots_or_look_alike_letters_is_found(iban):
    assert kinds(f"storten op {iban} aub") == [("iban", iban)]


@pytest.mark.parametrize(
    "address",
    [
        "jan.peeters [at] gmail.com",
        "jan.peeters (at) gmail.com",
        "jan.peeters at gmail.com",
        "jan.peeters at gmail dot com",
        "jan (at) telenet (punt) be",
        "an.desmet[at]skynet[dot]be",
        "jan.peeters @ gmail.com",
    ],
)
def test_obfuscated_email_is_found(address):
    assert kinds(f"Mail {address} voor meer info") == [("email", address)]


@pytest.mark.parametrize(
    "text, written",
    [
        ("Ik sprak mevrouw Maria Janssens (78 jaar) gisteren.", "mevrouw Maria Janssens (78 jaar)"),
        ("Meneer Peeters belde opnieuw.", "Meneer Peeters"),
        ("met dhr. Van den Broeck overlegd", "dhr. Van den Broeck"),
        ("mevr. De Smet wacht al lang", "mevr. De Smet"),
        ("mw. El Amrani kreeg geen antwoord", "mw. El Amrani"),
        ("bij dr. Peeters op consultatie", "dr. Peeters"),
        ("Maria Janssens (78) woont alleen", "Maria Janssens (78)"),
        ("de cliënte Fatima, 34 jaar, kreeg", "Fatima, 34 jaar"),
        ("de 78-jarige Jozef Peeters valt uit de boot", "78-jarige Jozef Peeters"),
    ],
)
def test_person_references_are_found(text, written):
    assert kinds(text) == [("person", written)]


@pytest.mark.parametrize(
    "text",
    [
        "Kinderen (12 jaar) wachten op een plaats.",
        "De Dienst Welzijn (3 jaar actief) helpt.",
        "Ik belde meneer de burgemeester.",
        "Mevrouw de Schepen opende de signaaldag.",
        "jongeren tussen 16 en 18 jaar",
        "we zijn at home",
        "mevrouw belde drie keer",
        "Wachten bij de dokter. Opvang is er niet.",
        "Ze wil naar de meester. Vervoer is er niet.",
    ],
)
def test_person_negatives(text):
    assert kinds(text) == []


# --- Issue 17: every variant that slipped through, and everyday words that must not ---------


@pytest.mark.parametrize(
    "text, kind, written",
    [
        ("RRN 85  07  30  033  28 graag", "insz", "85  07  30  033  28"),
        ("RRN 85_07_30_033_28 graag", "insz", "85_07_30_033_28"),
        ("RRN 85,07,30,033,28 graag", "insz", "85,07,30,033,28"),
        ("storten op BE 21 001 2345 67803 aub", "iban", "BE 21 001 2345 67803"),
        ("bel (+32) 475 12 34 56 na vijf", "phone", "(+32) 475 12 34 56"),
        ("mail jan @telenet.be voor info", "email", "jan @telenet.be"),
        ("mail jan(a)telenet.be voor info", "email", "jan(a)telenet.be"),
        ("mail jan at telenet dot be voor info", "email", "jan at telenet dot be"),
        ("MEVR. FATIMA EL AMRANI belde", "person", "MEVR. FATIMA EL AMRANI"),
        ("ik sprak meneer jan peeters", "person", "meneer jan peeters"),
        ("Dr. An Janssens meldt het", "person", "Dr. An Janssens"),
        ("De moeder is geboren 1985-03-12.", "birth_date", "1985-03-12"),
        ("Jongere (°12/3/85) zoekt een studio.", "birth_date", "12/3/85"),
        ("Ze is geboren op 12 maart 1985 in Gent.", "birth_date", "12 maart 1985"),
        ("De wagen 1-ABC-123 staat er al weken.", "licence_plate", "1-ABC-123"),
        ("De wagen ABC-123 staat er al weken.", "licence_plate", "ABC-123"),
        ("Nummerplaat 1 ABC 123 gezien.", "licence_plate", "1 ABC 123"),
        ("Ahmed (14) gaat niet naar school.", "person", "Ahmed (14)"),
        ("Hij woont op de rue de la Loi 16 in Brussel.", "address", "rue de la Loi 16"),
        ("Ze woont avenue Louise 54.", "address", "avenue Louise 54"),
        ("Ze woont in de Stationsstraat 12 bus 3.", "address", "Stationsstraat 12 bus 3"),
        ("Jan Janssens uit de Stationsstraat belde.", "person", "Jan Janssens"),
        ("zoon Kevin zit in 3B", "person", "Kevin"),
    ],
)
def test_issue_17_variants_are_found(text, kind, written):
    assert kinds(text) == [(kind, written)]


def test_an_organisation_named_after_a_person_with_a_national_number_is_flagged():
    found = kinds("VZW Mevrouw Fatima El Amrani 85.07.30-033.28")
    assert [kind for kind, _ in found] == ["person", "insz"]
    assert found[0][1].endswith("Mevrouw Fatima El Amrani")
    assert found[1][1] == "85.07.30-033.28"


@pytest.mark.parametrize(
    "text",
    [
        "De mailstoring 51 vertraagde alles.",
        "Het CAW Oost-Vlaanderen zoekt vrijwilligers.",
        "Lijn 70 rijdt niet meer na 19 uur.",
        "Een studio kost € 1.250 per maand.",
        "Via artikel 60 werken 14 mensen bij de stad.",
        "Leerlingen van de 3de graad vinden geen stage.",
        "Die smet op het imago raken we niet kwijt.",
        "Er is weinig hoop op extra personeel.",
        "Er is een vos gezien in het park.",
        "Door de nieuwe maan is het donker.",
        "De koning bezocht het dienstencentrum.",
        "De bakker geeft zijn brood aan de voedselbank.",
        "Een roos voor elke vrijwilliger.",
        "Sinds januari zijn er meer aanvragen.",
        "Vanaf 15 jan. kan je een premie aanvragen.",
        "Peeters en zonen biedt stageplaatsen aan.",
        "AZ Jan Palfijn meldt meer patiënten zonder mutualiteit.",
        "In de Jan Frans Willemsstraat staan woningen leeg.",
        "Vzw De Hoop organiseert een soepbedeling.",
        "Ook in Brecht en Lier groeit de vraag.",
        "Het overleg met het OCMW is op 14 maart om 10 uur.",
        "De wet van 8 juli 1976 op de OCMW's geldt nog.",
    ],
)
def test_everyday_signal_words_are_no_personal_data(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text, written",
    [
        ("We spraken met De Smet over de huur.", "De Smet"),
        ("Mevrouw Roos Bakker woont alleen.", "Mevrouw Roos Bakker"),
        ("meneer De Vos heeft geen verwarming.", "meneer De Vos"),
        ("Els Wouters wacht op een crèche.", "Els Wouters"),
        ("Hij heet Dieudonné en zit zonder papieren.", "Dieudonné"),
        ("Volgens haar dochter Yara Al-Hassan eet ze niet.", "Yara Al-Hassan"),
        ("Het gezin Coppens-Jacobs heeft geen woonplaats.", "Coppens-Jacobs"),
        ("Oma Maria (79) kan haar huis niet verwarmen.", "Maria (79)"),
        ("Omar is 19 jaar en valt buiten de jeugdhulp.", "Omar"),
    ],
)
def test_ambiguous_names_count_with_context(text, written):
    assert kinds(text) == [("person", written)]


def test_the_lexicon_loads_once_into_frozensets():
    from common.personal_data import names

    assert isinstance(names.FIRST_NAMES, frozenset) and isinstance(names.SURNAMES, frozenset)
    assert {"khadija", "ozturk", "tesfaye", "oksana"} <= names.FIRST_NAMES | names.SURNAMES
    assert names.is_known_name("ÖZTÜRK") and not names.is_known_name("signaal")


@pytest.mark.parametrize(
    "text, written",
    [
        ("Kwaku Ampofo zoekt een woning.", "Kwaku Ampofo"),
        ("Ik sprak met Dorcas Ampofo over de huur.", "Dorcas Ampofo"),
        ("Haar zoon heet Kwaku en speelt voetbal.", "Kwaku"),
        ("zoon Kwaku (12) zit thuis.", "Kwaku (12)"),
    ],
)
def test_names_the_lexicon_does_not_know_are_found_by_their_place(text, written):
    assert kinds(text) == [("person", written)]


@pytest.mark.parametrize(
    "text",
    [
        "Vluchtelingenwerk Vlaanderen geeft een vorming.",
        "We wandelden langs de Coupure Links naar huis.",
        "Samenlevingsopbouw Brussel zoekt vrijwilligers.",
        "Het Rode Kruis deelt dekens uit.",
        "Pano Hotel opent een nachtopvang.",
        "Gezinnen (35) wachten op een woning.",
        "Het project heet Brugfiguren en loopt in 12 scholen.",
    ],
)
def test_organisations_and_places_written_like_names_are_not_persons(text):
    assert kinds(text) == []
