"""Per-request context: who is asking, in which language, and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from starlette.requests import Request

from service.config import Settings
from service.policy import Actor
from service.schema.loaders import Loaders


@dataclass
class Context:
    request: Request
    settings: Settings
    actor: Actor
    language: str
    loaders: Loaders = field(default_factory=Loaders)


Info = strawberry.Info[Context, None]


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
