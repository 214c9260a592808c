"""The printable certificate: an A4 PDF/A-3b in Chinese, with the QR and the signed credential inside.

Rendering is CPU-bound and synchronous (WeasyPrint), so `PdfRenderer` runs it in a `spawn` process
pool whose workers are recycled (WeasyPrint's font cache grows across renders) and keeps one PDF per
certificate on disk. A certificate never changes once signed (revocation lives in the status list),
so a cached PDF never goes stale.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import html
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template
from types import TracebackType
from typing import Any

from volrec_verify.cryptosuite import canonicalize

from service.signing.credential import credential_json
from service.signing.qr import qr_payload, render_qr_png
from service.signing.timefmt import CHINA_TZ, parse_utc_timestamp

ATTACHMENT_NAME = "credential.json"
ID_TYPE_LABELS = {
    "CN_RESIDENT_ID": "居民身份证",
    "PASSPORT": "护照",
    "HK_MACAO_PERMIT": "港澳居民来往内地通行证",
    "TAIWAN_PERMIT": "台湾居民来往大陆通行证",
    "FOREIGN_PERMANENT_RESIDENT_ID": "外国人永久居留身份证",
}

_TEMPLATES = files("service.signing") / "templates"


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _service_rows(services: list[dict[str, str]]) -> str:
    return "\n".join(
        f"    <tr><td>{number}</td><td>{html.escape(line['activity'])}</td>"
        f'<td class="date">{line["date"]}</td><td>{html.escape(line["content"])}</td>'
        f'<td class="hours">{line["hours"]}</td></tr>'
        for number, line in enumerate(services, start=1)
    )


def certificate_html(credential: dict[str, Any]) -> str:
    """The page as HTML, filled only from the signed credential, so the paper says what was signed."""
    subject = credential["credentialSubject"]
    issued = parse_utc_timestamp(credential["validFrom"])
    qr_png = render_qr_png(qr_payload(credential))
    fields = {
        "certificate_number": subject["certificateNumber"],
        "holder_name": subject["name"],
        "volunteer_number": subject["volunteerNumber"],
        "id_type": ID_TYPE_LABELS[subject["idType"]],
        "id_masked": subject["idMasked"],
        "period_start": _chinese_date(date.fromisoformat(subject["periodStart"])),
        "period_end": _chinese_date(date.fromisoformat(subject["periodEnd"])),
        "line_count": str(len(subject["services"])),
        "total_hours": subject["totalHours"],
        "issuer_name": credential["issuer"]["name"],
        "person_in_charge": subject["personInCharge"],
        "handler": subject["handler"],
        "issued_date": _chinese_date(issued.astimezone(CHINA_TZ).date()),
        "issued_timestamp": credential["validFrom"],
    }
    template = Template((_TEMPLATES / "certificate.html").read_text(encoding="utf-8"))
    return template.substitute(
        {key: html.escape(value) for key, value in fields.items()},
        service_rows=_service_rows(subject["services"]),
        qr_data_uri="data:image/png;base64," + base64.b64encode(qr_png).decode("ascii"),
    )


def render_pdf(credential: dict[str, Any]) -> bytes:
    """Render synchronously (about half a second of CPU); from async code use `PdfRenderer` instead."""
    # Imported here: WeasyPrint is slow to import and only the rendering processes need it.
    from weasyprint import CSS, HTML, Attachment

    if "proof" not in credential:
        raise ValueError("only signed credentials are printed")
    issued = parse_utc_timestamp(credential["validFrom"])
    attachment = Attachment(
        string=credential_json(credential),
        name=ATTACHMENT_NAME,
        description="Signed W3C Verifiable Credential (eddsa-jcs-2022)",
        relationship="Data",
        created=issued,
        modified=issued,
    )
    stylesheet = CSS(string=(_TEMPLATES / "certificate.css").read_text(encoding="utf-8"))
    pdf: bytes = HTML(string=certificate_html(credential)).write_pdf(
        stylesheets=[stylesheet], attachments=[attachment], pdf_variant="pdf/a-3b"
    )
    return pdf


def cache_key(credential: dict[str, Any]) -> str:
    """SHA-256 of the canonical (JCS) credential: the same certificate always maps to one file."""
    return hashlib.sha256(canonicalize(credential)).hexdigest()


def _read_if_exists(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    # Write beside the target and rename, so a reader never sees half a PDF.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


class PdfRenderer:
    """Renders certificates off the event loop and caches them as `<cache_dir>/<cache_key>.pdf`.

    Concurrent requests for one certificate share one rendering. Use as `async with`, or call
    `aclose()` on shutdown, so the worker processes exit."""

    def __init__(self, cache_dir: Path, max_workers: int = 2, max_tasks_per_child: int = 100) -> None:
        self.cache_dir = cache_dir
        self._pool = ProcessPoolExecutor(
            max_workers=max_workers,
            mp_context=multiprocessing.get_context("spawn"),
            max_tasks_per_child=max_tasks_per_child,
        )
        self._rendering: dict[str, asyncio.Future[bytes]] = {}

    async def render(self, credential: dict[str, Any]) -> bytes:
        key = cache_key(credential)
        path = self.cache_dir / f"{key}.pdf"
        cached = await asyncio.to_thread(_read_if_exists, path)
        if cached is not None:
            return cached
        rendering = self._rendering.get(key)
        if rendering is None:
            rendering = asyncio.ensure_future(self._render_and_store(credential, path))
            self._rendering[key] = rendering
            rendering.add_done_callback(lambda _: self._rendering.pop(key, None))
        # Shielded: one caller giving up must not cancel the rendering others are waiting for.
        return await asyncio.shield(rendering)

    async def _render_and_store(self, credential: dict[str, Any], path: Path) -> bytes:
        loop = asyncio.get_running_loop()
        pdf = await loop.run_in_executor(self._pool, render_pdf, credential)
        await asyncio.to_thread(_write_atomically, path, pdf)
        return pdf

    async def aclose(self) -> None:
        await asyncio.to_thread(self._pool.shutdown)

    async def __aenter__(self) -> PdfRenderer:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()
