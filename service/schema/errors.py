"""`userErrors {field code message}`: expected failures as data, localized for the request."""

from __future__ import annotations

import strawberry

from service.domain.errors import DomainError, DomainErrors
from service.i18n import message


@strawberry.type(description="A problem with the input or the request that the client can show and fix.")
class UserError:
    field: list[str] | None = strawberry.field(description="Path to the input field at fault, if any.")
    code: str
    message: str


def user_errors(error: DomainError | DomainErrors, language: str) -> list[UserError]:
    errors = error.errors if isinstance(error, DomainErrors) else [error]
    return [
        UserError(
            field=e.field.split(".") if e.field else None,
            code=e.code,
            message=message(e.code, language, e.params),
        )
        for e in errors
    ]
