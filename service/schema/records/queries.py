from __future__ import annotations

import strawberry

from service.domain.errors import DomainError
from service.models import ServiceRecord as ServiceRow
from service.models.enums import RecordStatus
from service.policy import Operation, require
from service.schema.context import Info
from service.schema.pagination import Connection, PageRequest, decode_global_id, empty_connection, paginate
from service.schema.records.types import ServiceRecord


@strawberry.type
class RecordQueries:
    @strawberry.field(description="Service an organization recorded, newest first (its staff and the authority).")
    async def service_records(
        self,
        info: Info,
        organization_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        include_history: bool = False,
    ) -> Connection[ServiceRecord]:
        org_id = decode_global_id(organization_id, "Organization", "organizationId")
        try:
            require(info.context.actor, Operation.READ_ORGANIZATION_RECORDS, organization_id=org_id)
        except DomainError:
            return empty_connection()
        rows = ServiceRow.filter(organization_id=org_id)
        if not include_history:
            rows = rows.filter(status=RecordStatus.CURRENT)
        return await paginate(rows, PageRequest.parse(first, after), ServiceRecord.from_row, newest_first=True)
