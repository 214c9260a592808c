"""The ASGI application: Starlette owns the lifespan (Tortoise) and mounts GraphQL at /graphql."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from service import certificate_routes, db
from service.config import Settings
from service.domain.accounts import actor_for_token
from service.i18n import negotiate_language
from service.schema import build_schema
from service.schema.context import Context, bearer_token


class VolrecGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(build_schema(), graphql_ide=None if settings.production else "graphiql")
        self.settings = settings

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(
            request=request,
            settings=self.settings,
            actor=await actor_for_token(bearer_token(request)),
            language=negotiate_language(request.headers.get("accept-language")),
        )


async def health(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """`manage_database=False` lets tests own the Tortoise connection."""
    settings = settings or Settings.from_env()

    renderer = certificate_routes.Renderer(settings)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await db.connect(settings.db_url)
        try:
            yield
        finally:
            await renderer.aclose()
            if manage_database:
                await db.disconnect()

    graphql = VolrecGraphQL(settings)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", health),
            *certificate_routes.routes(settings, renderer),
        ],
        lifespan=lifespan,
    )
    app.state.pdf_renderer = renderer  # tests that skip the lifespan close it themselves
    return app
