"""Every failure a user of volrec-verify can meet, as one tree of named errors.

Naming rule: a class that ends a verification is named after its reason code in CamelCase, and
its `reason` is that name in UPPER_SNAKE_CASE (`NotYetValid` -> `NOT_YET_VALID`); the codes are
the outside contract of DESIGN.md section 4 and never change meaning. Problems with the trust
store (import, update) derive from `TrustStoreError` and have no reason code. A bug is never one
of these: it stays a plain exception so that it is not mistaken for a verdict.
"""

from __future__ import annotations


class VolrecVerifyError(Exception):
    """Base of every expected failure; `diagnostics()` is the English text shown to users."""

    def diagnostics(self) -> str:
        return str(self) or type(self).__doc__ or type(self).__name__


class VerificationError(VolrecVerifyError):
    """A verdict: the input was checked (or could not be read) and is not a valid certificate."""

    reason: str = "MALFORMED"
    exit_code: int = 1


class NotACertificate(VerificationError):
    """Not a volrec certificate at all (a random QR code, an unreadable file, a foreign prefix)."""

    reason = "NOT_A_CERTIFICATE"
    exit_code = 2


class Malformed(VerificationError):
    """Looks like a volrec certificate but is broken (bad encoding, missing or mistyped fields)."""

    reason = "MALFORMED"


class BadSignature(VerificationError):
    """A signature does not verify: the document was altered or not signed by the named key."""

    reason = "BAD_SIGNATURE"


class UnknownIssuer(VerificationError):
    """The issuer is not an organization in the trust list."""

    reason = "UNKNOWN_ISSUER"


class KeyNotValid(VerificationError):
    """The signing key is not the issuer's, or was outside its validity window at issuance."""

    reason = "KEY_NOT_VALID"


class NoIssuingRight(VerificationError):
    """The issuer did not hold an active issuing right when the certificate was issued."""

    reason = "NO_ISSUING_RIGHT"


class Revoked(VerificationError):
    """The issuer has revoked the certificate (its bit is set in the revocation list)."""

    reason = "REVOKED"


class Suspended(VerificationError):
    """The issuer has suspended the certificate (its bit is set in the suspension list)."""

    reason = "SUSPENDED"


class Expired(VerificationError):
    """The certificate's `validUntil` has passed (beyond the allowed clock skew)."""

    reason = "EXPIRED"


class NotYetValid(VerificationError):
    """The certificate's `validFrom` lies in the future (beyond the allowed clock skew)."""

    reason = "NOT_YET_VALID"


class TrustListStale(VerificationError):
    """The trust list is older than the policy allows; run `volrec-verify trust update`."""

    reason = "TRUST_LIST_STALE"


class HolderMismatch(VerificationError):
    """The ID number given does not match the certificate's holder digest."""

    reason = "HOLDER_MISMATCH"


class TrustStoreError(VolrecVerifyError):
    """The trust bundle or store cannot be used (bad signature, rollback, broken root chain)."""


class RootChainError(TrustStoreError):
    """A root does not chain from the pinned root by TUF rules (version +1, signed by old and new)."""


class RollbackError(TrustStoreError):
    """A trust list or root is older than the one already trusted (a replay of old metadata)."""


class NoTrustList(TrustStoreError):
    """No trust list is available: import one with `volrec-verify trust import FILE`."""


REASONS: tuple[str, ...] = (
    "VALID",
    *(
        cls.reason
        for cls in (
            Malformed, BadSignature, UnknownIssuer, KeyNotValid, NoIssuingRight, Revoked, Suspended,
            Expired, NotYetValid, TrustListStale, HolderMismatch, NotACertificate,
        )
    ),
)
