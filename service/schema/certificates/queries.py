from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from service.domain import certificates, statuslists, trust
from service.domain.errors import DomainError
from service.models import Certificate as CertificateRow
from service.models import CertificateRequest as RequestRow
from service.models import Organization
from service.models.certificates import RequestStatus
from service.policy import Operation, allows
from service.schema.certificates.types import Certificate, CertificateRequest, Verdict, as_json
from service.schema.context import Info
from service.schema.pagination import Connection, PageRequest, decode_global_id, empty_connection, paginate


def _node(row: CertificateRow) -> Certificate:
    return Certificate.from_row(row, row.replaced_by.number if row.replaced_by else None)


@strawberry.type
class CertificateQueries:
    @strawberry.field(description="An organization's certificates (its staff and the authority).")
    async def certificates(
        self, info: Info, organization_id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> Connection[Certificate]:
        org_id = decode_global_id(organization_id, "Organization", "organizationId")
        if not allows(info.context.actor, Operation.VIEW_CERTIFICATE, organization_id=org_id):
            return empty_connection()
        rows = CertificateRow.filter(organization_id=org_id).select_related("replaced_by")
        return await paginate(rows, PageRequest.parse(first, after), _node, newest_first=True)

    @strawberry.field(description="Certificate requests to an organization, pending first by default (its staff).")
    async def certificate_requests(
        self,
        info: Info,
        organization_id: strawberry.ID,
        status: RequestStatus | None = RequestStatus.PENDING,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CertificateRequest]:
        org_id = decode_global_id(organization_id, "Organization", "organizationId")
        if not allows(info.context.actor, Operation.VIEW_CERTIFICATE, organization_id=org_id):
            return empty_connection()
        rows = RequestRow.filter(organization_id=org_id)
        if status is not None:
            rows = rows.filter(status=status)
        return await paginate(rows, PageRequest.parse(first, after), CertificateRequest.from_row, newest_first=True)

    @strawberry.field(description="The logged-in volunteer's own certificate requests, newest first.")
    async def my_certificate_requests(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[CertificateRequest]:
        volunteer_id = info.context.actor.volunteer_id
        if volunteer_id is None:
            return empty_connection()
        rows = RequestRow.filter(volunteer_id=volunteer_id)
        return await paginate(rows, PageRequest.parse(first, after), CertificateRequest.from_row, newest_first=True)

    @strawberry.field(description="The authority's current signed trust list (public).")
    async def trust_list(self, info: Info) -> JSON:
        return as_json(await trust.current_trust_list(info.context.settings))

    @strawberry.field(
        description="An organization's signed status list, purpose revocation or suspension (public)."
    )
    async def status_list(self, info: Info, organization_id: strawberry.ID, purpose: str) -> JSON | None:
        try:
            org_id = decode_global_id(organization_id, "Organization", "organizationId")
            organization = await Organization.get_or_none(id=org_id)
            if organization is None:
                return None
            return as_json(await statuslists.current(organization, purpose, info.context.settings))
        except DomainError:
            return None

    @strawberry.field(
        description="Verify a certificate from its JSON or QR text, as the offline verifier would (public)."
    )
    async def verify_certificate(self, info: Info, payload: str) -> Verdict:
        verdict = await certificates.verify_payload(info.context.settings, payload)
        result = verdict.result
        return Verdict(
            valid=result.valid,
            reason=result.reason.value,
            warnings=[w.value for w in result.warnings],
            detail=result.detail,
            issuer_name=result.issuer_name,
            live_status=verdict.live_status,
            credential=as_json(result.credential),
        )
