from __future__ import annotations

import strawberry

from service.models import Organization as OrganizationRow
from service.schema.organizations.types import Organization
from service.schema.pagination import Connection, PageRequest, paginate
from service.schema.scalars import OrganizationCategory


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="Registered organizations; public, so anyone can see who may record and certify.")
    async def organizations(
        self, first: int | None = None, after: str | None = None, category: OrganizationCategory | None = None
    ) -> Connection[Organization]:
        rows = OrganizationRow.all() if category is None else OrganizationRow.filter(category=category)
        return await paginate(rows, PageRequest.parse(first, after), Organization.from_row)
