from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import strawberry
from strawberry import relay

from service.domain import clock
from service.domain.deadlines import recording_deadline
from service.domain.organizations import has_issuing_right_at, is_stopped_at
from service.domain.recording import recording_organization_id
from service.models import Activity as ActivityRow
from service.models import IssuingRightEvent
from service.models import Organization as OrganizationRow
from service.schema.context import Info
from service.schema.pagination import Connection, PageRequest, paginate
from service.schema.scalars import IssuingRightAction, OrganizationCategory, Recruitment


@strawberry.type(description="One change of an organization's right to issue certificates.")
class IssuingRightChange:
    action: IssuingRightAction
    effective_at: datetime
    reason: str


@strawberry.type(description="An organization that records volunteer service (Art 26 categories).")
class Organization(relay.Node):
    id: relay.NodeID[int]
    credit_code: str
    name: str
    category: OrganizationCategory
    region: str
    person_in_charge: str

    @classmethod
    def from_row(cls, row: OrganizationRow) -> Organization:
        return cls(
            id=row.id, credit_code=row.credit_code, name=row.name, category=row.category, region=row.region,
            person_in_charge=row.person_in_charge,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        rows = await info.context.loaders.organization.load_many([int(i) for i in node_ids])
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(description="Whether the organization may issue certificates right now.")
    async def has_issuing_right(self) -> bool:
        return await has_issuing_right_at(self.id, clock.now())

    @strawberry.field(description="Ordered to stop activities (Art 24): no recording or issuing meanwhile.")
    async def stopped(self) -> bool:
        return await is_stopped_at(self.id, clock.now())

    @strawberry.field
    async def issuing_right_history(self) -> list[IssuingRightChange]:
        events = await IssuingRightEvent.filter(organization_id=self.id).order_by("effective_at", "id")
        return [IssuingRightChange(action=e.action, effective_at=e.effective_at, reason=e.reason) for e in events]

    @strawberry.field
    async def activities(self, first: int | None = None, after: str | None = None) -> Connection[Activity]:
        return await paginate(
            ActivityRow.filter(organization_id=self.id), PageRequest.parse(first, after), Activity.from_row,
            newest_first=True,
        )


@strawberry.type(description="A volunteer service activity run by an organization.")
class Activity(relay.Node):
    id: relay.NodeID[int]
    name: str
    content: str
    place: str
    person_in_charge: str
    starts_on: date
    ends_on: date
    recruitment: Recruitment
    organization_id: strawberry.Private[int]
    partner_id: strawberry.Private[int | None]
    recorder_id: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: ActivityRow) -> Activity:
        return cls(
            id=row.id, name=row.name, content=row.content, place=row.place, person_in_charge=row.person_in_charge,
            starts_on=row.starts_on, ends_on=row.ends_on, recruitment=row.recruitment,
            organization_id=row.organization_id,  # type: ignore[attr-defined]
            partner_id=row.partner_id,  # type: ignore[attr-defined]
            recorder_id=recording_organization_id(row),
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Activity | None]:
        rows = await info.context.loaders.activity.load_many([int(i) for i in node_ids])
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field
    async def organization(self, info: Info) -> Organization:
        return Organization.from_row(await info.context.loaders.organization.load(self.organization_id))

    @strawberry.field(description="The volunteer service organization that recruited the volunteers, if any.")
    async def partner(self, info: Info) -> Organization | None:
        if self.partner_id is None:
            return None
        return Organization.from_row(await info.context.loaders.organization.load(self.partner_id))

    @strawberry.field(description="Who organizes, records: the organization that records this activity's service.")
    async def recording_organization(self, info: Info) -> Organization:
        return Organization.from_row(await info.context.loaders.organization.load(self.recorder_id))

    @strawberry.field(description="Art 11: last day to record this activity on time (10 working days).")
    def recording_deadline(self) -> date:
        return recording_deadline(self.ends_on)


