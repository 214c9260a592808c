"""Certificate mutations: one input and one payload (with `userErrors`) each; the domain decides."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from service.domain import certificates, keys, trust
from service.domain.certificates import IssueInput, Scope
from service.models.certificates import RequestScope
from service.schema.certificates.types import Certificate, CertificateRequest
from service.schema.context import Info
from service.schema.errors import UserError
from service.schema.pagination import decode_global_id
from service.schema.payloads import attempt


@strawberry.input(description="What to certify; ALL by default.")
class ScopeInput:
    kind: RequestScope = RequestScope.ALL
    period_start: date | None = None
    period_end: date | None = None
    activity_ids: list[strawberry.ID] | None = None

    def to_domain(self) -> Scope:
        ids = tuple(decode_global_id(a, "Activity", "scope.activityIds") for a in self.activity_ids or [])
        return Scope(self.kind, self.period_start, self.period_end, ids)


def _scope(scope: ScopeInput | None) -> Scope:
    return scope.to_domain() if scope else Scope()


@strawberry.input
class IssueCertificateInput:
    organization_id: strawberry.ID
    volunteer_id: strawberry.ID
    handler: str
    scope: ScopeInput | None = None
    person_in_charge: str = strawberry.field(default="", description="Defaults to the organization's.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the same certificate."
    )


@strawberry.type
class CertificatePayload:
    certificate: Certificate | None
    user_errors: list[UserError]


@strawberry.input
class RequestCertificateInput:
    organization_id: strawberry.ID
    volunteer_id: strawberry.ID
    scope: ScopeInput | None = None


@strawberry.type
class CertificateRequestPayload:
    request: CertificateRequest | None
    certificate: Certificate | None = None
    user_errors: list[UserError]


@strawberry.input
class ApproveCertificateRequestInput:
    request_id: strawberry.ID
    handler: str
    person_in_charge: str = ""


@strawberry.input
class RefuseCertificateRequestInput:
    request_id: strawberry.ID
    reason: str


@strawberry.input(description="Revoke, suspend or reinstate: always with a reason.")
class CertificateStatusInput:
    certificate_id: strawberry.ID
    reason: str


@strawberry.input(description="Re-issue after a record correction; the old certificate is revoked.")
class ReissueCertificateInput:
    certificate_id: strawberry.ID
    reason: str
    handler: str = ""


@strawberry.input
class RotateOrganizationKeyInput:
    organization_id: strawberry.ID


@strawberry.input
class RevokeOrganizationKeyInput:
    organization_id: strawberry.ID
    key_number: int
    revoked_from: datetime | None = strawberry.field(
        default=None, description="Compromised from; default now."
    )


@strawberry.type
class OrganizationKeyPayload:
    key_id: str | None = strawberry.field(description="The verificationMethod of the key.")
    user_errors: list[UserError]


@strawberry.type
class TrustListPayload:
    version: int | None
    root_version: int | None
    user_errors: list[UserError]


def _certificate(info: Info, field: strawberry.ID) -> int:
    return decode_global_id(field, "Certificate", "certificateId")


async def _change(info: Info, input: CertificateStatusInput, action: str) -> CertificatePayload:
    async def work() -> Certificate:
        row = await certificates.change_status(
            info.context.actor, info.context.settings, _certificate(info, input.certificate_id), action, input.reason
        )
        return Certificate.from_row(row)

    certificate, errors = await attempt(info, work)
    return CertificatePayload(certificate=certificate, user_errors=errors)


@strawberry.type
class CertificateMutations:
    @strawberry.mutation(
        description="Issue a certificate now (organization staff). Free, immediate, idempotent."
    )
    async def issue_certificate(self, info: Info, input: IssueCertificateInput) -> CertificatePayload:
        async def work() -> Certificate:
            data = IssueInput(
                organization_id=decode_global_id(input.organization_id, "Organization", "organizationId"),
                volunteer_id=decode_global_id(input.volunteer_id, "Volunteer", "volunteerId"),
                scope=_scope(input.scope),
                person_in_charge=input.person_in_charge,
                handler=input.handler,
                idempotency_key=input.idempotency_key,
            )
            return Certificate.from_row(
                await certificates.issue(info.context.actor, info.context.settings, data)
            )

        certificate, errors = await attempt(info, work)
        return CertificatePayload(certificate=certificate, user_errors=errors)

    @strawberry.mutation(
        description="A volunteer asks for a certificate; refused at once if a rule refuses it."
    )
    async def request_certificate(
        self, info: Info, input: RequestCertificateInput
    ) -> CertificateRequestPayload:
        async def work() -> CertificateRequest:
            row = await certificates.request_certificate(
                info.context.actor,
                decode_global_id(input.organization_id, "Organization", "organizationId"),
                decode_global_id(input.volunteer_id, "Volunteer", "volunteerId"),
                _scope(input.scope),
            )
            return CertificateRequest.from_row(row)

        request, errors = await attempt(info, work)
        return CertificateRequestPayload(request=request, user_errors=errors)

    @strawberry.mutation
    async def approve_certificate_request(
        self, info: Info, input: ApproveCertificateRequestInput
    ) -> CertificateRequestPayload:
        async def work() -> tuple[CertificateRequest, Certificate | None]:
            row, certificate = await certificates.approve_request(
                info.context.actor,
                info.context.settings,
                decode_global_id(input.request_id, "CertificateRequest", "requestId"),
                input.handler,
                input.person_in_charge,
            )
            return CertificateRequest.from_row(row), Certificate.from_row(
                certificate
            ) if certificate else None

        result, errors = await attempt(info, work)
        return CertificateRequestPayload(
            request=result[0] if result else None,
            certificate=result[1] if result else None,
            user_errors=errors,
        )

    @strawberry.mutation
    async def refuse_certificate_request(
        self, info: Info, input: RefuseCertificateRequestInput
    ) -> CertificateRequestPayload:
        async def work() -> CertificateRequest:
            row = await certificates.refuse_request(
                info.context.actor,
                decode_global_id(input.request_id, "CertificateRequest", "requestId"),
                input.reason,
            )
            return CertificateRequest.from_row(row)

        request, errors = await attempt(info, work)
        return CertificateRequestPayload(request=request, user_errors=errors)

    @strawberry.mutation(description="Revoke for good (organization admin); the status list says so at once.")
    async def revoke_certificate(self, info: Info, input: CertificateStatusInput) -> CertificatePayload:
        return await _change(info, input, "REVOKE")

    @strawberry.mutation(description="Suspend for now (organization admin).")
    async def suspend_certificate(self, info: Info, input: CertificateStatusInput) -> CertificatePayload:
        return await _change(info, input, "SUSPEND")

    @strawberry.mutation(description="Lift a suspension (organization admin).")
    async def reinstate_certificate(self, info: Info, input: CertificateStatusInput) -> CertificatePayload:
        return await _change(info, input, "REINSTATE")

    @strawberry.mutation(
        description="Issue a corrected certificate; the old one is revoked and points to it."
    )
    async def reissue_certificate(self, info: Info, input: ReissueCertificateInput) -> CertificatePayload:
        async def work() -> Certificate:
            row = await certificates.reissue(
                info.context.actor,
                info.context.settings,
                _certificate(info, input.certificate_id),
                input.reason,
                input.handler,
            )
            return Certificate.from_row(row)

        certificate, errors = await attempt(info, work)
        return CertificatePayload(certificate=certificate, user_errors=errors)

    @strawberry.mutation(description="New signing key from now; the old one still verifies what it signed.")
    async def rotate_organization_key(
        self, info: Info, input: RotateOrganizationKeyInput
    ) -> OrganizationKeyPayload:
        async def work() -> str:
            org_id = decode_global_id(input.organization_id, "Organization", "organizationId")
            key = await keys.rotate(info.context.actor, org_id, info.context.settings)
            return f"key-{key.number}"

        key_id, errors = await attempt(info, work)
        return OrganizationKeyPayload(key_id=key_id, user_errors=errors)

    @strawberry.mutation(
        description="A compromised key stops verifying from a date (org admin or authority)."
    )
    async def revoke_organization_key(
        self, info: Info, input: RevokeOrganizationKeyInput
    ) -> OrganizationKeyPayload:
        async def work() -> str:
            org_id = decode_global_id(input.organization_id, "Organization", "organizationId")
            key = await keys.revoke(
                info.context.actor, org_id, input.key_number, input.revoked_from, info.context.settings
            )
            return f"key-{key.number}"

        key_id, errors = await attempt(info, work)
        return OrganizationKeyPayload(key_id=key_id, user_errors=errors)

    @strawberry.mutation(description="Publish a new trust list version now (authority).")
    async def publish_trust_list(self, info: Info) -> TrustListPayload:
        async def work() -> tuple[int, int]:
            row = await trust.publish(info.context.actor, info.context.settings)
            return row.version, row.root_version

        result, errors = await attempt(info, work)
        return TrustListPayload(
            version=result[0] if result else None,
            root_version=result[1] if result else None,
            user_errors=errors,
        )

    @strawberry.mutation(description="Root N -> N+1, signed by the old and the new root key (authority).")
    async def rotate_root_key(self, info: Info) -> TrustListPayload:
        async def work() -> tuple[int, int]:
            root, trust_list = await trust.rotate_root(info.context.actor, info.context.settings)
            return trust_list.version, root.version

        result, errors = await attempt(info, work)
        return TrustListPayload(
            version=result[0] if result else None,
            root_version=result[1] if result else None,
            user_errors=errors,
        )
