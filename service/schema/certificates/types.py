"""GraphQL shapes of certificates, requests, verdicts and the published trust documents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from service.domain.certificates import credential_of
from service.models import Certificate as CertificateRow
from service.models import CertificateRequest as RequestRow
from service.models.certificates import CertificateStatus, RequestScope, RequestStatus
from service.policy import may_view_certificate
from service.schema.context import Info
from service.schema.organizations.types import Organization
from service.signing.qr import qr_payload

if TYPE_CHECKING:
    from service.schema.volunteers.types import Volunteer

VolunteerRef = Annotated["Volunteer", strawberry.lazy("service.schema.volunteers.types")]


def as_json(value: Any) -> JSON:
    """Documents are plain dicts; the JSON scalar passes them through as they are."""
    return cast(JSON, value)


for _enum in (CertificateStatus, RequestScope, RequestStatus):
    strawberry.enum(_enum)  # registered in place, like service.schema.scalars


@strawberry.type(
    description="A signed certificate (志愿服务记录证明). The credential is the signed W3C document."
)
class Certificate(relay.Node):
    id: relay.NodeID[int]
    number: str
    status: CertificateStatus
    reason: str = strawberry.field(description="Why it was revoked or suspended, if it was.")
    person_in_charge: str
    handler: str
    issued_at: datetime
    status_changed_at: datetime | None
    replaced_by_number: str | None = strawberry.field(
        description="The corrected certificate that replaced it."
    )
    row: strawberry.Private[CertificateRow]

    @classmethod
    def from_row(cls, row: CertificateRow, replaced_by_number: str | None = None) -> Certificate:
        return cls(
            id=row.id,
            number=row.number,
            status=row.status,
            reason=row.reason,
            person_in_charge=row.person_in_charge,
            handler=row.handler,
            issued_at=row.issued_at,
            status_changed_at=row.status_changed_at,
            replaced_by_number=replaced_by_number,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Certificate | None]:
        ids = [int(i) for i in node_ids]
        rows = {r.id: r for r in await CertificateRow.filter(id__in=ids).select_related("replaced_by")}
        actor = info.context.actor
        return [
            cls.from_row(r, r.replaced_by.number if r.replaced_by else None)
            if (r := rows.get(i))
            and may_view_certificate(actor, volunteer_id=r.volunteer_id, organization_id=r.organization_id)
            else None
            for i in ids
        ]

    @strawberry.field(description="The signed credential (JSON object).")
    def credential(self) -> JSON:
        return as_json(credential_of(self.row))

    @strawberry.field(description="The QR text (VR1:...) printed on the certificate.")
    def qr_payload(self) -> str:
        return qr_payload(credential_of(self.row))

    @strawberry.field(description="Where to download the A4 PDF (bearer token required).")
    def pdf_url(self, info: Info) -> str:
        return f"{info.context.settings.public_url}/certificates/{self.number}.pdf"


@strawberry.type(description="A volunteer's request for a certificate, and what the organization decided.")
class CertificateRequest(relay.Node):
    id: relay.NodeID[int]
    scope: RequestScope
    period_start: date | None
    period_end: date | None
    status: RequestStatus
    refusal_rule: str | None = strawberry.field(
        description="Code of the rule that refused it, e.g. NOT_RECORDED_HERE."
    )
    refusal_reason: str
    created_at: datetime
    volunteer_id: strawberry.Private[int]
    organization_id: strawberry.Private[int]

    @strawberry.field(description="Who asked.")
    async def volunteer(self, info: Info) -> VolunteerRef:
        from service.schema.volunteers.types import Volunteer

        return Volunteer.from_row(await info.context.loaders.volunteer.load(self.volunteer_id))

    @strawberry.field(description="The organization asked, which decides.")
    async def organization(self, info: Info) -> Organization:
        return Organization.from_row(await info.context.loaders.organization.load(self.organization_id))

    @strawberry.field(description="The certificate issued on approval, if any.")
    async def certificate(self) -> Certificate | None:
        row = await CertificateRow.filter(request_id=self.id).select_related("replaced_by").first()
        return Certificate.from_row(row, row.replaced_by.number if row.replaced_by else None) if row else None

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[CertificateRequest | None]:
        """Seen by those who see the certificate it asks for: the volunteer, the organization's staff,
        the authority."""
        ids = [int(i) for i in node_ids]
        rows = {r.id: r for r in await RequestRow.filter(id__in=ids)}
        actor = info.context.actor
        return [
            cls.from_row(r)
            if (r := rows.get(i))
            and may_view_certificate(actor, volunteer_id=r.volunteer_id, organization_id=r.organization_id)
            else None
            for i in ids
        ]

    @classmethod
    def from_row(cls, row: RequestRow) -> CertificateRequest:
        return cls(
            id=row.id,
            scope=row.scope,
            period_start=row.period_start,
            period_end=row.period_end,
            status=row.status,
            refusal_rule=row.refusal_rule or None,
            refusal_reason=row.refusal_reason,
            created_at=row.created_at,
            volunteer_id=row.volunteer_id,
            organization_id=row.organization_id,
        )


@strawberry.type(
    description="What the offline verifier says about a certificate, plus its status on record now."
)
class Verdict:
    valid: bool
    reason: str = strawberry.field(
        description="VALID or the code of the check that failed (DESIGN.md section 4)."
    )
    warnings: list[str]
    detail: str
    issuer_name: str | None
    live_status: CertificateStatus | None
    credential: JSON | None
