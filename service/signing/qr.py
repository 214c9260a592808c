"""The certificate's QR code: the whole signed credential, so the QR alone verifies offline.

The payload comes from the verifier package's codec (one implementation for both sides); this
module only draws it. Drawing costs tens of milliseconds, so callers draw lazily, not at issue time.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from volrec_verify.qrcodec import encode_qr_payload

# The contract (DESIGN.md section 4): a 10-line certificate fits this version at level M.
MAX_VERSION = 20


def qr_payload(credential: dict[str, Any]) -> str:
    return encode_qr_payload(credential)


def _make(payload: str) -> segno.QRCode:
    # make_qr, never make: segno.make may pick a Micro QR that phones cannot read.
    return segno.make_qr(payload, error="m", mode="alphanumeric")


def qr_version(payload: str) -> int:
    version = _make(payload).version
    assert isinstance(version, int)  # always an int for a full-size QR; only Micro QR uses "M1".."M4"
    return version


def render_qr_png(payload: str, scale: int = 4, border: int = 4) -> bytes:
    """A PNG with `scale` pixels per module and the standard 4-module quiet zone."""
    buffer = io.BytesIO()
    _make(payload).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()
