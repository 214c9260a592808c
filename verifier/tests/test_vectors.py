"""The published vectors (W3C eddsa-jcs-2022, RFC 9285 base45) reproduce byte for byte."""

from __future__ import annotations

import hashlib
from typing import Any

import base45
import base58
import nacl.signing
import pytest
from volrec_verify import cryptosuite, multikey


def _signing_key(vectors: dict[str, Any]) -> nacl.signing.SigningKey:
    secret = base58.b58decode(vectors["keyPair"]["secretKeyMultibase"][1:])
    assert secret[:2] == b"\x80\x26"
    return nacl.signing.SigningKey(secret[2:])


def test_vector_key_pair_matches(eddsa_vectors: dict[str, Any]) -> None:
    key = _signing_key(eddsa_vectors)
    public = eddsa_vectors["keyPair"]["publicKeyMultibase"]
    assert multikey.encode_public_key(bytes(key.verify_key)) == public
    assert multikey.decode_public_key(public) == bytes(key.verify_key)


@pytest.mark.parametrize("index", [0, 1])
def test_valid_vector_reproduces_canonical_forms_hashes_and_proof(
    eddsa_vectors: dict[str, Any], index: int
) -> None:
    case = eddsa_vectors["valid"][index]
    options = case["proofOptions"]
    unsigned = eddsa_vectors["unsigned"]
    config = {k: v for k, v in case["signed"]["proof"].items() if k != "proofValue"}
    assert config == options
    assert cryptosuite.canonicalize(options).decode() == case["canonicalProofConfig"]
    assert hashlib.sha256(case["canonicalProofConfig"].encode()).hexdigest() == case["proofConfigHashHex"]
    assert cryptosuite.canonicalize(unsigned).decode() == case["canonicalDocument"]
    assert hashlib.sha256(case["canonicalDocument"].encode()).hexdigest() == case["documentHashHex"]

    signed = cryptosuite.sign_document(
        unsigned,
        signing_key=_signing_key(eddsa_vectors),
        verification_method=options["verificationMethod"],
        created=options["created"],
    )
    assert signed == case["signed"]


@pytest.mark.parametrize("index", [0, 1])
def test_valid_vector_verifies(eddsa_vectors: dict[str, Any], index: int) -> None:
    signed = eddsa_vectors["valid"][index]["signed"]
    public = multikey.decode_public_key(eddsa_vectors["keyPair"]["publicKeyMultibase"])
    assert cryptosuite.verify_proof(signed, signed["proof"], public)


def test_did_key_verification_method_resolves_to_vector_key(eddsa_vectors: dict[str, Any]) -> None:
    method = eddsa_vectors["valid"][0]["proofOptions"]["verificationMethod"]
    public = multikey.decode_public_key(eddsa_vectors["keyPair"]["publicKeyMultibase"])
    assert multikey.resolve_did_key(method) == public
    assert multikey.resolve_did_key(eddsa_vectors["valid"][1]["proofOptions"]["verificationMethod"]) is None


@pytest.mark.parametrize("index", range(4))
def test_invalid_vector_is_rejected(eddsa_vectors: dict[str, Any], index: int) -> None:
    case = eddsa_vectors["invalid"][index]
    signed = case["signed"]
    public = multikey.decode_public_key(eddsa_vectors["keyPair"]["publicKeyMultibase"])
    assert not cryptosuite.verify_proof(signed, signed["proof"], public), case["why"]


def test_base45_vectors(base45_vectors: dict[str, Any]) -> None:
    for case in base45_vectors["encode"]:
        assert base45.b45encode(case["bytes_utf8"].encode()).decode() == case["base45"]
        assert base45.b45decode(case["base45"]).decode() == case["bytes_utf8"]
    for case in base45_vectors["decode"]:
        assert base45.b45decode(case["base45"]).decode() == case["bytes_utf8"]
    for bad in base45_vectors["must_reject"]:
        with pytest.raises(ValueError):
            base45.b45decode(bad)
