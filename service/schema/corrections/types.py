from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import strawberry
from strawberry import relay

from service.models import CorrectionRequest as CorrectionRow
from service.models.enums import CorrectionStatus
from service.policy import may_view_record
from service.schema.context import Info
from service.schema.organizations.types import Organization
from service.schema.records.types import Record, record_from_row

strawberry.enum(CorrectionStatus)


@strawberry.type(description="Art 13: a volunteer's request to correct one of their records, and its answer.")
class CorrectionRequest(relay.Node):
    id: relay.NodeID[int]
    message: str
    status: CorrectionStatus
    answer: str
    created_at: datetime
    answered_at: datetime | None
    row: strawberry.Private[CorrectionRow]

    @classmethod
    def from_row(cls, row: CorrectionRow) -> CorrectionRequest:
        return cls(
            id=row.id, message=row.message, status=row.status, answer=row.answer, created_at=row.created_at,
            answered_at=row.answered_at, row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[CorrectionRequest | None]:
        rows = {r.id: r for r in await CorrectionRow.filter(id__in=[int(i) for i in node_ids])}
        actor = info.context.actor
        return [
            cls.from_row(row)
            if (row := rows.get(int(i)))
            and may_view_record(actor, volunteer_id=row.volunteer_id, organization_id=row.organization_id)  # type: ignore[attr-defined]
            else None
            for i in node_ids
        ]

    async def _record(self, info: Info, record_id: int | None) -> Record | None:
        if record_id is None:
            return None
        row = await info.context.loaders.record(self.row.record_kind).load(record_id)
        return record_from_row(self.row.record_kind, row) if row else None

    @strawberry.field(description="The record version the volunteer asked about.")
    async def record(self, info: Info) -> Record | None:
        return await self._record(info, self.row.record_id)

    @strawberry.field(description="The new version, once the organization corrected the record.")
    async def corrected_record(self, info: Info) -> Record | None:
        return await self._record(info, self.row.corrected_record_id)

    @strawberry.field(description="The recording organization, which answers.")
    async def organization(self, info: Info) -> Organization:
        return Organization.from_row(await info.context.loaders.organization.load(self.row.organization_id))  # type: ignore[attr-defined]
