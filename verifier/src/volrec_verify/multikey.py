"""Ed25519 keys and signatures as W3C Multikey / multibase strings, and `did:key` resolution.

A public key is `"z" + base58btc(0xed 0x01 || key)` (so it reads "z6Mk…"); a signature is
`"z" + base58btc(signature)`. Decoders are strict, because a lenient decoder lets two different
strings name the same key.
"""

from __future__ import annotations

import base58

_ED25519_PUB_PREFIX = b"\xed\x01"
_DID_KEY = "did:key:"


def _decode_z(value: str, what: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise ValueError(f"{what} must be a base58btc multibase string starting with 'z'")
    try:
        raw = base58.b58decode(value[1:])
    except ValueError as exc:
        raise ValueError(f"{what} is not valid base58btc") from exc
    if "z" + base58.b58encode(raw).decode("ascii") != value:
        raise ValueError(f"{what} is not in canonical base58btc form")
    return raw


def encode_public_key(raw: bytes) -> str:
    """Multikey form of a 32-byte Ed25519 public key ("z6Mk…")."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return "z" + base58.b58encode(_ED25519_PUB_PREFIX + raw).decode("ascii")


def decode_public_key(multibase: str) -> bytes:
    """The 32 raw key bytes of a Multikey Ed25519 public key; ValueError for anything else."""
    raw = _decode_z(multibase, "publicKeyMultibase")
    if len(raw) != 34 or raw[:2] != _ED25519_PUB_PREFIX:
        raise ValueError("publicKeyMultibase is not an Ed25519 Multikey (0xed01 + 32 bytes)")
    return raw[2:]


def encode_signature(sig: bytes) -> str:
    """Multibase form of a 64-byte Ed25519 signature, as used in `proofValue`."""
    if len(sig) != 64:
        raise ValueError("an Ed25519 signature has 64 bytes")
    return "z" + base58.b58encode(sig).decode("ascii")


def decode_signature(s: str) -> bytes:
    """The 64 raw bytes of a `proofValue`; ValueError for anything else."""
    raw = _decode_z(s, "proofValue")
    if len(raw) != 64:
        raise ValueError("proofValue does not hold a 64-byte Ed25519 signature")
    return raw


def resolve_did_key(verification_method: str) -> bytes | None:
    """Key named by `did:key:z6Mk…#z6Mk…`; None if not a did:key, ValueError if a broken one."""
    if not verification_method.startswith(_DID_KEY):
        return None
    did, _, fragment = verification_method[len(_DID_KEY):].partition("#")
    if fragment and fragment != did:
        raise ValueError("did:key fragment must repeat the key it names")
    return decode_public_key(did)
