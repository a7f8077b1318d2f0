"""Secrets encrypted at rest (TOTP seeds): AES-256-GCM (the `cryptography` package), with keys
that can be rotated.

Keys come from the setting SECRET_BOX_KEYS: one or more 32-byte keys, URL-safe base64, separated
by commas or spaces. The first one encrypts; every one listed decrypts, so a new key goes first
and the old one stays listed until `flask --app wsgi secrets rotate` has re-encrypted every
stored secret. Without the setting, one key is derived from SECRET_KEY: a copy of the database
(a backup) then still holds no usable seed, but rotating SECRET_KEY needs the rotation command
with the old derived key listed (`flask secrets derived-key` prints it).

A sealed value reads `aesgcm1:<key id>:<base64 of nonce, ciphertext and tag>`; the key id is
the start of the key's SHA-256, and what the value belongs to (its row) is bound in as
associated data, so a sealed seed copied onto another row does not open.
"""

import base64
import hashlib
import hmac
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

PREFIX = "aesgcm1"
NONCE_BYTES = 12
TAG_BYTES = 16


class SecretBoxError(ValueError):
    """A value that no configured key opens, or a key that is not a 32-byte key."""


def aes_gcm(encrypt: bool, key: bytes, nonce: bytes, data: bytes, aad: bytes, tag: bytes = b""):
    """AES-256-GCM: (ciphertext, tag) when encrypting, the plain bytes when decrypting; a value
    that does not open (wrong key, changed byte, other associated data) raises SecretBoxError."""
    cipher = AESGCM(key)
    if encrypt:
        sealed = cipher.encrypt(nonce, data, aad)
        return sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
    try:
        return cipher.decrypt(nonce, data + tag, aad)
    except InvalidTag as error:
        raise SecretBoxError("the value does not open with this key") from error


def _key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def derived_key(secret_key: str) -> bytes:
    """The key used when SECRET_BOX_KEYS is not set: derived from SECRET_KEY."""
    return hmac.new(secret_key.encode(), b"lokaal-signaal secret box v1", hashlib.sha256).digest()


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


def parse_keys(setting: str) -> list[bytes]:
    """The keys of a SECRET_BOX_KEYS value, in order."""
    keys = []
    for part in re.split(r"[\s,]+", setting.strip()):
        if not part:
            continue
        try:
            key = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (ValueError, TypeError) as error:
            raise SecretBoxError("SECRET_BOX_KEYS holds a value that is not base64") from error
        if len(key) != 32:
            raise SecretBoxError("every key in SECRET_BOX_KEYS must be 32 bytes (base64)")
        keys.append(key)
    return keys


def keys_from_config(config) -> list[bytes]:
    keys = parse_keys(config.get("SECRET_BOX_KEYS") or "")
    return keys or [derived_key(config["SECRET_KEY"])]


def _keys() -> list[bytes]:
    return keys_from_config(current_app.config)


def new_key() -> str:
    return encode_key(os.urandom(32))


def seal(plain: str, context: str, keys: list[bytes] | None = None) -> str:
    """Encrypt with the first key; `context` (what the value belongs to) is authenticated."""
    key = (keys or _keys())[0]
    nonce = os.urandom(NONCE_BYTES)
    body, tag = aes_gcm(True, key, nonce, plain.encode(), context.encode())
    packed = base64.urlsafe_b64encode(nonce + body + tag).decode().rstrip("=")
    return f"{PREFIX}:{_key_id(key)}:{packed}"


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX + ":")


def open_sealed(value: str, context: str, keys: list[bytes] | None = None) -> str:
    """Decrypt with whichever configured key sealed the value."""
    try:
        prefix, key_id, packed = value.split(":", 2)
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
    except ValueError as error:
        raise SecretBoxError("not a sealed value") from error
    if prefix != PREFIX or len(raw) < NONCE_BYTES + TAG_BYTES:
        raise SecretBoxError("not a sealed value")
    candidates = [k for k in (keys or _keys()) if _key_id(k) == key_id]
    if not candidates:
        raise SecretBoxError(
            f"no key in SECRET_BOX_KEYS has id {key_id}: list the old key until every secret is "
            "re-encrypted"
        )
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    return aes_gcm(False, candidates[0], nonce, body, context.encode(), tag).decode()


def needs_new_key(value: str, keys: list[bytes] | None = None) -> bool:
    """Whether a sealed value was sealed with another key than the current first one."""
    return not value.startswith(f"{PREFIX}:{_key_id((keys or _keys())[0])}:")
