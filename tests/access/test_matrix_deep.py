"""The matrix of test_matrix.py, taken further (issue 10): organisation processors with an
agreement (engagement 1: their own staff's signals; 2: every signal), the own slug with another
municipality's id, and what the pages that open hold.

It reuses EXPECTED and the world of test_matrix.py, so a route added there is covered here too.
"""

import zipfile
from io import BytesIO

import pytest
from sqlalchemy import update

from tests.access import test_matrix as matrix
from tests.access.test_matrix import EXPECTED, LOGIN, OK, ROLES, _outcome, _url
from tests.access.test_matrix import world as world  # noqa: F401  (the shared fixture)
from webapp.extensions import db
from webapp.models import (
    Action,
    Engagement,
    Meeting,
    Municipality,
    Role,
    Signal,
    SignalCard,
    User,
)

PASSWORD = "correct-horse-battery"
OTHER_MARKERS = ("Anderegem", "GEHEIM-ANDERE-SIGNAAL", "GEHEIM-ANDERE-FICHE")
OWN_SIGNAL_TEXT = "EIGEN-SIGNAAL-TEKST"
OWN_GIVER = "Gever Eigenaar"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def deep(app, make, world):
    """The matrix's world, plus organisation processors with an agreement, recognisable texts,
    and "mixed": the own slug with the other municipality's ids."""
    own = world["own"]
    organisation = make.organisation(own, "CAW Matrix")
    broad = make.organisation(own, "OCMW Matrix")
    make.agreement(own, organisation, Engagement.OWN_STAFF)
    make.agreement(own, broad, Engagement.BROAD_MANDATE)
    world["users"]["org_processor_own"] = make.user(
        Role.ORG_PROCESSOR, own, organisation=organisation
    )
    world["users"]["org_processor_all"] = make.user(Role.ORG_PROCESSOR, own, organisation=broad)
    with app.app_context():
        giver = world["users"]["giver"]
        db.session.execute(
            update(User)
            .where(User.id == giver.id)
            .values(name=OWN_GIVER, organisation_id=organisation.id)
        )
        db.session.execute(
            update(Signal)
            .where(Signal.id == world["signals"]["own"].id)
            .values(title=OWN_SIGNAL_TEXT, organisation_id=organisation.id)
        )
        db.session.execute(
            update(Municipality)
            .where(Municipality.id == world["other"].id)
            .values(name="Anderegem")
        )
        db.session.execute(
            update(Signal)
            .where(Signal.id == world["signals"]["other"].id)
            .values(title="GEHEIM-ANDERE-SIGNAAL")
        )
        db.session.execute(
            update(SignalCard)
            .where(SignalCard.id == world["cards"]["other"].id)
            .values(title="GEHEIM-ANDERE-FICHE")
        )
        for model, key in ((Action, "actions"), (Meeting, "meetings")):
            db.session.execute(
                update(model).where(model.id == world[key]["other"].id).values(title="Anderegem")
            )
        db.session.commit()
    world["mixed"] = world["own"]
    for value in list(world.values()):
        if isinstance(value, dict) and "other" in value:
            value["mixed"] = value["other"]
    return world


def _client(app, world, role):
    client = app.test_client()
    if role != matrix.ANONYMOUS:
        user = world["users"][role]
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 303, f"{role} could not log in"
    return client


def _requests(app, world, where):
    for rule in app.url_map.iter_rules():
        url = _url(app, rule, world, where)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, url, method


def _expected_for_agreement(endpoint, own):
    """Organisation processors with an agreement (and no grants) process signals like
    colleagues; elsewhere they are what an organisation processor without one is."""
    if endpoint in matrix.SIGNAL_WORK:
        return matrix.processors("processor", own)
    return EXPECTED[endpoint]("org_processor", own)


def _readable(response) -> str:
    """The text of a response; of a spreadsheet export, the XML inside it."""
    if response.mimetype == XLSX:
        with zipfile.ZipFile(BytesIO(response.get_data())) as book:
            return "".join(book.read(name).decode() for name in book.namelist())
    return response.get_data(as_text=True)


def _check(response, method, expected, failures, label):
    actual = _outcome(response)
    if actual != expected:
        failures.append(f"{label}: expected {expected}, got {actual} ({response.status_code})")
    elif actual == OK and method == "GET" and response.status_code not in (200, 302, 303):
        failures.append(f"{label}: a GET that the role may do answered {response.status_code}")


@pytest.mark.parametrize("role", ["org_processor_own", "org_processor_all"])
def test_organisation_processors_with_an_agreement(app, deep, role):
    failures = []
    for where in ("own", "other"):
        for rule, url, method in _requests(app, deep, where):
            client = _client(app, deep, role)
            response = client.open(url, method=method)
            expected = _expected_for_agreement(rule.endpoint, where == "own")
            _check(response, method, expected, failures, f"{method} {url} as {role}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", [*ROLES, "org_processor_own", "org_processor_all"])
def test_own_slug_with_another_municipalitys_id_is_not_found(app, deep, role):
    failures = []
    checked = 0
    for rule, url, method in _requests(app, deep, "mixed"):
        if "gemeente" not in rule.arguments or url == _url(app, rule, deep, "own"):
            continue  # no id of the other municipality's records in this URL
        if role.startswith("org_processor_"):
            own_expected = _expected_for_agreement(rule.endpoint, True)
        else:
            own_expected = EXPECTED[rule.endpoint](role, True)
        # Refused before anything is loaded, or else: the record is not found under this slug.
        expected = 404 if own_expected == OK else own_expected
        client = _client(app, deep, role)
        response = client.open(url, method=method)
        _check(response, method, expected, failures, f"{method} {url} as {role}")
        checked += 1
    assert checked >= 20, "the URLs with ids were not found"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", [*ROLES, "org_processor_own", "org_processor_all"])
def test_pages_that_open_hold_nothing_they_should_not(app, deep, role):
    """Nothing of the other municipality on the own municipality's pages; for aldermen and the
    network, no signal text and no giver at all."""
    failures = []
    opened = 0
    for rule, url, method in _requests(app, deep, "own"):
        if method != "GET" or rule.endpoint == "assets":
            continue
        client = _client(app, deep, role)
        response = client.get(url)
        if response.status_code != 200:
            continue
        page = _readable(response)
        opened += 1
        if "gemeente" in rule.arguments:
            leaked = [marker for marker in OTHER_MARKERS if marker in page]
            if leaked:
                failures.append(f"GET {url} as {role} shows {leaked}")
        if role in ("alderman", "network"):
            leaked = [m for m in (OWN_SIGNAL_TEXT, OWN_GIVER) if m in page]
            if leaked:
                failures.append(f"GET {url} as {role} shows {leaked}")
    assert opened >= 5, "too few pages opened to check anything"
    assert not failures, "\n".join(failures)


def test_the_markers_would_be_seen(app, deep):
    """The content checks above can fail: the marked texts do show where they belong."""
    head = _client(app, deep, "head_processor")
    own = deep["own"].slug
    assert OWN_SIGNAL_TEXT in head.get(f"/{own}/verwerken").get_data(as_text=True)
    other_head = app.test_client()
    anderegem = deep["other"].slug
    assert "Anderegem" in other_head.get(f"/{anderegem}/").get_data(as_text=True)
    assert LOGIN == matrix.LOGIN
