from __future__ import annotations

from datetime import datetime

import strawberry

from service.domain import accounts
from service.schema.accounts.types import Viewer
from service.schema.context import Info, bearer_token
from service.schema.errors import UserError
from service.schema.payloads import attempt


@strawberry.input
class LogInInput:
    username: str
    password: str


@strawberry.type
class LogInPayload:
    token: str | None = strawberry.field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: datetime | None
    viewer: Viewer | None
    user_errors: list[UserError]


@strawberry.type
class LogOutPayload:
    revoked: bool
    user_errors: list[UserError]


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Exchange a username and password for a bearer token that expires.")
    async def log_in(self, info: Info, input: LogInInput) -> LogInPayload:
        issued, errors = await attempt(
            info,
            lambda: accounts.log_in(input.username, input.password, info.context.settings.token_ttl_seconds),
        )
        if issued is None:
            return LogInPayload(token=None, expires_at=None, viewer=None, user_errors=errors)
        return LogInPayload(
            token=issued.token, expires_at=issued.expires_at, viewer=Viewer.from_row(issued.account), user_errors=[]
        )

    @strawberry.mutation(description="Revoke the bearer token this request carries.")
    async def log_out(self, info: Info) -> LogOutPayload:
        token = bearer_token(info.context.request)
        return LogOutPayload(revoked=await accounts.revoke_token(token) if token else False, user_errors=[])
