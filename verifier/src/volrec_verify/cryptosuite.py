"""The W3C Data Integrity cryptosuite eddsa-jcs-2022, exactly as its specification says.

`hashData = SHA-256(JCS(proofConfig)) || SHA-256(JCS(document without proof))`, signed with
Ed25519. `proofConfig` is the proof without `proofValue`, carrying the document's `@context`.
Both the service (to sign) and the verifier (to check) use this one module, so the two can never
disagree on a byte.
"""

from __future__ import annotations

import copy
import hashlib
import unicodedata
from typing import Any

import nacl.exceptions
import nacl.signing
import rfc8785

from volrec_verify.multikey import decode_signature, encode_signature

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"


def canonicalize(obj: Any) -> bytes:
    """RFC 8785 (JCS) bytes of a JSON value; `json.dumps(sort_keys=True)` is not the same."""
    return rfc8785.dumps(obj)


def nfc(obj: Any) -> Any:
    """The JSON value with every string, keys included, in Unicode NFC (done before signing)."""
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, dict):
        return {nfc(key): nfc(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [nfc(item) for item in obj]
    return obj


def _hash_data(unsecured: dict[str, Any], proof_config: dict[str, Any]) -> bytes:
    return (
        hashlib.sha256(canonicalize(proof_config)).digest()
        + hashlib.sha256(canonicalize(unsecured)).digest()
    )


def create_proof(
    document: dict[str, Any],
    *,
    signing_key: nacl.signing.SigningKey,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """A DataIntegrityProof (with `proofValue`) over `document`, any existing `proof` excluded."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    if "@context" in unsecured:
        proof["@context"] = copy.deepcopy(unsecured["@context"])
    signature = signing_key.sign(_hash_data(unsecured, proof)).signature
    proof["proofValue"] = encode_signature(signature)
    return proof


def sign_document(
    document: dict[str, Any],
    *,
    signing_key: nacl.signing.SigningKey,
    verification_method: str,
    created: str,
) -> dict[str, Any]:
    """An NFC-normalized copy of `document` with a proof added (appended if one is already there)."""
    signed: dict[str, Any] = nfc(copy.deepcopy(document))
    proof = create_proof(
        signed, signing_key=signing_key, verification_method=verification_method, created=created
    )
    existing = signed.get("proof")
    if existing is None:
        signed["proof"] = proof
    elif isinstance(existing, dict):
        signed["proof"] = [existing, proof]
    elif isinstance(existing, list):
        signed["proof"] = [*existing, proof]
    else:
        raise ValueError("existing 'proof' must be an object or a list")
    return signed


def verify_proof(document: dict[str, Any], proof: dict[str, Any], public_key: bytes) -> bool:
    """True iff `proof` is a valid eddsa-jcs-2022 proof over `document` by `public_key`."""
    if not isinstance(proof, dict):
        return False
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    try:
        signature = decode_signature(proof.get("proofValue"))  # type: ignore[arg-type]
    except ValueError:
        return False
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    proof_config = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in proof_config:
        # The spec: the document's @context must start with the proof's, in order.
        proof_context = proof_config["@context"]
        document_context = unsecured.get("@context")
        if not isinstance(proof_context, list) or not isinstance(document_context, list):
            if proof_context != document_context:
                return False
        elif document_context[: len(proof_context)] != proof_context:
            return False
        unsecured["@context"] = proof_context
    if "@context" in unsecured:
        proof_config["@context"] = unsecured["@context"]
    try:
        hash_data = _hash_data(unsecured, proof_config)
        nacl.signing.VerifyKey(public_key).verify(hash_data, signature)
    except (nacl.exceptions.CryptoError, ValueError, TypeError, rfc8785.CanonicalizationError):
        return False
    return True
