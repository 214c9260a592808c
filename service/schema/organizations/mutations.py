from __future__ import annotations

from datetime import date, datetime

import strawberry

from service.domain import accounts, activities, organizations
from service.domain.accounts import NewMember
from service.domain.activities import NewActivity
from service.domain.organizations import NewOrganization
from service.models.enums import IssuingRightAction as RightAction
from service.schema.context import Info
from service.schema.errors import UserError
from service.schema.organizations.types import Activity, IssuingRightChange, Organization
from service.schema.pagination import decode_global_id
from service.schema.payloads import attempt
from service.schema.scalars import MemberRole, OrganizationCategory, Recruitment, SanctionKind


@strawberry.input(description="A staff account of one organization.")
class NewMemberInput:
    username: str
    password: str
    display_name: str = ""
    role: MemberRole = MemberRole.ADMIN

    def to_domain(self) -> NewMember:
        return NewMember(self.username, self.password, self.display_name, self.role)


@strawberry.input
class RegisterOrganizationInput:
    credit_code: str = strawberry.field(description="18-character unified social credit code, checksum verified.")
    name: str
    category: OrganizationCategory
    region: str = ""
    person_in_charge: str = ""
    admin: NewMemberInput | None = strawberry.field(
        default=None, description="Its first administrator, who then adds the rest of the staff."
    )


@strawberry.type
class RegisterOrganizationPayload:
    organization: Organization | None
    user_errors: list[UserError]


@strawberry.input
class IssuingRightInput:
    organization_id: strawberry.ID
    reason: str = ""


@strawberry.type
class IssuingRightPayload:
    organization: Organization | None
    change: IssuingRightChange | None
    user_errors: list[UserError]


@strawberry.input
class SanctionOrganizationInput:
    organization_id: strawberry.ID
    kind: SanctionKind
    reason: str
    ends_at: datetime | None = None


@strawberry.type
class SanctionOrganizationPayload:
    organization: Organization | None
    user_errors: list[UserError]


@strawberry.input
class AddOrganizationMemberInput:
    organization_id: strawberry.ID
    member: NewMemberInput


@strawberry.type
class AddOrganizationMemberPayload:
    username: str | None
    user_errors: list[UserError]


@strawberry.input
class CreateActivityInput:
    organization_id: strawberry.ID
    name: str
    starts_on: date
    ends_on: date
    recruitment: Recruitment = Recruitment.SELF_RECRUITED
    partner_id: strawberry.ID | None = strawberry.field(
        default=None, description="With VIA_PARTNER: the volunteer service organization that recruited."
    )
    content: str = ""
    place: str = ""
    person_in_charge: str = ""


@strawberry.type
class CreateActivityPayload:
    activity: Activity | None
    user_errors: list[UserError]


async def _change_right(info: Info, data: IssuingRightInput, action: RightAction) -> IssuingRightPayload:
    async def work() -> tuple[Organization, IssuingRightChange]:
        org_id = decode_global_id(data.organization_id, "Organization", "organizationId")
        event = await organizations.change_issuing_right(info.context.actor, org_id, action, data.reason)
        row = await organizations.get_organization(org_id)
        return Organization.from_row(row), IssuingRightChange(
            action=event.action, effective_at=event.effective_at, reason=event.reason
        )

    result, errors = await attempt(info, work)
    return IssuingRightPayload(
        organization=result[0] if result else None, change=result[1] if result else None, user_errors=errors
    )


@strawberry.type
class OrganizationMutations:
    @strawberry.mutation(description="Authority: register an organization.")
    async def register_organization(self, info: Info, input: RegisterOrganizationInput) -> RegisterOrganizationPayload:
        data = NewOrganization(
            input.credit_code, input.name, input.category, input.region, input.person_in_charge,
            input.admin.to_domain() if input.admin else None,
        )
        row, errors = await attempt(info, lambda: organizations.register_organization(info.context.actor, data))
        return RegisterOrganizationPayload(organization=Organization.from_row(row) if row else None, user_errors=errors)

    @strawberry.mutation(description="Authority: grant the right to issue certificates.")
    async def grant_issuing_right(self, info: Info, input: IssuingRightInput) -> IssuingRightPayload:
        return await _change_right(info, input, RightAction.GRANT)

    @strawberry.mutation(description="Authority: suspend the right to issue certificates (reason required).")
    async def suspend_issuing_right(self, info: Info, input: IssuingRightInput) -> IssuingRightPayload:
        return await _change_right(info, input, RightAction.SUSPEND)

    @strawberry.mutation(description="Authority: revoke the right to issue certificates (reason required).")
    async def revoke_issuing_right(self, info: Info, input: IssuingRightInput) -> IssuingRightPayload:
        return await _change_right(info, input, RightAction.REVOKE)

    @strawberry.mutation(description="Authority (Art 24): warn, or order an organization to stop activities.")
    async def sanction_organization(
        self, info: Info, input: SanctionOrganizationInput
    ) -> SanctionOrganizationPayload:
        async def work() -> Organization:
            org_id = decode_global_id(input.organization_id, "Organization", "organizationId")
            await organizations.impose_sanction(info.context.actor, org_id, input.kind, input.reason, input.ends_at)
            return Organization.from_row(await organizations.get_organization(org_id))

        organization, errors = await attempt(info, work)
        return SanctionOrganizationPayload(organization=organization, user_errors=errors)

    @strawberry.mutation(description="Organization admin: create a staff account (admin or recorder).")
    async def add_organization_member(
        self, info: Info, input: AddOrganizationMemberInput
    ) -> AddOrganizationMemberPayload:
        async def work() -> str:
            org_id = decode_global_id(input.organization_id, "Organization", "organizationId")
            account = await accounts.add_member(info.context.actor, org_id, input.member.to_domain())
            return account.username

        username, errors = await attempt(info, work)
        return AddOrganizationMemberPayload(username=username, user_errors=errors)

    @strawberry.mutation(description="Organization admin: create an activity.")
    async def create_activity(self, info: Info, input: CreateActivityInput) -> CreateActivityPayload:
        async def work() -> Activity:
            data = NewActivity(
                organization_id=decode_global_id(input.organization_id, "Organization", "organizationId"),
                name=input.name,
                starts_on=input.starts_on,
                ends_on=input.ends_on,
                recruitment=input.recruitment,
                partner_id=decode_global_id(input.partner_id, "Organization", "partnerId") if input.partner_id else None,
                content=input.content,
                place=input.place,
                person_in_charge=input.person_in_charge,
            )
            return Activity.from_row(await activities.create_activity(info.context.actor, data))

        activity, errors = await attempt(info, work)
        return CreateActivityPayload(activity=activity, user_errors=errors)
