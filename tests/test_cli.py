"""The command line: demo data, municipalities and users."""

import pytest

from webapp.demo.loader import DEMO_PASSWORD, ROLE_ACCOUNTS, demo_email
from webapp.extensions import db
from webapp.models import (
    Membership,
    Municipality,
    Organisation,
    Role,
    Signal,
    StatusChange,
    TargetGroup,
    Theme,
    User,
)

DEMO_SLUGS = [
    "kortrijk",
    "oud-turnhout",
    "gent",
    "bornem",
    "eeklo",
    "dendermonde",
    "sint-niklaas",
    "roeselare",
    "mortsel",
    "berlaar",
]
# DESIGN §8: the public contacts from the seeds (Berlaar has none there).
CONTACTS = {
    "bornem": "buurtwerking@bornem.be",
    "dendermonde": "lokaal.signaal@dendermonde.be",
    "eeklo": "lokaalsignaal@eeklo.be",
    "gent": "lokaalsociaalbeleid@stad.gent",
    "kortrijk": "lokaal.signaal@kortrijk.be",
    "mortsel": "projectwerking@mortsel.be",
    "oud-turnhout": "samenleving@oud-turnhout.be",
    "roeselare": "samenleven@roeselare.be",
    "sint-niklaas": "regiewelzijn@sint-niklaas.be",
    "berlaar": None,
}
MUNICIPAL_ROLES = [role for role in Role if role != Role.NETWORK]
COUNTED = (Municipality, Organisation, Theme, TargetGroup, User, Membership, Signal, StatusChange)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in COUNTED
        }


def run(runner, *args):
    return runner.invoke(args=list(args), catch_exceptions=False)


def fail(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


# --- demo load -------------------------------------------------------------------------------


@pytest.fixture
def demo(app, runner):
    result = run(runner, "demo", "load")
    assert result.exit_code == 0, result.output
    return result


def test_demo_load_creates_the_launch_municipalities(app, demo):
    assert "Demo data loaded for: " + ", ".join(DEMO_SLUGS) + "." in demo.output
    assert repr(DEMO_PASSWORD) in demo.output
    with app.app_context():
        places = {m.slug: m for m in db.session.scalars(db.select(Municipality))}
        assert sorted(places) == sorted(DEMO_SLUGS)
        for slug, place in places.items():
            assert place.contact_email == CONTACTS[slug], slug
            host = "www.stad.gent" if slug == "gent" else f"www.{slug}.be"
            assert place.public_url == f"https://{host}/lokaal-signaal"
            assert place.coordinator_name
        assert places["oud-turnhout"].name == "Oud-Turnhout"
        assert places["sint-niklaas"].name == "Sint-Niklaas"


def test_demo_load_gives_every_municipality_every_role(app, demo):
    with app.app_context():
        for place in db.session.scalars(db.select(Municipality)):
            roles = db.session.scalars(
                db.select(Membership.role).filter_by(municipality_id=place.id)
            ).all()
            assert set(roles) == {role.value for role in MUNICIPAL_ROLES}, place.slug
            for role, local in ROLE_ACCOUNTS:
                user = db.session.scalars(
                    db.select(User).filter_by(email=demo_email(local, place.slug))
                ).one()
                assert user.roles_in(place) == {role}
                assert user.organisation.municipality_id == place.id
                assert [m.privacy_consent_version for m in user.memberships] == [
                    place.privacy_version
                ]
            signals = db.session.scalars(db.select(Signal).filter_by(municipality_id=place.id))
            signals = signals.all()
            assert len(signals) >= 10
            assert all(s.history and s.themes for s in signals)
            assert len({s.status for s in signals}) >= 3
            assert len(place.themes) == 12
            assert len(place.organisations) >= 3
        network = db.session.scalars(db.select(Membership).filter_by(role=Role.NETWORK.value)).all()
        assert len(network) == 1
        assert network[0].municipality_id is None


def test_demo_load_twice_changes_nothing(app, runner, demo):
    before = counts(app)
    assert before["Municipality"] == 10
    result = run(runner, "demo", "load")
    assert result.exit_code == 0
    assert "Demo data was loaded before: nothing to do." in result.output
    assert counts(app) == before


def test_demo_load_if_empty_loads_an_empty_database(app, runner):
    result = run(runner, "demo", "load", "--if-empty")
    assert result.exit_code == 0
    assert counts(app)["Municipality"] == 10


def test_demo_load_if_empty_leaves_a_used_database_alone(app, runner, make):
    make.municipality(slug="eigen-gemeente")
    before = counts(app)
    result = run(runner, "demo", "load", "--if-empty")
    assert result.exit_code == 0
    assert "The database holds data already: demo data not loaded." in result.output
    assert counts(app) == before


@pytest.mark.parametrize(
    ("local", "slug", "landing"),
    [
        ("signaalgever", "gent", "/gent/"),
        ("hoofdverwerker", "oud-turnhout", "/oud-turnhout/"),
        ("schepen", "berlaar", "/berlaar/"),
        ("netwerk", None, "/"),
    ],
)
def test_demo_accounts_log_in_with_the_demo_password(app, client, demo, local, slug, landing):
    response = client.post(
        "/login", data={"email": demo_email(local, slug), "password": DEMO_PASSWORD}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == landing
    assert "Afmelden" in client.get(landing).get_data(as_text=True)


def test_demo_giver_reads_the_demo_signals(client, demo):
    client.post(
        "/login", data={"email": demo_email("signaalgever", "kortrijk"), "password": DEMO_PASSWORD}
    )
    response = client.get("/kortrijk/signalen")
    assert response.status_code == 200
    assert "signaal" in response.get_data(as_text=True).lower()


def test_demo_municipality_page_shows_its_contact(client, demo):
    html = client.get("/dendermonde/").get_data(as_text=True)
    assert 'href="mailto:lokaal.signaal@dendermonde.be"' in html


# --- municipalities create -------------------------------------------------------------------


def test_municipalities_create(app, runner, client):
    result = run(
        runner,
        "municipalities",
        "create",
        "--slug",
        "Proefdorp",
        "--name",
        " Proefdorp ",
        "--contact-email",
        "signaal@proefdorp.be",
    )
    assert result.exit_code == 0, result.output
    assert "Municipality Proefdorp created at /proefdorp/." in result.output
    with app.app_context():
        place = db.session.scalars(db.select(Municipality).filter_by(slug="proefdorp")).one()
        assert place.name == "Proefdorp"
        assert place.contact_email == "signaal@proefdorp.be"
        assert [t.slug for t in place.themes][:3] == ["wonen", "armoede", "jeugd"]
        assert len(place.themes) == 12
        assert len(place.target_groups) == 12
    response = client.get("/proefdorp/")
    assert response.status_code == 200
    assert "Lokaal Signaal in Proefdorp" in response.get_data(as_text=True)
    assert "Wonen" in client.get("/proefdorp/signalen/nieuw").get_data(as_text=True)


def test_municipalities_create_refuses_a_duplicate_slug(app, runner):
    run(runner, "municipalities", "create", "--slug", "dubbel", "--name", "Dubbel")
    before = counts(app)
    result = fail(runner, "municipalities", "create", "--slug", "dubbel", "--name", "Ander")
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert counts(app) == before


@pytest.mark.parametrize("slug", ["met spatie", "a/b", "-rand", "dubbel--streep", "é", "x" * 61])
def test_municipalities_create_refuses_a_slug_unfit_for_urls(app, runner, slug):
    result = fail(runner, "municipalities", "create", "--slug", slug, "--name", "Fout")
    assert "not usable in a URL" in result.output
    assert counts(app)["Municipality"] == 0


@pytest.mark.parametrize("slug", ["login", "uitnodiging", "assets", "netwerk", "mijn-gegevens"])
def test_municipalities_create_refuses_the_apps_own_paths(app, runner, slug):
    result = fail(runner, "municipalities", "create", "--slug", slug, "--name", "Fout")
    assert "path of the application" in result.output
    assert counts(app)["Municipality"] == 0


def test_municipalities_create_needs_slug_and_name(runner):
    result = fail(runner, "municipalities", "create", "--slug", "zonder-naam")
    assert result.exit_code == 2
    assert "Missing option '--name'" in result.output


# --- users create ----------------------------------------------------------------------------


@pytest.fixture
def place(make):
    return make.municipality(slug="proefstad", name="Proefstad")


def user_row(app, email):
    with app.app_context():
        user = db.session.scalars(db.select(User).filter_by(email=email)).first()
        if user is None:
            return None
        return {
            "name": user.name,
            "memberships": sorted((m.municipality_id, m.role) for m in user.memberships),
            "organisation": user.organisation.name if user.organisation else None,
            "organisation_municipality": user.organisation.municipality_id
            if user.organisation
            else None,
            "has_password": user.password_hash is not None,
            "consent": next((m.privacy_consent_version for m in user.memberships), None),
        }


@pytest.mark.parametrize("role", MUNICIPAL_ROLES)
def test_users_create_for_each_municipal_role(app, runner, place, role):
    email = f"{role.value}@proef.example"
    result = run(
        runner,
        "users",
        "create",
        "--email",
        email,
        "--name",
        "Piet Proef",
        "--municipality",
        "proefstad",
        "--role",
        role.value,
    )
    assert result.exit_code == 0, result.output
    assert f"User {email} created as {role.value} in Proefstad." in result.output
    row = user_row(app, email)
    assert row["name"] == "Piet Proef"
    assert row["memberships"] == [(place.id, role.value)]
    assert row["organisation"] is None
    assert row["has_password"] is False
    assert row["consent"] is not None


def test_users_create_with_organisation_and_password_can_log_in(app, runner, client, place):
    result = run(
        runner,
        "users",
        "create",
        "--email",
        "Verwerker@Proef.Example",
        "--name",
        "Vera Verwerker",
        "--municipality",
        "proefstad",
        "--role",
        "head_processor",
        "--organisation",
        "OCMW Proefstad",
        "--password",
        "een-goed-wachtwoord",
    )
    assert result.exit_code == 0, result.output
    row = user_row(app, "verwerker@proef.example")
    assert row["organisation"] == "OCMW Proefstad"
    assert row["organisation_municipality"] == place.id
    assert row["has_password"] is True

    response = client.post(
        "/login", data={"email": "verwerker@proef.example", "password": "een-goed-wachtwoord"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/"
    assert client.get("/proefstad/uitnodigingen").status_code == 200


def test_users_create_reuses_an_existing_organisation(app, runner, make, place):
    caw = make.organisation(place, name="CAW Proefstreek")
    for number in (1, 2):
        run(
            runner,
            "users",
            "create",
            "--email",
            f"caw{number}@proef.example",
            "--name",
            f"Medewerker {number}",
            "--municipality",
            "proefstad",
            "--role",
            "giver",
            "--organisation",
            "CAW Proefstreek",
        )
    with app.app_context():
        organisations = db.session.scalars(db.select(Organisation)).all()
        assert [o.id for o in organisations] == [caw.id]
        users = db.session.scalars(db.select(User).order_by(User.email)).all()
        assert [u.organisation_id for u in users] == [caw.id, caw.id]


@pytest.mark.parametrize("municipality", [None, "proefstad", "bestaat-niet"])
def test_users_create_network_ignores_the_municipality(app, runner, client, place, municipality):
    args = ["users", "create", "--email", "netwerk@vvsg.example", "--name", "Netwerk"]
    args += ["--role", "network", "--password", "netwerk-wachtwoord"]
    if municipality:
        args += ["--municipality", municipality]
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    assert "User netwerk@vvsg.example created as network." in result.output
    assert user_row(app, "netwerk@vvsg.example")["memberships"] == [(None, "network")]
    response = client.post(
        "/login", data={"email": "netwerk@vvsg.example", "password": "netwerk-wachtwoord"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_users_create_refuses_an_unknown_municipality(app, runner, place):
    result = fail(
        runner,
        "users",
        "create",
        "--email",
        "x@proef.example",
        "--name",
        "X",
        "--municipality",
        "nergensdorp",
        "--role",
        "giver",
    )
    assert result.exit_code == 1
    assert "No municipality with slug 'nergensdorp'." in result.output
    assert user_row(app, "x@proef.example") is None


def test_users_create_needs_a_municipality_for_municipal_roles(app, runner, place):
    result = fail(
        runner, "users", "create", "--email", "x@proef.example", "--name", "X", "--role", "giver"
    )
    assert "--municipality is required for this role." in result.output
    assert user_row(app, "x@proef.example") is None


def test_users_create_refuses_a_duplicate_address(app, runner, make, place):
    make.user(Role.GIVER, place, email="dubbel@proef.example")
    result = fail(
        runner,
        "users",
        "create",
        "--email",
        "DUBBEL@proef.example",
        "--name",
        "Tweede",
        "--municipality",
        "proefstad",
        "--role",
        "processor",
    )
    assert "exists already" in result.output
    assert user_row(app, "dubbel@proef.example")["memberships"] == [(place.id, "giver")]


def test_users_create_refuses_a_short_password(app, runner, place):
    result = fail(
        runner,
        "users",
        "create",
        "--email",
        "kort@proef.example",
        "--name",
        "Kort",
        "--municipality",
        "proefstad",
        "--role",
        "giver",
        "--password",
        "te-kort",
    )
    assert "at least 12 characters" in result.output
    assert user_row(app, "kort@proef.example") is None


@pytest.mark.parametrize("email", ["geen-adres", "twee@@proef.example", "a b@proef.example"])
def test_users_create_refuses_an_invalid_address(app, runner, place, email):
    result = fail(
        runner,
        "users",
        "create",
        "--email",
        email,
        "--name",
        "Fout",
        "--municipality",
        "proefstad",
        "--role",
        "giver",
    )
    assert "is not a valid e-mail address" in result.output
    assert counts(app)["User"] == 0


def test_users_create_refuses_an_unknown_role(runner, place):
    result = fail(
        runner,
        "users",
        "create",
        "--email",
        "x@proef.example",
        "--name",
        "X",
        "--municipality",
        "proefstad",
        "--role",
        "admin",
    )
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
