"""The QR payload: `"VR1:" + base45(zlib(JCS(credential), level 9, preset dictionary vr1.zdict))`.

The prefix names the format version and so the dictionary; its bytes ship in this package as
`dictionaries/vr1.zdict` so that anyone's verifier can read the QR alone, offline.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from importlib import resources
from typing import Any

import base45

from volrec_verify.cryptosuite import canonicalize
from volrec_verify.errors import Malformed, NotACertificate, excerpt

PREFIX = "VR1:"
_MAX_JSON_BYTES = 1024 * 1024  # a certificate is a few KiB; refuse zlib bombs


@cache
def zdict() -> bytes:
    """The frozen VR1 preset dictionary."""
    return resources.files("volrec_verify").joinpath("dictionaries/vr1.zdict").read_bytes()


def encode_qr_payload(credential: dict[str, Any]) -> str:
    """The QR text for a signed credential (QR alphanumeric characters only)."""
    compressor = zlib.compressobj(level=9, wbits=zlib.MAX_WBITS, zdict=zdict())
    compressed = compressor.compress(canonicalize(credential)) + compressor.flush()
    return PREFIX + base45.b45encode(compressed).decode("ascii")


def decode_qr_payload(text: str) -> dict[str, Any]:
    """The credential in a QR text: NotACertificate without our prefix, Malformed if broken."""
    text = text.strip()
    if not text.startswith(PREFIX):
        raise NotACertificate(
            f"not a volrec certificate: the text reads {excerpt(text)!r} (volrec QR texts start with {PREFIX})",
            kind="foreign_qr", found=text,
        )
    try:
        compressed = base45.b45decode(text[len(PREFIX):])
    except ValueError as exc:
        raise Malformed("QR payload is not valid base45") from exc
    decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS, zdict=zdict())
    try:
        raw = decompressor.decompress(compressed, _MAX_JSON_BYTES)
    except zlib.error as exc:
        raise Malformed("QR payload does not decompress") from exc
    if decompressor.unconsumed_tail or not decompressor.eof:
        raise Malformed("QR payload is truncated or too large")
    try:
        credential = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Malformed("QR payload is not JSON") from exc
    if not isinstance(credential, dict):
        raise Malformed("QR payload is not a JSON object")
    return credential
