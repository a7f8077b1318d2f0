"""Login throttling that holds across workers (OWASP ASVS 6.3.5 / 2.2.1).

Three counters, all in the store of webapp/rate_limits.py that every worker shares (the
database by default, Redis when RATELIMIT_STORAGE_URI points at one):

- per account and address: a few free failures, then a delay that doubles with every further
  failure; the attempts refused meanwhile are not even checked;
- per account over all addresses: enough failures lock the account for a while; a password
  reset lifts the lock;
- per address over all accounts: a burst of failures makes the address wait until its short
  window ends, except for a browser that logged into the account before (a signed device
  cookie), so that one person behind a shared address cannot lock the colleagues out.
"""

import math
import time
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from webapp.rate_limits import digest as _digest
from webapp.rate_limits import enabled, store

FREE_FAILURES = 5
PAIR_WINDOW = 15 * 60
ACCOUNT_LOCK_FAILURES = 20
ACCOUNT_WINDOW = 60 * 60
LOCK_SECONDS = 15 * 60
ADDRESS_FAILURES = 30
ADDRESS_WINDOW = 60
RESET_REQUESTS_PER_ADDRESS = 5
RESET_WINDOW = 60
DEVICE_COOKIE = "ls_apparaat"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""  # "delay", "locked" or "address"
    retry_after: int = 0


# --- Login -------------------------------------------------------------------------------------


def _keys(email: str, address: str) -> dict[str, str]:
    account = _digest(email)
    return {
        "pair": f"login:pair:{account}:{_digest(address)}",
        "account": f"login:account:{account}",
        "lock": f"login:lock:{account}",
        "address": f"login:address:{_digest(address)}",
    }


def pair_delay(failures: int) -> int:
    """Seconds to wait after this many failures from one address for one account."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), PAIR_WINDOW)


def check_login(email: str, address: str, known_device: bool) -> Verdict:
    """May this address try a password for this account now?"""
    if not enabled():
        return Verdict(True)
    keys = _keys(email, address)
    counters = store()
    locked, locked_at = counters.peek(keys["lock"])
    if locked:
        return Verdict(False, "locked", _remaining(locked_at, LOCK_SECONDS))
    if not known_device:
        failures, _ = counters.peek(keys["address"])
        if failures >= ADDRESS_FAILURES:
            return Verdict(False, "address", ADDRESS_WINDOW)
    failures, last_at = counters.peek(keys["pair"])
    wait = _remaining(last_at, pair_delay(failures))
    if wait > 0:
        return Verdict(False, "delay", wait)
    return Verdict(True)


def _remaining(since: float, seconds: int) -> int:
    return max(0, math.ceil(since + seconds - time.time())) if seconds else 0


def login_failed(email: str, address: str) -> bool:
    """Count a wrong password; True when this failure locked the account."""
    if not enabled():
        return False
    keys = _keys(email, address)
    counters = store()
    counters.hit(keys["pair"], PAIR_WINDOW)
    counters.hit(keys["address"], ADDRESS_WINDOW)
    if counters.hit(keys["account"], ACCOUNT_WINDOW) >= ACCOUNT_LOCK_FAILURES:
        counters.hit(keys["lock"], LOCK_SECONDS)
        counters.clear(keys["account"])
        return True
    return False


def login_succeeded(email: str, address: str) -> None:
    if enabled():
        store().clear(_keys(email, address)["pair"])


def lift_lock(email: str) -> None:
    """A password reset proves the owner: the lock and the failure count go."""
    keys = _keys(email, "")
    counters = store()
    counters.clear(keys["lock"])
    counters.clear(keys["account"])


def reset_request_allowed(address: str) -> bool:
    """Password-reset mails: a few per minute per address."""
    if not enabled():
        return True
    return store().hit(f"reset:address:{_digest(address)}", RESET_WINDOW) <= (
        RESET_REQUESTS_PER_ADDRESS
    )


# --- Two-factor codes --------------------------------------------------------------------------

CODE_FAILURES = 5
CODE_WINDOW = 15 * 60


def code_allowed(user_id: int) -> bool:
    if not enabled():
        return True
    return store().peek(f"code:{user_id}")[0] < CODE_FAILURES


def code_failed(user_id: int) -> None:
    if enabled():
        store().hit(f"code:{user_id}", CODE_WINDOW)


def code_succeeded(user_id: int) -> None:
    if enabled():
        store().clear(f"code:{user_id}")


# --- Known devices -----------------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def device_cookie_value(email: str, current: str | None) -> str:
    """The cookie after a successful login: the accounts this browser logged into (at most 5)."""
    accounts = [a for a in _known_accounts(current) if a != _digest(email)]
    return _serializer().dumps([_digest(email), *accounts][:5])


def _known_accounts(value: str | None) -> list[str]:
    if not value:
        return []
    try:
        accounts = _serializer().loads(value)
    except BadSignature:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def is_known_device(email: str, value: str | None) -> bool:
    return _digest(email) in _known_accounts(value)
