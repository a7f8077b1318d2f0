"""Every route × every role × own and other municipality answers as the policy promises.

EXPECTED is written here, independently of webapp.access: a new route without an entry in both
fails this test.
"""

import pytest

from webapp import access
from webapp.models import AgreementStatus, Engagement, Role

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *[role.value for role in Role]]
MEMBER_READERS = {"giver", "head_processor", "processor", "org_processor"}

OK = "ok"  # the view ran: anything but a refusal
LOGIN = "login"  # sent to the login page (GET) or 401 (other methods)


def everyone(outcome):
    return lambda role, own: outcome


def signal_readers(role, own):
    if role == ANONYMOUS:
        return LOGIN
    if role == "network":
        return 403
    if not own:
        return 404
    return OK if role in MEMBER_READERS else 403


def inviters(role, own):
    if role == ANONYMOUS:
        return LOGIN
    if role == "network":
        return 403
    if not own:
        return 404
    return OK if role in {"head_processor", "processor"} else 403


def logged_in(role, own):
    return LOGIN if role == ANONYMOUS else OK


def processors(role, own):
    """Head and colleague processors; the matrix's organisation processor has no agreement."""
    if role == ANONYMOUS:
        return LOGIN
    if role == "network":
        return 403
    if not own:
        return 404
    return OK if role in {"head_processor", "processor"} else 403


def head_processor(role, own):
    outcome = processors(role, own)
    return 403 if outcome == OK and role != "head_processor" else outcome


def members(role, own):
    if role == ANONYMOUS:
        return LOGIN
    if role == "network":
        return 403
    return OK if own else 404


def network(role, own):
    """The network's pages belong to no municipality: only the network role opens them."""
    if role == ANONYMOUS:
        return LOGIN
    return OK if role == "network" else 403


def report_readers(role, own):
    """Head and colleague processors, and aldermen, of their own municipality."""
    outcome = processors(role, own)
    return OK if role == "alderman" and own else outcome


EXPECTED = {
    "assets": everyone(OK),
    "main.home": everyone(OK),
    "main.municipality_home": everyone(OK),
    "auth.login": everyone(OK),
    "auth.logout": logged_in,
    "auth.forgot_password": everyone(OK),
    # Bogus tokens: the public page answers "this link does not work" for everyone.
    "auth.reset_password": everyone(404),
    "auth.accept_invitation": everyone(404),
    "auth.invite": inviters,
    "signals.new_signal": everyone(OK),
    "signals.submitted": everyone(OK),
    "offline.service_worker": everyone(OK),
    "offline.manifest": everyone(OK),
    "signals.list_signals": signal_readers,
    "signals.show_signal": signal_readers,
    "signals.toggle_follow": signal_readers,
    "signals.reinforce_signal": signal_readers,
    "signals.supplement_signal": signal_readers,
    "signals.my_signals": signal_readers,
    "mailprefs.mail_settings": signal_readers,
    # A token the app did not sign: nothing to unsubscribe, for anyone.
    "mailprefs.unsubscribe": everyone(404),
    "processing.inbox": processors,
    "processing.bulk_update": processors,
    "processing.handle_signal": processors,
    "processing.change_status": processors,
    "processing.assign_signal": processors,
    "processing.add_note": processors,
    "processing.send_feedback": processors,
    "processing.notification_settings": processors,
    "processing.audit_log": head_processor,
    "cards.list_cards": members,
    "cards.show_card": members,
    "cards.new_card": processors,
    "cards.edit_card": processors,
    "cards.change_card_status": processors,
    "actions.list_actions": members,
    "actions.show_action": members,
    "actions.new_action": processors,
    "actions.edit_action": processors,
    "actions.add_update": processors,
    "meetings.list_meetings": members,
    "meetings.show_meeting": members,
    "meetings.new_meeting": processors,
    "meetings.edit_meeting": processors,
    "meetings.add_agenda_item": processors,
    "meetings.ical_feed": everyone(OK),
    "privacy.redact_signal": processors,
    "privacy.my_data": logged_in,
    "privacy.export_data": logged_in,
    "privacy.correct_data": logged_in,
    "privacy.confirm_email": everyone(404),
    "privacy.restrict_processing": logged_in,
    "privacy.erase_account": logged_in,
    "privacy.find_person": head_processor,
    "privacy.person_data": head_processor,
    # A bogus token: the private follow-up page is a 404 for everyone.
    "followup.show_followup": everyone(404),
    "followup.revoke_links": processors,
    "reports.show_report": report_readers,
    "reports.college_report": report_readers,
    "reports.export_table": report_readers,
    "network.overview": network,
    "network.export_table": network,
    "network.list_cards": network,
    "network.new_file": network,
    "network.show_file": network,
    "network.change_file_status": network,
    "network.refer_card": head_processor,
    "partners.list_organisations": members,
    "partners.show_organisation": members,
    "partners.new_organisation": processors,
    "partners.edit_organisation": processors,
    "partners.new_agreement": processors,
    # Active agreements are public (each under its own municipality's slug).
    "partners.show_agreement": everyone(OK),
    "partners.edit_agreement": processors,
    "partners.agreement_versions": processors,
    "partners.change_agreement_status": head_processor,
    "partners.join_request": everyone(OK),
    "partners.join_request_sent": everyone(OK),
    "partners.list_join_requests": head_processor,
    "partners.decide_join_request": head_processor,
    "admin.list_people": processors,
    "admin.change_role": head_processor,
    "admin.deactivate_person": head_processor,
    "admin.list_invitations": head_processor,
    "admin.resend_invitation": head_processor,
    "admin.revoke_invitation": head_processor,
    "admin.settings": head_processor,
    "admin.list_terms": head_processor,
    "admin.add_term": head_processor,
    "admin.rename_term": head_processor,
    "admin.toggle_term": head_processor,
    "people.my_engagements": members,
    "meetings.invite_people": processors,
    # Only the invited may answer: nobody in the matrix is, so members get 404.
    "meetings.answer_invitation": lambda role, own: (
        404 if members(role, own) == OK else members(role, own)
    ),
    "meetings.meeting_ics": members,
    "admin.privacy_texts": head_processor,
}
# Consent (issue 18): accepting and withdrawing are for members, the statement is public.
EXPECTED["privacy.accept_privacy"] = members
EXPECTED["privacy.withdraw_consent"] = members
EXPECTED["privacy.show_statement"] = everyone(OK)
EXPECTED["processing.delivery_status"] = head_processor
# Without a password given first, the code page sends everyone back to the login page.
EXPECTED["auth.login_code"] = everyone(LOGIN)
EXPECTED["auth.two_factor_settings"] = logged_in
EXPECTED["processing.security_settings"] = head_processor
# Shared management (issue 21): colleague processors manage the tool with the head processor.


def shared_management(role, own):
    """Head and colleague processors; never an organisation processor, agreement or not (so
    not part of SIGNAL_WORK)."""
    return processors(role, own)


for _endpoint in (
    "admin.settings",
    "admin.list_terms",
    "admin.add_term",
    "admin.rename_term",
    "admin.toggle_term",
    "partners.list_join_requests",
    "partners.decide_join_request",
    "processing.audit_log",
    "admin.list_invitations",
    "admin.resend_invitation",
    "admin.revoke_invitation",
):
    EXPECTED[_endpoint] = shared_management
EXPECTED["processing.my_domains"] = shared_management
# From signal to decision (issue 21).
EXPECTED["cards.add_decision"] = processors
EXPECTED["cards.remove_decision"] = processors
EXPECTED["meetings.add_decision"] = processors
EXPECTED["meetings.remove_decision"] = processors
# One page per person, reactivation, the privacy request register and the access log.
EXPECTED["people.person"] = head_processor
EXPECTED["admin.reactivate_person"] = head_processor
EXPECTED["privacy.list_requests"] = head_processor
EXPECTED["privacy.show_request"] = head_processor
EXPECTED["privacy.file_request"] = logged_in
EXPECTED["processing.access_log"] = head_processor


def learners(role, own):
    """The learning network: processors of any municipality and the network, wherever."""
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in {"head_processor", "processor", "org_processor", "network"} else 403


EXPECTED["learning.list_examples"] = learners
EXPECTED["learning.show_example"] = learners
# Requests from outside: anyone asks; the head processor decides on accounts, the network reads
# the municipalities' requests.
EXPECTED["signup.request_account"] = everyone(OK)
EXPECTED["signup.account_request_sent"] = everyone(OK)
EXPECTED["signup.list_account_requests"] = head_processor
EXPECTED["signup.decide_account_request"] = head_processor
EXPECTED["signup.request_membership"] = everyone(OK)
EXPECTED["signup.membership_request_sent"] = everyone(OK)
EXPECTED["signup.list_municipality_requests"] = network
EXPECTED["signup.handle_municipality_request"] = network
EXPECTED["branding.municipality_logo"] = head_processor


def partner_logo(role, own):
    """Processors upload any partner's logo; the matrix's organisation processor belongs to no
    organisation, so the world's organisation is not theirs: not found."""
    if role == "org_processor" and own:
        return 404
    return processors(role, own)


EXPECTED["branding.organisation_logo"] = partner_logo
EXPECTED["vocabulary.map_themes"] = head_processor
EXPECTED["identities.list_identities"] = network


@pytest.fixture
def world(app, make):
    own = make.municipality(slug="eigen")
    other = make.municipality(slug="andere")
    users = {role.value: make.user(role, own) for role in Role}
    organisations = {"own": make.organisation(own), "other": make.organisation(other)}
    # Published and public, so that every member may open them.
    return {
        "organisations": organisations,
        "agreements": {
            where: make.agreement(world_place, organisations[where])
            for where, world_place in (("own", own), ("other", other))
        },
        "join_requests": {"own": make.join_request(own), "other": make.join_request(other)},
        "invitations": {"own": make.invitation(own), "other": make.invitation(other)},
        "outsider": make.user(Role.GIVER, other),
        "themes": {
            where: make.theme_id(place) for where, place in (("own", own), ("other", other))
        },
        "own": own,
        "other": other,
        "users": users,
        "signals": {
            "own": make.signal(own, users["giver"]),
            "other": make.signal(other),
        },
        "cards": {"own": make.card(own, published=True), "other": make.card(other, published=True)},
        "actions": {"own": make.action(own, public=True), "other": make.action(other, public=True)},
        "meetings": {
            "own": make.meeting(own, public=True),
            "other": make.meeting(other, public=True),
        },
        "file": _supralocal_file(app),
        "privacy_requests": {
            "own": _privacy_request(app, own, users["giver"]),
            "other": _privacy_request(app, other, None),
        },
        "account_requests": {
            "own": _account_request(app, own),
            "other": _account_request(app, other),
        },
        "municipality_request": _municipality_request(app),
    }


def _account_request(app, municipality):
    from tests.factories import Ref
    from webapp.extensions import db
    from webapp.models import AccountRequest

    with app.app_context():
        request = AccountRequest(
            municipality_id=municipality.id,
            idempotency_key=f"matrix-{municipality.slug}",
            name="Aanvrager",
            email=f"aanvrager@{municipality.slug}.example.org",
        )
        db.session.add(request)
        db.session.commit()
        return Ref(request.id)


def _municipality_request(app):
    from tests.factories import Ref
    from webapp.extensions import db
    from webapp.models import MunicipalityRequest

    with app.app_context():
        request = MunicipalityRequest(
            idempotency_key="matrix",
            municipality_name="Gemeente die wil meedoen",
            contact_name="Regisseur",
            contact_email="regie@example.org",
        )
        db.session.add(request)
        db.session.commit()
        return Ref(request.id)


def _decisions(app, world):
    """A decision per municipality, on its card and at its meeting (issue 21)."""
    from datetime import date

    from tests.factories import Ref
    from webapp.extensions import db
    from webapp.models import PolicyDecision

    found = {}
    with app.app_context():
        for where in ("own", "other"):
            decision = PolicyDecision(
                municipality_id=world[where].id,
                card_id=world["cards"][where].id,
                meeting_id=world["meetings"][where].id,
                decided_on=date(2026, 11, 20),
                taken_by="College",
                body="Een beslissing.",
            )
            db.session.add(decision)
            db.session.commit()
            found[where] = Ref(decision.id)
        db.session.remove()
    return found


def _privacy_request(app, place, person):
    from datetime import date

    from tests.factories import Ref
    from webapp.extensions import db
    from webapp.models import PrivacyRequest

    with app.app_context():
        request = PrivacyRequest(
            municipality_id=place.id,
            user_id=person.id if person else None,
            kind="inzage",
            detail="",
            received_on=date(2026, 12, 1),
            deadline=date(2026, 12, 31),
            state="open",
            restricts=False,
            answer="",
        )
        db.session.add(request)
        db.session.commit()
        return Ref(request.id)


def _supralocal_file(app):
    from tests.factories import Ref
    from webapp.extensions import db
    from webapp.models import SupralocalFile

    with app.app_context():
        file = SupralocalFile(title="Bovenlokaal dossier")
        db.session.add(file)
        db.session.commit()
        return Ref(file.id)


def _url(app, rule, world, where):
    municipality = world[where]
    values = {}
    for argument in rule.arguments:
        if argument == "gemeente":
            values[argument] = municipality.slug
        elif argument == "signal_id":
            values[argument] = world["signals"][where].id
        elif argument == "card_id":
            values[argument] = world["cards"][where].id
        elif argument == "action_id":
            values[argument] = world["actions"][where].id
        elif argument == "meeting_id":
            values[argument] = world["meetings"][where].id
        elif argument == "user_id":
            values[argument] = world["users"]["giver"].id
        elif argument == "fmt":
            values[argument] = "json"
        elif argument == "agreement_id":
            values[argument] = world["agreements"][where].id
        elif argument == "organisation_id":
            values[argument] = world["organisations"][where].id
        elif argument == "request_id":
            values[argument] = world["join_requests"][where].id
        elif argument == "user_id":
            values[argument] = (
                world["users"]["giver"].id if where == "own" else world["outsider"].id
            )
        elif argument == "invitation_id":
            values[argument] = world["invitations"][where].id
        elif argument == "kind":
            values[argument] = "themas"
        elif argument == "term_id":
            values[argument] = world["themes"][where]
        elif argument == "token":
            values[argument] = "x" * 43
        elif argument == "decision_id":
            # A fresh one per address: a removal that succeeds leaves none for the next.
            values[argument] = _decisions(app, world)["other" if where == "mixed" else where].id
        elif argument == "privacy_request_id":
            values[argument] = world["privacy_requests"][where].id
        elif argument == "account_request_id":
            values[argument] = world["account_requests"][where].id
        elif argument == "municipality_request_id":
            values[argument] = world["municipality_request"].id
        elif argument == "file_id":
            values[argument] = world["file"].id
        elif argument == "tabel":
            values[argument] = "themas"
        elif argument == "formaat":
            values[argument] = "xlsx"
        elif argument == "filename":
            values[argument] = app.jinja_env.globals["asset_url"]("app.css").rsplit("/", 1)[1]
        else:
            raise AssertionError(f"the matrix does not know how to fill <{argument}>")
    return rule.build(values, append_unknown=False)[1]


def _outcome(response):
    if response.status_code in (302, 303) and "/login" in response.headers.get("Location", ""):
        return LOGIN
    if response.status_code == 401:
        return LOGIN
    if response.status_code in (403, 404):
        return response.status_code
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    return OK


def test_every_route_has_a_policy_rule_and_an_expectation(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(access.ENDPOINT_RULES) == set(), "routes without a policy rule"
    assert set(access.ENDPOINT_RULES) - endpoints == set(), "policy rules for unknown routes"
    assert endpoints - set(EXPECTED) == set(), "routes missing from the matrix"


@pytest.mark.parametrize("role", ROLES)
def test_route_role_municipality_matrix(app, world, role):
    failures = []
    for rule in app.url_map.iter_rules():
        for where in ("own", "other"):
            url = _url(app, rule, world, where)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                client = app.test_client()
                if role != ANONYMOUS:
                    user = world["users"][role]
                    client.post(
                        "/login", data={"email": user.email, "password": "correct-horse-battery"}
                    )
                response = client.open(url, method=method)
                expected = EXPECTED[rule.endpoint](role, where == "own")
                actual = _outcome(response)
                if actual != expected:
                    failures.append(f"{method} {url} as {role}: expected {expected}, got {actual}")
    assert not failures, "\n".join(failures)


def test_a_route_without_a_rule_is_refused(another_app):
    guarded = another_app()
    guarded.add_url_rule("/vergeten-regel", "forgotten", lambda: "geheim")
    response = guarded.test_client().get("/vergeten-regel")
    assert response.status_code == 403
    assert "geheim" not in response.get_data(as_text=True)


# --- organisation processors: what they may do follows their organisation's agreement -------

ORG_VARIANTS = {
    "own_staff": (Engagement.OWN_STAFF, AgreementStatus.ACTIVE),
    "broad_mandate": (Engagement.BROAD_MANDATE, AgreementStatus.ACTIVE),
    "agreement_ended": (Engagement.BROAD_MANDATE, AgreementStatus.ENDED),
}


# What an active engagement 1 or 2 opens: the processors' work on the signals in scope (the
# inbox, handling, redaction, follow-up links). Cards, actions and meetings need a grant of the
# agreement; the audit log, delivery, security, partners and people stay the head's or the
# municipality's processors'.
SIGNAL_WORK = {
    endpoint
    for endpoint, rule in EXPECTED.items()
    if rule is processors and endpoint.startswith("processing.")
} | {"privacy.redact_signal", "followup.revoke_links"}


def org_variant_expected(endpoint: str, variant: str, own: bool):
    """Like the plain organisation processor (a giver), except that an active engagement 1 or
    2 opens signal processing (the own-staff processor's world signal is their staff's)."""
    processes = variant != "agreement_ended"
    if processes and endpoint in SIGNAL_WORK:
        return OK if own else 404
    return EXPECTED[endpoint]("org_processor", own)


@pytest.mark.parametrize("variant", sorted(ORG_VARIANTS))
def test_organisation_processor_matrix(app, world, make, variant):
    engagement, status = ORG_VARIANTS[variant]
    own = world["own"]
    organisation = make.organisation(own, name="Partner van de matrix")
    make.agreement(own, organisation, engagement, status)
    processor = make.user(Role.ORG_PROCESSOR, own, organisation=organisation)
    staff = make.user(Role.GIVER, own, organisation=organisation)
    world = {**world, "signals": {**world["signals"], "own": make.signal(own, staff)}}
    failures = []
    for rule in app.url_map.iter_rules():
        for where in ("own", "other"):
            url = _url(app, rule, world, where)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                client = app.test_client()
                client.post(
                    "/login", data={"email": processor.email, "password": "correct-horse-battery"}
                )
                actual = _outcome(client.open(url, method=method))
                expected = org_variant_expected(rule.endpoint, variant, where == "own")
                if actual != expected:
                    failures.append(
                        f"{method} {url} as {variant}: expected {expected}, got {actual}"
                    )
    assert not failures, "\n".join(failures)
