"""Demo data for Lokaal Signaal: pure data, no imports from the application.

Public facts (municipalities, contact addresses, network) come from the project's source
documents. Every person, organisation detail and signal below is invented and plainly
fictional. Signals never contain personal data of citizens.
"""

MUNICIPALITIES = [
    {
        "slug": "kortrijk",
        "name": "Kortrijk",
        "contact_email": "lokaal.signaal@kortrijk.be",
        "public_url": "https://www.kortrijk.be/lokaal-signaal",
        "coordinator_name": "An Voorbeeld",
    },
    {
        "slug": "oud-turnhout",
        "name": "Oud-Turnhout",
        "contact_email": "samenleving@oud-turnhout.be",
        "public_url": "https://www.oud-turnhout.be/lokaal-signaal",
        "coordinator_name": "Dirk Testermans",
    },
    {
        "slug": "gent",
        "name": "Gent",
        "contact_email": "lokaalsociaalbeleid@stad.gent",
        "public_url": "https://www.stad.gent/lokaal-signaal",
        "coordinator_name": "Katrien Van Demo",
    },
    {
        "slug": "bornem",
        "name": "Bornem",
        "contact_email": "buurtwerking@bornem.be",
        "public_url": "https://www.bornem.be/lokaal-signaal",
        "coordinator_name": "Luc Proefhuys",
    },
    {
        "slug": "eeklo",
        "name": "Eeklo",
        "contact_email": "lokaalsignaal@eeklo.be",
        "public_url": "https://www.eeklo.be/lokaal-signaal",
        "coordinator_name": "Griet Fictens",
    },
    {
        "slug": "dendermonde",
        "name": "Dendermonde",
        "contact_email": "lokaal.signaal@dendermonde.be",
        "public_url": "https://www.dendermonde.be/lokaal-signaal",
        "coordinator_name": "Hilde Voorbeeldaert",
    },
    {
        "slug": "sint-niklaas",
        "name": "Sint-Niklaas",
        "contact_email": "regiewelzijn@sint-niklaas.be",
        "public_url": "https://www.sint-niklaas.be/lokaal-signaal",
        "coordinator_name": "Wim Oefenaere",
    },
    {
        "slug": "roeselare",
        "name": "Roeselare",
        "contact_email": "samenleven@roeselare.be",
        "public_url": "https://www.roeselare.be/lokaal-signaal",
        "coordinator_name": "Sofie Schetsens",
    },
    {
        "slug": "mortsel",
        "name": "Mortsel",
        "contact_email": "projectwerking@mortsel.be",
        "public_url": "https://www.mortsel.be/lokaal-signaal",
        "coordinator_name": "Tom Verzinmans",
    },
    {
        "slug": "berlaar",
        "name": "Berlaar",
        "contact_email": None,
        "public_url": "https://www.berlaar.be/lokaal-signaal",
        "coordinator_name": "Veerle Modelaere",
    },
]

NETWORK = {
    "name": "VVSG",
    "contact_email": "lokaalsignaal@vvsg.be",
}

# Region per municipality, used in the names of regional partners (CAW, Eerstelijnszone).
# Plausible but demo data: not an authoritative map of Flemish care regions.
REGIONS = {
    "kortrijk": "Zuid-West-Vlaanderen",
    "oud-turnhout": "De Kempen",
    "gent": "Gent",
    "bornem": "Klein-Brabant",
    "eeklo": "Meetjesland",
    "dendermonde": "Dender",
    "sint-niklaas": "Waasland",
    "roeselare": "Midden-West-Vlaanderen",
    "mortsel": "Antwerpen Zuidrand",
    "berlaar": "Pallieterland",
}

# (kind, name pattern) for the organisations of every municipality.
# Patterns are filled with str.format(name=<municipality name>, region=REGIONS[slug]).
ORGANISATION_TEMPLATES = [
    ("caw", "CAW {region}"),
    ("ocmw", "OCMW {name}"),
    ("youth", "Jeugddienst {name}"),
    ("school", "Basisschool De Regenboog {name}"),
    ("els", "Eerstelijnszone {region}"),
    ("vdab", "VDAB Werkwinkel {name}"),
    ("community", "Buurtwerk {name}"),
]

# (first name, last name): invented, plainly fictional people for demo accounts.
PEOPLE = [
    ("Lotte", "Voorbeeldt"),
    ("Jens", "Testelmans"),
    ("Fien", "Proefmans"),
    ("Wout", "Demoens"),
    ("Sanne", "Verzinckx"),
    ("Pieter", "Fictiefs"),
    ("Ines", "Van Denkbeeld"),
    ("Bram", "Oefenaers"),
    ("Nele", "Schetsaert"),
    ("Ruben", "Verbeeldt"),
    ("Elke", "Voorlopers"),
    ("Toon", "Ontwerpens"),
    ("Hanne", "Maakmans"),
    ("Kobe", "Testaert"),
    ("Liesbeth", "Proefkens"),
    ("Arne", "Schijnaerts"),
    ("Charlotte", "Fictaert"),
    ("Stijn", "Van Voorbeek"),
    ("Jolien", "Oefenberghs"),
    ("Bart", "Modelmans"),
    ("Eline", "De Proever"),
    ("Maarten", "Droomaert"),
    ("Lien", "Denkens"),
    ("Thomas", "Schetsmans"),
    ("Sara", "Verbeeldonck"),
    ("Dries", "Voorbeeck"),
    ("Marieke", "Proefhout"),
    ("Seppe", "Demostraete"),
    ("Evi", "Van Testele"),
    ("Koen", "Oefenhuys"),
]

# Invented structural signals. Statuses: submitted, in_progress, on_agenda, referred,
# action, closed, not_retained. Some pairs describe the same problem on purpose, so that
# "similar signals" has something to find (budget counselling, online social-rent updates,
# school trip costs, childcare for shift workers).
SIGNALS = [
    {
        "title": "Lange wachttijd voor budgetbegeleiding",
        "description": (
            "Gezinnen met schulden wachten drie tot vier maanden op een eerste gesprek over "
            "budgetbegeleiding. In die tijd lopen de schulden verder op door aanmaningen en "
            "kosten van deurwaarders. Sommige mensen haken af voor ze hulp krijgen."
        ),
        "themes": ["armoede", "welzijn"],
        "target_groups": ["gezinnen", "mensen-in-armoede"],
        "tried": "We verwijzen door naar het CAW, maar ook daar is er een wachtlijst.",
        "ideas": (
            "Een wekelijks inloopmoment voor dringende budgetvragen, zodat mensen niet "
            "maanden op een volledig traject moeten wachten."
        ),
        "status": "in_progress",
        "reinforcements": 4,
        "days_ago": 120,
    },
    {
        "title": "Maanden wachten op schuldhulp, terwijl de schulden blijven stijgen",
        "description": (
            "Wie met schulden aanklopt voor budgetbegeleiding, krijgt pas na enkele maanden "
            "een afspraak. Intussen komen er nieuwe aanmaningen en incassokosten bij. "
            "Hulpverleners kunnen in de tussentijd weinig doen."
        ),
        "themes": ["armoede"],
        "target_groups": ["mensen-in-armoede"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 1,
        "days_ago": 12,
    },
    {
        "title": "Geen betaalbare studentenkamers voor studenten met een klein budget",
        "description": (
            "Studenten uit gezinnen met een laag inkomen vinden geen kamer onder 450 euro per "
            "maand. Ze pendelen daarom elke dag lang of stoppen met hun opleiding. De "
            "studietoelage is niet genoeg om de huur te betalen. Vooral eerstejaars haken af."
        ),
        "themes": ["wonen", "onderwijs"],
        "target_groups": ["studenten", "mensen-in-armoede"],
        "tried": None,
        "ideas": "Afspraken met kotbazen over een aantal kamers aan een sociaal tarief.",
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 30,
    },
    {
        "title": "Aanvraag sociale huurwoning bijna enkel nog digitaal: ouderen haken af",
        "description": (
            "Inschrijven voor een sociale huurwoning en de jaarlijkse actualisatie gaan bijna "
            "alleen nog online. Veel ouderen hebben geen computer of kunnen niet met itsme "
            "werken. Ze vragen hulp aan buren of hulpverleners, of laten het gewoon. Zo "
            "verliezen sommigen hun plaats op de wachtlijst."
        ),
        "themes": ["wonen", "digitale-inclusie"],
        "target_groups": ["ouderen"],
        "tried": "We helpen mensen tijdens onze zitdag, maar daar is te weinig tijd voor.",
        "ideas": "Een papieren formulier, of een loket waar je zonder afspraak terechtkunt.",
        "status": "on_agenda",
        "reinforcements": 3,
        "days_ago": 200,
    },
    {
        "title": "Ouderen verliezen hun plaats op de wachtlijst door online actualisatie",
        "description": (
            "Kandidaat-huurders moeten hun inschrijving voor een sociale woning geregeld "
            "online bevestigen. Ouderen zonder digitale vaardigheden missen die stap. Ze "
            "worden dan geschrapt en moeten opnieuw achteraan beginnen."
        ),
        "themes": ["wonen", "digitale-inclusie"],
        "target_groups": ["ouderen"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 0,
        "days_ago": 8,
    },
    {
        "title": "Kosten voor schooluitstappen wegen zwaar op gezinnen",
        "description": (
            "Scholen vragen voor uitstappen, zwemmen en bosklassen bedragen die vroeg in het "
            "schooljaar betaald moeten worden. Ouders met een klein budget houden hun kind dan "
            "thuis op die dag. Kinderen voelen zich buitengesloten. Een afbetalingsplan wordt "
            "niet overal aangeboden."
        ),
        "themes": ["onderwijs", "armoede"],
        "target_groups": ["kinderen", "gezinnen"],
        "tried": None,
        "ideas": "Een gemeentelijk fonds voor schoolkosten dat discreet via de school werkt.",
        "status": "action",
        "reinforcements": 4,
        "days_ago": 260,
    },
    {
        "title": "Kinderen blijven thuis op dagen met een betalende schooluitstap",
        "description": (
            "Leerkrachten merken dat sommige kinderen telkens afwezig zijn als er een "
            "uitstap of bosklas gepland is. Ouders kunnen de kosten niet betalen en schamen "
            "zich om dat te zeggen. Zo missen kinderen leerkansen en groepsmomenten."
        ),
        "themes": ["onderwijs", "armoede"],
        "target_groups": ["kinderen"],
        "tried": "De school laat soms stil betalen in schijven, maar dat is niet bekend.",
        "ideas": None,
        "status": "in_progress",
        "reinforcements": 2,
        "days_ago": 45,
    },
    {
        "title": "Geen kinderopvang vroeg, laat of in het weekend voor ouders in ploegen",
        "description": (
            "Ouders die in ploegen werken, bijvoorbeeld in de zorg, de schoonmaak of de "
            "logistiek, vinden geen opvang voor 7 uur of na 18 uur. Alleenstaande ouders "
            "weigeren daardoor werk of stoppen ermee. Opvang door familie valt vaak weg."
        ),
        "themes": ["werk", "welzijn"],
        "target_groups": ["gezinnen", "alleenstaanden"],
        "tried": None,
        "ideas": "Flexibele opvang in samenwerking met grote werkgevers uit de regio.",
        "status": "submitted",
        "reinforcements": 3,
        "days_ago": 20,
    },
    {
        "title": "Alleenstaande ouders weigeren een job: geen opvang op vroege of late uren",
        "description": (
            "Werkzoekende alleenstaande ouders krijgen jobs aangeboden met vroege of late "
            "uren. Voor die uren is er geen kinderopvang. Ze moeten de job dan weigeren, "
            "met risico op een sanctie voor hun uitkering."
        ),
        "themes": ["werk"],
        "target_groups": ["alleenstaanden", "werkzoekenden"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 1,
        "days_ago": 5,
    },
    {
        "title": "Geen goede busverbinding naar de werkwinkel",
        "description": (
            "Werkzoekenden uit de deelgemeenten moeten voor afspraken naar de werkwinkel in "
            "het centrum. De bus rijdt er maar om het uur en niet vroeg genoeg. Wie geen "
            "auto of fiets heeft, komt te laat of mist de afspraak."
        ),
        "themes": ["mobiliteit", "werk"],
        "target_groups": ["werkzoekenden"],
        "tried": None,
        "ideas": (
            "Afspraken ook online laten doorgaan, of in een lokaal dienstencentrum in de "
            "deelgemeente."
        ),
        "status": "referred",
        "reinforcements": 2,
        "days_ago": 150,
    },
    {
        "title": "Taalbarrière bij de huisarts: kinderen moeten tolken",
        "description": (
            "Nieuwkomers die weinig Nederlands spreken, begrijpen de uitleg van de huisarts "
            "vaak niet. Kinderen moeten dan tolken, ook bij gevoelige onderwerpen. Niet elke "
            "praktijk weet dat sociaal tolken via telefoon of video mogelijk is."
        ),
        "themes": ["gezondheid", "integratie"],
        "target_groups": ["nieuwkomers"],
        "tried": "We gaven een folder over sociaal tolken aan enkele praktijken.",
        "ideas": None,
        "status": "in_progress",
        "reinforcements": 3,
        "days_ago": 90,
    },
    {
        "title": "Energieschulden bij huurders van slecht geïsoleerde woningen",
        "description": (
            "Huurders van oude, slecht geïsoleerde woningen krijgen hoge eindafrekeningen "
            "voor energie. Zij kunnen zelf niet renoveren en de verhuurder doet het niet. "
            "De schulden blijven groeien, ook met een budgetmeter."
        ),
        "themes": ["wonen", "armoede"],
        "target_groups": ["mensen-in-armoede", "gezinnen"],
        "tried": None,
        "ideas": "Verhuurders actief aanspreken op renovatiepremies en de huurpremie koppelen.",
        "status": "on_agenda",
        "reinforcements": 4,
        "days_ago": 180,
    },
    {
        "title": "Jongeren hangen rond zonder eigen plek in de wijk",
        "description": (
            "In enkele wijken hebben jongeren van 12 tot 18 jaar geen plek om samen te zijn. "
            "Ze komen samen op pleintjes en aan het station, wat klachten van buren geeft. "
            "Het jeugdhuis is ver weg en heeft beperkte openingsuren."
        ),
        "themes": ["jeugd", "vrije-tijd"],
        "target_groups": ["jongeren"],
        "tried": None,
        "ideas": (
            "Een tijdelijke ontmoetingsplek in een leegstaand gebouw, samen met de jongeren "
            "ingericht."
        ),
        "status": "action",
        "reinforcements": 3,
        "days_ago": 140,
    },
    {
        "title": "Lange wachtlijst voor psychologische hulp aan jongeren",
        "description": (
            "Jongeren met angst of somberheid wachten maanden op een eerste gesprek bij een "
            "centrum voor geestelijke gezondheidszorg. Scholen en jeugdwerkers vangen hen op, "
            "maar zijn daar niet voor opgeleid. Sommige situaties worden erger tijdens het "
            "wachten."
        ),
        "themes": ["gezondheid", "jeugd"],
        "target_groups": ["jongeren"],
        "tried": None,
        "ideas": None,
        "status": "referred",
        "reinforcements": 4,
        "days_ago": 220,
    },
    {
        "title": "Rechten en tegemoetkomingen worden niet automatisch toegekend",
        "description": (
            "Veel mensen met recht op een verhoogde tegemoetkoming, een sociaal tarief of een "
            "gemeentelijke toelage vragen die niet aan. Ze kennen het bestaan ervan niet of "
            "vinden de formulieren te moeilijk. Zo blijven rechten onbenut."
        ),
        "themes": ["armoede", "welzijn"],
        "target_groups": ["mensen-in-armoede", "ouderen"],
        "tried": None,
        "ideas": "Gegevens tussen diensten beter gebruiken om rechten automatisch toe te kennen.",
        "status": "in_progress",
        "reinforcements": 2,
        "days_ago": 75,
    },
    {
        "title": "Geen aangepast vervoer voor rolstoelgebruikers in het weekend",
        "description": (
            "De minder mobielen centrale rijdt niet in het weekend. Personen met een "
            "beperking kunnen daardoor niet naar familie, sport of activiteiten. Taxi's met "
            "een rolstoellift zijn te duur."
        ),
        "themes": ["mobiliteit", "vrije-tijd"],
        "target_groups": ["personen-met-een-beperking"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 1,
        "days_ago": 15,
    },
    {
        "title": "Dak- en thuislozen vinden overdag geen plek om op te warmen",
        "description": (
            "De nachtopvang sluit 's ochtends vroeg. Overdag is er geen plek waar dak- en "
            "thuislozen binnen kunnen zitten, iets warms drinken of hun gsm opladen. In de "
            "winter zoeken ze de bibliotheek of het station op en worden ze weggestuurd."
        ),
        "themes": ["welzijn", "wonen"],
        "target_groups": ["dak-en-thuislozen"],
        "tried": None,
        "ideas": "Een dagcentrum met ruimere openingsuren in de wintermaanden.",
        "status": "action",
        "reinforcements": 3,
        "days_ago": 160,
    },
    {
        "title": "Een referentieadres aanvragen duurt te lang",
        "description": (
            "Mensen zonder vaste woonplaats hebben een referentieadres nodig om hun uitkering "
            "of ziekteverzekering te behouden. De aanvraag duurt vaak weken en de voorwaarden "
            "verschillen per dienst. In die tijd vallen mensen tussen de mazen van het net."
        ),
        "themes": ["welzijn", "armoede"],
        "target_groups": ["dak-en-thuislozen"],
        "tried": None,
        "ideas": None,
        "status": "in_progress",
        "reinforcements": 2,
        "days_ago": 60,
    },
    {
        "title": "Lessen Nederlands zijn niet te combineren met werk in ploegen",
        "description": (
            "Lessen Nederlands voor nieuwkomers vinden vooral overdag plaats. Wie werkt, vaak "
            "in ploegen of met korte interimcontracten, kan ze niet volgen. Daardoor blijft "
            "het taalniveau laag en vinden ze moeilijk vast werk."
        ),
        "themes": ["integratie", "werk"],
        "target_groups": ["nieuwkomers"],
        "tried": None,
        "ideas": "Meer avond- en weekendlessen, of afstandsleren met begeleiding.",
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 25,
    },
    {
        "title": "Ouderen vereenzamen sinds het dienstencentrum in de deelgemeente dicht is",
        "description": (
            "Sinds het dienstencentrum in de deelgemeente gesloten is, komen veel ouderen niet "
            "meer buiten. De maaltijden en activiteiten in het centrum zijn voor hen te ver. "
            "Thuiszorgmedewerkers merken meer eenzaamheid en minder beweging."
        ),
        "themes": ["welzijn", "zorg"],
        "target_groups": ["ouderen", "alleenstaanden"],
        "tried": None,
        "ideas": "Een wekelijkse ontmoetingsnamiddag in een zaal of school in de deelgemeente.",
        "status": "on_agenda",
        "reinforcements": 3,
        "days_ago": 130,
    },
    {
        "title": "Mantelzorgers vinden geen kortverblijf om op adem te komen",
        "description": (
            "Mantelzorgers van mensen met dementie vinden geen plaats in een kortverblijf. Er "
            "zijn weinig plaatsen en de wachttijd is lang. Sommige mantelzorgers raken zelf "
            "overbelast."
        ),
        "themes": ["zorg"],
        "target_groups": ["mantelzorgers", "ouderen"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 35,
    },
    {
        "title": "Huurwaarborg is een grote drempel om te verhuizen",
        "description": (
            "Wie verhuist, moet de nieuwe waarborg betalen voor de oude terugkomt. Mensen met "
            "een laag inkomen kunnen dat niet voorschieten. Verhuurders weigeren soms een "
            "waarborg via het OCMW. Zo blijven mensen in een te dure of ongezonde woning."
        ),
        "themes": ["wonen", "armoede"],
        "target_groups": ["mensen-in-armoede"],
        "tried": None,
        "ideas": "Een centraal waarborgfonds waarbij de verhuurder niet ziet wie betaalt.",
        "status": "in_progress",
        "reinforcements": 3,
        "days_ago": 100,
    },
    {
        "title": "Digitale schoolplatformen sluiten ouders zonder computer uit",
        "description": (
            "Scholen communiceren bijna alleen via apps en online platformen. Ouders zonder "
            "computer, met weinig digitale vaardigheden of met weinig kennis van het "
            "Nederlands missen zo berichten over rapporten, uitstappen en oudercontacten."
        ),
        "themes": ["onderwijs", "digitale-inclusie"],
        "target_groups": ["gezinnen", "nieuwkomers"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 18,
    },
    {
        "title": "Jongeren die achttien worden, vallen uit de jeugdhulp zonder opvolging",
        "description": (
            "Jongeren die op hun achttiende de jeugdhulp verlaten, staan vaak plots alleen. "
            "Ze moeten zelf een woning, een inkomen en een verzekering regelen. Er is geen "
            "vaste begeleider voor die overgang. Sommigen belanden op straat."
        ),
        "themes": ["jeugd", "welzijn"],
        "target_groups": ["jongeren", "dak-en-thuislozen"],
        "tried": None,
        "ideas": "Een vast aanspreekpunt tot 25 jaar, over diensten heen.",
        "status": "referred",
        "reinforcements": 4,
        "days_ago": 240,
    },
    {
        "title": "Sportclub en jeugdbeweging te duur voor kinderen uit kwetsbare gezinnen",
        "description": (
            "Lidgeld, uniform en materiaal maken sport en jeugdbeweging duur. De "
            "vrijetijdspas is bij veel ouders niet bekend en niet elke club doet mee. "
            "Kinderen missen zo kansen om vrienden te maken en te bewegen."
        ),
        "themes": ["vrije-tijd", "armoede"],
        "target_groups": ["kinderen"],
        "tried": "We brachten de vrijetijdspas onder de aandacht op een ouderavond.",
        "ideas": None,
        "status": "in_progress",
        "reinforcements": 2,
        "days_ago": 55,
    },
    {
        "title": "Weinig tandartsen aan conventietarief: mensen stellen tandzorg uit",
        "description": (
            "Weinig tandartsen werken aan het conventietarief en nieuwe patiënten worden vaak "
            "geweigerd. Mensen met een laag inkomen wachten met tandzorg tot de pijn te groot "
            "wordt. Dan is een duurdere behandeling nodig."
        ),
        "themes": ["gezondheid", "armoede"],
        "target_groups": ["mensen-in-armoede"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 1,
        "days_ago": 40,
    },
    {
        "title": "Brieven en formulieren van diensten zijn te moeilijk geschreven",
        "description": (
            "Brieven en formulieren van verschillende diensten gebruiken lange zinnen en "
            "vakwoorden. Mensen begrijpen niet wat er van hen verwacht wordt en missen "
            "termijnen. Hulpverleners besteden veel tijd aan uitleggen."
        ),
        "themes": ["welzijn", "integratie"],
        "target_groups": ["nieuwkomers", "mensen-in-armoede"],
        "tried": "We herschreven samen met enkele bewoners een brief als voorbeeld.",
        "ideas": "Alle standaardbrieven laten nalezen op duidelijke taal.",
        "status": "action",
        "reinforcements": 3,
        "days_ago": 190,
    },
    {
        "title": "Kinderen met een beperking vinden geen school in de buurt",
        "description": (
            "Ouders van kinderen met een beperking zoeken lang naar een school die redelijke "
            "aanpassingen wil doen. Het leerlingenvervoer naar scholen verder weg duurt soms "
            "meer dan een uur per rit. Kinderen komen moe aan in de klas."
        ),
        "themes": ["onderwijs"],
        "target_groups": ["kinderen", "personen-met-een-beperking"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 28,
    },
    {
        "title": "Werkzoekende ouders vinden geen plaats in kinderopvang met inkomenstarief",
        "description": (
            "Kinderopvang met een tarief volgens inkomen is vaak volzet. Werkende ouders "
            "krijgen voorrang, waardoor werkzoekende ouders moeilijk een opleiding kunnen "
            "starten. Zo raakt het gezin niet uit de werkloosheid."
        ),
        "themes": ["werk", "welzijn"],
        "target_groups": ["gezinnen", "werkzoekenden"],
        "tried": None,
        "ideas": "Een aantal plaatsen voorbehouden voor ouders in een opleidingstraject.",
        "status": "in_progress",
        "reinforcements": 3,
        "days_ago": 85,
    },
    {
        "title": "Geen rustige studieplek voor scholieren die thuis niet kunnen leren",
        "description": (
            "Veel jongeren wonen in kleine woningen met broers en zussen. Tijdens de examens "
            "vinden ze thuis geen rust. De bibliotheek sluit vroeg en is op zondag dicht."
        ),
        "themes": ["onderwijs", "jeugd"],
        "target_groups": ["jongeren", "studenten"],
        "tried": None,
        "ideas": "Blokruimtes openstellen in scholen of gemeentelijke gebouwen tijdens examens.",
        "status": "closed",
        "reinforcements": 4,
        "days_ago": 280,
    },
    {
        "title": "Oudere huurders durven gebreken aan hun woning niet te melden",
        "description": (
            "Ouderen in private huurwoningen melden vocht, een kapotte verwarming of "
            "elektriciteitsproblemen niet aan de verhuurder. Ze vrezen dat hun huurcontract "
            "dan niet verlengd wordt. Zo blijven ze in een ongezonde woning wonen."
        ),
        "themes": ["wonen"],
        "target_groups": ["ouderen"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 0,
        "days_ago": 10,
    },
    {
        "title": "Enkel nog betalen met bankkaart aan gemeentelijke loketten",
        "description": (
            "Bij het zwembad, de bibliotheek en sommige loketten kan je niet meer cash "
            "betalen. Mensen zonder bankkaart, of in budgetbeheer met enkel leefgeld in cash, "
            "kunnen er niet terecht."
        ),
        "themes": ["digitale-inclusie", "armoede"],
        "target_groups": ["mensen-in-armoede", "ouderen"],
        "tried": None,
        "ideas": None,
        "status": "not_retained",
        "reinforcements": 1,
        "days_ago": 210,
    },
    {
        "title": "Werkzoekenden met een psychische kwetsbaarheid vallen uit trajecten naar werk",
        "description": (
            "Trajecten naar werk gaan uit van een vast ritme en snelle stappen. Mensen met "
            "psychische problemen haken na enkele weken af en worden dan als niet-meewerkend "
            "gezien. Er zijn weinig trajecten met een trager tempo en begeleiding op de "
            "werkvloer."
        ),
        "themes": ["werk", "gezondheid"],
        "target_groups": ["werkzoekenden"],
        "tried": None,
        "ideas": None,
        "status": "on_agenda",
        "reinforcements": 2,
        "days_ago": 170,
    },
    {
        "title": "Geen fietslessen voor volwassen nieuwkomers",
        "description": (
            "Veel volwassen nieuwkomers hebben nooit leren fietsen. De fiets is nochtans het "
            "goedkoopste vervoer naar werk, les en winkel. Fietslessen bestaan alleen als "
            "los project met een lange wachtlijst."
        ),
        "themes": ["mobiliteit", "integratie"],
        "target_groups": ["nieuwkomers"],
        "tried": None,
        "ideas": "Vaste fietslessen, samen met de sportdienst en vrijwilligers.",
        "status": "closed",
        "reinforcements": 2,
        "days_ago": 295,
    },
    {
        "title": "Informatie over energiepremies is moeilijk te vinden",
        "description": (
            "Mensen die op energie willen besparen, vinden de premies en leningen niet. De "
            "informatie staat verspreid over verschillende websites. Huurders weten niet wat "
            "ze aan hun verhuurder mogen vragen."
        ),
        "themes": ["wonen", "digitale-inclusie"],
        "target_groups": ["mensen-in-armoede"],
        "tried": None,
        "ideas": None,
        "status": "not_retained",
        "reinforcements": 0,
        "days_ago": 250,
    },
    {
        "title": "Kwetsbare jongeren vinden moeilijk een stageplaats",
        "description": (
            "Jongeren zonder netwerk of met een migratieachtergrond vinden moeilijk een "
            "stageplaats. Scholen vragen dat leerlingen zelf een plek zoeken. Zonder stage "
            "kunnen ze hun diploma niet halen."
        ),
        "themes": ["onderwijs", "werk"],
        "target_groups": ["jongeren", "nieuwkomers"],
        "tried": None,
        "ideas": "Een gedeelde lijst van stageplaatsen bij lokale werkgevers en diensten.",
        "status": "in_progress",
        "reinforcements": 3,
        "days_ago": 70,
    },
    {
        "title": "Mensen kunnen voorgeschreven medicatie op het einde van de maand niet betalen",
        "description": (
            "Mensen die op het einde van de maand geen geld meer hebben, kunnen voorgeschreven "
            "medicatie niet kopen. Een betalingsbewijs van het OCMW vraagt tijd. Sommigen "
            "stoppen daardoor met hun behandeling."
        ),
        "themes": ["gezondheid", "armoede"],
        "target_groups": ["mensen-in-armoede"],
        "tried": None,
        "ideas": "Afspraken met apotheken over een snelle regeling voor dringende medicatie.",
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 22,
    },
    {
        "title": "Nieuwe woonprojecten zonder speelruimte voor kinderen",
        "description": (
            "Nieuwe appartementsblokken worden gebouwd zonder speelplein of groene ruimte. "
            "Kinderen spelen op parkings of op straat. Ouders maken zich zorgen over de "
            "veiligheid."
        ),
        "themes": ["jeugd", "wonen"],
        "target_groups": ["kinderen", "gezinnen"],
        "tried": None,
        "ideas": None,
        "status": "referred",
        "reinforcements": 1,
        "days_ago": 230,
    },
    {
        "title": "Ouderen kunnen hun bankzaken niet meer zelf regelen",
        "description": (
            "Banken sluiten kantoren en automaten in kleinere gemeenten. Ouderen moeten "
            "alles via een app doen of ver reizen naar een automaat. Sommigen geven hun kaart "
            "en code aan anderen, met risico op misbruik."
        ),
        "themes": ["digitale-inclusie"],
        "target_groups": ["ouderen"],
        "tried": None,
        "ideas": None,
        "status": "referred",
        "reinforcements": 3,
        "days_ago": 175,
    },
    {
        "title": "Studenten uit kwetsbare gezinnen kunnen geen laptop betalen",
        "description": (
            "Hogescholen en de laatste jaren van het secundair verwachten dat elke leerling "
            "een laptop heeft. Een goede laptop kost al snel enkele honderden euro. Studenten "
            "met een klein budget werken op hun gsm of in de bibliotheek en lopen achter."
        ),
        "themes": ["onderwijs", "digitale-inclusie"],
        "target_groups": ["studenten"],
        "tried": None,
        "ideas": "Een uitleensysteem van laptops, samen met de scholen.",
        "status": "action",
        "reinforcements": 2,
        "days_ago": 155,
    },
    {
        "title": "Geen betaalbare opvang tijdens de zomervakantie",
        "description": (
            "Speelpleinwerking en kampen zijn snel volzet en vaak te duur. Werkende ouders "
            "met een klein inkomen vinden geen opvang voor de hele zomer. Kinderen blijven "
            "dan alleen thuis of bij oudere broers en zussen."
        ),
        "themes": ["vrije-tijd", "jeugd"],
        "target_groups": ["kinderen", "gezinnen"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 3,
        "days_ago": 50,
    },
    {
        "title": "Te weinig kleine, betaalbare woningen voor alleenstaanden",
        "description": (
            "Er zijn weinig studio's en kleine woningen voor alleenstaanden. Het sociale "
            "woonaanbod bestaat vooral uit gezinswoningen. Alleenstaanden met een "
            "vervangingsinkomen betalen zo meer dan de helft van hun inkomen aan huur."
        ),
        "themes": ["wonen"],
        "target_groups": ["alleenstaanden", "mensen-in-armoede"],
        "tried": None,
        "ideas": None,
        "status": "in_progress",
        "reinforcements": 2,
        "days_ago": 95,
    },
    {
        "title": "Wijkgezondheidscentrum neemt geen nieuwe patiënten meer aan",
        "description": (
            "Het wijkgezondheidscentrum heeft een patiëntenstop. Mensen zonder huisarts gaan "
            "naar de spoed voor kleine klachten of stellen zorg uit. Nieuwkomers vinden "
            "nergens een vaste huisarts."
        ),
        "themes": ["gezondheid", "zorg"],
        "target_groups": ["nieuwkomers", "mensen-in-armoede"],
        "tried": None,
        "ideas": None,
        "status": "on_agenda",
        "reinforcements": 4,
        "days_ago": 115,
    },
    {
        "title": "Jongeren bouwen schulden op via abonnementen en later betalen",
        "description": (
            "Jongeren sluiten online abonnementen af of kopen met 'nu kopen, later betalen'. "
            "Ze overzien de kosten niet en krijgen aanmaningen en incassokosten. Op hun "
            "achttiende starten sommigen al met schulden."
        ),
        "themes": ["armoede", "jeugd"],
        "target_groups": ["jongeren"],
        "tried": None,
        "ideas": (
            "Lessen over geld en schulden in de laatste jaren van het secundair, samen met het CAW."
        ),
        "status": "in_progress",
        "reinforcements": 1,
        "days_ago": 65,
    },
    {
        "title": "Geen betaalbare warme maaltijd 's avonds",
        "description": (
            "Het sociaal restaurant is alleen 's middags open. Mensen die overdag werken of "
            "een opleiding volgen, kunnen er niet terecht. Zij eten 's avonds vaak koud of "
            "niet."
        ),
        "themes": ["armoede", "welzijn"],
        "target_groups": ["alleenstaanden", "mensen-in-armoede"],
        "tried": None,
        "ideas": None,
        "status": "not_retained",
        "reinforcements": 0,
        "days_ago": 270,
    },
    {
        "title": "Jeugdwerk in de wijk bereikt meisjes nauwelijks",
        "description": (
            "Het aanbod in de wijk trekt vooral jongens aan. Meisjes zeggen dat ze zich niet "
            "veilig of welkom voelen op de pleintjes en in het jeugdhuis. Ze blijven thuis en "
            "hebben weinig vrije tijd buitenshuis."
        ),
        "themes": ["jeugd", "vrije-tijd"],
        "target_groups": ["jongeren"],
        "tried": None,
        "ideas": "Een vast moment in het jeugdhuis dat meisjes zelf mee invullen.",
        "status": "submitted",
        "reinforcements": 1,
        "days_ago": 14,
    },
    {
        "title": "Jarenlang wachten op een persoonsvolgend budget",
        "description": (
            "Volwassenen met een beperking wachten jaren op een persoonsvolgend budget. "
            "Ouders die zelf ouder worden, blijven de zorg dragen. Zonder budget is er geen "
            "dagbesteding of begeleid wonen."
        ),
        "themes": ["zorg"],
        "target_groups": ["personen-met-een-beperking", "mantelzorgers"],
        "tried": None,
        "ideas": None,
        "status": "referred",
        "reinforcements": 4,
        "days_ago": 290,
    },
    {
        "title": "Online aanmelden voor een school is moeilijk voor anderstalige ouders",
        "description": (
            "Aanmelden voor een school gebeurt online, binnen een korte periode. Anderstalige "
            "ouders of ouders zonder computer missen die termijn. Hun kind krijgt dan een "
            "school ver van huis."
        ),
        "themes": ["onderwijs", "digitale-inclusie"],
        "target_groups": ["nieuwkomers", "gezinnen"],
        "tried": "Het Huis van het Kind hielp ouders tijdens de aanmeldperiode.",
        "ideas": None,
        "status": "closed",
        "reinforcements": 3,
        "days_ago": 300,
    },
    {
        "title": "Zitdagen van diensten verdwijnen uit de deelgemeenten",
        "description": (
            "Verschillende diensten houden geen zitdagen meer in de deelgemeenten. Ouderen en "
            "mensen zonder vervoer moeten voor een eenvoudige vraag naar het centrum. Veel "
            "vragen blijven daardoor liggen."
        ),
        "themes": ["mobiliteit", "welzijn"],
        "target_groups": ["ouderen"],
        "tried": None,
        "ideas": None,
        "status": "submitted",
        "reinforcements": 2,
        "days_ago": 7,
    },
    {
        "title": "Verhuurders haken af bij een leefloon of een waarborg via het OCMW",
        "description": (
            "Hulpverleners merken dat verhuurders afhaken zodra ze horen dat iemand een "
            "leefloon heeft of een waarborg via het OCMW. Dat gebeurt vaak al aan de "
            "telefoon. Mensen zoeken zo maanden naar een woning."
        ),
        "themes": ["wonen", "armoede"],
        "target_groups": ["mensen-in-armoede", "gezinnen"],
        "tried": None,
        "ideas": "Praktijktesten op discriminatie op de private huurmarkt.",
        "status": "in_progress",
        "reinforcements": 3,
        "days_ago": 80,
    },
]

# Signal cards: invented summaries of the signals above, bundled by title. A municipality gets
# a card when it holds at least one of its signals; `action` is what it does about it. The
# loader gives the cards their public status (one of each published, plus drafts).
CARDS = [
    {
        "title": "Wachten op budgethulp terwijl de schulden oplopen",
        "summary": (
            "Eerstelijnswerkers zien dat mensen met schulden **maanden** wachten op een eerste "
            "gesprek over budgethulp. Intussen komen er aanmaningen en kosten bij.\n\n"
            "Wat we horen:\n\n"
            "- lange wachtlijsten bij budgetbegeleiding en schuldhulp;\n"
            "- jongeren die schulden maken via abonnementen en later betalen;\n"
            "- rechten die niet vanzelf worden toegekend."
        ),
        "themes": ["armoede", "welzijn"],
        "signals": [
            "Lange wachttijd voor budgetbegeleiding",
            "Maanden wachten op schuldhulp, terwijl de schulden blijven stijgen",
            "Jongeren bouwen schulden op via abonnementen en later betalen",
            "Rechten en tegemoetkomingen worden niet automatisch toegekend",
        ],
        "action": {
            "title": "Wekelijks inloopmoment voor dringende budgetvragen",
            "description": (
                "Elke dinsdagvoormiddag kan je zonder afspraak terecht met een dringende vraag "
                "over schulden of budget. Zo wacht niemand maanden op een eerste antwoord."
            ),
            "organisation": "ocmw",
            "updates": [
                "Afspraken gemaakt met het OCMW en het CAW over wie het inloopmoment bemant.",
                "Eerste inloopmomenten gehouden: gemiddeld negen bezoekers per week.",
                "Evaluatie met de partners: het inloopmoment blijft en krijgt een vaste plek.",
            ],
        },
    },
    {
        "title": "Digitale drempels voor wie een sociale woning zoekt",
        "summary": (
            "Een sociale huurwoning aanvragen en je plaats op de wachtlijst houden gaat bijna "
            "alleen nog online. Vooral **ouderen** en mensen zonder computer haken af of "
            "verliezen hun plaats."
        ),
        "themes": ["wonen", "digitale-inclusie"],
        "signals": [
            "Aanvraag sociale huurwoning bijna enkel nog digitaal: ouderen haken af",
            "Ouderen verliezen hun plaats op de wachtlijst door online actualisatie",
            "Informatie over energiepremies is moeilijk te vinden",
        ],
        "action": {
            "title": "Hulp bij de online actualisatie van de wachtlijst",
            "description": (
                "Vrijwilligers van het digipunt helpen huurders bij de jaarlijkse actualisatie "
                "van hun inschrijving, in het sociaal huis en in de deelgemeenten."
            ),
            "organisation": "community",
            "updates": [
                "Vrijwilligers van het digipunt kregen uitleg van de woonmaatschappij.",
                "Zitdagen gepland in drie deelgemeenten tijdens de actualisatieperiode.",
                "Niemand van de bezochte huurders verloor dit jaar zijn plaats op de lijst.",
            ],
        },
    },
    {
        "title": "Verborgen kosten van school en vrije tijd",
        "summary": (
            "Schooluitstappen, een laptop voor school, de sportclub of de jeugdbeweging: voor "
            "kwetsbare gezinnen zijn het **drempels**. Kinderen blijven thuis of doen niet mee."
        ),
        "themes": ["onderwijs", "armoede"],
        "signals": [
            "Kosten voor schooluitstappen wegen zwaar op gezinnen",
            "Kinderen blijven thuis op dagen met een betalende schooluitstap",
            "Sportclub en jeugdbeweging te duur voor kinderen uit kwetsbare gezinnen",
            "Studenten uit kwetsbare gezinnen kunnen geen laptop betalen",
        ],
        "action": {
            "title": "Een vrijetijdspas met kansentarief",
            "description": (
                "Gezinnen met een klein inkomen betalen met de vrijetijdspas maar een deel van "
                "het lidgeld van clubs en van schooluitstappen."
            ),
            "organisation": "youth",
            "updates": [
                "Scholen en clubs bevraagd over hun kosten en bestaande kortingen.",
                "De vrijetijdspas is goedgekeurd door het college.",
                "Na een jaar gebruiken meer dan tweehonderd kinderen de pas.",
            ],
        },
    },
    {
        "title": "Geen kinderopvang op ongewone uren of met een klein inkomen",
        "summary": (
            "Ouders die vroeg, laat of in het weekend werken, vinden geen opvang. Werkzoekende "
            "ouders vinden geen plaats met een inkomenstarief. Zo wordt werk vinden of houden "
            "bijna onmogelijk."
        ),
        "themes": ["werk", "welzijn"],
        "signals": [
            "Geen kinderopvang vroeg, laat of in het weekend voor ouders in ploegen",
            "Alleenstaande ouders weigeren een job: geen opvang op vroege of late uren",
            "Werkzoekende ouders vinden geen plaats in kinderopvang met inkomenstarief",
            "Geen betaalbare opvang tijdens de zomervakantie",
        ],
        "action": {
            "title": "Flexibele opvangplaatsen voor ouders in opleiding of ploegen",
            "description": (
                "Een aantal opvangplaatsen wordt vrijgehouden voor ouders die starten met werk "
                "of een opleiding, ook op vroege en late uren."
            ),
            "organisation": "vdab",
            "updates": [
                "Overleg met de opvanginitiatieven over vrije plaatsen op randuren.",
                "Twaalf flexibele plaatsen voorzien vanaf het nieuwe schooljaar.",
                "Alle flexibele plaatsen zijn ingevuld; een uitbreiding wordt bekeken.",
            ],
        },
    },
    {
        "title": "Betaalbaar huren blijft buiten bereik",
        "summary": (
            "Kleine woningen zijn schaars, een huurwaarborg is een grote drempel en sommige "
            "verhuurders haken af bij een leefloon. Huurders van slecht geïsoleerde woningen "
            "bouwen energieschulden op."
        ),
        "themes": ["wonen", "armoede"],
        "signals": [
            "Geen betaalbare studentenkamers voor studenten met een klein budget",
            "Energieschulden bij huurders van slecht geïsoleerde woningen",
            "Huurwaarborg is een grote drempel om te verhuizen",
            "Te weinig kleine, betaalbare woningen voor alleenstaanden",
            "Verhuurders haken af bij een leefloon of een waarborg via het OCMW",
            "Oudere huurders durven gebreken aan hun woning niet te melden",
        ],
        "action": {
            "title": "Een waarborgfonds voor huurders met een klein inkomen",
            "description": (
                "Het OCMW schiet de huurwaarborg voor via een fonds, zonder dat de verhuurder "
                "weet waar de waarborg vandaan komt."
            ),
            "organisation": "ocmw",
            "updates": [
                "Voorbeelden uit andere steden verzameld en besproken met het OCMW.",
                "Het reglement van het waarborgfonds is klaar voor de gemeenteraad.",
                "Het fonds is gestart; de eerste huurders verhuisden al.",
            ],
        },
    },
    {
        "title": "Zonder auto of aangepast vervoer raak je er niet",
        "summary": (
            "Wie geen auto heeft of een rolstoel gebruikt, raakt moeilijk bij de werkwinkel, "
            "bij diensten of bij vrije tijd in het weekend. Zitdagen in de deelgemeenten "
            "verdwijnen."
        ),
        "themes": ["mobiliteit"],
        "signals": [
            "Geen goede busverbinding naar de werkwinkel",
            "Geen aangepast vervoer voor rolstoelgebruikers in het weekend",
            "Zitdagen van diensten verdwijnen uit de deelgemeenten",
        ],
        "action": {
            "title": "Een minder mobielen centrale ook in het weekend",
            "description": (
                "Vrijwillige chauffeurs rijden ook op zaterdag en zondag, met een aangepaste "
                "wagen voor rolstoelgebruikers."
            ),
            "organisation": "community",
            "updates": [
                "Oproep naar vrijwillige chauffeurs voor het weekend gelanceerd.",
                "Een aangepaste wagen gehuurd met steun van de eerstelijnszone.",
                "De weekendritten lopen; de vraag is groter dan verwacht.",
            ],
        },
    },
    {
        "title": "Taal als drempel naar zorg, werk en school",
        "summary": (
            "Kinderen tolken bij de huisarts, lessen Nederlands passen niet bij werk in "
            "ploegen en online inschrijven voor een school is moeilijk voor anderstalige "
            "ouders."
        ),
        "themes": ["integratie"],
        "signals": [
            "Taalbarrière bij de huisarts: kinderen moeten tolken",
            "Lessen Nederlands zijn niet te combineren met werk in ploegen",
            "Geen fietslessen voor volwassen nieuwkomers",
            "Online aanmelden voor een school is moeilijk voor anderstalige ouders",
        ],
        "action": {
            "title": "Tolken via de telefoon voor huisartsen",
            "description": (
                "Huisartsen kunnen gratis een telefonische tolk inschakelen, zodat kinderen "
                "niet meer hoeven te tolken voor hun ouders."
            ),
            "organisation": "els",
            "updates": [
                "De eerstelijnszone informeerde alle huisartsenpraktijken.",
                "Twintig praktijken gebruiken de telefonische tolk.",
                "Evaluatie: de praktijken willen verder; de eerstelijnszone zoekt vaste middelen.",
            ],
        },
    },
    {
        "title": "Te weinig plek voor jongeren in de wijk",
        "summary": (
            "Jongeren hangen rond zonder eigen plek, het jeugdwerk bereikt meisjes nauwelijks "
            "en nieuwe woonprojecten hebben geen speelruimte."
        ),
        "themes": ["jeugd", "vrije-tijd"],
        "signals": [
            "Jongeren hangen rond zonder eigen plek in de wijk",
            "Jeugdwerk in de wijk bereikt meisjes nauwelijks",
            "Geen rustige studieplek voor scholieren die thuis niet kunnen leren",
            "Nieuwe woonprojecten zonder speelruimte voor kinderen",
        ],
        "action": {
            "title": "Een jongerenplek in een leegstaand gebouw",
            "description": (
                "Samen met jongeren uit de wijk richt de jeugddienst een leegstaand gebouw in "
                "als ontmoetings- en studieplek."
            ),
            "organisation": "youth",
            "updates": [
                "Drie inspraakavonden met jongeren uit de wijk.",
                "Het gebouw is opgeknapt met de hulp van jongeren.",
                "De jongerenplek is open op woensdag, vrijdag en zaterdag.",
            ],
        },
    },
    {
        "title": "Psychische kwetsbaarheid: lange wachttijden en uitval",
        "summary": (
            "Jongeren wachten lang op psychologische hulp, vallen uit de jeugdhulp op hun "
            "achttiende en kwetsbare werkzoekenden vallen uit trajecten naar werk."
        ),
        "themes": ["gezondheid", "jeugd"],
        "signals": [
            "Lange wachtlijst voor psychologische hulp aan jongeren",
            "Jongeren die achttien worden, vallen uit de jeugdhulp zonder opvolging",
            "Werkzoekenden met een psychische kwetsbaarheid vallen uit trajecten naar werk",
            "Kwetsbare jongeren vinden moeilijk een stageplaats",
        ],
        "action": {
            "title": "Een vast aanspreekpunt voor jongvolwassenen",
            "description": (
                "Een begeleider volgt jongeren die achttien worden op, zodat ze niet zonder "
                "hulp vallen tussen jeugdhulp en volwassenenhulp."
            ),
            "organisation": "caw",
            "updates": [
                "Afspraken met de jeugdhulp over een warme overdracht.",
                "Het aanspreekpunt volgt nu vijftien jongeren op.",
                "Evaluatie: minder jongeren vallen uit; het project wordt verlengd.",
            ],
        },
    },
    {
        "title": "Diensten worden digitaal, niet iedereen kan mee",
        "summary": (
            "Schoolplatformen, bankzaken en loketten worden digitaal. Wie geen computer heeft "
            "of het moeilijk vindt, valt uit de boot. Brieven zijn bovendien vaak te moeilijk "
            "geschreven."
        ),
        "themes": ["digitale-inclusie"],
        "signals": [
            "Digitale schoolplatformen sluiten ouders zonder computer uit",
            "Enkel nog betalen met bankkaart aan gemeentelijke loketten",
            "Ouderen kunnen hun bankzaken niet meer zelf regelen",
            "Brieven en formulieren van diensten zijn te moeilijk geschreven",
        ],
        "action": {
            "title": "Brieven van de gemeente in klare taal",
            "description": (
                "De gemeentelijke diensten herschrijven hun vaakst verstuurde brieven in klare "
                "taal, getest met mensen die ze ontvangen."
            ),
            "organisation": "ocmw",
            "updates": [
                "De twintig vaakst verstuurde brieven geselecteerd.",
                "Tien brieven herschreven en getest met bezoekers van het sociaal huis.",
                "Alle twintig brieven zijn vervangen door de nieuwe versie.",
            ],
        },
    },
    {
        "title": "Basiszorg wordt te duur of te ver",
        "summary": (
            "Mensen stellen tandzorg uit, kunnen hun medicatie op het einde van de maand niet "
            "betalen of vinden geen huisarts die nog nieuwe patiënten aanneemt."
        ),
        "themes": ["gezondheid"],
        "signals": [
            "Weinig tandartsen aan conventietarief: mensen stellen tandzorg uit",
            "Mensen kunnen voorgeschreven medicatie op het einde van de maand niet betalen",
            "Wijkgezondheidscentrum neemt geen nieuwe patiënten meer aan",
        ],
        "action": {
            "title": "Een derdebetalersregeling bij apothekers",
            "description": (
                "Apothekers in de gemeente laten mensen met een klein inkomen hun medicatie "
                "later betalen, met het OCMW als achtervang."
            ),
            "organisation": "ocmw",
            "updates": [
                "Overleg met de apothekers van de gemeente.",
                "Acht apotheken doen mee.",
                "De regeling loopt; het OCMW betaalde nog maar zelden bij.",
            ],
        },
    },
    {
        "title": "Ouderen en mantelzorgers staan er alleen voor",
        "summary": (
            "Ouderen vereenzamen sinds het dienstencentrum in de deelgemeente dicht is. "
            "Mantelzorgers vinden geen kortverblijf en wachten jaren op een budget."
        ),
        "themes": ["zorg", "welzijn"],
        "signals": [
            "Ouderen vereenzamen sinds het dienstencentrum in de deelgemeente dicht is",
            "Mantelzorgers vinden geen kortverblijf om op adem te komen",
            "Jarenlang wachten op een persoonsvolgend budget",
        ],
        "action": {
            "title": "Een wekelijkse ontmoeting in de deelgemeente",
            "description": (
                "Het dienstencentrum organiseert elke week een ontmoeting met koffie en een "
                "activiteit in de parochiezaal van de deelgemeente."
            ),
            "organisation": "community",
            "updates": [
                "Een zaal gevonden in de deelgemeente.",
                "De eerste ontmoetingen trekken elk twintig ouderen.",
                "De ontmoeting is nu een vaste activiteit van het dienstencentrum.",
            ],
        },
    },
    {
        "title": "Wie geen thuis heeft, vindt moeilijk opvang en een adres",
        "summary": (
            "Dak- en thuislozen vinden overdag geen plek om op te warmen, wachten lang op een "
            "referentieadres en vinden geen betaalbare warme maaltijd."
        ),
        "themes": ["welzijn", "wonen"],
        "signals": [
            "Dak- en thuislozen vinden overdag geen plek om op te warmen",
            "Een referentieadres aanvragen duurt te lang",
            "Geen betaalbare warme maaltijd 's avonds",
        ],
        "action": {
            "title": "Een dagopvang tijdens de winter",
            "description": (
                "Van november tot maart is er overdag een warme plek met soep en douches, "
                "samen met het CAW."
            ),
            "organisation": "caw",
            "updates": [
                "Een locatie en vrijwilligers gevonden.",
                "De dagopvang is open; gemiddeld vijftien bezoekers per dag.",
                "Het seizoen is afgerond; de dagopvang komt volgende winter terug.",
            ],
        },
    },
]

# Meetings per municipality: days from today, the local start (hour, minute) and length in
# hours. `agenda` names the cards to put on it by the role the loader gave them.
MEETINGS = [
    {
        "kind": "overleg",
        "title": "Eerstelijnsoverleg {name}",
        "days": -35,
        "start": (14, 0),
        "hours": 2,
        "place": "Sociaal Huis {name}, vergaderzaal 1",
        "description": "Overleg met de eerste lijn over de signalen van de voorbije maanden.",
        "public": True,
        "agenda": ["in_action"],
        "signals": 0,
    },
    {
        "kind": "overleg",
        "title": "Eerstelijnsoverleg {name}",
        "days": 12,
        "start": (14, 0),
        "hours": 2,
        "place": "Sociaal Huis {name}, vergaderzaal 1",
        "description": "We bespreken de geagendeerde signaalfiches en nieuwe signalen.",
        "public": True,
        "agenda": ["on_agenda"],
        "signals": 1,
    },
    {
        "kind": "signaaldag",
        "title": "Signaaldag {name}",
        "days": -70,
        "start": (9, 30),
        "hours": 6,
        "place": "Cultuurcentrum {name}",
        "description": (
            "Een dag waarop eerstelijnswerkers, partners en beleid samen de signalen "
            "bespreken en naar oplossingen zoeken."
        ),
        "public": True,
        "agenda": ["resolved", "exploring"],
        "signals": 0,
    },
    {
        "kind": "signaaldag",
        "title": "Signaaldag {season} {name}",
        "days": 45,
        "start": (9, 30),
        "hours": 6,
        "place": "Cultuurcentrum {name}",
        "description": "Inschrijven kan tot een week op voorhand. Lunch voorzien.",
        "public": True,
        "agenda": ["exploring", "referred_supralocal"],
        "signals": 0,
    },
    {
        "kind": "netwerkmoment",
        "title": "Netwerkmoment partners {name}",
        "days": -21,
        "start": (10, 0),
        "hours": 2,
        "place": "Stadhuis {name}, raadzaal",
        "description": "Intern: de partners stemmen af welke signalen bovenlokaal gaan.",
        "public": False,
        "agenda": ["referred_supralocal"],
        "signals": 0,
    },
    {
        "kind": "netwerkmoment",
        "title": "Netwerkmoment sociale partners",
        "days": 30,
        "start": (12, 0),
        "hours": 2,
        "place": "Sociaal Huis {name}, cafetaria",
        "description": "Kennismaking met nieuwe partners, met een broodjeslunch.",
        "public": True,
        "agenda": ["on_agenda"],
        "signals": 0,
    },
    {
        "kind": "werksessie",
        "title": "Werksessie nieuwe signaalfiches",
        "days": -7,
        "start": (13, 30),
        "hours": 3,
        "place": "Online",
        "description": "Intern: signalen bundelen en ontwerpfiches nalezen.",
        "public": False,
        "agenda": ["draft_exploring", "draft_in_action"],
        "signals": 2,
    },
    {
        "kind": "werksessie",
        "title": "Werksessie acties opvolgen",
        "days": 5,
        "start": (9, 0),
        "hours": 2,
        "place": "Sociaal Huis {name}, vergaderzaal 2",
        "description": "Intern: de lopende acties en hun voortgang overlopen.",
        "public": False,
        "agenda": ["draft_in_action"],
        "signals": 0,
    },
    {
        "kind": "actiedag",
        "title": "Actiedag toegankelijke kinderopvang",
        "days": -49,
        "start": (9, 0),
        "hours": 7,
        "place": "Sociaal Huis {name}",
        "description": (
            "Eerstelijnswerkers, partners en ouders zoeken samen plaatsen en helpen met de "
            "aanvragen voor kinderopvang met inkomenstarief."
        ),
        "public": True,
        "agenda": ["in_action"],
        "signals": 0,
    },
    {
        "kind": "actiedag",
        "title": "Actiedag rechten openen {season}",
        "days": 60,
        "start": (10, 0),
        "hours": 5,
        "place": "Bibliotheek {name}",
        "description": "We helpen mensen ter plaatse met het aanvragen van hun rechten.",
        "public": True,
        "agenda": ["exploring"],
        "signals": 0,
    },
]
