from __future__ import annotations

import strawberry
from strawberry import relay

from service.domain import corrections, records
from service.domain.errors import DomainError
from service.schema.context import Info
from service.schema.corrections.types import CorrectionRequest
from service.schema.errors import UserError
from service.schema.pagination import decode_global_id
from service.schema.payloads import attempt


@strawberry.input
class RequestRecordCorrectionInput:
    record_id: relay.GlobalID = strawberry.field(description="Your record (any kind) that is wrong or incomplete.")
    message: str = strawberry.field(description="What is wrong, and what it should say.")


@strawberry.input
class RejectCorrectionRequestInput:
    id: relay.GlobalID
    answer: str = strawberry.field(description="Why the record stays as it is; the volunteer reads this.")


@strawberry.type
class CorrectionRequestPayload:
    correction_request: CorrectionRequest | None
    user_errors: list[UserError]


@strawberry.type
class CorrectionMutations:
    @strawberry.mutation(description="Volunteer (Art 13): ask the recording organization to correct a record.")
    async def request_record_correction(
        self, info: Info, input: RequestRecordCorrectionInput
    ) -> CorrectionRequestPayload:
        async def work() -> CorrectionRequest:
            kind = records.KINDS.get(input.record_id.type_name)
            if kind is None:
                raise DomainError("WRONG_TYPE", "recordId")
            record_id = decode_global_id(input.record_id, kind.name, "recordId")
            row = await corrections.request_correction(info.context.actor, kind, record_id, input.message)
            return CorrectionRequest.from_row(row)

        request, errors = await attempt(info, work)
        return CorrectionRequestPayload(correction_request=request, user_errors=errors)

    @strawberry.mutation(description="Organization staff: answer a correction request without changing the record.")
    async def reject_correction_request(
        self, info: Info, input: RejectCorrectionRequestInput
    ) -> CorrectionRequestPayload:
        async def work() -> CorrectionRequest:
            request_id = decode_global_id(input.id, "CorrectionRequest", "id")
            return CorrectionRequest.from_row(await corrections.reject(info.context.actor, request_id, input.answer))

        request, errors = await attempt(info, work)
        return CorrectionRequestPayload(correction_request=request, user_errors=errors)
