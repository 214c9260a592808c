"""Expected failures are data: a `DomainError` carries a code, the input field and message params.

Rule for codes: SCREAMING_SNAKE, naming what is wrong (`INVALID_ID_NUMBER`, `NOT_RECORDED_HERE`),
never how it was detected. Messages live in `service.i18n`, keyed by code; params never carry
personal data (no ID numbers, no names), so a message is safe to log.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass
class DomainError(Exception):
    code: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} ({self.field})" if self.field else self.code


@dataclass
class DomainErrors(Exception):
    """Several independent validation failures reported at once."""

    errors: list[DomainError]


def raise_all(errors: list[DomainError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DomainErrors(errors)


def as_list(error: DomainError | DomainErrors) -> list[DomainError]:
    return error.errors if isinstance(error, DomainErrors) else [error]
