"""W3C Bitstring Status List v1.0: the compressed bitstring behind revocation and suspension.

Bit i is the i-th bit counting from the most significant bit of byte 0; 1 means revoked (or
suspended). Lists hold at least `MIN_ENTRIES` entries so that one index says little about which
certificate a verifier is checking (herd privacy, as the W3C specification asks).
"""

from __future__ import annotations

import base64
import gzip
import zlib

MIN_ENTRIES = 131072
_MAX_BYTES = 16 * 1024 * 1024  # refuse gzip bombs: 128 Mi entries is far beyond any real list


def encode_list(bits: bytes) -> str:
    """`encodedList` form: "u" + base64url (no padding) of gzip(bits); mtime 0 for stable bytes."""
    compressed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_list(encoded: str) -> bytes:
    """The raw bitstring of an `encodedList`; ValueError if it is not one."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url ('u' prefix)")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        bits = decompressor.decompress(compressed, _MAX_BYTES)
    except (ValueError, zlib.error) as exc:
        raise ValueError("encodedList is not base64url-encoded gzip") from exc
    if decompressor.unconsumed_tail or not decompressor.eof:
        raise ValueError("encodedList is truncated or too large")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    """Whether bit `index` (MSB-first) is 1; IndexError outside the list."""
    if not 0 <= index < len(bits) * 8:
        raise IndexError("status list index out of range")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def set_bit(bits: bytearray, index: int) -> None:
    """Set bit `index` (MSB-first) to 1; IndexError outside the list."""
    if not 0 <= index < len(bits) * 8:
        raise IndexError("status list index out of range")
    bits[index // 8] |= 0x80 >> (index % 8)
