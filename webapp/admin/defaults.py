"""Themes and target groups every new municipality starts with; each can change its own."""

# (slug, Dutch name): default policy domains, copied to every municipality.
DEFAULT_THEMES = [
    ("wonen", "Wonen"),
    ("armoede", "Armoede"),
    ("jeugd", "Jeugd"),
    ("onderwijs", "Onderwijs"),
    ("zorg", "Zorg"),
    ("welzijn", "Welzijn"),
    ("werk", "Werk"),
    ("mobiliteit", "Mobiliteit"),
    ("vrije-tijd", "Vrije tijd"),
    ("digitale-inclusie", "Digitale inclusie"),
    ("gezondheid", "Gezondheid"),
    ("integratie", "Integratie en inburgering"),
]

# (slug, Dutch name): default target groups, copied to every municipality.
DEFAULT_TARGET_GROUPS = [
    ("kinderen", "Kinderen"),
    ("jongeren", "Jongeren"),
    ("gezinnen", "Gezinnen"),
    ("ouderen", "Ouderen"),
    ("nieuwkomers", "Nieuwkomers"),
    ("mensen-in-armoede", "Mensen in armoede"),
    ("personen-met-een-beperking", "Personen met een beperking"),
    ("alleenstaanden", "Alleenstaanden"),
    ("studenten", "Studenten"),
    ("dak-en-thuislozen", "Dak- en thuislozen"),
    ("werkzoekenden", "Werkzoekenden"),
    ("mantelzorgers", "Mantelzorgers"),
]
