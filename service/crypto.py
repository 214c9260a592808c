"""Secrets at rest: one master key seals ID numbers and private signing keys.

The key comes from `VOLREC_MASTER_KEY` (base64, 32 bytes) or from `<data_dir>/master.key`, created
on first use with 0600 permissions. A separate subkey, derived from the master key, makes keyed
hashes so an ID number can be looked up and de-duplicated without being decrypted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path

import nacl.secret
import nacl.utils

from service.config import Settings

_KEY_FILE = "master.key"


def _load_or_create_master_key(data_dir: Path) -> bytes:
    from_env = os.environ.get("VOLREC_MASTER_KEY")
    if from_env:
        key = base64.b64decode(from_env)
        if len(key) != nacl.secret.SecretBox.KEY_SIZE:
            raise RuntimeError("VOLREC_MASTER_KEY must be 32 bytes, base64-encoded")
        return key
    path = data_dir / _KEY_FILE
    if path.exists():
        return base64.b64decode(path.read_bytes())
    data_dir.mkdir(parents=True, exist_ok=True)
    key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(base64.b64encode(key))
    return key


@lru_cache(maxsize=4)
def _keys(data_dir: Path) -> tuple[nacl.secret.SecretBox, bytes]:
    master = _load_or_create_master_key(data_dir)
    lookup_key = hmac.new(master, b"volrec lookup hash v1", hashlib.sha256).digest()
    return nacl.secret.SecretBox(master), lookup_key


def seal(plaintext: bytes, settings: Settings) -> bytes:
    """Encrypt with the master key (XSalsa20-Poly1305, random nonce stored in front)."""
    box, _ = _keys(settings.data_dir)
    return bytes(box.encrypt(plaintext))


def unseal(ciphertext: bytes, settings: Settings) -> bytes:
    box, _ = _keys(settings.data_dir)
    return box.decrypt(ciphertext)


def keyed_hash(value: str, settings: Settings) -> str:
    """HMAC-SHA256 under a subkey: stable for lookups, useless without the master key."""
    _, lookup_key = _keys(settings.data_dir)
    return hmac.new(lookup_key, value.encode("utf-8"), hashlib.sha256).hexdigest()
