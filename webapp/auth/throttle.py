"""Login throttling that holds across workers and never locks the owner out (OWASP
Authentication Cheat Sheet, "device cookies"; ASVS 6.1.1, 6.3.1).

Counters live in the store of webapp/rate_limits.py that every worker shares (the database by
default, Redis when RATELIMIT_STORAGE_URI points at one). A browser is either *known* for an
account (it holds a signed device cookie that names the account: it logged in, or finished a
password reset, there before) or *unknown*.

Unknown browsers:
- per account and address: a few free failures, then a delay that doubles with every further
  failure; the attempts refused meanwhile are not even checked;
- per account over all addresses: enough failures lock the account for unknown browsers for a
  while; a password reset lifts the lock;
- per address over all accounts: a burst of failures makes the address wait until its short
  window ends.

Known browsers are counted per account and device only: the same free failures and doubling
delay, on a counter an attacker elsewhere, or at the same office address, cannot touch. So an
account under attack still lets its owner in from their own browser, and through a reset.
"""

import hashlib
import math
import secrets
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
RESET_MAILS_PER_ACCOUNT = 5
RESET_MAIL_WINDOW = 60 * 60
DEVICE_COOKIE = "ls_apparaat"
DEVICE_ACCOUNTS = 5


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""  # "delay", "locked" or "address"
    retry_after: int = 0


# --- Login -------------------------------------------------------------------------------------


def _keys(email: str, address: str, device: str | None = None) -> dict[str, str]:
    account = _digest(email)
    return {
        "pair": f"login:pair:{account}:{_digest(address)}",
        "account": f"login:account:{account}",
        "lock": f"login:lock:{account}",
        "address": f"login:address:{_digest(address)}",
        "device": f"login:device:{account}:{_digest(device or '')}",
    }


def pair_delay(failures: int) -> int:
    """Seconds to wait after this many failures from one address (or device) for one account."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), PAIR_WINDOW)


def check_login(email: str, address: str, device: str | None) -> Verdict:
    """May this browser try a password for this account now? `device` is the browser's
    device id when its cookie names this account, else None."""
    if not enabled():
        return Verdict(True)
    keys = _keys(email, address, device)
    counters = store()
    if device is not None:
        failures, last_at = counters.peek(keys["device"])
        wait = _remaining(last_at, pair_delay(failures))
        return Verdict(False, "delay", wait) if wait > 0 else Verdict(True)
    locked, locked_at = counters.peek(keys["lock"])
    if locked:
        return Verdict(False, "locked", _remaining(locked_at, LOCK_SECONDS))
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


def login_failed(email: str, address: str, device: str | None = None) -> bool:
    """Count a wrong password; True when this failure locked the account."""
    if not enabled():
        return False
    keys = _keys(email, address, device)
    counters = store()
    if device is not None:
        counters.hit(keys["device"], PAIR_WINDOW)
        return False
    counters.hit(keys["pair"], PAIR_WINDOW)
    counters.hit(keys["address"], ADDRESS_WINDOW)
    if counters.hit(keys["account"], ACCOUNT_WINDOW) >= ACCOUNT_LOCK_FAILURES:
        counters.hit(keys["lock"], LOCK_SECONDS)
        counters.clear(keys["account"])
        return True
    return False


def login_succeeded(email: str, address: str, device: str | None = None) -> None:
    if enabled():
        keys = _keys(email, address, device)
        store().clear(keys["device"] if device is not None else keys["pair"])


def lift_lock(email: str) -> None:
    """A password reset proves the owner: the lock and the failure count go."""
    keys = _keys(email, "")
    counters = store()
    counters.clear(keys["lock"])
    counters.clear(keys["account"])


def reset_request_allowed(address: str, known_device: bool = False) -> bool:
    """Password-reset requests: a few per minute per address, except from a browser that
    knows the account (a colleague flooding the form from the office does not stop its owner).
    """
    if not enabled() or known_device:
        return True
    return store().hit(f"reset:address:{_digest(address)}", RESET_WINDOW) <= (
        RESET_REQUESTS_PER_ADDRESS
    )


def reset_mail_allowed(email: str) -> bool:
    """At most a few reset mails an hour per account: nobody floods a mailbox. The answer on
    the page stays the same, and links sent earlier keep working."""
    if not enabled():
        return True
    return store().hit(f"reset:account:{_digest(email)}", RESET_MAIL_WINDOW) <= (
        RESET_MAILS_PER_ACCOUNT
    )


# --- Two-factor codes --------------------------------------------------------------------------

CODE_FAILURES = 5
CODE_WINDOW = 15 * 60


def _code_key(user_id: int, context: str) -> str:
    return f"code:{user_id}:{context}"


def code_allowed(user_id: int, context: str = "login") -> bool:
    """May this user try another code? `context` separates the counters that must not block
    each other: the login of an unknown browser, of one known device, the settings page."""
    if not enabled():
        return True
    return store().peek(_code_key(user_id, context))[0] < CODE_FAILURES


def code_failed(user_id: int, context: str = "login") -> None:
    if enabled():
        store().hit(_code_key(user_id, context), CODE_WINDOW)


def code_succeeded(user_id: int, context: str = "login") -> None:
    if enabled():
        store().clear(_code_key(user_id, context))


def code_retry_after(user_id: int, context: str = "login") -> int:
    if not enabled():
        return 0
    _, last_at = store().peek(_code_key(user_id, context))
    return max(1, _remaining(last_at, CODE_WINDOW))


# --- Known devices -----------------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def _read(value: str | None) -> tuple[str | None, list[str]]:
    """(device id, account digests) of a device cookie; (None, []) when it is not ours."""
    if not value:
        return None, []
    try:
        content = _serializer().loads(value)
    except BadSignature:
        return None, []
    if isinstance(content, list):  # the first cookies held only the accounts
        device, accounts = hashlib.sha256(value.encode()).hexdigest()[:32], content
    elif isinstance(content, dict):
        device, accounts = content.get("d"), content.get("a")
    else:
        return None, []
    if not isinstance(device, str) or not isinstance(accounts, list):
        return None, []
    return device, [a for a in accounts if isinstance(a, str)]


def device_cookie_value(email: str, current: str | None) -> str:
    """The cookie after a successful login or reset: this browser's id and the accounts it
    proved itself for (at most DEVICE_ACCOUNTS)."""
    device, accounts = _read(current)
    accounts = [a for a in accounts if a != _digest(email)]
    return _serializer().dumps(
        {"d": device or secrets.token_hex(16), "a": [_digest(email), *accounts][:DEVICE_ACCOUNTS]}
    )


def known_device(email: str, value: str | None) -> str | None:
    """The device id when this browser's cookie names the account, else None."""
    device, accounts = _read(value)
    return device if device is not None and _digest(email) in accounts else None


def is_known_device(email: str, value: str | None) -> bool:
    return known_device(email, value) is not None
