"""The one way a mutation runs: call the domain, turn expected failures into `userErrors`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from service.domain.errors import DomainError, DomainErrors
from service.schema.context import Info
from service.schema.errors import UserError, user_errors

T = TypeVar("T")
log = logging.getLogger("volrec.mutations")


async def attempt(info: Info, work: Callable[[], Awaitable[T]]) -> tuple[T | None, list[UserError]]:
    """`work` builds its domain inputs inside, so a bad global ID is a userError too."""
    try:
        return await work(), []
    except (DomainError, DomainErrors) as error:
        log.info("mutation refused: %s", error if isinstance(error, DomainError) else [str(e) for e in error.errors])
        return None, user_errors(error, info.context.language)
