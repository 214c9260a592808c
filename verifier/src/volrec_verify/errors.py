"""Every failure a user of volrec-verify can meet, as one tree of named errors.

Naming rule: a class that ends a verification is named after its reason code in CamelCase, and
its `reason` is that name in UPPER_SNAKE_CASE (`NotYetValid` -> `NOT_YET_VALID`); the codes are
the outside contract of DESIGN.md section 4 and never change meaning. Problems with the trust
store (import, update) derive from `TrustStoreError` and have no reason code. A bug is never one
of these: it stays a plain exception so that it is not mistaken for a verdict.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Reason(StrEnum):
    """The `reason` a verification ends with (DESIGN.md section 4); `VALID` is the only success."""

    VALID = "VALID"
    MALFORMED = "MALFORMED"
    BAD_SIGNATURE = "BAD_SIGNATURE"
    UNKNOWN_ISSUER = "UNKNOWN_ISSUER"
    KEY_NOT_VALID = "KEY_NOT_VALID"
    NO_ISSUING_RIGHT = "NO_ISSUING_RIGHT"
    REVOKED = "REVOKED"
    SUSPENDED = "SUSPENDED"
    EXPIRED = "EXPIRED"
    NOT_YET_VALID = "NOT_YET_VALID"
    TRUST_LIST_STALE = "TRUST_LIST_STALE"
    HOLDER_MISMATCH = "HOLDER_MISMATCH"
    NOT_A_CERTIFICATE = "NOT_A_CERTIFICATE"

    @property
    def exit_code(self) -> int:
        """0 valid, 2 not a certificate at all, 1 checked and not valid."""
        if self is Reason.VALID:
            return 0
        return 2 if self is Reason.NOT_A_CERTIFICATE else 1


class WarningCode(StrEnum):
    """What a VALID verdict still wants the reader to know; never changes the exit code."""

    STATUS_UNKNOWN = "STATUS_UNKNOWN"  # no status list of the issuer available: revocation unchecked
    STATUS_LIST_EXPIRED = "STATUS_LIST_EXPIRED"  # the status list is past its validUntil
    TRUST_LIST_AGING = "TRUST_LIST_AGING"  # older than the warn age, or past its own `expires`
    ROOT_NOT_PINNED = "ROOT_NOT_PINNED"  # --trust FILE without a pinned root: the file's root trusted


class VolrecVerifyError(Exception):
    """Base of every expected failure; `diagnostics()` is the English text shown to users."""

    def diagnostics(self) -> str:
        return str(self) or type(self).__doc__ or type(self).__name__


def excerpt(text: str, limit: int = 60) -> str:
    """Untrusted text (a foreign QR code, a file name) made safe to show: no control or format
    characters (they could drive the terminal), at most `limit` characters."""
    safe = "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text.strip())
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


class VerificationError(VolrecVerifyError):
    """A verdict: the input was checked (or could not be read) and is not a valid certificate.

    `kind` names the case for the human report (which words it translates to, e.g.
    `foreign_qr`), `found` is what was read instead (already passed through `excerpt`).
    """

    reason: Reason = Reason.MALFORMED

    def __init__(self, message: str = "", *, kind: str = "", found: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.found = None if found is None else excerpt(found)

    @property
    def exit_code(self) -> int:
        return self.reason.exit_code


class NotACertificate(VerificationError):
    """Not a volrec certificate at all (a random QR code, an unreadable file, a foreign prefix)."""

    reason = Reason.NOT_A_CERTIFICATE


class Malformed(VerificationError):
    """Looks like a volrec certificate but is broken (bad encoding, missing or mistyped fields)."""

    reason = Reason.MALFORMED


class BadSignature(VerificationError):
    """A signature does not verify: the document was altered or not signed by the named key."""

    reason = Reason.BAD_SIGNATURE


class UnknownIssuer(VerificationError):
    """The issuer is not an organization in the trust list."""

    reason = Reason.UNKNOWN_ISSUER


class KeyNotValid(VerificationError):
    """The signing key is not the issuer's, or was outside its validity window at issuance."""

    reason = Reason.KEY_NOT_VALID


class NoIssuingRight(VerificationError):
    """The issuer did not hold an active issuing right when the certificate was issued."""

    reason = Reason.NO_ISSUING_RIGHT


class Revoked(VerificationError):
    """The issuer has revoked the certificate (its bit is set in the revocation list)."""

    reason = Reason.REVOKED


class Suspended(VerificationError):
    """The issuer has suspended the certificate (its bit is set in the suspension list)."""

    reason = Reason.SUSPENDED


class Expired(VerificationError):
    """The certificate's `validUntil` has passed (beyond the allowed clock skew)."""

    reason = Reason.EXPIRED


class NotYetValid(VerificationError):
    """The certificate's `validFrom` lies in the future (beyond the allowed clock skew)."""

    reason = Reason.NOT_YET_VALID


class TrustListStale(VerificationError):
    """The trust list is older than the policy allows; run `volrec-verify trust update`."""

    reason = Reason.TRUST_LIST_STALE


class HolderMismatch(VerificationError):
    """The ID number given does not match the certificate's holder digest."""

    reason = Reason.HOLDER_MISMATCH


class TrustStoreError(VolrecVerifyError):
    """The trust bundle or store cannot be used (bad signature, rollback, broken root chain)."""


class RootChainError(TrustStoreError):
    """A root does not chain from the pinned root by TUF rules (version +1, signed by old and new)."""


class RollbackError(TrustStoreError):
    """A trust list or root is older than the one already trusted (a replay of old metadata)."""


class NoTrustList(TrustStoreError):
    """No trust list is available: import one with `volrec-verify trust import FILE`."""
