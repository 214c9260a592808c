from __future__ import annotations

import strawberry

from service.models import Account, Membership
from service.schema.context import Info
from service.schema.organizations.types import Organization
from service.schema.scalars import MemberRole
from service.schema.volunteers.types import Volunteer


@strawberry.type
class OrganizationRole:
    organization: Organization
    role: MemberRole


@strawberry.type(description="The logged-in account and what it may act as.")
class Viewer:
    username: str
    display_name: str
    is_inspector: bool
    account_id: strawberry.Private[int]
    volunteer_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Account) -> Viewer:
        return cls(
            username=row.username, display_name=row.display_name, is_inspector=row.is_inspector,
            account_id=row.id, volunteer_id=row.volunteer_id,  # type: ignore[attr-defined]
        )

    @strawberry.field(description="The volunteer this account belongs to, if any.")
    async def volunteer(self, info: Info) -> Volunteer | None:
        if self.volunteer_id is None:
            return None
        return Volunteer.from_row(await info.context.loaders.volunteer.load(self.volunteer_id))

    @strawberry.field
    async def roles(self, info: Info) -> list[OrganizationRole]:
        memberships = await Membership.filter(account_id=self.account_id).order_by("id")
        organizations = await info.context.loaders.organization.load_many([m.organization_id for m in memberships])  # type: ignore[attr-defined]
        return [
            OrganizationRole(organization=Organization.from_row(o), role=m.role)
            for m, o in zip(memberships, organizations, strict=True)
        ]
