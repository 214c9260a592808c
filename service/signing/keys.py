"""Ed25519 signing keys: generated here, stored sealed, named and windowed as the trust list says.

A private key never leaves this module unsealed except as a `SigningKey` held in memory for one
signing operation; the database stores only `SealedKey.public_key` and `SealedKey.sealed_seed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from nacl.signing import SigningKey
from volrec_verify.multikey import encode_public_key

from service.config import Settings
from service.crypto import seal, unseal

ROOT_ID = "urn:volrec:root"

# Unified social credit code (GB 32100-2015): 18 characters, digits and capitals without I O Z S V.
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")


@dataclass(frozen=True)
class SealedKey:
    """A key pair as stored: the public key in clear, the 32-byte seed sealed with the master key."""

    public_key: bytes
    sealed_seed: bytes

    @classmethod
    def generate(cls, settings: Settings) -> SealedKey:
        return cls.from_signing_key(SigningKey.generate(), settings)

    @classmethod
    def from_signing_key(cls, signing_key: SigningKey, settings: Settings) -> SealedKey:
        return cls(bytes(signing_key.verify_key), seal(bytes(signing_key), settings))

    @property
    def public_key_multibase(self) -> str:
        return encode_public_key(self.public_key)

    def signing_key(self, settings: Settings) -> SigningKey:
        """Unseal the seed; refuse a seed that does not match the stored public key (swapped rows)."""
        key = SigningKey(unseal(self.sealed_seed, settings))
        if bytes(key.verify_key) != self.public_key:
            raise ValueError("sealed key does not match its public key")
        return key


def org_id(code: str) -> str:
    """`urn:volrec:org:<code>` for an 18-character unified social credit code."""
    if not _USCC.fullmatch(code):
        raise ValueError("not a unified social credit code")
    return f"urn:volrec:org:{code}"


def org_method_id(code: str, number: int) -> str:
    """The `verificationMethod` an organization's n-th key (1, 2, … in rotation order) signs with."""
    return f"{org_id(code)}#key-{_positive(number)}"


def root_method_id(number: int) -> str:
    return f"{ROOT_ID}#key-{_positive(number)}"


def _positive(number: int) -> int:
    if number < 1:
        raise ValueError("key numbers start at 1")
    return number


@dataclass(frozen=True)
class KeyWindow:
    """When a key may have signed: from `valid_from`, before `valid_until` (rotation) and before
    `revoked_from` (compromise). The same rule the verifier applies to `proof.created`."""

    valid_from: datetime
    valid_until: datetime | None = None
    revoked_from: datetime | None = None

    def verifies_at(self, moment: datetime) -> bool:
        return (
            self.valid_from <= moment
            and (self.valid_until is None or moment < self.valid_until)
            and (self.revoked_from is None or moment < self.revoked_from)
        )
