"""Recording (Arts 7-11), correction (Art 13) and voiding. Nothing is ever deleted.

Each record kind is described once by a `RecordKind`: how to validate an entry into model fields
and how to read an entry back from a row. Recording, batch recording and correction all run
through that one path, so a correction is held to exactly the rules of a new entry.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Generic, TypeVar

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from service.domain import audit, clock
from service.domain.deadlines import is_late
from service.domain.errors import DomainError, DomainErrors
from service.domain.hours import parse_hours, validate_shift
from service.domain.organizations import is_stopped_at
from service.domain.recording import check_may_record
from service.models import (
    Activity,
    AwardRecord,
    Enrollment,
    EvaluationRecord,
    ServiceRecord,
    TrainingRecord,
    Volunteer,
)
from service.models.enums import AwardBasis, Quality, RecordSource, RecordStatus
from service.models.records import VersionedRecord
from service.policy import Actor, Operation, require

MAX_BATCH = 500


@dataclass(frozen=True)
class ServiceEntry:
    volunteer_id: int
    activity_id: int
    starts_at: datetime
    ends_at: datetime
    hours: str
    content: str = ""
    place: str = ""
    person_in_charge: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY


@dataclass(frozen=True)
class TrainingEntry:
    volunteer_id: int
    name: str
    hours: str
    organizer: str
    held_on: date
    content: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY


@dataclass(frozen=True)
class AwardEntry:
    volunteer_id: int
    name: str
    awarded_on: date
    granting_unit: str
    basis: AwardBasis
    evidence: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY


@dataclass(frozen=True)
class EvaluationEntry:
    volunteer_id: int
    quality: Quality
    evaluated_on: date
    activity_id: int | None = None
    comment: str = ""
    source: RecordSource = RecordSource.ORGANIZATION_ENTRY


EntryT = TypeVar("EntryT")
RecordT = TypeVar("RecordT", bound=VersionedRecord)


@dataclass
class _Context:
    """What validation needs beyond the entry: the recording organization and the clock."""

    organization_id: int
    now: datetime
    field_prefix: str = ""
    replacing_lineage: uuid.UUID | None = None

    def field(self, name: str) -> str:
        return self.field_prefix + name


def _required(value: str, name: str, ctx: _Context) -> str:
    if not value.strip():
        raise DomainError("REQUIRED", ctx.field(name))
    return value.strip()


def _not_future(day: date, name: str, ctx: _Context) -> None:
    if day > clock.local_date(ctx.now):
        raise DomainError("IN_FUTURE", ctx.field(name))


async def _validate_service(entry: ServiceEntry, ctx: _Context) -> dict[str, Any]:
    hours = parse_hours(entry.hours, ctx.field("hours"))
    try:
        validate_shift(entry.starts_at, entry.ends_at, hours, ctx.now)
    except DomainError as error:
        raise DomainError(error.code, ctx.field(error.field or ""), error.params) from None
    activity = await Activity.get_or_none(id=entry.activity_id)
    if activity is None:
        raise DomainError("NOT_FOUND", ctx.field("activityId"))
    try:
        check_may_record(ctx.organization_id, activity)
    except DomainError as error:
        raise DomainError(error.code, ctx.field("activityId")) from None
    first_day, last_day = clock.local_date(entry.starts_at), clock.local_date(entry.ends_at)
    if first_day < activity.starts_on or last_day > activity.ends_on + timedelta(days=1):
        raise DomainError("OUTSIDE_ACTIVITY", ctx.field("startsAt"))
    return {
        "activity_id": activity.id,
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "hours": hours,
        "content": entry.content.strip() or activity.content,
        "place": entry.place.strip() or activity.place,
        "person_in_charge": entry.person_in_charge.strip() or activity.person_in_charge,
        "entered_late": is_late(activity.ends_on, clock.local_date(ctx.now)),
    }


async def _validate_training(entry: TrainingEntry, ctx: _Context) -> dict[str, Any]:
    _not_future(entry.held_on, "heldOn", ctx)
    return {
        "name": _required(entry.name, "name", ctx),
        "organizer": _required(entry.organizer, "organizer", ctx),
        "hours": parse_hours(entry.hours, ctx.field("hours")),
        "held_on": entry.held_on,
        "content": entry.content.strip(),
    }


async def _validate_award(entry: AwardEntry, ctx: _Context) -> dict[str, Any]:
    _not_future(entry.awarded_on, "awardedOn", ctx)
    if entry.basis is not AwardBasis.OWN and not entry.evidence.strip():
        raise DomainError("REQUIRED", ctx.field("evidence"))
    return {
        "name": _required(entry.name, "name", ctx),
        "granting_unit": _required(entry.granting_unit, "grantingUnit", ctx),
        "awarded_on": entry.awarded_on,
        "basis": entry.basis,
        "evidence": entry.evidence.strip(),
    }


async def _validate_evaluation(entry: EvaluationEntry, ctx: _Context) -> dict[str, Any]:
    _not_future(entry.evaluated_on, "evaluatedOn", ctx)
    late = False
    if entry.activity_id is not None:
        activity = await Activity.get_or_none(id=entry.activity_id)
        if activity is None:
            raise DomainError("NOT_FOUND", ctx.field("activityId"))
        try:
            check_may_record(ctx.organization_id, activity)
        except DomainError as error:
            raise DomainError(error.code, ctx.field("activityId")) from None
        late = is_late(activity.ends_on, clock.local_date(ctx.now))
    return {
        "activity_id": entry.activity_id,
        "quality": entry.quality,
        "evaluated_on": entry.evaluated_on,
        "comment": entry.comment.strip(),
        "entered_late": late,
    }


@dataclass(frozen=True)
class RecordKind(Generic[EntryT, RecordT]):
    name: str
    model: type[RecordT]
    entry_type: type[EntryT]
    validate: Callable[[EntryT, _Context], Awaitable[dict[str, Any]]]


SERVICE = RecordKind("ServiceRecord", ServiceRecord, ServiceEntry, _validate_service)
TRAINING = RecordKind("TrainingRecord", TrainingRecord, TrainingEntry, _validate_training)
AWARD = RecordKind("AwardRecord", AwardRecord, AwardEntry, _validate_award)
EVALUATION = RecordKind("EvaluationRecord", EvaluationRecord, EvaluationEntry, _validate_evaluation)
KINDS: dict[str, RecordKind[Any, Any]] = {kind.name: kind for kind in (SERVICE, TRAINING, AWARD, EVALUATION)}


def _entry_from_row(kind: RecordKind[Any, Any], row: VersionedRecord) -> Any:
    """Read an entry back from a stored version, so a correction starts from what is there."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(kind.entry_type):
        value = getattr(row, f.name)
        values[f.name] = str(value) if isinstance(value, Decimal) else value
    return kind.entry_type(**values)


async def _check_no_overlap(fields: list[dict[str, Any]], ctx: _Context) -> None:
    """One volunteer cannot serve twice at once, whichever organizations recorded it."""
    for index, row in enumerate(fields):
        for other in fields[:index]:
            if (
                other["volunteer_id"] == row["volunteer_id"]
                and other["starts_at"] < row["ends_at"]
                and row["starts_at"] < other["ends_at"]
            ):
                raise DomainError("OVERLAPPING_SERVICE", f"{row['_prefix']}startsAt")
        clash = ServiceRecord.filter(
            volunteer_id=row["volunteer_id"],
            status=RecordStatus.CURRENT,
            starts_at__lt=clock.utc(row["ends_at"]),
            ends_at__gt=clock.utc(row["starts_at"]),
        )
        if ctx.replacing_lineage is not None:
            clash = clash.filter(~Q(lineage=ctx.replacing_lineage))
        if await clash.exists():
            raise DomainError("OVERLAPPING_SERVICE", f"{row['_prefix']}startsAt")


async def _lock_enrolled_volunteers(organization_id: int, volunteer_ids: list[int], prefixes: list[str]) -> None:
    """Lock the volunteers' rows (PostgreSQL) so concurrent overlapping entries serialize."""
    await Volunteer.select_for_update().filter(id__in=sorted(set(volunteer_ids))).values_list("id", flat=True)
    enrolled = set(
        await Enrollment.filter(organization_id=organization_id, volunteer_id__in=volunteer_ids).values_list(
            "volunteer_id", flat=True
        )
    )
    for volunteer_id, prefix in zip(volunteer_ids, prefixes, strict=True):
        if volunteer_id not in enrolled:
            raise DomainError("NOT_ENROLLED", f"{prefix}volunteerId")


async def _check_may_write(actor: Actor, operation: Operation, organization_id: int, now: datetime) -> None:
    require(actor, operation, organization_id=organization_id)
    if await is_stopped_at(organization_id, now):
        raise DomainError("ORGANIZATION_STOPPED", "organizationId")


def numbered(entries: Sequence[EntryT]) -> list[tuple[str, EntryT]]:
    """Pair entries with the field prefix their errors carry: `records.3.` in a batch, none alone."""
    if len(entries) == 1:
        return [("", entries[0])]
    return [(f"records.{i}.", entry) for i, entry in enumerate(entries)]


async def record(
    actor: Actor,
    kind: RecordKind[EntryT, RecordT],
    organization_id: int,
    entries: Sequence[tuple[str, EntryT]],
    *,
    input_errors: Sequence[DomainError] = (),
) -> list[RecordT]:
    """Record one entry or a batch: every entry is checked, and either all are written or none.

    `entries` pairs each entry with its error-field prefix (see `numbered`). `input_errors` are
    problems the caller found in entries it could not even build; they are reported together with
    the others, so a batch (a sign-in sheet, say) is fixed in one round."""
    now = clock.now()
    await _check_may_write(actor, Operation.RECORD, organization_id, now)
    if len(entries) + len(input_errors) > MAX_BATCH:
        raise DomainError("BATCH_TOO_LARGE", "records", {"max": MAX_BATCH})
    if not entries and not input_errors:
        raise DomainError("REQUIRED", "records")
    errors: list[DomainError] = list(input_errors)
    rows: list[dict[str, Any]] = []
    for prefix, entry in entries:
        try:
            values = await kind.validate(entry, _Context(organization_id, now, prefix))
        except DomainError as error:
            errors.append(error)
            continue
        rows.append({**values, "volunteer_id": entry.volunteer_id, "source": entry.source, "_prefix": prefix})  # type: ignore[attr-defined]
    if errors:
        raise DomainErrors(sorted(errors, key=lambda e: e.field or ""))
    created: list[RecordT] = []
    async with in_transaction():
        await _lock_enrolled_volunteers(organization_id, [r["volunteer_id"] for r in rows], [r["_prefix"] for r in rows])
        if kind is SERVICE:
            await _check_no_overlap(rows, _Context(organization_id, now))
        for row in rows:
            row.pop("_prefix")
            instance = await kind.model.create(
                **row, organization_id=organization_id, lineage=uuid.uuid4(), created_by_id=actor.account_id
            )
            await audit.append(
                actor.account_id, "RECORD", kind.name, instance.id,
                {"organizationId": organization_id, "volunteerId": row["volunteer_id"], "late": row.get("entered_late", False)},
            )
            created.append(instance)
    return created


async def _current_row(kind: RecordKind[Any, RecordT], record_id: int) -> RecordT:
    row = await kind.model.get_or_none(id=record_id)
    if row is None:
        raise DomainError("NOT_FOUND", "id")
    if row.status is RecordStatus.VOIDED:
        raise DomainError("ALREADY_VOIDED", "id")
    if row.status is not RecordStatus.CURRENT:
        raise DomainError("NOT_CURRENT_VERSION", "id")
    return row


async def correct(
    actor: Actor, kind: RecordKind[EntryT, RecordT], record_id: int, changes: dict[str, Any], reason: str
) -> RecordT:
    """Art 13: a correction is a new version; the old one stays, marked superseded, with the reason."""
    if not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    now = clock.now()
    async with in_transaction():
        old = await _current_row(kind, record_id)
        organization_id: int = old.organization_id  # type: ignore[attr-defined]
        await _check_may_write(actor, Operation.CORRECT_RECORD, organization_id, now)
        before = _entry_from_row(kind, old)
        after = dataclasses.replace(before, **{k: v for k, v in changes.items() if v is not None})
        if after == before:
            raise DomainError("NO_CHANGES", "id")
        ctx = _Context(organization_id, now, replacing_lineage=old.lineage)
        values = await kind.validate(after, ctx)
        values["volunteer_id"] = old.volunteer_id  # type: ignore[attr-defined]
        if kind is SERVICE:
            await _check_no_overlap([{**values, "_prefix": ""}], ctx)
        old.status = RecordStatus.SUPERSEDED
        await old.save(update_fields=["status"])
        new = await kind.model.create(
            **values,
            organization_id=organization_id,
            source=old.source,
            lineage=old.lineage,
            version=old.version + 1,
            change_reason=reason.strip(),
            created_by_id=actor.account_id,
        )
        changed = sorted(f.name for f in dataclasses.fields(before) if getattr(before, f.name) != getattr(after, f.name))
        await audit.append(
            actor.account_id, "CORRECT", kind.name, new.id, {"supersedes": old.id, "changedFields": changed}
        )
    return new


async def void(actor: Actor, kind: RecordKind[Any, RecordT], record_id: int, reason: str) -> RecordT:
    """A void keeps the row, marked void with its reason, so the history stays complete."""
    if not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    async with in_transaction():
        row = await _current_row(kind, record_id)
        require(actor, Operation.VOID_RECORD, organization_id=row.organization_id)  # type: ignore[attr-defined]
        row.status = RecordStatus.VOIDED
        row.change_reason = reason.strip()
        await row.save(update_fields=["status", "change_reason"])
        await audit.append(actor.account_id, "VOID", kind.name, row.id)
    return row
