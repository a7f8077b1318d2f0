"""Two-factor authentication with a time-based code (TOTP, RFC 6238) and recovery codes
(OWASP ASVS 6.5): optional for everyone, mandatory for the processors of a municipality that
asks for it."""

import secrets
import time

import pyotp
from flask import session
from sqlalchemy import select, update

from webapp import access, secret_box
from webapp.extensions import db
from webapp.models import MunicipalitySecurity, RecoveryCode, TwoFactor, User, utcnow
from webapp.models.user import check_password_hash, hash_password

ISSUER = "Lokaal Signaal"
RECOVERY_CODES = 10
PENDING_KEY = "two_factor_pending"
SETUP_KEY = "two_factor_setup_secret"
PENDING_SECONDS = 5 * 60


def of(user) -> TwoFactor | None:
    return db.session.get(TwoFactor, user.id)


def required_for(user) -> bool:
    """Whether a municipality where the user processes signals demands a second factor."""
    municipality_ids = [
        m.municipality_id for m in user.memberships if m.role in access.PROCESSING_ROLES
    ]
    if not municipality_ids:
        return False
    return (
        db.session.scalars(
            select(MunicipalitySecurity.municipality_id).where(
                MunicipalitySecurity.municipality_id.in_(municipality_ids),
                MunicipalitySecurity.require_two_factor.is_(True),
            )
        ).first()
        is not None
    )


def setup_secret() -> str:
    """The secret offered on the set-up page, kept in the session until confirmed."""
    if SETUP_KEY not in session:
        session[SETUP_KEY] = pyotp.random_base32()
    return session[SETUP_KEY]


def _context(user_id: int) -> str:
    return f"two_factor:{user_id}"


def seal_secret(user_id: int, secret: str, keys: list[bytes] | None = None) -> str:
    """The secret as stored: encrypted, bound to its user (webapp/secret_box.py)."""
    return secret_box.seal(secret, _context(user_id), keys)


def open_secret(factor: TwoFactor, keys: list[bytes] | None = None) -> str:
    return secret_box.open_sealed(factor.secret, _context(factor.user_id), keys)


def reseal_all() -> int:
    """Re-encrypt every stored secret with the first key (after a new key was put first);
    returns how many changed. Raises SecretBoxError when a listed key is missing."""
    changed = 0
    for factor in db.session.scalars(select(TwoFactor)):
        if secret_box.is_sealed(factor.secret) and not secret_box.needs_new_key(factor.secret):
            continue
        plain = open_secret(factor) if secret_box.is_sealed(factor.secret) else factor.secret
        factor.secret = seal_secret(factor.user_id, plain)
        changed += 1
    db.session.flush()
    return changed


def provisioning_uri(user, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _matching_step(secret: str, code: str) -> int | None:
    """The time step the code belongs to (now, or one step either side), or None."""
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None  # compare_digest takes ASCII only; "١٢٣٤٥٦" is digits to isdigit()
    totp = pyotp.TOTP(secret)
    now = time.time()
    for offset in (0, -30, 30):
        moment = now + offset
        if secrets.compare_digest(totp.at(moment), code):
            return totp.timecode(_datetime(moment))
    return None


def _datetime(moment: float):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(moment, UTC)


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def enable(user, secret: str, code: str) -> list[str] | None:
    """Switch two-factor on when the code fits the secret; returns fresh recovery codes."""
    step = _matching_step(secret, _clean(code))
    if step is None:
        return None
    existing = of(user)
    sealed = seal_secret(user.id, secret)
    if existing is None:
        db.session.add(TwoFactor(user_id=user.id, secret=sealed, last_step=step))
    else:
        existing.secret, existing.last_step, existing.enabled_at = sealed, step, utcnow()
    session.pop(SETUP_KEY, None)
    return new_recovery_codes(user)


def new_recovery_codes(user) -> list[str]:
    """Replace every recovery code by RECOVERY_CODES new ones, shown once."""
    db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]
    for code in codes:
        # 64 random bits: stored with the password hash (Argon2id), as ASVS 6.5.2 asks.
        db.session.add(RecoveryCode(user_id=user.id, code_hash=hash_password(_clean(code))))
    db.session.flush()
    return codes


def disable(user) -> None:
    factor = of(user)
    if factor is not None:
        db.session.delete(factor)
    db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    db.session.flush()


def verify(user, code: str) -> str | None:
    """ "totp" or "recovery" when the code is accepted (and spent), else None."""
    factor = of(user)
    if factor is None:
        return None
    cleaned = _clean(code)
    if not cleaned.isascii():
        return None
    if cleaned.isdigit() and len(cleaned) == 6:
        step = _matching_step(open_secret(factor), cleaned)
        if step is None or step <= factor.last_step:
            return None  # wrong, or replayed
        factor.last_step = step
        db.session.flush()
        return "totp"
    unused = db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ).all()
    for candidate in unused:
        if check_password_hash(candidate.code_hash, cleaned):
            spent = db.session.execute(
                update(RecoveryCode)
                .where(RecoveryCode.id == candidate.id, RecoveryCode.used_at.is_(None))
                .values(used_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            return "recovery" if spent.rowcount == 1 else None
    return None


def remaining_recovery_codes(user) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        ).all()
    )


# --- Between the password and the code ---------------------------------------------------------


def start_pending(user, next_url: str | None) -> None:
    """The password was right: remember who is halfway, for a few minutes."""
    session[PENDING_KEY] = {
        "user_id": user.id,
        "generation": user.session_generation,
        "at": time.time(),
        "next": next_url,
    }


def pending_user():
    """The user who gave the right password and still owes a code, or None."""
    pending = session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = db.session.get(User, pending["user_id"])
    if user is None or not user.active or user.session_generation != pending["generation"]:
        return None, None
    return user, pending.get("next")
