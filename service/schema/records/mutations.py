from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from typing import Any

import strawberry

from service.domain import corrections, imports, records
from service.domain.errors import DomainError
from service.domain.records import AwardEntry, EvaluationEntry, ServiceEntry, TrainingEntry
from service.schema.context import Info
from service.schema.errors import UserError
from service.schema.pagination import decode_any_global_id, decode_global_id
from service.schema.payloads import attempt
from service.schema.records.types import (
    AwardRecord,
    EvaluationRecord,
    Record,
    ServiceRecord,
    TrainingRecord,
    record_from_row,
)
from service.schema.scalars import AwardBasis, Quality, RecordSource

# --- inputs: one entry of each kind -------------------------------------------------------------


@strawberry.input(description="Art 7 service. Times must carry a timezone; hours is a decimal string.")
class ServiceEntryInput:
    volunteer_id: strawberry.ID
    activity_id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    hours: str
    content: str = ""
    place: str = ""
    person_in_charge: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY

    def to_domain(self, prefix: str) -> ServiceEntry:
        return ServiceEntry(
            volunteer_id=decode_global_id(self.volunteer_id, "Volunteer", f"{prefix}volunteerId"),
            activity_id=decode_global_id(self.activity_id, "Activity", f"{prefix}activityId"),
            starts_at=self.starts_at, ends_at=self.ends_at, hours=self.hours, content=self.content,
            place=self.place, person_in_charge=self.person_in_charge, source=self.source,
        )


@strawberry.input(description="Art 8 training.")
class TrainingEntryInput:
    volunteer_id: strawberry.ID
    name: str
    hours: str
    organizer: str
    held_on: date
    content: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY

    def to_domain(self, prefix: str) -> TrainingEntry:
        return TrainingEntry(
            volunteer_id=decode_global_id(self.volunteer_id, "Volunteer", f"{prefix}volunteerId"),
            name=self.name, hours=self.hours, organizer=self.organizer, held_on=self.held_on, content=self.content,
            source=self.source,
        )


@strawberry.input(description="Art 9 award: evidence is required unless the organization granted it itself.")
class AwardEntryInput:
    volunteer_id: strawberry.ID
    name: str
    awarded_on: date
    granting_unit: str
    basis: AwardBasis
    evidence: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY

    def to_domain(self, prefix: str) -> AwardEntry:
        return AwardEntry(
            volunteer_id=decode_global_id(self.volunteer_id, "Volunteer", f"{prefix}volunteerId"),
            name=self.name, awarded_on=self.awarded_on, granting_unit=self.granting_unit, basis=self.basis,
            evidence=self.evidence, source=self.source,
        )


@strawberry.input(description="Art 10 evaluation.")
class EvaluationEntryInput:
    volunteer_id: strawberry.ID
    quality: Quality
    evaluated_on: date
    activity_id: strawberry.ID | None = None
    comment: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY

    def to_domain(self, prefix: str) -> EvaluationEntry:
        return EvaluationEntry(
            volunteer_id=decode_global_id(self.volunteer_id, "Volunteer", f"{prefix}volunteerId"),
            quality=self.quality, evaluated_on=self.evaluated_on,
            activity_id=(
                decode_global_id(self.activity_id, "Activity", f"{prefix}activityId") if self.activity_id else None
            ),
            comment=self.comment, source=self.source,
        )


# --- recording: one mutation a kind, taking one or many entries ---------------------------------


@strawberry.input
class RecordServiceInput:
    organization_id: strawberry.ID
    records: list[ServiceEntryInput]


@strawberry.input
class RecordTrainingInput:
    organization_id: strawberry.ID
    records: list[TrainingEntryInput]


@strawberry.input
class RecordAwardInput:
    organization_id: strawberry.ID
    records: list[AwardEntryInput]


@strawberry.input
class RecordEvaluationInput:
    organization_id: strawberry.ID
    records: list[EvaluationEntryInput]


@strawberry.type
class RecordServicePayload:
    records: list[ServiceRecord]
    user_errors: list[UserError]


@strawberry.type
class RecordTrainingPayload:
    records: list[TrainingRecord]
    user_errors: list[UserError]


@strawberry.type
class RecordAwardPayload:
    records: list[AwardRecord]
    user_errors: list[UserError]


@strawberry.type
class RecordEvaluationPayload:
    records: list[EvaluationRecord]
    user_errors: list[UserError]


async def _record(info: Info, kind: records.RecordKind[Any, Any], data: Any, build: Any) -> tuple[list[Any], list[UserError]]:
    """All entries are written or none; with several entries, fields are `records.N.field`."""

    async def work() -> list[Any]:
        org_id = decode_global_id(data.organization_id, "Organization", "organizationId")
        entries: list[tuple[str, Any]] = []
        undecodable: list[DomainError] = []
        for prefix, entry in records.numbered(data.records):
            try:
                entries.append((prefix, entry.to_domain(prefix)))
            except DomainError as error:
                undecodable.append(error)
        rows = await records.record(info.context.actor, kind, org_id, entries, input_errors=undecodable)
        return [build(row) for row in rows]

    created, errors = await attempt(info, work)
    return created or [], errors


# --- corrections: a new version with a reason ----------------------------------------------------


@strawberry.input(description="What every correction names: the record, why, and the request it answers.")
class CorrectionFields:
    id: strawberry.ID
    reason: str
    correction_request_id: strawberry.ID | None = strawberry.field(
        default=None, description="Art 13: the volunteer's request this correction answers (it is closed too)."
    )


@strawberry.input
class CorrectServiceRecordInput(CorrectionFields):
    activity_id: strawberry.ID | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    hours: str | None = None
    content: str | None = None
    place: str | None = None
    person_in_charge: str | None = None


@strawberry.input
class CorrectTrainingRecordInput(CorrectionFields):
    name: str | None = None
    hours: str | None = None
    organizer: str | None = None
    held_on: date | None = None
    content: str | None = None


@strawberry.input
class CorrectAwardRecordInput(CorrectionFields):
    name: str | None = None
    awarded_on: date | None = None
    granting_unit: str | None = None
    basis: AwardBasis | None = None
    evidence: str | None = None


@strawberry.input
class CorrectEvaluationRecordInput(CorrectionFields):
    quality: Quality | None = None
    evaluated_on: date | None = None
    comment: str | None = None


@strawberry.type
class CorrectRecordPayload:
    record: Record | None = strawberry.field(description="The new current version.")
    user_errors: list[UserError]


_CHANGE_IDS = {"activity_id": "Activity"}


async def _correct(info: Info, kind: records.RecordKind[Any, Any], data: Any, build: Any) -> CorrectRecordPayload:
    async def work() -> Any:
        record_id = decode_global_id(data.id, kind.name, "id")
        changes: dict[str, Any] = {}
        for name, value in vars(data).items():
            if name in ("id", "reason", "correction_request_id") or value is None:
                continue
            changes[name] = decode_global_id(value, _CHANGE_IDS[name], "activityId") if name in _CHANGE_IDS else value
        actor = info.context.actor
        if data.correction_request_id is None:
            return build(await records.correct(actor, kind, record_id, changes, data.reason))
        request_id = decode_global_id(data.correction_request_id, "CorrectionRequest", "correctionRequestId")
        return build(await corrections.correct_on_request(actor, request_id, kind, record_id, changes, data.reason))

    row, errors = await attempt(info, work)
    return CorrectRecordPayload(record=row, user_errors=errors)


@strawberry.input
class VoidRecordInput:
    id: strawberry.ID = strawberry.field(description="Any record: service, training, award or evaluation.")
    reason: str


@strawberry.type
class RecordMutations:
    @strawberry.mutation(description="Record service (Art 7): one entry or a batch, all or nothing.")
    async def record_service(self, info: Info, input: RecordServiceInput) -> RecordServicePayload:
        rows, errors = await _record(info, records.SERVICE, input, ServiceRecord.from_row)
        return RecordServicePayload(records=rows, user_errors=errors)

    @strawberry.mutation(description="Record training (Art 8): one entry or a batch, all or nothing.")
    async def record_training(self, info: Info, input: RecordTrainingInput) -> RecordTrainingPayload:
        rows, errors = await _record(info, records.TRAINING, input, TrainingRecord.from_row)
        return RecordTrainingPayload(records=rows, user_errors=errors)

    @strawberry.mutation(description="Record awards (Art 9): one entry or a batch, all or nothing.")
    async def record_award(self, info: Info, input: RecordAwardInput) -> RecordAwardPayload:
        rows, errors = await _record(info, records.AWARD, input, AwardRecord.from_row)
        return RecordAwardPayload(records=rows, user_errors=errors)

    @strawberry.mutation(description="Record evaluations (Art 10): one entry or a batch, all or nothing.")
    async def record_evaluation(self, info: Info, input: RecordEvaluationInput) -> RecordEvaluationPayload:
        rows, errors = await _record(info, records.EVALUATION, input, EvaluationRecord.from_row)
        return RecordEvaluationPayload(records=rows, user_errors=errors)

    @strawberry.mutation(description="Correct a service record (Art 13): the old version is kept.")
    async def correct_service_record(self, info: Info, input: CorrectServiceRecordInput) -> CorrectRecordPayload:
        return await _correct(info, records.SERVICE, input, ServiceRecord.from_row)

    @strawberry.mutation(description="Correct a training record: the old version is kept.")
    async def correct_training_record(self, info: Info, input: CorrectTrainingRecordInput) -> CorrectRecordPayload:
        return await _correct(info, records.TRAINING, input, TrainingRecord.from_row)

    @strawberry.mutation(description="Correct an award record: the old version is kept.")
    async def correct_award_record(self, info: Info, input: CorrectAwardRecordInput) -> CorrectRecordPayload:
        return await _correct(info, records.AWARD, input, AwardRecord.from_row)

    @strawberry.mutation(description="Correct an evaluation record: the old version is kept.")
    async def correct_evaluation_record(
        self, info: Info, input: CorrectEvaluationRecordInput
    ) -> CorrectRecordPayload:
        return await _correct(info, records.EVALUATION, input, EvaluationRecord.from_row)

    @strawberry.mutation(description="Void a record with a reason; it stays in the history.")
    async def void_record(self, info: Info, input: VoidRecordInput) -> CorrectRecordPayload:
        async def work() -> Any:
            type_name, record_id = decode_any_global_id(input.id, records.KINDS, "id")
            kind = records.KINDS[type_name]
            return record_from_row(type_name, await records.void(info.context.actor, kind, record_id, input.reason))

        row, errors = await attempt(info, work)
        return CorrectRecordPayload(record=row, user_errors=errors)


@strawberry.input(description="An Excel (.xlsx) sign-in sheet: one row per shift, columns found by header.")
class ImportSignInSheetInput:
    organization_id: strawberry.ID
    activity_id: strawberry.ID
    file: str = strawberry.field(description="The .xlsx file, base64-encoded.")


@strawberry.type
class ImportMutations:
    @strawberry.mutation(
        description="Record a paper or Excel sign-in sheet (Art 4): all rows or none; errors name `rows.N.column`."
    )
    async def import_sign_in_sheet(self, info: Info, input: ImportSignInSheetInput) -> RecordServicePayload:
        async def work() -> list[ServiceRecord]:
            org_id = decode_global_id(input.organization_id, "Organization", "organizationId")
            activity_id = decode_global_id(input.activity_id, "Activity", "activityId")
            try:
                data = base64.b64decode(input.file, validate=True)
            except binascii.Error:
                raise DomainError("INVALID_FILE_ENCODING", "file") from None
            rows = await imports.import_sign_in_sheet(info.context.actor, org_id, activity_id, data, info.context.settings)
            return [ServiceRecord.from_row(row) for row in rows]

        created, errors = await attempt(info, work)
        return RecordServicePayload(records=created or [], user_errors=errors)
