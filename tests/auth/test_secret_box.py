"""TOTP secrets are encrypted at rest (AES-256-GCM) with keys that can be rotated; the
migration encrypts the secrets already stored and the downgrade decrypts them."""

import pyotp
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from tests.auth.test_two_factor import log_in, next_code, switch_on
from tests.test_migrations import migration_app, own_database_url  # noqa: F401  (fixtures)
from webapp import secret_box
from webapp.extensions import db
from webapp.models import Role, TwoFactor


@pytest.fixture
def place(make):
    return make.municipality(slug="sleutelstad")


def stored_secret(app, user_id):
    with app.app_context():
        return db.session.get(TwoFactor, user_id).secret


def test_aes_gcm_matches_the_published_test_vector():
    """NIST GCM test case 14 (256-bit zero key, zero IV, one zero block)."""
    body, tag = secret_box.aes_gcm(True, bytes(32), bytes(12), bytes(16), b"")
    assert body.hex() == "cea7403d4d606b6e074ec5d3baf39d18"
    assert tag.hex() == "d0d1c8a799996bf0265b98b5d48ab919"


def test_a_sealed_value_opens_only_with_its_key_and_its_row():
    key, other = secret_box.derived_key("a"), secret_box.derived_key("b")
    sealed = secret_box.seal("JBSWY3DPEHPK3PXP", "two_factor:1", [key])
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert secret_box.open_sealed(sealed, "two_factor:1", [other, key]) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(secret_box.SecretBoxError):
        secret_box.open_sealed(sealed, "two_factor:2", [key])
    with pytest.raises(secret_box.SecretBoxError):
        secret_box.open_sealed(sealed, "two_factor:1", [other])
    altered = sealed[:-2] + ("AA" if sealed[-2:] != "AA" else "BB")
    with pytest.raises(secret_box.SecretBoxError):
        secret_box.open_sealed(altered, "two_factor:1", [key])
    with pytest.raises(secret_box.SecretBoxError):
        secret_box.parse_keys("dGVzdA")  # four bytes, not 32


def test_the_secret_is_stored_encrypted_and_still_works(app, make, place):
    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    stored = stored_secret(app, user.id)
    assert stored.startswith("aesgcm1:") and secret not in stored
    client.post("/logout")
    log_in(client, user)
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 303


def test_a_new_key_is_put_first_and_every_secret_rotated(app, another_app, make, place):
    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    client.post("/logout")
    before = stored_secret(app, user.id)

    old = secret_box.encode_key(secret_box.derived_key(app.config["SECRET_KEY"]))
    new = secret_box.new_key()
    both = another_app(SECRET_BOX_KEYS=f"{new}, {old}")
    result = both.test_cli_runner().invoke(args=["secrets", "rotate"])
    assert result.exit_code == 0, result.output
    assert "1 secret(s) re-encrypted" in result.output
    after = stored_secret(both, user.id)
    assert after != before and not secret_box.needs_new_key(after, secret_box.parse_keys(new))

    only_new = another_app(SECRET_BOX_KEYS=new)
    again = only_new.test_cli_runner().invoke(args=["secrets", "rotate"])
    assert "0 secret(s) re-encrypted" in again.output
    browser = only_new.test_client()
    log_in(browser, user)
    assert browser.post("/login/code", data={"code": next_code(secret)}).status_code == 303

    missing = another_app(SECRET_BOX_KEYS=secret_box.new_key()).test_cli_runner()
    refused = missing.invoke(args=["secrets", "rotate"])
    assert refused.exit_code != 0 and "list the old key" in refused.output
    assert stored_secret(app, user.id) == after, "nothing changed"


def test_new_key_prints_a_usable_key(app):
    result = app.test_cli_runner().invoke(args=["secrets", "new-key"])
    assert len(secret_box.parse_keys(result.output.strip())) == 1


def test_the_migration_encrypts_stored_secrets_and_the_downgrade_decrypts(migration_app):  # noqa: F811
    upgrade(revision="0016")
    secret = pyotp.random_base32()
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO user_account (id, email, name, password_hash, active, "
                "session_generation, created_at) VALUES (7, 'a@b.example', 'A', '', true, 0, "
                "CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO two_factor (user_id, secret, last_step, enabled_at) "
                "VALUES (7, :secret, 0, CURRENT_TIMESTAMP)"
            ),
            {"secret": secret},
        )
    upgrade(revision="0019")
    with db.engine.connect() as connection:
        sealed = connection.execute(select(TwoFactor.secret)).scalar_one()
    assert sealed.startswith("aesgcm1:") and secret not in sealed
    keys = secret_box.keys_from_config(migration_app.config)
    assert secret_box.open_sealed(sealed, "two_factor:7", keys) == secret
    downgrade(revision="0016")
    with db.engine.connect() as connection:
        plain = connection.execute(text("SELECT secret FROM two_factor")).scalar_one()
    assert plain == secret
