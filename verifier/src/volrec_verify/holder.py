"""The holder check: a salted digest lets a verifier confirm an ID number it is shown.

The certificate never carries the number, only `idDigest = "sha256$" + hex(SHA-256(N || idSalt))`
where N is the number normalized by `normalize_id_number`, so the service and every verifier
must normalize the same way.
"""

from __future__ import annotations

import hashlib
import unicodedata

DIGEST_PREFIX = "sha256$"


def normalize_id_number(s: str) -> str:
    """NFKC (full-width digits typed on Chinese keyboards become ASCII), no whitespace, upper case."""
    return "".join(unicodedata.normalize("NFKC", s).split()).upper()


def id_digest(id_number: str, salt: str) -> str:
    """`"sha256$" + hex(SHA-256(UTF-8(normalized number) || UTF-8(salt)))`."""
    data = normalize_id_number(id_number).encode("utf-8") + salt.encode("utf-8")
    return DIGEST_PREFIX + hashlib.sha256(data).hexdigest()
