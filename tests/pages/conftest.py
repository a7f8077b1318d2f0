"""Every app page the browser tests visit, fetched as the role that uses it."""

from urllib.parse import urlsplit

import pytest

from tests.processing.conftest import as_user, town  # noqa: F401  (fixtures)
from webapp.models import AgreementStatus, Engagement, Role

PHONE_TEXT = "De moeder belt ons elke week op 0470 12 34 56, ze wacht al maanden."


@pytest.fixture
def pages(app, make, town, as_user, monkeypatch):  # noqa: F811
    """Every page, by name: (status, html)."""
    signal = make.signal(town.municipality, town.giver, title="Te weinig betaalbare kinderopvang")
    card = make.card(town.municipality, published=True, signals=(signal,))
    action = make.action(town.municipality, public=True)
    meeting = make.meeting(town.municipality, public=True)
    anonymous = app.test_client()
    giver = as_user(town.giver)
    head = as_user(town.head)
    alderman = as_user(town.alderman)
    processor = as_user(town.processor)
    network = as_user(make.user(Role.NETWORK, None, name="Net Werk", email="net@vvsg.be"))
    draft = make.agreement(town.municipality, town.caw, Engagement.OWN_STAFF, AgreementStatus.DRAFT)
    make.join_request(town.municipality, organisation_name="Buurthuis De Brug")
    make.invitation(town.municipality, email="open@example.org")
    assert (
        anonymous.post(
            town.url("account-aanvragen"),
            data={
                "name": "Nora Nieuw",
                "email": "nora@example.org",
                "organisation_name": "CAW",
                "idempotency_key": "pages-account",
            },
        ).status_code
        == 303
    )
    assert (
        anonymous.post(
            "/doe-mee",
            data={
                "municipality_name": "Berlaar",
                "contact_name": "Rita Regie",
                "contact_email": "regie@example.org",
                "message": "Graag een demo.",
            },
        ).status_code
        == 303
    )
    referred = make.card(town.municipality, title="Budgetbeheer te laat", published=True)
    assert (
        head.post(
            town.url(f"fiches/{referred.id}/bovenlokaal"),
            data={"motivation": "Dit vraagt een Vlaamse regeling voor iedereen."},
        ).status_code
        == 303
    )
    created = network.post(
        "/netwerk/dossiers",
        data={
            "title": "Budgetbegeleiding in heel Vlaanderen",
            "summary": "Overal lange wachttijden.",
            "card_ids": [str(referred.id)],
            "submission_token": "pages-file",
        },
    )
    assert created.status_code == 303
    # A privacy request of the person, in the head processor's register.
    assert (
        giver.post(
            "/mijn-gegevens/verzoek",
            data={"municipality": town.slug, "kind": "inzage", "detail": "Alles, graag."},
        ).status_code
        == 303
    )
    with app.app_context():
        from webapp.extensions import db
        from webapp.models import PrivacyRequest

        privacy_request = db.session.scalar(db.select(PrivacyRequest.id))
    # Logged in; from here on CSRF protection is on, as in production.
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    visits = {
        "login": (anonymous, "/login"),
        "forgot-password": (anonymous, "/wachtwoord-vergeten"),
        "not-found": (anonymous, "/bestaat-niet/signalen/nieuw"),
        "new-signal-anonymous": (anonymous, town.url("signalen/nieuw")),
        "home": (giver, "/"),
        "municipality": (giver, town.url()),
        "new-signal": (giver, town.url("signalen/nieuw")),
        "signals": (giver, town.url("signalen")),
        "signals-search": (giver, town.url("signalen?q=kinderopvang")),
        "my-signals": (giver, town.url("mijn-signalen")),
        "mail-settings": (giver, town.url("mijn-e-mails")),
        "signal": (giver, town.url(f"signalen/{signal.id}")),
        "signal-missing": (giver, town.url("signalen/12345")),
        "invitations": (head, town.url("uitnodigingen")),
        "inbox": (head, town.inbox()),
        "inbox-search": (head, town.inbox("q=kinderopvang&sort=oudste")),
        "inbox-bad-filter": (head, town.inbox("since=gisteren&until=2001-01-01")),
        "handle": (head, town.handle(signal)),
        "signal-as-processor": (head, town.url(f"signalen/{signal.id}")),
        "audit-log": (head, town.url("verwerken/logboek")),
        "audit-log-bad-filter": (head, town.url("verwerken/logboek?since=morgen")),
        "notification-settings": (head, town.url("verwerken/meldingen")),
        "cards": (head, town.url("fiches")),
        "new-card": (head, town.url(f"fiches/nieuw?signalen={signal.id}")),
        "card": (head, town.url(f"fiches/{card.id}")),
        "edit-card": (head, town.url(f"fiches/{card.id}/bewerken")),
        "actions": (head, town.url("acties")),
        "new-action": (head, town.url("acties/nieuw")),
        "action": (head, town.url(f"acties/{action.id}")),
        "edit-action": (head, town.url(f"acties/{action.id}/bewerken")),
        "agenda": (head, town.url("agenda")),
        "new-meeting": (head, town.url("agenda/nieuw")),
        "meeting": (head, town.url(f"agenda/{meeting.id}")),
        "edit-meeting": (head, town.url(f"agenda/{meeting.id}/bewerken")),
        "network-home": (network, "/"),
        # Privacy
        "my-data": (giver, "/mijn-gegevens"),
        "erase-account": (giver, "/mijn-gegevens/wissen"),
        "two-factor": (head, "/mijn-gegevens/tweestapsverificatie"),
        "people-search": (head, town.url("mensen?q=ann")),
        "person": (head, town.url(f"mensen/{town.giver.id}")),
        "privacy-requests": (head, town.url("privacyverzoeken")),
        "privacy-requests-all": (head, town.url("privacyverzoeken?toon=alle")),
        "access-log": (head, town.url("verwerken/toegangslog")),
        "privacy-request": (head, town.url(f"privacyverzoeken/{privacy_request}")),
        "redaction": (head, town.url(f"verwerken/signalen/{signal.id}/persoonsgegevens")),
        # Reports and the network
        "reports": (head, town.url("rapporten")),
        "reports-year": (head, town.url("rapporten?periode=2026")),
        "college-report": (head, town.url("rapporten/college")),
        "reports-alderman": (alderman, town.url("rapporten")),
        "network": (network, "/netwerk?periode=2026"),
        "network-cards": (network, "/netwerk/fiches"),
        "network-cards-none": (network, "/netwerk/fiches?q=onbestaand"),
        "learning-network": (processor, "/netwerk/praktijkvoorbeelden?q=wachtlijst"),
        "learning-example": (processor, f"/netwerk/praktijkvoorbeelden/{card.id}"),
        "account-request": (anonymous, town.url("account-aanvragen")),
        "account-requests": (head, town.url("accountaanvragen")),
        "municipality-request": (anonymous, "/doe-mee"),
        "municipality-logo": (head, town.url("instellingen/logo")),
        "network-themes": (head, town.url("instellingen/netwerkthemas")),
        "network-organisations": (network, "/netwerk/organisaties"),
        "municipality-requests": (network, "/netwerk/aanvragen"),
        "refer-card": (head, town.url(f"fiches/{card.id}/bovenlokaal")),
        "supralocal-file": (network, urlsplit(created.headers["Location"]).path),
        # Partners and administration
        "partners": (head, town.url("partners")),
        "organisation": (head, town.url(f"partners/{town.caw.id}")),
        "edit-organisation": (head, town.url(f"partners/{town.caw.id}/bewerken")),
        "new-organisation": (head, town.url("partners/nieuw")),
        "join-requests": (head, town.url("partners/aanvragen")),
        "join-request": (anonymous, town.url("meedoen")),
        "agreement": (head, town.url(f"overeenkomsten/{draft.id}")),
        "edit-agreement": (head, town.url(f"overeenkomsten/{draft.id}/bewerken")),
        "agreement-versions": (head, town.url(f"overeenkomsten/{draft.id}/versies")),
        "people": (head, town.url("mensen")),
        "invitations-overview": (head, town.url("uitnodigingen/overzicht")),
        "settings": (head, town.url("instellingen")),
        "themes": (head, town.url("instellingen/themas-en-doelgroepen")),
        "privacy-texts": (head, town.url("instellingen/privacy")),
        "my-engagements": (giver, town.url("mijn-engagement")),
        "accept-privacy": (giver, town.url("privacy-akkoord")),
        "invite-to-meeting": (head, town.url(f"agenda/{meeting.id}/uitnodigen")),
        # Security and delivery
        "delivery": (head, town.url("verwerken/bezorging")),
        "security": (head, town.url("verwerken/beveiliging")),
        # Issue 21: domains, overdue actions, half-years and a range of one's own; the
        # colleague's settings.
        "my-domains": (processor, town.url("verwerken/beleidsdomeinen")),
        "inbox-my-domains": (processor, town.inbox("domain=mijn-domeinen")),
        "actions-overdue": (head, town.url("acties?deadline=over-tijd")),
        "reports-half-year": (head, town.url("rapporten?periode=2026-h1")),
        "reports-range": (head, town.url("rapporten?van=2026-01&tot=2026-03")),
        "settings-colleague": (processor, town.url("instellingen")),
    }
    fetched = {name: _fetch(client, url) for name, (client, url) in visits.items()}
    fetched.update(_anonymous_submission(app, town))
    # Error and review states, as a form sent back shows them.
    states = {
        "join-request-errors": (anonymous, town.url("meedoen"), {}),
        "erase-account-unconfirmed": (giver, "/mijn-gegevens/wissen", {}),
        "person-request-errors": (
            head,
            town.url(f"mensen/{town.giver.id}"),
            {"actie": "verzoek", "received_on": "31-02-2026"},
        ),
        "privacy-request-errors": (
            head,
            town.url(f"privacyverzoeken/{privacy_request}"),
            {"state": "beantwoord"},
        ),
        "two-factor-error": (head, "/mijn-gegevens/tweestapsverificatie", {"code": "000000"}),
        "edit-agreement-errors": (
            head,
            town.url(f"overeenkomsten/{draft.id}/bewerken"),
            {"title": "", "body": "", "version": "0"},
        ),
        "invite-to-meeting-error": (head, town.url(f"agenda/{meeting.id}/uitnodigen"), {}),
        "invite-to-meeting-recipients": (
            head,
            town.url(f"agenda/{meeting.id}/uitnodigen"),
            {"roles": ["giver"], "stap": "bekijken"},
        ),
        "themes-duplicate": (head, town.url("instellingen/themas"), {"name": " jeugd "}),
        "new-signal-errors-and-review": (
            anonymous,
            town.url("signalen/nieuw"),
            {"description": PHONE_TEXT, "submission_token": "pages-submit-one-round"},
        ),
        "supplement-review": (
            giver,
            town.url(f"signalen/{signal.id}/aanvullen"),
            {
                "form_page": town.url(f"signalen/{signal.id}"),
                "body": PHONE_TEXT,
                "submission_token": "pages-supplement",
            },
        ),
        "new-card-review": (
            head,
            town.url("fiches/nieuw"),
            {
                "title": "Wachtlijsten",
                "summary": PHONE_TEXT,
                "published": "y",
                "public_status": "exploring",
                "signals": [str(signal.id)],
            },
        ),
        "new-card-errors": (head, town.url("fiches/nieuw"), {"title": ""}),
        "handle-status-error": (
            head,
            town.handle(signal, "status"),
            {"form_page": town.handle(signal)},
        ),
    }
    fetched.update({name: _post(client, url, data) for name, (client, url, data) in states.items()})
    fetched.update(_two_factor(app, processor, town.processor))
    # A refused form token (no token at all here): the form again with everything typed.
    refused = {
        "new-signal-refused-token": (
            giver,
            town.url("signalen/nieuw"),
            {"title": "Wachtlijsten", "description": PHONE_TEXT, "submission_token": "p" * 24},
        ),
        "supplement-refused-token": (
            giver,
            town.url(f"signalen/{signal.id}/aanvullen"),
            {"body": "Ook bij ons.", "submission_token": "p" * 24},
        ),
        "feedback-refused-token": (head, town.handle(signal, "terugkoppeling"), {"body": "Goed."}),
    }
    for name, (client, url, data) in refused.items():
        response = client.post(url, data=data)
        fetched[name] = (response.status_code, response.get_data(as_text=True))
    # The session ended: the login page carries the typed text, then offers the form again.
    ended = app.test_client()
    supplement = town.url(f"signalen/{signal.id}/aanvullen")
    carried = ended.post(supplement, data={"body": "Ook bij ons.", "submission_token": "p" * 24})
    fetched["login-carrying-typed-text"] = (carried.status_code, carried.get_data(as_text=True))
    fetched["form-ready-after-login"] = _post(
        ended,
        "/login",
        {
            "form_page": "/login",
            "email": town.giver.email,
            "password": "correct-horse-battery",
            "bewaard:url": supplement,
            "bewaard:field:body": "Ook bij ons.",
        },
    )
    # Two saves of the same version: the second finds the first and shows the conflict.
    edit = town.url(f"overeenkomsten/{draft.id}/bewerken")
    saved = {
        "title": "Samenwerking met het CAW",
        "engagement": "1",
        "body": "Wij werken samen.",
        "version": "0",
    }
    assert _post(head, edit, dict(saved))[0] == 303
    fetched["agreement-conflict"] = _post(head, edit, {**saved, "body": "Anders."})
    # A second version: the versions page shows the word-level differences.
    assert _post(head, edit, {**saved, "version": "1", "body": "Wij werken echt samen."})[0] == 303
    fetched["agreement-versions-diff"] = _fetch(
        head, town.url(f"overeenkomsten/{draft.id}/versies")
    )
    # The themes page with one rename form open (the link "Naam wijzigen").
    from tests.html import parse as parse_html

    themes_page = parse_html(fetched["themes"][1])
    rename = themes_page.find("ul", class_="term-list").find("a").attrs["href"].split("#")[0]
    fetched["themes-rename"] = _fetch(head, rename)
    fetched.update(_cursor_pages(app, town, giver, head, monkeypatch))
    return fetched


def _cursor_pages(app, town, giver, head, monkeypatch) -> dict:  # noqa: F811
    """The giver list and the inbox on a page reached by cursor, and a tampered cursor."""
    from tests.html import parse
    from tests.keyset import fill
    from webapp import pagination
    from webapp.processing import inbox

    pages = {}
    with monkeypatch.context() as small:
        small.setattr(pagination, "PAGE_SIZE", 2)
        small.setattr(inbox, "PAGE_SIZE", 2)
        small.setattr(pagination, "KEYSET_FROM_PAGE", 3)
        fill(app, town.municipality, 12)
        for name, client, url in (
            ("signals-cursor-page", giver, town.url("signalen")),
            ("inbox-cursor-page", head, town.url("verwerken")),
        ):
            for _ in range(3):
                url = parse(client.get(url)).find("a", rel="next").attrs["href"]
            assert "na=" in url
            pages[name] = _fetch(client, url)
        pages["inbox-bad-cursor"] = _fetch(head, town.url("verwerken?na=3.x"))
    return pages


def _two_factor(app, client, user) -> dict:
    """The recovery codes shown once two-factor is on, and the code asked after the password."""
    import re

    import pyotp

    from tests.conftest import PASSWORD

    path = "/mijn-gegevens/tweestapsverificatie"
    secret = re.search(r'class="secret">([A-Z2-7]{32})', client.get(path).get_data(as_text=True))
    code = pyotp.TOTP(secret.group(1)).now()
    assert _post(client, path, {"code": code, "action": "enable"})[0] == 303
    pages = {"recovery-codes": _fetch(client, path)}
    guest = app.test_client()
    status, _ = _post(guest, "/login", {"email": user.email, "password": PASSWORD})
    assert status == 303
    pages["login-code"] = _fetch(guest, "/login/code")
    return pages


def _anonymous_submission(app, town) -> dict:  # noqa: F811
    """The confirmation with its follow-up link, and the page behind that link."""
    from tests.html import parse

    giver = app.test_client()
    doc = parse(giver.get(town.url("signalen/nieuw")))
    data = {
        "csrf_token": doc.find("input", name="csrf_token").attrs["value"],
        "submission_token": doc.find("input", name="submission_token").attrs["value"],
        "title": "Geen plaats in de naschoolse opvang",
        "description": "Ouders die laat werken vinden geen opvang na vijf uur.",
        "themes": [doc.find("input", name="themes").attrs["value"]],
        "target_groups": [doc.find("input", name="target_groups").attrs["value"]],
        "action": "submit",
    }
    assert giver.post(town.url("signalen/nieuw"), data=data).status_code == 303
    submitted = _fetch(giver, town.url("signalen/ontvangen"))
    link = parse(submitted[1]).by_id("opvolglink").attrs["href"]
    return {"submitted": submitted, "followup": _fetch(giver, urlsplit(link).path)}


def _fetch(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


def _post(client, url: str, data: dict) -> tuple[int, str]:
    """Send a form to `url` with the session's CSRF token, as the browser would (taken from
    `form_page` in `data` where the form stands on another page than it posts to)."""
    from tests.html import parse

    form_page = data.pop("form_page", url)
    field = parse(client.get(form_page).get_data(as_text=True)).find("input", name="csrf_token")
    response = client.post(url, data={**data, "csrf_token": field.attrs["value"]})
    return response.status_code, response.get_data(as_text=True)
