"""Art 13: a volunteer who finds an error asks the recording organization, which corrects or answers.

A request names a record version; it follows the record's lineage, so it is answered against the
current version. Accepting means correcting (a new version, `records.correct`) in the same
transaction that closes the request; rejecting needs a reason the volunteer can read.
"""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from service.domain import audit, clock, records
from service.domain.errors import DomainError
from service.models import CorrectionRequest
from service.models.enums import CorrectionStatus, RecordStatus
from service.models.records import VersionedRecord
from service.policy import Actor, Operation, require

MAX_MESSAGE_LENGTH = 2000


async def request_correction(
    actor: Actor, kind: records.RecordKind[Any, Any], record_id: int, message: str
) -> CorrectionRequest:
    row: VersionedRecord | None = await kind.model.get_or_none(id=record_id)
    if row is None:
        raise DomainError("NOT_FOUND", "recordId")
    require(actor, Operation.REQUEST_CORRECTION, volunteer_id=row.volunteer_id)  # type: ignore[attr-defined]
    if row.status is not RecordStatus.CURRENT:
        raise DomainError("NOT_CURRENT_VERSION", "recordId")
    if not message.strip():
        raise DomainError("REQUIRED", "message")
    if len(message) > MAX_MESSAGE_LENGTH:
        raise DomainError("TOO_LONG", "message", {"max": MAX_MESSAGE_LENGTH})
    async with in_transaction():
        request = await CorrectionRequest.create(
            volunteer_id=row.volunteer_id,  # type: ignore[attr-defined]
            organization_id=row.organization_id,  # type: ignore[attr-defined]
            record_kind=kind.name,
            record_lineage=row.lineage,
            record_id=row.id,
            message=message.strip(),
        )
        await audit.append(actor.account_id, "REQUEST_CORRECTION", kind.name, row.id, {"requestId": request.id})
    return request


async def _pending(actor: Actor, request_id: int) -> CorrectionRequest:
    """Lock the request for answering; only the recording organization's staff may answer."""
    request = await CorrectionRequest.select_for_update().get_or_none(id=request_id)
    if request is None:
        raise DomainError("NOT_FOUND", "correctionRequestId")
    require(actor, Operation.ANSWER_CORRECTION, organization_id=request.organization_id)  # type: ignore[attr-defined]
    if request.status is not CorrectionStatus.PENDING:
        raise DomainError("CORRECTION_ALREADY_ANSWERED", "correctionRequestId")
    return request


async def correct_on_request(
    actor: Actor, request_id: int, kind: records.RecordKind[Any, Any], record_id: int, changes: dict[str, Any], reason: str
) -> VersionedRecord:
    """Correct the record a request is about and close the request, both or neither."""
    async with in_transaction():
        request = await _pending(actor, request_id)
        current = await kind.model.get_or_none(id=record_id)
        if request.record_kind != kind.name or current is None or current.lineage != request.record_lineage:
            raise DomainError("CORRECTION_OF_OTHER_RECORD", "correctionRequestId")
        corrected = await records.correct(actor, kind, record_id, changes, reason)
        request.status = CorrectionStatus.CORRECTED
        request.answer = reason.strip()
        request.corrected_record_id = corrected.id
        request.answered_by_id = actor.account_id
        request.answered_at = clock.now()
        await request.save()
        await audit.append(actor.account_id, "ANSWER_CORRECTION", "CorrectionRequest", request.id, {"outcome": "CORRECTED"})
    return corrected


async def reject(actor: Actor, request_id: int, answer: str) -> CorrectionRequest:
    if not answer.strip():
        raise DomainError("REASON_REQUIRED", "answer")
    async with in_transaction():
        request = await _pending(actor, request_id)
        request.status = CorrectionStatus.REJECTED
        request.answer = answer.strip()
        request.answered_by_id = actor.account_id
        request.answered_at = clock.now()
        await request.save()
        await audit.append(actor.account_id, "ANSWER_CORRECTION", "CorrectionRequest", request.id, {"outcome": "REJECTED"})
    return request
