from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from service.models import AwardRecord as AwardRow
from service.models import EvaluationRecord as EvaluationRow
from service.models import ServiceRecord as ServiceRow
from service.models import TrainingRecord as TrainingRow
from service.models.records import VersionedRecord
from service.policy import may_view_record
from service.schema.context import Info
from service.schema.organizations.types import Activity, Organization
from service.schema.scalars import AwardBasis, Quality, RecordSource, RecordStatus

if TYPE_CHECKING:
    from service.schema.volunteers.types import Volunteer

VolunteerRef = Annotated["Volunteer", strawberry.lazy("service.schema.volunteers.types")]


@strawberry.interface(description="What every kind of record shares: its versions, source and status.")
class Record(relay.Node):
    id: relay.NodeID[int]
    version: int
    status: RecordStatus
    change_reason: str = strawberry.field(description="Why this version corrected or voided the record.")
    source: RecordSource
    entered_late: bool = strawberry.field(description="Entered after the Art 11 deadline.")
    created_at: datetime
    volunteer_id: strawberry.Private[int]
    organization_id: strawberry.Private[int]
    lineage: strawberry.Private[Any]

    @strawberry.field
    async def volunteer(self, info: Info) -> VolunteerRef:
        from service.schema.volunteers.types import Volunteer

        return Volunteer.from_row(await info.context.loaders.volunteer.load(self.volunteer_id))

    @strawberry.field(description="The recording unit (Art 15).")
    async def organization(self, info: Info) -> Organization:
        return Organization.from_row(await info.context.loaders.organization.load(self.organization_id))


def _common(row: VersionedRecord) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "status": row.status,
        "change_reason": row.change_reason,
        "source": row.source,
        "entered_late": row.entered_late,
        "created_at": row.created_at,
        "volunteer_id": row.volunteer_id,  # type: ignore[attr-defined]
        "organization_id": row.organization_id,  # type: ignore[attr-defined]
        "lineage": row.lineage,
    }


async def _visible(info: Info, rows: list[Any], build: Any) -> list[Any]:
    actor = info.context.actor
    return [
        build(r)
        if r is not None and may_view_record(actor, volunteer_id=r.volunteer_id, organization_id=r.organization_id)
        else None
        for r in rows
    ]


@strawberry.type(description="Art 7: service given in an activity.")
class ServiceRecord(Record):
    starts_at: datetime
    ends_at: datetime
    hours: str = strawberry.field(description="Hours actually given, as a decimal string.")
    content: str
    place: str
    person_in_charge: str
    activity_id: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: ServiceRow) -> ServiceRecord:
        return cls(
            **_common(row), starts_at=row.starts_at, ends_at=row.ends_at, hours=f"{row.hours.normalize():f}",
            content=row.content, place=row.place, person_in_charge=row.person_in_charge,
            activity_id=row.activity_id,  # type: ignore[attr-defined]
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ServiceRecord | None]:
        rows = await info.context.loaders.service_record.load_many([int(i) for i in node_ids])
        return await _visible(info, rows, cls.from_row)

    @strawberry.field
    async def activity(self, info: Info) -> Activity:
        return Activity.from_row(await info.context.loaders.activity.load(self.activity_id))

    @strawberry.field(description="Every version of this record, oldest first.")
    async def history(self) -> list[ServiceRecord]:
        rows = await ServiceRow.filter(lineage=self.lineage).order_by("version")
        return [ServiceRecord.from_row(r) for r in rows]


@strawberry.type(description="Art 8: training received.")
class TrainingRecord(Record):
    name: str
    content: str
    hours: str
    organizer: str
    held_on: date

    @classmethod
    def from_row(cls, row: TrainingRow) -> TrainingRecord:
        return cls(
            **_common(row), name=row.name, content=row.content, hours=f"{row.hours.normalize():f}",
            organizer=row.organizer, held_on=row.held_on,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[TrainingRecord | None]:
        rows = await info.context.loaders.training_record.load_many([int(i) for i in node_ids])
        return await _visible(info, rows, cls.from_row)


@strawberry.type(description="Art 9: an award or commendation.")
class AwardRecord(Record):
    name: str
    awarded_on: date
    granting_unit: str
    basis: AwardBasis
    evidence: str

    @classmethod
    def from_row(cls, row: AwardRow) -> AwardRecord:
        return cls(
            **_common(row), name=row.name, awarded_on=row.awarded_on, granting_unit=row.granting_unit,
            basis=row.basis, evidence=row.evidence,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[AwardRecord | None]:
        rows = await info.context.loaders.award_record.load_many([int(i) for i in node_ids])
        return await _visible(info, rows, cls.from_row)


@strawberry.type(description="Art 10: an evaluation of the quality of service.")
class EvaluationRecord(Record):
    quality: Quality
    evaluated_on: date
    comment: str
    activity_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: EvaluationRow) -> EvaluationRecord:
        return cls(
            **_common(row), quality=row.quality, evaluated_on=row.evaluated_on, comment=row.comment,
            activity_id=row.activity_id,  # type: ignore[attr-defined]
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[EvaluationRecord | None]:
        rows = await info.context.loaders.evaluation_record.load_many([int(i) for i in node_ids])
        return await _visible(info, rows, cls.from_row)

    @strawberry.field
    async def activity(self, info: Info) -> Activity | None:
        if self.activity_id is None:
            return None
        return Activity.from_row(await info.context.loaders.activity.load(self.activity_id))


RECORD_TYPES: dict[str, Any] = {
    "ServiceRecord": ServiceRecord,
    "TrainingRecord": TrainingRecord,
    "AwardRecord": AwardRecord,
    "EvaluationRecord": EvaluationRecord,
}


def record_from_row(kind_name: str, row: VersionedRecord) -> Record:
    """The GraphQL type for a stored record of any kind."""
    return RECORD_TYPES[kind_name].from_row(row)
