"""Logos: checked by their bytes (PNG, JPEG, WebP; SVG refused), limited in size, stored once per
owner, and uploadable only by who may: the head processor the municipality's, its processors
any partner's, an organisation processor only their own organisation's."""

import io
import struct

import pytest
from sqlalchemy import select

from tests.signals.helpers import text
from webapp.branding.drawing import badge_png
from webapp.branding.images import MAX_BYTES, LogoRefused, check
from webapp.extensions import db
from webapp.models import AgreementStatus, Engagement, Logo, Role

PNG = badge_png("test")
JPEG = (
    b"\xff\xd8\xff\xe0"
    + struct.pack(">H", 16)
    + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xc0"
    + struct.pack(">HBHHB", 11, 8, 40, 120, 1)
    + b"\x01\x11\x00"
    + b"\xff\xd9"
)
WEBP = (
    b"RIFF"
    + struct.pack("<I", 22)
    + b"WEBPVP8L"
    + struct.pack("<I", 10)
    + b"\x2f"
    + ((119 | (39 << 14)).to_bytes(4, "little"))
    + b"\x00" * 5
)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def test_the_bytes_decide_the_type_and_size():
    assert (check(PNG).content_type, check(PNG).width, check(PNG).height) == ("image/png", 160, 48)
    assert (check(JPEG).content_type, check(JPEG).width, check(JPEG).height) == (
        "image/jpeg",
        120,
        40,
    )
    assert (check(WEBP).content_type, check(WEBP).width, check(WEBP).height) == (
        "image/webp",
        120,
        40,
    )
    for refused, words in (
        (SVG, "SVG"),
        (b"GIF89a" + b"\x00" * 40, "geen PNG"),
        (b"", "Kies een bestand"),
        (PNG[:8] + b"\x00" * (MAX_BYTES + 1), "hoogstens 8 kB"),
        (badge_png("groot", width=640, height=48), "640 × 48"),
        (b"\x89PNG\r\n\x1a\n", "geen PNG"),
    ):
        with pytest.raises(LogoRefused, match=words):
            check(refused)


def _upload(client, url, data: bytes, name: str = "logo.png"):
    return client.post(
        url, data={"logo": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def test_the_head_processor_uploads_replaces_and_removes_the_logo(app, client, login, town):
    login(town.head)
    url = town.url("instellingen/logo")
    assert "Er is nog geen logo" in text(client.get(url))
    assert _upload(client, url, PNG).status_code == 303
    assert _upload(client, url, JPEG, "logo.jpg").status_code == 303
    with app.app_context():
        logos = db.session.scalars(select(Logo)).all()
        assert [(lg.owner, lg.content_type, lg.width) for lg in logos] == [
            (f"m{town.municipality.id}", "image/jpeg", 120)
        ]
        assert logos[0].data == JPEG
    assert "120 × 40 pixels" in text(client.get(url))
    assert client.post(url, data={"remove": "1"}).status_code == 303
    with app.app_context():
        assert db.session.scalars(select(Logo)).all() == []


def test_a_refused_file_says_why_next_to_the_field(app, client, login, town):
    login(town.head)
    response = _upload(client, town.url("instellingen/logo"), SVG, "logo.png")  # a lying name
    assert response.status_code == 400
    assert "SVG-bestanden aanvaarden we niet" in text(response)
    assert 'aria-invalid="true"' in text(response)
    with app.app_context():
        assert db.session.scalars(select(Logo)).all() == []


def test_an_organisation_processor_uploads_only_their_own_organisations_logo(
    app, client, login, make, town, other_town
):
    make.agreement(
        town.municipality, town.organisation, Engagement.OWN_STAFF, AgreementStatus.ACTIVE
    )
    org_processor = make.user(
        Role.ORG_PROCESSOR,
        town.municipality,
        email="org@caw.example.org",
        organisation=town.organisation,
    )
    login(org_processor)
    own = town.url(f"organisaties/{town.organisation.id}/logo")
    assert _upload(client, own, PNG).status_code == 303
    # Another partner of the same municipality, and a partner elsewhere: not found.
    assert _upload(client, town.url(f"organisaties/{town.partner.id}/logo"), PNG).status_code == 404
    elsewhere = other_town.url(f"organisaties/{other_town.organisation.id}/logo")
    assert _upload(client, elsewhere, PNG).status_code == 404
    assert client.get(town.url("instellingen/logo")).status_code == 403
    with app.app_context():
        assert db.session.scalars(select(Logo.owner)).all() == [f"o{town.organisation.id}"]


def test_a_processor_of_one_municipality_cannot_touch_anothers(client, login, town, other_town):
    login(town.processor)
    url = other_town.url(f"organisaties/{other_town.organisation.id}/logo")
    assert _upload(client, url, PNG).status_code == 404
