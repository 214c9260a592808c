from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from pypdf import PdfReader

from service.signing.credential import build_credential, credential_json
from service.signing.pdf import PdfRenderer, cache_key, certificate_html, render_pdf
from service.signing.qr import qr_payload
from service.signing.samples import sample_content

from .conftest import ISSUED


@pytest.fixture(scope="module")
def pdf(ten_line_certificate: dict[str, Any]) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(ten_line_certificate)))


@pytest.mark.slow
def test_pdf_is_a4_pdfa_with_the_credential_attached_byte_for_byte(
    pdf: PdfReader, ten_line_certificate: dict[str, Any]
) -> None:
    width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    assert pdf.xmp_metadata is not None
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in pdf.xmp_metadata.stream.get_data()
    (attached,) = pdf.attachments["credential.json"]
    assert attached == credential_json(ten_line_certificate)
    assert json.loads(attached) == ten_line_certificate


@pytest.mark.slow
def test_pdf_shows_every_item_the_rules_require(pdf: PdfReader, ten_line_certificate: dict[str, Any]) -> None:
    text = "".join("".join(page.extract_text() for page in pdf.pages).split())
    subject = ten_line_certificate["credentialSubject"]
    assert "志愿服务记录证明" in text
    for item in (
        subject["name"],
        "居民身份证",
        subject["idMasked"],
        subject["volunteerNumber"],
        subject["certificateNumber"],
        "2026年12月3日",  # issue date, China time
        ten_line_certificate["issuer"]["name"],
        subject["personInCharge"],
        subject["handler"],
        subject["totalHours"],
    ):
        assert item in text
    for line in subject["services"]:
        for value in (line["activity"], line["date"], line["content"], line["hours"]):
            assert value in text


@pytest.mark.slow
def test_qr_printed_on_the_pdf_decodes_to_the_credential(
    pdf: PdfReader, ten_line_certificate: dict[str, Any]
) -> None:
    (image,) = pdf.pages[0].images
    (barcode,) = zxingcpp.read_barcodes(image.image)
    assert barcode.text == qr_payload(ten_line_certificate)


def test_unsigned_credential_is_not_printed() -> None:
    with pytest.raises(ValueError, match="signed"):
        render_pdf(build_credential(sample_content(1, ISSUED)))


def test_names_are_escaped_in_the_page(ten_line_certificate: dict[str, Any]) -> None:
    credential = json.loads(json.dumps(ten_line_certificate))
    credential["credentialSubject"]["name"] = '<img src="file:///etc/passwd">'
    credential["credentialSubject"]["services"][0]["activity"] = "</td><script>"
    page = certificate_html(credential)
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page
    assert "&lt;/td&gt;&lt;script&gt;" in page
    assert "<script>" not in page


@pytest.mark.slow
async def test_renderer_caches_one_pdf_per_certificate(
    tmp_path: Path, ten_line_certificate: dict[str, Any]
) -> None:
    async with PdfRenderer(tmp_path, max_workers=1) as renderer:
        # Two requests at once share one rendering; a later request is read from the cache.
        first, second = await asyncio.gather(
            renderer.render(ten_line_certificate), renderer.render(ten_line_certificate)
        )
        cached = tmp_path / f"{cache_key(ten_line_certificate)}.pdf"
        assert first == second == cached.read_bytes()
        cached.write_bytes(b"%PDF-cached")
        assert await renderer.render(ten_line_certificate) == b"%PDF-cached"
    assert [path.name for path in tmp_path.iterdir()] == [cached.name]
