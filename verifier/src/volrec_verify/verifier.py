"""The verification core: a parsed credential and checked trust data in, a `Result` out.

No I/O happens here (reading files, decoding images and printing live in the CLI), so the same
function serves the command line, a batch job and the service's own tests. The steps follow
DESIGN.md section 4 in order; the first failing step decides the reason.
"""

from __future__ import annotations

import copy
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from volrec_verify import statuslist
from volrec_verify._internal.timefmt import format_time, parse_optional_time, parse_time
from volrec_verify.cryptosuite import verify_proof
from volrec_verify.errors import (
    BadSignature,
    Expired,
    HolderMismatch,
    KeyNotValid,
    Malformed,
    NoIssuingRight,
    NotACertificate,
    NotYetValid,
    Reason,
    Revoked,
    Suspended,
    TrustListStale,
    UnknownIssuer,
    VerificationError,
    WarningCode,
)
from volrec_verify.holder import id_digest
from volrec_verify.multikey import resolve_did_key
from volrec_verify.policy import Policy
from volrec_verify.trust import Organization, TrustList

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
VOLREC_CONTEXT = "https://w3id.org/volrec/v1"
CERTIFICATE_TYPE = "VolunteerServiceCertificate"
ID_TYPES = ("CN_RESIDENT_ID", "PASSPORT", "HK_MACAO_PERMIT", "TAIWAN_PERMIT", "FOREIGN_PERMANENT_RESIDENT_ID")
PURPOSES = {"revocation": Revoked, "suspension": Suspended}

_HOURS = re.compile(r"(0|[1-9]\d*)(\.\d{1,2})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGEST = re.compile(r"sha256\$[0-9a-f]{64}")
_INDEX = re.compile(r"0|[1-9]\d*")


class Check(StrEnum):
    """The checks of DESIGN.md section 4, in the order `verify` runs them."""

    FORM = "form"
    SIGNATURE = "signature"
    ISSUER = "issuer"
    KEY = "key"
    ISSUING_RIGHT = "issuingRight"
    REVOCATION = "revocation"
    SUSPENSION = "suspension"
    VALIDITY = "validity"
    TRUST_LIST = "trustList"
    HOLDER = "holder"


class Outcome(StrEnum):
    """How one check ended; checks after the first failure are `notChecked`."""

    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    NOT_CHECKED = "notChecked"


@dataclass(frozen=True)
class Result:
    """The verdict on one certificate, with what the checks learned on the way.

    `detail` is English diagnostics; `detail_kind` and `found` (see `VerificationError`) let a
    report say it in the reader's language. `issuer_name` comes from the trust list (not from the certificate) once the issuer is known;
    `status_as_of` is the date of the oldest status list consulted; `checked_at` is the moment the
    certificate was judged at (the policy's `now`); `checks` holds every check's outcome in order.
    """

    reason: Reason
    detail: str = ""
    detail_kind: str = ""
    found: str | None = None
    warnings: tuple[WarningCode, ...] = ()
    credential: dict[str, Any] | None = None
    issuer_name: str | None = None
    issued_at: datetime | None = None
    status_as_of: datetime | None = None
    trust_list_version: int | None = None
    trust_list_issued: datetime | None = None
    holder_checked: bool = False
    checked_at: datetime | None = None
    checks: tuple[tuple[Check, Outcome], ...] = ()

    @property
    def valid(self) -> bool:
        return self.reason is Reason.VALID

    @property
    def exit_code(self) -> int:
        return self.reason.exit_code

    @classmethod
    def from_error(cls, error: VerificationError, credential: dict[str, Any] | None = None) -> Result:
        """The result for an input that failed before `verify` could start (unreadable, no prefix)."""
        return cls(reason=error.reason, detail=error.diagnostics(), detail_kind=error.kind, found=error.found,
                   credential=credential)

    def to_json(self) -> dict[str, Any]:
        """The `--json` object of DESIGN.md section 4, plus what the human output also shows."""
        return {
            "valid": self.valid,
            "reason": self.reason.value,
            "warnings": [w.value for w in self.warnings],
            "credential": self.credential,
            "detail": self.detail,
            "issuerName": self.issuer_name,
            "issuedAt": _optional_time(self.issued_at),
            "statusAsOf": _optional_time(self.status_as_of),
            "trustListVersion": self.trust_list_version,
            "trustListIssued": _optional_time(self.trust_list_issued),
            "holderChecked": self.holder_checked,
            "checkedAt": _optional_time(self.checked_at),
            "checks": {check.value: outcome.value for check, outcome in self.checks},
        }


def _optional_time(moment: datetime | None) -> str | None:
    return None if moment is None else format_time(moment)


@dataclass
class _Facts:
    """What the steps have established so far; kept even when a later step fails."""

    warnings: list[WarningCode] = field(default_factory=list)
    issuer_name: str | None = None
    issued_at: datetime | None = None
    status_as_of: datetime | None = None
    holder_checked: bool = False
    step: Check = Check.FORM
    checks: dict[Check, Outcome] = field(default_factory=dict)

    def warn(self, code: WarningCode) -> None:
        if code not in self.warnings:
            self.warnings.append(code)

    def begin(self, check: Check) -> None:
        """`check` is running: a VerificationError from here on is its failure."""
        self.step = check

    def outcome(self, check: Check, outcome: Outcome) -> None:
        """Record an outcome; a warning never downgrades a failure, a pass never hides a warning."""
        previous = self.checks.get(check)
        if previous is Outcome.FAILED or (previous is Outcome.WARNING and outcome is Outcome.PASSED):
            return
        self.checks[check] = outcome

    def passed(self, *checks: Check) -> None:
        for check in checks:
            self.outcome(check, Outcome.PASSED)

    def all_checks(self, failed: bool) -> tuple[tuple[Check, Outcome], ...]:
        if failed:
            self.outcome(self.step, Outcome.FAILED)
        return tuple((check, self.checks.get(check, Outcome.NOT_CHECKED)) for check in Check)


def verify(
    credential: Any,
    trust_list: TrustList,
    *,
    status_lists: Mapping[str, dict[str, Any]] | None = None,
    policy: Policy | None = None,
    id_number: str | None = None,
    status_cache: StatusListCache | None = None,
) -> Result:
    """Check one parsed credential against a verified trust list; never raises a verdict.

    `status_cache` (optional) remembers status lists whose signature already checked out, so a
    batch of certificates from one organization checks each list once; without it nothing is kept.
    """
    policy = policy or Policy()
    facts = _Facts()
    now = policy.current_time()
    error: VerificationError | None = None
    try:
        _verify(credential, trust_list, status_lists or {}, policy, now, id_number, facts, status_cache)
    except VerificationError as failure:
        error = failure
    reason = Reason.VALID if error is None else error.reason
    return Result(
        reason=reason,
        detail="" if error is None else error.diagnostics(),
        detail_kind="" if error is None else error.kind,
        found=None if error is None else error.found,
        warnings=tuple(facts.warnings),
        credential=credential if isinstance(credential, dict) else None,
        issuer_name=facts.issuer_name,
        issued_at=facts.issued_at,
        status_as_of=facts.status_as_of,
        trust_list_version=trust_list.version,
        trust_list_issued=trust_list.issued,
        holder_checked=facts.holder_checked,
        checked_at=now,
        checks=facts.all_checks(failed=reason is not Reason.VALID),
    )


def _verify(
    credential: Any,
    trust_list: TrustList,
    status_lists: Mapping[str, dict[str, Any]],
    policy: Policy,
    now: datetime,
    id_number: str | None,
    facts: _Facts,
    status_cache: StatusListCache | None,
) -> None:
    # (1) Form: a W3C credential with one well-formed proof; a volrec certificate in full.
    facts.begin(Check.FORM)
    proof = _check_form(credential)
    is_certificate = CERTIFICATE_TYPE in credential["type"]
    issued_at = parse_time(proof["created"])
    facts.issued_at = issued_at
    facts.passed(Check.FORM)

    # (2) Signature (eddsa-jcs-2022), with the key the verificationMethod names.
    facts.begin(Check.SIGNATURE)
    method_id = proof["verificationMethod"]
    issuer_id = _issuer_id(credential)
    try:
        did_key = resolve_did_key(method_id)
    except ValueError as exc:
        raise Malformed(f"verificationMethod: {exc}") from exc
    found = trust_list.method(method_id)
    if did_key is None and found is None:
        if issuer_id not in trust_list.organizations:
            facts.begin(Check.ISSUER)
            raise UnknownIssuer(f"issuer {issuer_id} is not in trust list version {trust_list.version}")
        facts.passed(Check.ISSUER)
        facts.begin(Check.KEY)
        raise KeyNotValid(f"key {method_id} is not in the trust list")
    public_key = did_key if did_key is not None else found[1].public_key  # type: ignore[index]
    if not verify_proof(credential, proof, public_key):
        raise BadSignature("the signature does not verify: the certificate was altered or forged")
    facts.passed(Check.SIGNATURE)

    # (3) Issuer in the trust list; the key is the issuer's and was valid at issuance.
    facts.begin(Check.ISSUER)
    org = trust_list.organizations.get(issuer_id)
    if org is None:
        raise UnknownIssuer(f"issuer {issuer_id} is not in trust list version {trust_list.version}")
    facts.issuer_name = org.name
    facts.passed(Check.ISSUER)
    facts.begin(Check.KEY)
    if found is None or found[0].id != org.id:
        raise KeyNotValid(f"key {method_id} does not belong to issuer {org.id}")
    if not found[1].valid_at(issued_at):
        raise KeyNotValid(f"key {method_id} was not valid at issuance ({format_time(issued_at)})")
    facts.passed(Check.KEY)

    # (4) The issuer held an active issuing right at issuance.
    facts.begin(Check.ISSUING_RIGHT)
    if not org.has_right_at(issued_at):
        raise NoIssuingRight(f"{org.name} had no issuing right at {format_time(issued_at)}")
    facts.passed(Check.ISSUING_RIGHT)
    if not is_certificate:
        facts.begin(Check.FORM)
        raise NotACertificate("a credential of a trusted issuer, but not a volunteer service certificate",
                              kind="other_credential")

    # (5) Status lists: signed by the issuer, and the certificate's bits not set.
    _check_status(credential, org, trust_list, status_lists, now, policy, facts, status_cache)

    # (6) Validity dates, allowing for clock skew; a certificate issued after `now` is not yet valid.
    facts.begin(Check.VALIDITY)
    valid_from = parse_time(credential["validFrom"])
    valid_until = parse_optional_time(credential.get("validUntil"))
    if valid_from - policy.clock_skew > now or issued_at - policy.clock_skew > now:
        start = max(valid_from, issued_at)
        raise NotYetValid(f"valid from {format_time(start)}, checked at {format_time(now)}")
    if valid_until is not None and valid_until + policy.clock_skew < now:
        raise Expired(f"valid until {format_time(valid_until)}, checked at {format_time(now)}")
    facts.passed(Check.VALIDITY)

    # (7) Trust list freshness at `now`: warn, then fail.
    facts.begin(Check.TRUST_LIST)
    age = now - trust_list.issued
    if age > policy.trust_list_max_age:
        raise TrustListStale(f"trust list issued {format_time(trust_list.issued)} is {age.days} days old "
                             f"at {format_time(now)}")
    if age > policy.trust_list_warn_age or now > trust_list.expires:
        facts.warn(WarningCode.TRUST_LIST_AGING)
        facts.outcome(Check.TRUST_LIST, Outcome.WARNING)
    facts.passed(Check.TRUST_LIST)

    # (8) Holder: the ID number shown matches the salted digest.
    if id_number is not None:
        facts.begin(Check.HOLDER)
        subject = credential["credentialSubject"]
        if not hmac.compare_digest(id_digest(id_number, subject["idSalt"]), subject["idDigest"]):
            raise HolderMismatch("the ID number given is not the holder's")
        facts.holder_checked = True
        facts.passed(Check.HOLDER)


def _issuer_id(credential: dict[str, Any]) -> str:
    issuer = credential.get("issuer")
    return issuer.get("id", "") if isinstance(issuer, dict) else str(issuer)


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise Malformed(what)


def _is_time(value: Any, *, optional: bool = False) -> bool:
    try:
        parse_optional_time(value) if optional else parse_time(value)
    except ValueError:
        return False
    return True


def _check_form(credential: Any) -> dict[str, Any]:
    """The single proof of a well-formed credential; NotACertificate if it is no credential at all."""
    if (
        not isinstance(credential, dict)
        or not isinstance(credential.get("@context"), list)
        or credential["@context"][:1] != [VC_CONTEXT]
        or not isinstance(credential.get("type"), list)
        or "VerifiableCredential" not in credential["type"]
    ):
        raise NotACertificate("not a W3C verifiable credential", kind="not_credential")
    proof = credential.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, dict):
        raise Malformed("a certificate carries exactly one proof object")
    _require(isinstance(proof.get("verificationMethod"), str), "proof.verificationMethod missing")
    _require(_is_time(proof.get("created")), "proof.created is not a timestamp")
    _require(proof.get("proofPurpose") == "assertionMethod", "proof.proofPurpose is not assertionMethod")
    _require(isinstance(credential.get("issuer"), str | dict), "issuer missing")
    _require(_is_time(credential.get("validFrom")), "validFrom is not a timestamp")
    _require(_is_time(credential.get("validUntil"), optional=True), "validUntil is not a timestamp")
    if CERTIFICATE_TYPE in credential["type"]:
        _check_certificate(credential)
    return proof


def _strings(obj: dict[str, Any], names: tuple[str, ...], where: str) -> None:
    for name in names:
        _require(isinstance(obj.get(name), str), f"{where}.{name} missing or not a string")


def _check_certificate(credential: dict[str, Any]) -> None:
    """The VolunteerServiceCertificate fields of docs/credential-format.md section 3."""
    _require(VOLREC_CONTEXT in credential["@context"], "@context lacks the volrec context")
    _require(str(credential.get("id", "")).startswith("urn:volrec:cert:"), "id is not urn:volrec:cert:…")
    issuer = credential["issuer"]
    if not isinstance(issuer, dict):
        raise Malformed("issuer is not an object")
    _strings(issuer, ("id", "name"), "issuer")
    subject = credential.get("credentialSubject")
    if not isinstance(subject, dict):
        raise Malformed("credentialSubject missing")
    _strings(
        subject,
        ("name", "volunteerNumber", "idType", "idMasked", "idDigest", "idSalt", "certificateNumber",
         "totalHours", "periodStart", "periodEnd", "personInCharge", "handler"),
        "credentialSubject",
    )
    _require(subject["idType"] in ID_TYPES, "credentialSubject.idType unknown")
    _require(bool(_DIGEST.fullmatch(subject["idDigest"])), "credentialSubject.idDigest is not sha256$<hex>")
    _require(bool(_HOURS.fullmatch(subject["totalHours"])), "credentialSubject.totalHours is not a decimal")
    for name in ("periodStart", "periodEnd"):
        _require(bool(_DATE.fullmatch(subject[name])), f"credentialSubject.{name} is not a date")
    services = subject.get("services")
    if not isinstance(services, list):
        raise Malformed("credentialSubject.services missing")
    total = Decimal(0)
    for line in services:
        if not isinstance(line, dict):
            raise Malformed("a service line is not an object")
        _strings(line, ("activity", "date", "hours", "content"), "services[]")
        _require(bool(_HOURS.fullmatch(line["hours"])), "services[].hours is not a decimal")
        _require(bool(_DATE.fullmatch(line["date"])), "services[].date is not a date")
        total += Decimal(line["hours"])
    _require(total == Decimal(subject["totalHours"]), "totalHours is not the sum of the service lines")
    for entry in _status_entries(credential):
        _require(isinstance(entry, dict) and entry.get("type") == "BitstringStatusListEntry",
                 "credentialStatus entry is not a BitstringStatusListEntry")
        _require(entry.get("statusPurpose") in PURPOSES, "credentialStatus.statusPurpose unknown")
        index = entry.get("statusListIndex")
        _require(isinstance(index, str) and bool(_INDEX.fullmatch(index)),
                 "credentialStatus.statusListIndex is not a decimal string")
        _require(isinstance(entry.get("statusListCredential"), str),
                 "credentialStatus.statusListCredential missing")


def _status_entries(credential: dict[str, Any]) -> list[Any]:
    status = credential.get("credentialStatus", [])
    return status if isinstance(status, list) else [status]


def _check_status(
    credential: dict[str, Any],
    org: Organization,
    trust_list: TrustList,
    status_lists: Mapping[str, dict[str, Any]],
    now: datetime,
    policy: Policy,
    facts: _Facts,
    cache: StatusListCache | None,
) -> None:
    """Revocation first, then suspension; a missing list is a warning, a bad one a failure."""
    entries = sorted(_status_entries(credential), key=lambda e: list(PURPOSES).index(e["statusPurpose"]))
    checks = {"revocation": Check.REVOCATION, "suspension": Check.SUSPENSION}
    if not entries:
        facts.warn(WarningCode.STATUS_UNKNOWN)
        facts.outcome(Check.REVOCATION, Outcome.WARNING)
        facts.outcome(Check.SUSPENSION, Outcome.WARNING)
    for entry in entries:
        purpose = entry["statusPurpose"]
        facts.begin(checks[purpose])
        document = status_lists.get(entry["statusListCredential"])
        if document is None:
            facts.warn(WarningCode.STATUS_UNKNOWN)
            facts.outcome(checks[purpose], Outcome.WARNING)
            continue
        opened = _open_status_list(document, purpose, org, trust_list, cache)
        if facts.status_as_of is None or opened.valid_from < facts.status_as_of:
            facts.status_as_of = opened.valid_from
        if opened.valid_until is not None and opened.valid_until + policy.clock_skew < now:
            facts.warn(WarningCode.STATUS_LIST_EXPIRED)
            facts.outcome(checks[purpose], Outcome.WARNING)
        index = int(entry["statusListIndex"])
        if index >= len(opened.bits) * 8:
            raise Malformed(f"statusListIndex {index} is beyond the {purpose} list")
        if statuslist.is_set(opened.bits, index):
            raise PURPOSES[purpose](f"the issuer set this certificate's {purpose} bit "
                                    f"(list of {format_time(opened.valid_from)})")
        facts.passed(checks[purpose])


@dataclass(frozen=True)
class _OpenedList:
    """A status list whose signature checked out: a private copy of it, and what it says."""

    document: dict[str, Any]
    trust_list: TrustList
    bits: bytes
    valid_from: datetime
    valid_until: datetime | None


class StatusListCache:
    """Status lists already checked, by (id, proofValue), so a batch checks each list once.

    An entry is reused only for a document equal to the private copy taken when its signature
    checked out and for the same `TrustList` object: a list altered after signing (keeping its
    proofValue) or judged against another trust list is checked again. Failures are not kept.
    The oldest entries go once there are more than `max_entries`. No I/O, no clock.
    """

    def __init__(self, max_entries: int = 1024) -> None:
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self._entries: dict[tuple[str, str], _OpenedList] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _key(document: dict[str, Any]) -> tuple[str, str]:
        proof = document.get("proof")
        value = proof.get("proofValue") if isinstance(proof, dict) else None
        return str(document.get("id")), str(value)

    def get(self, document: dict[str, Any], trust_list: TrustList) -> _OpenedList | None:
        entry = self._entries.get(self._key(document))
        if entry is not None and entry.trust_list is trust_list and entry.document == document:
            self.hits += 1
            return entry
        self.misses += 1
        return None

    def put(self, entry: _OpenedList) -> None:
        key = self._key(entry.document)
        self._entries.pop(key, None)
        self._entries[key] = entry
        while len(self._entries) > self.max_entries:
            del self._entries[next(iter(self._entries))]


def check_status_list(document: Any, trust_list: TrustList) -> None:
    """Raise unless `document` is a status list signed by a valid key of a listed organization."""
    if not isinstance(document, dict):
        raise Malformed("a status list is not a JSON object")
    org = trust_list.organizations.get(str(document.get("issuer")))
    if org is None:
        raise UnknownIssuer(f"status list {document.get('id')} is from an issuer not in the trust list")
    subject = document.get("credentialSubject")
    purpose = subject.get("statusPurpose") if isinstance(subject, dict) else None
    _open_status_list(document, str(purpose), org, trust_list, None)


def _open_status_list(
    document: dict[str, Any],
    purpose: str,
    org: Organization,
    trust_list: TrustList,
    cache: StatusListCache | None,
) -> _OpenedList:
    """The bitstring and dates of a status list, once its issuer and signature check out.

    The cheap checks (shape, purpose, issuer, key window) run every time; the signature and the
    decompression are skipped when `cache` already holds this very document.
    """
    where = f"{purpose} status list {document.get('id')}"
    subject = document.get("credentialSubject")
    proof = document.get("proof")
    if (
        not isinstance(document.get("type"), list)
        or "BitstringStatusListCredential" not in document["type"]
        or not isinstance(subject, dict)
        or subject.get("statusPurpose") != purpose
        or not isinstance(proof, dict)
        or not _is_time(document.get("validFrom"))
        or not _is_time(document.get("validUntil"), optional=True)
        or not _is_time(proof.get("created"))
    ):
        raise Malformed(f"{where} is not a {purpose} BitstringStatusListCredential")
    if document.get("issuer") != org.id:
        raise Malformed(f"{where} is not issued by {org.id}")
    found = trust_list.method(str(proof.get("verificationMethod")))
    if found is None or found[0].id != org.id or not found[1].valid_at(parse_time(proof["created"])):
        raise KeyNotValid(f"{where} is not signed by a valid key of {org.id}")
    cached = cache.get(document, trust_list) if cache is not None else None
    if cached is not None:
        return cached
    if not verify_proof(document, proof, found[1].public_key):
        raise BadSignature(f"{where}: the signature does not verify")
    try:
        bits = statuslist.decode_list(subject.get("encodedList"))  # type: ignore[arg-type]
    except ValueError as exc:
        raise Malformed(f"{where}: {exc}") from exc
    if len(bits) * 8 < statuslist.MIN_ENTRIES:
        raise Malformed(f"{where} has fewer than {statuslist.MIN_ENTRIES} entries")
    opened = _OpenedList(
        document=copy.deepcopy(document),
        trust_list=trust_list,
        bits=bits,
        valid_from=parse_time(document["validFrom"]),
        valid_until=parse_optional_time(document.get("validUntil")),
    )
    if cache is not None:
        cache.put(opened)
    return opened
