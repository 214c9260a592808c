from __future__ import annotations

import strawberry

from service.domain import corrections, records
from service.schema.context import Info
from service.schema.corrections.types import CorrectionRequest
from service.schema.errors import UserError
from service.schema.pagination import decode_any_global_id, decode_global_id
from service.schema.payloads import attempt


@strawberry.input
class RequestRecordCorrectionInput:
    record_id: strawberry.ID = strawberry.field(description="Your record (any kind) that is wrong or incomplete.")
    message: str = strawberry.field(description="What is wrong, and what it should say.")


@strawberry.input
class RejectCorrectionRequestInput:
    id: strawberry.ID
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
            kind_name, record_id = decode_any_global_id(input.record_id, records.KINDS, "recordId")
            row = await corrections.request_correction(info.context.actor, records.KINDS[kind_name], record_id, input.message)
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
