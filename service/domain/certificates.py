"""Certificates (Arts 14-17): request, issue, revoke/suspend/reinstate, re-issue after a correction.

Who may certify what is decided only by `issuing.can_issue` (Art 26); this module turns a yes into a
signed credential. Issuing locks the organization row, so the status index, the idempotency key and
the certificate land together in one transaction with their audit entry, or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import rfc8785
from tortoise.transactions import in_transaction
from volrec_verify import Result, open_bundle, verify
from volrec_verify.errors import NotACertificate, VerificationError
from volrec_verify.qrcodec import decode_qr_payload

from service import crypto
from service.config import Settings
from service.domain import audit, clock, issuing, keys, statuslists, trust
from service.domain.errors import DomainError, DomainErrors
from service.models import Certificate, CertificateRequest, Organization, ServiceRecord, Volunteer
from service.models.certificates import CertificateStatus, RequestScope, RequestStatus
from service.models.enums import RecordStatus
from service.policy import Actor, Operation, may_view_certificate, require
from service.signing.credential import (
    CertificateContent,
    ServiceLine,
    build_credential,
    new_certificate_number,
    random_status_index,
    sign_credential,
)

MAX_TEXT = 100
MAX_IDEMPOTENCY_KEY = 128
# Rules about the organization as a whole; the others are about the records asked for.
_ORGANIZATION_RULES = {"ORGANIZATION_STOPPED", "NO_ISSUING_RIGHT"}


@dataclass(frozen=True)
class Scope:
    """What to certify: all service the organization recorded, a period of it, or chosen activities."""

    kind: RequestScope = RequestScope.ALL
    period_start: date | None = None
    period_end: date | None = None
    activity_ids: tuple[int, ...] = ()

    def validate(self) -> None:
        if self.kind is RequestScope.PERIOD:
            errors = [
                DomainError("REQUIRED", f"scope.{name}")
                for name, value in (("periodStart", self.period_start), ("periodEnd", self.period_end))
                if value is None
            ]
            if errors:
                raise DomainErrors(errors) if len(errors) > 1 else errors[0]
            assert self.period_start is not None and self.period_end is not None
            if self.period_end < self.period_start:
                raise DomainError("INVALID_DATE_RANGE", "scope.periodEnd")
        if self.kind is RequestScope.ACTIVITIES and not self.activity_ids:
            raise DomainError("REQUIRED", "scope.activityIds")

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "periodStart": self.period_start.isoformat() if self.period_start else None,
            "periodEnd": self.period_end.isoformat() if self.period_end else None,
            "activityIds": sorted(self.activity_ids),
        }


@dataclass(frozen=True)
class IssueInput:
    organization_id: int
    volunteer_id: int
    scope: Scope = field(default_factory=Scope)
    person_in_charge: str = ""
    handler: str = ""
    idempotency_key: str | None = None


def _text(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        raise DomainError("REQUIRED", name)
    if len(value) > MAX_TEXT:
        raise DomainError("TOO_LONG", name, {"max": MAX_TEXT})
    return value


def _idempotency_key(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > MAX_IDEMPOTENCY_KEY:
        raise DomainError("INVALID_IDEMPOTENCY_KEY", "idempotencyKey")
    return value


async def _record_ids(organization_id: int, volunteer_id: int, scope: Scope) -> list[int] | None:
    """None (everything this organization recorded) or the chosen records, for `can_issue` to judge."""
    if scope.kind is RequestScope.ALL:
        return None
    current = ServiceRecord.filter(volunteer_id=volunteer_id, status=RecordStatus.CURRENT)
    if scope.kind is RequestScope.PERIOD:
        assert scope.period_start is not None and scope.period_end is not None
        start = datetime.combine(scope.period_start, time(), clock.LOCAL_ZONE)
        end = datetime.combine(scope.period_end + timedelta(days=1), time(), clock.LOCAL_ZONE)
        current = current.filter(
            organization_id=organization_id, starts_at__gte=clock.utc(start), starts_at__lt=clock.utc(end)
        )
    else:
        current = current.filter(activity_id__in=list(scope.activity_ids))
    return [int(str(i)) for i in await current.values_list("id", flat=True)]


async def _locked_organization(organization_id: int) -> Organization:
    organization = await Organization.select_for_update().get_or_none(id=organization_id)
    if organization is None:
        raise DomainError("NOT_FOUND", "organizationId")
    return organization


def _refusal(rule: str) -> DomainError:
    return DomainError(rule, "organizationId" if rule in _ORGANIZATION_RULES else "scope")


# Draws of a random status index before falling back to reading the organization's used ones.
_INDEX_DRAWS = 32


async def _free_status_index(organization_id: int) -> int:
    """A uniformly random slot that no certificate of the organization uses (both its lists share it).

    Draw and look up only the drawn slot: with at least 131,072 entries a draw is almost always free,
    so issuing does not read every index the organization ever used. Only a nearly full list falls
    back to choosing among the free slots directly (which raises when there are none). The caller
    holds the organization lock, and the unique (organization, status_index) constraint backs it."""
    for _ in range(_INDEX_DRAWS):
        index = random_status_index()
        if not await Certificate.exists(organization_id=organization_id, status_index=index):
            return index
    used = await Certificate.filter(organization_id=organization_id).values_list("status_index", flat=True)
    return random_status_index({int(str(i)) for i in used})


async def _issue_locked(
    actor_id: int | None,
    settings: Settings,
    organization: Organization,
    volunteer_id: int,
    record_ids: list[int] | None,
    person_in_charge: str,
    handler: str,
    *,
    idempotency_key: str | None = None,
    fingerprint: str = "",
    request: CertificateRequest | None = None,
) -> Certificate:
    """Decide, sign and store; the caller holds the organization lock inside its transaction."""
    volunteer = await Volunteer.get_or_none(id=volunteer_id)
    if volunteer is None:
        raise DomainError("NOT_FOUND", "volunteerId")
    decision = await issuing.can_issue(organization.id, volunteer_id, record_ids, clock.now())
    now = keys.now_seconds()  # what the documents say: whole seconds
    if not decision.allowed:
        raise _refusal(decision.rule)
    key = await keys.active_key(organization, settings, now)
    signing_key, method = keys.signer(key, settings)
    records = sorted(decision.records, key=lambda r: (r.starts_at, r.id))
    lines = [
        ServiceLine(r.activity.name, clock.local_date(r.starts_at), r.hours, r.content or r.activity.content)
        for r in records
    ]
    number = new_certificate_number(clock.local_date(now))
    while await Certificate.filter(number=number).exists():
        number = new_certificate_number(clock.local_date(now))
    index = await _free_status_index(organization.id)
    content = CertificateContent(
        certificate_number=number,
        issuer_code=organization.credit_code,
        issuer_name=organization.name,
        holder_name=volunteer.name,
        volunteer_number=volunteer.volunteer_number,
        id_type=volunteer.id_type.value,
        id_masked=volunteer.id_number_masked,
        id_number=crypto.unseal(volunteer.id_number_sealed, settings).decode(),
        person_in_charge=person_in_charge,
        handler=handler,
        services=lines,
        issued_at=now,
        status_index=index,
        status_base_url=settings.public_url,
    )
    credential = sign_credential(build_credential(content), signing_key, method, now)
    certificate = await Certificate.create(
        number=number,
        volunteer_id=volunteer_id,
        organization=organization,
        key=key,
        request=request,
        status_index=index,
        credential=trust.dumps(credential),
        record_ids=[r.id for r in records],
        idempotency_key=idempotency_key,
        request_fingerprint=fingerprint,
        person_in_charge=person_in_charge,
        handler=handler,
        issued_at=now,
        issued_by_id=actor_id,
    )
    await audit.append(
        actor_id,
        "ISSUE_CERTIFICATE",
        "Certificate",
        certificate.id,
        {"organizationId": organization.id, "records": len(records)},
    )
    return certificate


def _fingerprint(data: IssueInput, person_in_charge: str, handler: str) -> str:
    body: dict[str, Any] = {
        "organizationId": data.organization_id,
        "volunteerId": data.volunteer_id,
        "scope": data.scope.as_json(),
        "personInCharge": person_in_charge,
        "handler": handler,
    }
    return hashlib.sha256(rfc8785.dumps(body)).hexdigest()


async def issue(actor: Actor, settings: Settings, data: IssueInput) -> Certificate:
    """Issue now. The same idempotency key with the same request returns the same certificate."""
    require(actor, Operation.ISSUE_CERTIFICATE, organization_id=data.organization_id)
    data.scope.validate()
    key = _idempotency_key(data.idempotency_key)
    async with in_transaction():
        organization = await _locked_organization(data.organization_id)
        person = _text(data.person_in_charge or organization.person_in_charge, "personInCharge")
        handler = _text(data.handler, "handler")
        fingerprint = _fingerprint(data, person, handler)
        if key is not None:
            existing = await Certificate.get_or_none(organization_id=organization.id, idempotency_key=key)
            if existing is not None:
                if existing.request_fingerprint != fingerprint:
                    raise DomainError("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")
                return existing
        record_ids = await _record_ids(organization.id, data.volunteer_id, data.scope)
        return await _issue_locked(
            actor.account_id,
            settings,
            organization,
            data.volunteer_id,
            record_ids,
            person,
            handler,
            idempotency_key=key,
            fingerprint=fingerprint,
        )


# --- requests: the volunteer asks, the organization decides -------------------------------------


async def request_certificate(
    actor: Actor, organization_id: int, volunteer_id: int, scope: Scope
) -> CertificateRequest:
    """Queue a request, or refuse it at once with the rule that refuses it (Art 26)."""
    require(actor, Operation.REQUEST_CERTIFICATE, volunteer_id=volunteer_id)
    scope.validate()
    if not await Organization.exists(id=organization_id):
        raise DomainError("NOT_FOUND", "organizationId")
    record_ids = await _record_ids(organization_id, volunteer_id, scope)
    decision = await issuing.can_issue(organization_id, volunteer_id, record_ids)
    async with in_transaction():
        row = await CertificateRequest.create(
            volunteer_id=volunteer_id,
            organization_id=organization_id,
            scope=scope.kind,
            period_start=scope.period_start,
            period_end=scope.period_end,
            activity_ids=sorted(scope.activity_ids),
            status=RequestStatus.PENDING if decision.allowed else RequestStatus.REFUSED,
            refusal_rule="" if decision.allowed else decision.rule,
            requested_by_id=actor.account_id,
            decided_at=None if decision.allowed else clock.now(),
        )
        await audit.append(
            actor.account_id,
            "REQUEST_CERTIFICATE",
            "CertificateRequest",
            row.id,
            {"organizationId": organization_id, "rule": decision.rule},
        )
    return row


async def _pending_request(request_id: int) -> CertificateRequest:
    row = await CertificateRequest.select_for_update().get_or_none(id=request_id)
    if row is None:
        raise DomainError("NOT_FOUND", "requestId")
    if row.status is not RequestStatus.PENDING:
        raise DomainError("REQUEST_ALREADY_DECIDED", "requestId")
    return row


async def _request_organization(actor: Actor, request_id: int) -> int:
    """The organization that decides a request. Strangers get NOT_FOUND, as for certificates."""
    row = await CertificateRequest.get_or_none(id=request_id)
    if row is None or not may_view_certificate(
        actor, volunteer_id=row.volunteer_id, organization_id=row.organization_id
    ):
        raise DomainError("NOT_FOUND", "requestId")
    require(actor, Operation.ISSUE_CERTIFICATE, organization_id=row.organization_id)
    return int(row.organization_id)


async def approve_request(
    actor: Actor, settings: Settings, request_id: int, handler: str, person_in_charge: str = ""
) -> tuple[CertificateRequest, Certificate | None]:
    """Issue for a pending request; if a rule now refuses, the request is refused with that rule."""
    organization_id = await _request_organization(actor, request_id)
    async with in_transaction():
        organization = await _locked_organization(organization_id)
        row = await _pending_request(request_id)
        person = _text(person_in_charge or organization.person_in_charge, "personInCharge")
        handler = _text(handler, "handler")
        scope = Scope(row.scope, row.period_start, row.period_end, tuple(row.activity_ids))
        record_ids = await _record_ids(organization_id, row.volunteer_id, scope)
        decision = await issuing.can_issue(organization_id, row.volunteer_id, record_ids)
        row.decided_by_id, row.decided_at = actor.account_id, clock.now()
        certificate = None
        if decision.allowed:
            certificate = await _issue_locked(
                actor.account_id,
                settings,
                organization,
                row.volunteer_id,
                record_ids,
                person,
                handler,
                request=row,
            )
            row.status = RequestStatus.APPROVED
        else:
            row.status, row.refusal_rule = RequestStatus.REFUSED, decision.rule
        await row.save()
        await audit.append(actor.account_id, f"REQUEST_{row.status.value}", "CertificateRequest", row.id)
    return row, certificate


async def refuse_request(actor: Actor, request_id: int, reason: str) -> CertificateRequest:
    organization_id = await _request_organization(actor, request_id)
    if not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    async with in_transaction():
        await _locked_organization(organization_id)
        row = await _pending_request(request_id)
        row.status, row.refusal_rule, row.refusal_reason = (
            RequestStatus.REFUSED,
            "REFUSED_BY_ORGANIZATION",
            reason,
        )
        row.decided_by_id, row.decided_at = actor.account_id, clock.now()
        await row.save()
        await audit.append(actor.account_id, "REQUEST_REFUSED", "CertificateRequest", row.id)
    return row


# --- status: revoke, suspend, reinstate, re-issue -------------------------------------------------

_TRANSITIONS: dict[str, tuple[set[CertificateStatus], CertificateStatus]] = {
    "REVOKE": ({CertificateStatus.ISSUED, CertificateStatus.SUSPENDED}, CertificateStatus.REVOKED),
    "SUSPEND": ({CertificateStatus.ISSUED}, CertificateStatus.SUSPENDED),
    "REINSTATE": ({CertificateStatus.SUSPENDED}, CertificateStatus.ISSUED),
}


def _seen_by(actor: Actor, row: Certificate | None, field: str) -> Certificate:
    """The certificate if `actor` may see it; NOT_FOUND otherwise, so existence is not revealed."""
    if row is None or not may_view_certificate(
        actor, volunteer_id=row.volunteer_id, organization_id=row.organization_id
    ):
        raise DomainError("NOT_FOUND", field)
    return row


async def _certificate_for_change(actor: Actor, certificate_id: int) -> Certificate:
    row = _seen_by(actor, await Certificate.get_or_none(id=certificate_id), "certificateId")
    require(actor, Operation.REVOKE_CERTIFICATE, organization_id=row.organization_id)
    return row


async def change_status(
    actor: Actor, settings: Settings, certificate_id: int, action: str, reason: str
) -> Certificate:
    """Revoke, suspend or reinstate with a reason; both status lists are re-signed in the same transaction."""
    allowed_from, target = _TRANSITIONS[action]
    row = await _certificate_for_change(actor, certificate_id)
    if not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    async with in_transaction():
        organization = await _locked_organization(row.organization_id)
        row = await Certificate.select_for_update().get(id=certificate_id)
        if row.status not in allowed_from:
            raise DomainError(f"CERTIFICATE_{row.status.value}", "certificateId")
        await _set_status(actor, row, target, reason.strip())
        await statuslists.rebuild_all(organization, settings)
    return row


async def _set_status(
    actor: Actor,
    row: Certificate,
    status: CertificateStatus,
    reason: str,
    replaced_by: Certificate | None = None,
) -> None:
    row.status, row.reason, row.status_changed_at = status, reason, clock.now()
    if replaced_by is not None:
        row.replaced_by = replaced_by
    await row.save()
    details = {"status": status.value} | ({"replacedBy": replaced_by.id} if replaced_by else {})
    await audit.append(actor.account_id, f"CERTIFICATE_{status.value}", "Certificate", row.id, details)


async def reissue(
    actor: Actor, settings: Settings, certificate_id: int, reason: str, handler: str = ""
) -> Certificate:
    """After a record correction: a new certificate from the current versions of the same records;
    the old one is revoked and points to it."""
    row = await _certificate_for_change(actor, certificate_id)
    if not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    async with in_transaction():
        organization = await _locked_organization(row.organization_id)
        row = await Certificate.select_for_update().get(id=certificate_id)
        if row.status is CertificateStatus.REVOKED:
            raise DomainError("CERTIFICATE_REVOKED", "certificateId")
        lineages = await ServiceRecord.filter(id__in=row.record_ids).values_list("lineage", flat=True)
        current = await ServiceRecord.filter(
            lineage__in=list(lineages), status=RecordStatus.CURRENT
        ).values_list("id", flat=True)
        new = await _issue_locked(
            actor.account_id,
            settings,
            organization,
            row.volunteer_id,
            [int(str(i)) for i in current],
            row.person_in_charge,
            _text(handler or row.handler, "handler"),
        )
        await _set_status(actor, row, CertificateStatus.REVOKED, reason.strip(), replaced_by=new)
        await statuslists.rebuild_all(organization, settings)
    return new


# --- reading and checking -------------------------------------------------------------------------


def credential_of(certificate: Certificate) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(certificate.credential)
    return document


async def visible_certificate(actor: Actor, number: str) -> Certificate:
    return _seen_by(actor, await Certificate.get_or_none(number=number), "number")


def parse_payload(payload: str) -> dict[str, Any]:
    """A credential from its JSON or its QR text; VerificationError says which it is not."""
    text = payload.strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            raise NotACertificate("not JSON") from None
        if not isinstance(value, dict):
            raise NotACertificate("JSON, but not an object")
        return value
    return decode_qr_payload(text)


@dataclass(frozen=True)
class Verdict:
    result: Result
    live_status: CertificateStatus | None


async def verify_payload(settings: Settings, payload: str, id_number: str | None = None) -> Verdict:
    """The offline verifier's verdict over this service's own bundle, plus the status on record now."""
    try:
        credential = parse_payload(payload)
    except VerificationError as error:
        return Verdict(Result.from_error(error), None)
    opened = open_bundle(await trust.bundle(settings), trusted_root=None)
    status_lists = {d["id"]: d for d in opened.status_lists}
    result = verify(credential, opened.trust_list, status_lists=status_lists, id_number=id_number)
    subject = credential.get("credentialSubject")
    number = subject.get("certificateNumber") if isinstance(subject, dict) else None
    row = await Certificate.get_or_none(number=number) if isinstance(number, str) else None
    # Only the document issued under that number learns its status on record: a valid signature by
    # some other key (a did:key, say) must not reveal the status of a number it borrowed.
    live = row.status if row is not None and _is_issued_document(credential, row) else None
    return Verdict(result, live)


def _is_issued_document(credential: dict[str, Any], row: Certificate) -> bool:
    try:
        return trust.dumps(credential) == row.credential
    except ValueError:  # not canonicalizable (rfc8785.CanonicalizationError), so not what we issued
        return False
