"""HTTP downloads: a certificate as PDF, JSON or QR PNG (those allowed to see it), and the public
trust bundle and status lists that verifiers cache (with ETags, so a refresh costs one round trip)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from service.config import Settings
from service.domain import certificates, statuslists, trust
from service.domain.accounts import actor_for_token
from service.domain.errors import DomainError
from service.models import Organization
from service.schema.context import bearer_token
from service.signing.credential import credential_json
from service.signing.pdf import PdfRenderer
from service.signing.qr import qr_payload, render_qr_png

_NOT_FOUND = JSONResponse({"error": "not found"}, status_code=404)


class Renderer:
    """One PDF process pool per application, started on first use (most requests never need it)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._renderer: PdfRenderer | None = None

    def get(self) -> PdfRenderer:
        if self._renderer is None:
            self._renderer = PdfRenderer(self.settings.data_dir / "pdf-cache")
        return self._renderer

    async def aclose(self) -> None:
        if self._renderer is not None:
            await self._renderer.aclose()
            self._renderer = None


def _cacheable(request: Request, body: bytes, media_type: str, max_age: int) -> Response:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _json_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def routes(settings: Settings, renderer: Renderer) -> list[Route]:
    async def certificate_file(request: Request) -> Response:
        number, kind = request.path_params["number"], request.path_params["kind"]
        if kind not in ("pdf", "json", "png"):
            return _NOT_FOUND
        actor = await actor_for_token(bearer_token(request))
        try:
            row = await certificates.visible_certificate(actor, number)
        except DomainError:
            return _NOT_FOUND  # the same answer whether it does not exist or may not be seen
        credential = certificates.credential_of(row)
        private = {"Cache-Control": "private, no-store"}
        if kind == "json":
            return Response(credential_json(credential), media_type="application/json", headers=private)
        if kind == "png":
            return Response(render_qr_png(qr_payload(credential)), media_type="image/png", headers=private)
        pdf = await renderer.get().render(credential)
        return Response(pdf, media_type="application/pdf", headers=private)

    async def status_list(request: Request) -> Response:
        organization = await Organization.get_or_none(credit_code=request.path_params["code"])
        if organization is None:
            return _NOT_FOUND
        try:
            document = await statuslists.current(organization, request.path_params["purpose"], settings)
        except DomainError:
            return _NOT_FOUND
        return _cacheable(request, _json_bytes(document), "application/vc+ld+json", 300)

    async def trust_bundle(request: Request) -> Response:
        return _cacheable(request, _json_bytes(await trust.bundle(settings)), "application/json", 300)

    return [
        Route("/certificates/{number}.{kind:str}", certificate_file, methods=["GET"]),
        Route("/status/{code}/{purpose}", status_list, methods=["GET"]),
        Route("/trust/bundle.json", trust_bundle, methods=["GET"]),
    ]
