"""`userErrors {field code message}`: expected failures as data, localized for the request."""

from __future__ import annotations

import strawberry

from service.domain.errors import DomainError, DomainErrors, as_list
from service.i18n import message


@strawberry.type(description="A problem with the input or the request that the client can show and fix.")
class UserError:
    field: list[str] | None = strawberry.field(description="Path to the input field at fault, if any.")
    code: str
    message: str


def user_errors(error: DomainError | DomainErrors, language: str) -> list[UserError]:
    return [
        UserError(
            field=e.field.split(".") if e.field else None,
            code=e.code,
            message=message(e.code, language, e.params),
        )
        for e in as_list(error)
    ]
