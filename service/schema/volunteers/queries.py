from __future__ import annotations

import strawberry

from service.domain.errors import DomainError
from service.models import Volunteer as VolunteerRow
from service.policy import Operation, require
from service.schema.context import Info
from service.schema.pagination import Connection, PageRequest, decode_global_id, empty_connection, paginate
from service.schema.volunteers.types import Volunteer


@strawberry.type
class VolunteerQueries:
    @strawberry.field(description="Volunteers enrolled with an organization (its staff and the authority).")
    async def volunteers(
        self, info: Info, organization_id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> Connection[Volunteer]:
        org_id = decode_global_id(organization_id, "Organization", "organizationId")
        try:
            require(info.context.actor, Operation.READ_VOLUNTEER_PROFILE, organization_id=org_id)
        except DomainError:
            return empty_connection()
        rows = VolunteerRow.filter(enrollments__organization_id=org_id)
        return await paginate(rows, PageRequest.parse(first, after), Volunteer.from_row)

