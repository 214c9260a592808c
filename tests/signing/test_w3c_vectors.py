"""The service signs exactly as the W3C eddsa-jcs-2022 vectors say (the copy under verifier/tests/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import base58
import pytest
from nacl.signing import SigningKey
from volrec_verify.cryptosuite import verify_proof
from volrec_verify.multikey import decode_public_key

from service.signing.credential import sign_credential
from service.signing.timefmt import parse_utc_timestamp

VECTORS = json.loads(
    (Path(__file__).parents[2] / "verifier" / "tests" / "vectors" / "eddsa-jcs-2022.json").read_text("utf-8")
)


def _secret_key() -> SigningKey:
    raw = base58.b58decode(VECTORS["keyPair"]["secretKeyMultibase"][1:])
    assert raw[:2] == b"\x80\x26"  # multicodec ed25519-priv
    return SigningKey(raw[2:])


@pytest.mark.parametrize("case", VECTORS["valid"], ids=lambda case: case["name"])
def test_service_signing_reproduces_the_w3c_vector(case: dict[str, Any]) -> None:
    unsigned = {k: v for k, v in case["signed"].items() if k != "proof"}
    options = case["proofOptions"]
    signed = sign_credential(
        unsigned, _secret_key(), options["verificationMethod"], parse_utc_timestamp(options["created"])
    )
    assert signed["proof"]["proofValue"] == case["signed"]["proof"]["proofValue"]
    assert signed == case["signed"]
    public_key = decode_public_key(VECTORS["keyPair"]["publicKeyMultibase"])
    assert verify_proof(unsigned, signed["proof"], public_key)


@pytest.mark.parametrize("case", VECTORS["invalid"], ids=lambda case: case["why"])
def test_tampered_w3c_documents_do_not_verify(case: dict[str, Any]) -> None:
    public_key = decode_public_key(VECTORS["keyPair"]["publicKeyMultibase"])
    document = case["signed"]
    assert not verify_proof({k: v for k, v in document.items() if k != "proof"}, document["proof"], public_key)
