"""The privacy statement of Lokaal Signaal: its parts, which are required, and one template.

Everything seed 004 names has a part: the controller with address and enterprise number,
purposes, legal basis, the laws that apply, recipients, processors, processing outside the EU,
retention, the rights (objection and withdrawal of consent included), the DPO or GDPR contact,
how to report a data breach and the supervisory authority. A municipality's head processor fills
the parts in the app (webapp/admin/privacy.py); a part left empty makes the statement incomplete
(`missing`) and is published as "nog aan te vullen". The same template renders the general
statement of the platform on the overview site (`general_statement`).

Plain Python without Flask: the app and the microsite generator both render it. The output is
Markdown, which both sanitise with the one sanitiser (common/markdown.py).
"""

from dataclasses import dataclass

AUTHORITIES = {
    "vtc": (
        "de Vlaamse Toezichtcommissie (VTC), de toezichthouder voor Vlaamse overheden, zoals "
        "steden, gemeenten en OCMW's: https://overheid.vlaanderen.be/klachtenprocedure-vtc"
    ),
    "gba": (
        "de Gegevensbeschermingsautoriteit (GBA), Drukpersstraat 35, 1000 Brussel: "
        "https://www.gegevensbeschermingsautoriteit.be"
    ),
}
AUTHORITY_NAMES = {
    "vtc": "Vlaamse Toezichtcommissie (VTC): voor steden, gemeenten en andere Vlaamse overheden",
    "gba": "Gegevensbeschermingsautoriteit (GBA): voor private organisaties",
}
MISSING_TEXT = "*Nog aan te vullen door {gemeente}.*"


@dataclass(frozen=True)
class Part:
    key: str
    label: str  # Dutch, on the settings page and in the list of missing parts
    hint: str = ""
    required: bool = True
    long: bool = True  # a text area; else one line


PARTS = (
    Part("controller_name", "Verwerkingsverantwoordelijke", "De officiële naam.", long=False),
    Part("controller_address", "Adres van de verwerkingsverantwoordelijke", long=False),
    Part(
        "enterprise_number",
        "Ondernemingsnummer (KBO)",
        "Bijvoorbeeld BE 0207.451.227.",
        long=False,
    ),
    Part("controller_contact", "Contactadres voor vragen over privacy", long=False),
    Part(
        "dpo_contact",
        "Functionaris voor gegevensbescherming (DPO) of GDPR-aanspreekpunt",
        "Hoe je die bereikt, bijvoorbeeld een e-mailadres.",
        long=False,
    ),
    Part("purposes", "Waarvoor we de gegevens gebruiken (doeleinden)"),
    Part("legal_basis", "Rechtsgrond"),
    Part("laws", "Wetten en decreten die gelden"),
    Part("recipients", "Wie de gegevens ziet of krijgt (ontvangers)"),
    Part(
        "processors",
        "Verwerkers",
        "Wie gegevens verwerkt in opdracht van de gemeente, bijvoorbeeld wie Lokaal Signaal "
        "host, met de verwerkingsovereenkomst.",
    ),
    Part("outside_eu", "Verwerking buiten de Europese Unie"),
    Part("retention", "Hoe lang we gegevens bewaren"),
    Part("breach", "Een datalek melden"),
    Part("authority", "Toezichthouder", long=False),
    Part("extra", "Aanvullende tekst", "Niet verplicht. Je kan Markdown gebruiken.", False),
)
PART_KEYS = tuple(part.key for part in PARTS)
LABELS = {part.key: part.label for part in PARTS}

DEFAULT_PURPOSES = """\
- Signalen ontvangen, verwerken en opvolgen: structurele knelpunten die eerstelijnswerkers
  zien, zonder persoonsgegevens van burgers.
- Met de signaalgevers contact opnemen over hun signalen en hen terugkoppeling geven.
- Signaalgevers en partnerorganisaties betrekken bij overleg, signaaldagen en acties.
- Cijfers maken over de signalen, die nooit naar één persoon wijzen."""
DEFAULT_LEGAL_BASIS = """\
- **Taak van algemeen belang** (AVG, artikel 6.1.e): het lokaal sociaal beleid van
  {gemeente}.
- **Toestemming** (AVG, artikel 6.1.a): voor het delen van je naam, organisatie en e-mailadres
  en van de signalen die je indient, volgt, versterkt of aanvult met andere gebruikers. Je kan
  die toestemming altijd intrekken."""
DEFAULT_LAWS = """\
- de Algemene Verordening Gegevensbescherming (Verordening (EU) 2016/679, AVG of GDPR);
- de wet van 30 juli 2018 betreffende de bescherming van natuurlijke personen met betrekking
  tot de verwerking van persoonsgegevens;
- het decreet van 22 december 2017 over het lokaal bestuur;
- het decreet van 9 februari 2018 betreffende het lokaal sociaal beleid."""
DEFAULT_RECIPIENTS = """\
- **Andere signaalgevers in {gemeente}** zien je naam, je organisatie, je professioneel
  e-mailadres en de signalen die je indient, volgt, versterkt of aanvult.
- **Signaalverwerkers** van {gemeente} zien dezelfde gegevens en ook je engagementen.
- **Partnerorganisaties** zien je gegevens alleen met een officiële samenwerkingsovereenkomst
  met {gemeente}; die staan op de Lokaal Signaal-pagina van {gemeente}.
- **Schepenen** krijgen alleen rapporten met cijfers, nooit een apart signaal of je naam.
- **VVSG**, dat het netwerk van deelnemende steden en gemeenten ondersteunt, ziet alleen
  cijfers over alle gemeenten samen.

Op de publieke website verschijnen nooit je naam, je e-mailadres of de tekst van je signaal.
We verkopen je gegevens niet en gebruiken ze niet voor reclame."""
DEFAULT_OUTSIDE_EU = (
    "Lokaal Signaal verwerkt geen gegevens buiten de Europese Unie. De website laadt niets van "
    "andere websites en gebruikt geen bezoekersstatistieken."
)
DEFAULT_RETENTION = """\
We bewaren je gegevens zolang je account bestaat. Wis je je account, dan wissen we je
persoonsgegevens; je signalen blijven bestaan zonder je naam, want ze horen bij het beleid van
{gemeente}. Daarnaast wissen we automatisch het contactadres van iemand zonder account na een
jaar, de koppeling tussen een afgerond signaal en de mensen die eraan bijdroegen na twee jaar,
en een account waarmee drie jaar niemand aanmeldde."""
DEFAULT_BREACH = """\
Er is een datalek als persoonsgegevens gestolen of kwijt zijn, of als mensen ze inkijken of
wijzigen die dat niet mogen. Denk je dat er een datalek is bij Lokaal Signaal? Meld het meteen
aan het GDPR-aanspreekpunt hierboven. Een ernstig lek melden we binnen 72 uur aan de
toezichthouder, en aan jou als het een hoog risico inhoudt."""


def defaults(name: str, contact: str | None) -> dict[str, str]:
    """The parts a municipality starts from: the platform's texts, its name and address.

    Address, enterprise number, DPO and processors are left for the municipality to fill in.
    """
    return {
        "controller_name": name,
        "controller_address": "",
        "enterprise_number": "",
        "controller_contact": contact or "",
        "dpo_contact": "",
        "purposes": DEFAULT_PURPOSES,
        "legal_basis": DEFAULT_LEGAL_BASIS,
        "laws": DEFAULT_LAWS,
        "recipients": DEFAULT_RECIPIENTS,
        "processors": "",
        "outside_eu": DEFAULT_OUTSIDE_EU,
        "retention": DEFAULT_RETENTION,
        "breach": DEFAULT_BREACH,
        "authority": "vtc",
        "extra": "",
    }


def missing(fields: dict) -> list[str]:
    """The Dutch labels of the required parts left empty, in the statement's order."""
    absent = []
    for part in PARTS:
        value = str(fields.get(part.key) or "").strip()
        if part.key == "authority":
            value = value if value in AUTHORITIES else ""
        if part.required and not value:
            absent.append(part.label)
    return absent


def _fill(text: str, name: str) -> str:
    return text.replace("{gemeente}", name)


def render(fields: dict, version: str, name: str) -> str:
    """The statement of one municipality (`name`) as Markdown, with its version."""

    def part(key: str) -> str:
        value = str(fields.get(key) or "").strip()
        return _fill(value, name) if value else _fill(MISSING_TEXT, name)

    authority = AUTHORITIES.get(fields.get("authority") or "")
    lines = [
        f"# Privacyverklaring Lokaal Signaal {name}",
        "",
        f"Versie: {version}",
        "",
        "## Waarover gaat deze verklaring?",
        "",
        f"Met Lokaal Signaal geef je als eerstelijnswerker signalen door aan {name}: knelpunten "
        "waar mensen telkens opnieuw op botsen. Hier lees je welke gegevens we over jou "
        "bijhouden, waarom, wie ze ziet en welke rechten je hebt.",
        "",
        "Een signaal gaat over een probleem, niet over een persoon: zet nooit gegevens van "
        "burgers in een signaal (namen, adressen, telefoonnummers, geboortedata, "
        "rijksregisternummers). Staan ze er toch in, dan halen de signaalverwerkers ze weg.",
        "",
        "## Wie is verantwoordelijk?",
        "",
        f"- Verwerkingsverantwoordelijke: {part('controller_name')}",
        f"- Adres: {part('controller_address')}",
        f"- Ondernemingsnummer: {part('enterprise_number')}",
        f"- Contact: {part('controller_contact')}",
        f"- Functionaris voor gegevensbescherming (DPO) of GDPR-aanspreekpunt: "
        f"{part('dpo_contact')}",
        "",
        "## Welke gegevens verwerken we?",
        "",
        "Met een account: je naam, de naam van je organisatie (je werkgever), je professioneel "
        "e-mailadres, de signalen die je indient, volgt, versterkt of aanvult, en je "
        "engagementen. We bewaren ook wanneer je met welke versie van deze verklaring akkoord "
        "ging. Zonder account bewaren we alleen je signaal, en het contactadres dat je "
        "eventueel achterlaat voor feedback.",
        "",
        "## Waarvoor gebruiken we ze?",
        "",
        part("purposes"),
        "",
        "## Op welke rechtsgrond?",
        "",
        part("legal_basis"),
        "",
        "## Welke wetten en decreten gelden?",
        "",
        part("laws"),
        "",
        "## Wie ziet je gegevens?",
        "",
        part("recipients"),
        "",
        "## Verwerkers",
        "",
        part("processors"),
        "",
        "## Verwerking buiten de Europese Unie",
        "",
        part("outside_eu"),
        "",
        "## Hoe lang bewaren we je gegevens?",
        "",
        part("retention"),
        "",
        "## Wat zijn je rechten?",
        "",
        "Je mag:",
        "",
        "- **inkijken** welke gegevens we over jou hebben en waarvoor we ze gebruiken;",
        "- een **kopie** krijgen, in een bestand dat een computer kan lezen, en je gegevens "
        "laten **overdragen**;",
        "- foute gegevens laten **verbeteren**;",
        "- je gegevens laten **wissen**; je signalen blijven dan bestaan, zonder je naam;",
        "- de verwerking laten **beperken**;",
        "- **bezwaar maken** tegen de verwerking voor onze taak van algemeen belang;",
        "- je **toestemming intrekken**, op elk moment en zonder uitleg. Wat we daarvoor "
        "deden, blijft rechtmatig. Zolang je niet opnieuw akkoord gaat, deel je niets meer met "
        "anderen (geen signalen, aanvullingen, versterkingen, volgen of uitnodigingen).",
        "",
        "Dat doe je zelf op de pagina **Mijn gegevens** in Lokaal Signaal (het adres eindigt op "
        "`/mijn-gegevens`). Lukt het niet, neem dan contact op met het GDPR-aanspreekpunt: "
        f"{part('dpo_contact')}. Je krijgt binnen 30 dagen een antwoord. Dat is gratis.",
        "",
        "## Een datalek melden",
        "",
        part("breach"),
        "",
        "## Een klacht?",
        "",
        f"Laat het ons eerst weten via {part('controller_contact')}. Je kan ook een klacht "
        "indienen bij " + (f"{authority}." if authority else _fill(MISSING_TEXT, name)),
    ]
    extra = str(fields.get("extra") or "").strip()
    if extra:
        lines += ["", "## Meer", "", _fill(extra, name)]
    return "\n".join(lines) + "\n"


def general_statement(municipalities: list[tuple[str, str]]) -> str:
    """The platform's general statement for the overview site: what holds everywhere, and a
    link to the statement of each municipality (`(name, relative url)` pairs), which is the
    controller of its own Lokaal Signaal."""
    fields = defaults("de stad of gemeente", None)
    fields["controller_name"] = "de stad of gemeente waar je signalen geeft (zie hieronder)"
    for key in ("controller_address", "enterprise_number", "controller_contact", "dpo_contact"):
        fields[key] = "in de privacyverklaring van je stad of gemeente (zie hieronder)"
    fields["processors"] = "In de privacyverklaring van je stad of gemeente (zie hieronder)."
    body = render(fields, "algemeen", "de stad of gemeente")
    body = body.replace(
        "# Privacyverklaring Lokaal Signaal de stad of gemeente",
        "# Algemene privacyverklaring van Lokaal Signaal",
    ).replace("Versie: algemeen\n", "")
    links = [f"- [{name}]({url})" for name, url in municipalities] or [
        "- Nog geen enkele stad of gemeente."
    ]
    return (
        body
        + "\n## De verklaring van je stad of gemeente\n\n"
        + "Elke stad of gemeente is verwerkingsverantwoordelijke voor haar eigen Lokaal "
        "Signaal. Haar eigen verklaring, met adres, ondernemingsnummer, GDPR-aanspreekpunt en "
        "verwerkers, geldt voor jou:\n\n" + "\n".join(links) + "\n"
    )
