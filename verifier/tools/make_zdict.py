"""Build the VR1 preset zlib dictionary from the certificate skeleton in docs/credential-format.md.

Run once: `python verifier/tools/make_zdict.py [--check]`. The output,
`src/volrec_verify/dictionaries/vr1.zdict`, is frozen for the prefix `VR1:` (a test pins its
SHA-256): changing it breaks every QR code already printed, so a new dictionary needs `VR2:`.

The dictionary is the skeleton serialized as JCS (the byte form the QR compresses), with every
per-certificate value cut down to its fixed stem (`urn:volrec:org:`, `#key-`, `/status/`, …).
zlib finds the nearest match cheapest, so rarer fragments come first and the skeleton last.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import rfc8785

HERE = Path(__file__).resolve().parent
DOC = HERE.parent.parent / "docs" / "credential-format.md"
OUT = HERE.parent / "src" / "volrec_verify" / "dictionaries" / "vr1.zdict"

# Per-certificate values, keyed by field name, reduced to the part every certificate shares.
STEMS: dict[str, str] = {
    "id": "urn:volrec:cert:V20",
    "name": "",
    "validFrom": "20",
    "created": "20",
    "volunteerNumber": "VN",
    "idMasked": "********",
    "idDigest": "sha256$",
    "idSalt": "",
    "certificateNumber": "V20",
    "totalHours": "",
    "periodStart": "20",
    "periodEnd": "20",
    "personInCharge": "",
    "handler": "",
    "activity": "",
    "date": "20",
    "hours": "",
    "content": "",
    "statusListIndex": "",
    "statusListCredential": "http:///status//",
    "verificationMethod": "urn:volrec:org:#key-",
    "proofValue": "z",
}
ISSUER_ID_STEM = "urn:volrec:org:"

# Rarer fixed strings that the skeleton shows only once or not at all.
FRAGMENTS = [
    '"validUntil":"20',
    "https://",
    '"idType":"PASSPORT"',
    '"idType":"HK_MACAO_PERMIT"',
    '"idType":"TAIWAN_PERMIT"',
    '"idType":"FOREIGN_PERMANENT_RESIDENT_ID"',
    "T00:00:00Z",
    '/suspension","statusListIndex":"',
    '/revocation","statusListIndex":"',
]


def skeleton_from_doc(text: str) -> dict[str, Any]:
    """The first JSON block of section 3 (the certificate) in the format document."""
    section = text.split("## 3.", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    if block is None:
        raise SystemExit("no JSON block in section 3 of credential-format.md")
    skeleton: dict[str, Any] = json.loads(block.group(1))
    return skeleton


def stem(value: Any, key: str | None) -> Any:
    """Replace per-certificate strings by their stems, keep the fixed ones (types, contexts, …)."""
    if isinstance(value, dict):
        out = {k: stem(v, k) for k, v in value.items()}
        if key == "issuer":
            out["id"] = ISSUER_ID_STEM
        return out
    if isinstance(value, list):
        return [stem(item, key) for item in value]
    if isinstance(value, str) and key in STEMS:
        return STEMS[key]
    return value


def build(doc_text: str) -> bytes:
    skeleton = stem(skeleton_from_doc(doc_text), None)
    subject = skeleton["credentialSubject"]
    subject["services"] = subject["services"] * 2  # so that `"},{"activity":"` is in it too
    body = rfc8785.dumps(skeleton)
    return "".join(FRAGMENTS).encode("utf-8") + body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args()
    data = build(DOC.read_text(encoding="utf-8"))
    if args.check:
        same = OUT.exists() and OUT.read_bytes() == data
        print("vr1.zdict matches the skeleton" if same else "vr1.zdict differs from the skeleton")
        return 0 if same else 1
    if OUT.exists():
        print(f"{OUT} exists and is frozen for VR1; delete it by hand to rebuild", file=sys.stderr)
        return 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
