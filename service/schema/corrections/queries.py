from __future__ import annotations

import strawberry

from service.domain.errors import DomainError
from service.models import CorrectionRequest as CorrectionRow
from service.models.enums import CorrectionStatus
from service.policy import Operation, require
from service.schema.context import Info
from service.schema.corrections.types import CorrectionRequest
from service.schema.pagination import Connection, PageRequest, decode_global_id, empty_connection, paginate


@strawberry.type
class CorrectionQueries:
    @strawberry.field(description="Art 13 requests to an organization (its staff and the authority), newest first.")
    async def correction_requests(
        self,
        info: Info,
        organization_id: strawberry.ID,
        status: CorrectionStatus | None = CorrectionStatus.PENDING,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CorrectionRequest]:
        org_id = decode_global_id(organization_id, "Organization", "organizationId")
        try:
            require(info.context.actor, Operation.READ_ORGANIZATION_RECORDS, organization_id=org_id)
        except DomainError:
            return empty_connection()
        rows = CorrectionRow.filter(organization_id=org_id)
        if status is not None:
            rows = rows.filter(status=status)
        return await paginate(rows, PageRequest.parse(first, after), CorrectionRequest.from_row, newest_first=True)

    @strawberry.field(description="The logged-in volunteer's own correction requests, newest first.")
    async def my_correction_requests(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[CorrectionRequest]:
        volunteer_id = info.context.actor.volunteer_id
        if volunteer_id is None:
            return empty_connection()
        rows = CorrectionRow.filter(volunteer_id=volunteer_id)
        return await paginate(rows, PageRequest.parse(first, after), CorrectionRequest.from_row, newest_first=True)
