from __future__ import annotations

import strawberry

from service.models import Account
from service.schema.accounts.types import Viewer
from service.schema.context import Info


@strawberry.type
class AccountQueries:
    @strawberry.field(description="Who the bearer token belongs to; null when anonymous.")
    async def me(self, info: Info) -> Viewer | None:
        account_id = info.context.actor.account_id
        if account_id is None:
            return None
        return Viewer.from_row(await Account.get(id=account_id))
