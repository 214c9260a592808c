from __future__ import annotations

import strawberry

from service.domain import issuing
from service.domain.errors import DomainError
from service.i18n import message
from service.policy import may_view_volunteer
from service.schema.context import Info
from service.schema.errors import UserError, user_errors
from service.schema.organizations.types import Organization
from service.schema.pagination import decode_global_id


@strawberry.type(description="Answer to: may this organization certify this volunteer (for these records)?")
class CanIssueResult:
    allowed: bool
    rule: str | None = strawberry.field(description="Code of the rule that decided, e.g. NOT_RECORDED_HERE.")
    explanation: str | None = strawberry.field(description="The rule, in the request's language.")
    organization: Organization | None
    able_organizations: list[Organization] = strawberry.field(
        description="When the answer is no: organizations that can certify this volunteer's service "
        "(shown to the volunteer, the authority and staff who enrolled them)."
    )
    user_errors: list[UserError]


@strawberry.type
class IssuingQueries:
    @strawberry.field(description="Art 26: who records, certifies. Anyone may ask.")
    async def can_issue(
        self,
        info: Info,
        organization_id: strawberry.ID,
        volunteer_id: strawberry.ID,
        record_ids: list[strawberry.ID] | None = None,
    ) -> CanIssueResult:
        language = info.context.language
        try:
            org_id = decode_global_id(organization_id, "Organization", "organizationId")
            vol_id = decode_global_id(volunteer_id, "Volunteer", "volunteerId")
            ids = [decode_global_id(r, "ServiceRecord", "recordIds") for r in record_ids] if record_ids else None
            decision = await issuing.can_issue(org_id, vol_id, ids)
        except DomainError as error:
            return CanIssueResult(
                allowed=False, rule=None, explanation=None, organization=None, able_organizations=[],
                user_errors=user_errors(error, language),
            )
        enrolled = await info.context.loaders.enrolled_organizations.load(vol_id)
        may_see = may_view_volunteer(info.context.actor, volunteer_id=vol_id, enrolled_in=enrolled)
        return CanIssueResult(
            allowed=decision.allowed,
            rule=decision.rule,
            explanation=message(decision.rule, language),
            organization=Organization.from_row(decision.organization),
            able_organizations=[Organization.from_row(o) for o in decision.able_organizations] if may_see else [],
            user_errors=[],
        )
