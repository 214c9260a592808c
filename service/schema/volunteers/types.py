from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from service.domain.errors import DomainError
from service.domain.stars import DEFAULT_STAR_POLICY
from service.domain.volunteers import reveal_id_number
from service.models import Volunteer as VolunteerRow
from service.policy import may_view_certificate, may_view_record, may_view_volunteer
from service.schema.certificates.types import Certificate
from service.schema.context import Info
from service.schema.pagination import Connection, PageRequest, paginate_in_memory
from service.schema.records.types import AwardRecord, EvaluationRecord, ServiceRecord, TrainingRecord
from service.schema.scalars import Gender, IdType


@strawberry.type(description="A volunteer (Art 5). The ID number is masked except for the volunteer and the authority.")
class Volunteer(relay.Node):
    id: relay.NodeID[int]
    volunteer_number: str = strawberry.field(description="Unified volunteer number, used between systems.")
    name: str
    gender: Gender
    birth_date: date
    id_type: IdType
    id_number_masked: str
    residence_area: str
    contact: str
    skills: list[str]
    service_categories: list[str]
    row: strawberry.Private[VolunteerRow]

    @classmethod
    def from_row(cls, row: VolunteerRow) -> Volunteer:
        return cls(
            id=row.id, volunteer_number=row.volunteer_number, name=row.name, gender=row.gender,
            birth_date=row.birth_date, id_type=row.id_type, id_number_masked=row.id_number_masked,
            residence_area=row.residence_area, contact=row.contact, skills=list(row.skills),
            service_categories=list(row.service_categories), row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Volunteer | None]:
        ids = [int(i) for i in node_ids]
        rows = await info.context.loaders.volunteer.load_many(ids)
        enrolled = await info.context.loaders.enrolled_organizations.load_many(ids)
        actor = info.context.actor
        return [
            cls.from_row(row) if row and may_view_volunteer(actor, volunteer_id=row.id, enrolled_in=orgs) else None
            for row, orgs in zip(rows, enrolled, strict=True)
        ]

    @strawberry.field(description="The full ID number: only for the volunteer themselves and the authority.")
    def id_number(self, info: Info) -> str | None:
        try:
            return reveal_id_number(info.context.actor, self.row, info.context.settings)
        except DomainError:
            return None

    async def _visible(self, info: Info, loader: Any) -> list[Any]:
        rows = await loader.load(self.id)
        actor = info.context.actor
        return [
            r for r in rows
            if may_view_record(actor, volunteer_id=r.volunteer_id, organization_id=r.organization_id)
        ]

    async def _total_hours(self, info: Info) -> Decimal:
        rows = await self._visible(info, info.context.loaders.service_by_volunteer)
        return sum((r.hours for r in rows), Decimal(0))

    @strawberry.field(description="Current total of service hours, over the records the viewer may see.")
    async def total_hours(self, info: Info) -> str:
        return f"{(await self._total_hours(info)).normalize():f}"

    @strawberry.field(description="Star level from total hours (Art 10), under the configured policy.")
    async def stars(self, info: Info) -> int:
        return DEFAULT_STAR_POLICY.stars(await self._total_hours(info))

    @strawberry.field
    async def service_records(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ServiceRecord]:
        rows = await self._visible(info, info.context.loaders.service_by_volunteer)
        return paginate_in_memory(rows, PageRequest.parse(first, after), ServiceRecord.from_row, newest_first=True)

    @strawberry.field
    async def training_records(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[TrainingRecord]:
        rows = await self._visible(info, info.context.loaders.training_by_volunteer)
        return paginate_in_memory(rows, PageRequest.parse(first, after), TrainingRecord.from_row, newest_first=True)

    @strawberry.field
    async def award_records(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[AwardRecord]:
        rows = await self._visible(info, info.context.loaders.awards_by_volunteer)
        return paginate_in_memory(rows, PageRequest.parse(first, after), AwardRecord.from_row, newest_first=True)

    @strawberry.field
    async def evaluation_records(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[EvaluationRecord]:
        rows = await self._visible(info, info.context.loaders.evaluations_by_volunteer)
        return paginate_in_memory(rows, PageRequest.parse(first, after), EvaluationRecord.from_row, newest_first=True)

    @strawberry.field(description="Certificates issued to this volunteer that the viewer may see, newest first.")
    async def certificates(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Certificate]:
        rows = await info.context.loaders.certificates_by_volunteer.load(self.id)
        actor = info.context.actor
        visible = [
            r for r in rows
            if may_view_certificate(actor, volunteer_id=r.volunteer_id, organization_id=r.organization_id)
        ]
        # A re-issue keeps the holder, so the replacement is among the same volunteer's certificates.
        numbers = {r.id: r.number for r in rows}

        def node(row: Any) -> Certificate:
            return Certificate.from_row(row, numbers.get(row.replaced_by_id) if row.replaced_by_id else None)

        return paginate_in_memory(visible, PageRequest.parse(first, after), node, newest_first=True)
