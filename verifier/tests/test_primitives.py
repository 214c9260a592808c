"""The shared primitives the service also uses: Multikey, proofs, QR codec, status lists, holder."""

from __future__ import annotations

import hashlib
import unicodedata

import base45
import nacl.signing
import pytest
from volrec_verify import cryptosuite, holder, multikey, qrcodec, statuslist
from volrec_verify.errors import Malformed, NotACertificate

KEY = nacl.signing.SigningKey(bytes(range(32)))
PUBLIC = bytes(KEY.verify_key)


def test_multikey_round_trips_and_starts_with_z6mk() -> None:
    encoded = multikey.encode_public_key(PUBLIC)
    assert encoded.startswith("z6Mk")
    assert multikey.decode_public_key(encoded) == PUBLIC


@pytest.mark.parametrize(
    "bad",
    ["", "z", "6Mk", "zzzz", "z0OIl", "f" + PUBLIC.hex(), multikey.encode_signature(bytes(64))],
)
def test_decode_public_key_rejects_anything_but_an_ed25519_multikey(bad: str) -> None:
    with pytest.raises(ValueError):
        multikey.decode_public_key(bad)


def test_decode_signature_rejects_wrong_length() -> None:
    with pytest.raises(ValueError):
        multikey.decode_signature(multikey.encode_public_key(PUBLIC))
    assert multikey.decode_signature(multikey.encode_signature(bytes(64))) == bytes(64)


def test_resolve_did_key_rejects_fragment_naming_another_key() -> None:
    other = multikey.encode_public_key(bytes(32))
    mine = multikey.encode_public_key(PUBLIC)
    with pytest.raises(ValueError):
        multikey.resolve_did_key(f"did:key:{mine}#{other}")
    assert multikey.resolve_did_key(f"did:key:{mine}") == PUBLIC


def test_nfc_normalizes_keys_and_nested_strings() -> None:
    decomposed = unicodedata.normalize("NFD", "é")
    value = {decomposed: [decomposed, {"x": decomposed}], "n": 1}
    assert cryptosuite.nfc(value) == {"é": ["é", {"x": "é"}], "n": 1}


def test_sign_document_appends_to_existing_proof_making_a_proof_set() -> None:
    other = nacl.signing.SigningKey(bytes(range(1, 33)))
    doc = {"type": "VolrecRoot", "version": 2}
    created = "2026-01-01T00:00:00Z"
    once = cryptosuite.sign_document(doc, signing_key=KEY, verification_method="a#1", created=created)
    twice = cryptosuite.sign_document(once, signing_key=other, verification_method="b#1", created=created)
    assert isinstance(twice["proof"], list) and len(twice["proof"]) == 2
    assert cryptosuite.verify_proof(twice, twice["proof"][0], PUBLIC)
    assert cryptosuite.verify_proof(twice, twice["proof"][1], bytes(other.verify_key))
    assert not cryptosuite.verify_proof(twice, twice["proof"][1], PUBLIC)
    assert "proof" not in doc


def test_sign_document_normalizes_text_to_nfc_before_signing() -> None:
    signed = cryptosuite.sign_document(
        {"name": unicodedata.normalize("NFD", "Zoë")},
        signing_key=KEY, verification_method="a#1", created="2026-01-01T00:00:00Z",
    )
    assert signed["name"] == "Zoë"


def test_verify_proof_rejects_garbage_proof_values() -> None:
    doc = cryptosuite.sign_document({"a": 1}, signing_key=KEY, verification_method="a#1", created="x")
    for value in [None, 3, "", "zzz", "u" + "A" * 86]:
        assert not cryptosuite.verify_proof(doc, {**doc["proof"], "proofValue": value}, PUBLIC)
    assert not cryptosuite.verify_proof(doc, doc["proof"], bytes(31))


def test_qr_payload_round_trips_with_uppercase_alphanumeric_only() -> None:
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "张三"}
    text = qrcodec.encode_qr_payload(credential)
    assert text.startswith("VR1:")
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert qrcodec.decode_qr_payload(text) == credential


@pytest.mark.parametrize("text", ["", "hello", "HC1:6BFOXN", "https://example.com", "vr1:ABC", "VR2:ABC"])
def test_foreign_qr_text_is_not_a_certificate(text: str) -> None:
    with pytest.raises(NotACertificate):
        qrcodec.decode_qr_payload(text)


@pytest.mark.parametrize(
    "text",
    [
        "VR1:GGW",  # not base45
        "VR1:" + base45.b45encode(b"not zlib").decode(),
        "VR1:" + qrcodec.encode_qr_payload({"a": 1})[4:-6],  # truncated
    ],
)
def test_broken_payload_after_our_prefix_is_malformed(text: str) -> None:
    with pytest.raises(Malformed):
        qrcodec.decode_qr_payload(text)


def test_vr1_dictionary_bytes_are_frozen() -> None:
    digest = hashlib.sha256(qrcodec.zdict()).hexdigest()
    assert digest == "0cfabf5427544a9b73276cc9bd7738a39295cf7a8ab9876b54481b4be4b02494"


def test_status_list_bits_are_msb_first_and_round_trip() -> None:
    bits = bytearray(statuslist.MIN_ENTRIES // 8)
    statuslist.set_bit(bits, 0)
    statuslist.set_bit(bits, 9)
    assert bits[0] == 0x80 and bits[1] == 0x40
    encoded = statuslist.encode_list(bytes(bits))
    assert encoded.startswith("u") and "=" not in encoded
    decoded = statuslist.decode_list(encoded)
    assert decoded == bytes(bits)
    assert statuslist.is_set(decoded, 9) and not statuslist.is_set(decoded, 8)
    with pytest.raises(IndexError):
        statuslist.is_set(decoded, statuslist.MIN_ENTRIES)


@pytest.mark.parametrize("bad", ["", "zabc", "uAAAA", "u!!!"])
def test_decode_list_rejects_non_lists(bad: str) -> None:
    with pytest.raises(ValueError):
        statuslist.decode_list(bad)


def test_id_digest_normalizes_spaces_case_and_full_width_digits() -> None:
    salt = "c2FsdHNhbHRzYWx0c2FsdA"
    expected = "sha256$" + hashlib.sha256(("11010519491231002X" + salt).encode()).hexdigest()
    assert holder.id_digest("11010519491231002X", salt) == expected
    assert holder.id_digest(" 110105 19491231 002x ", salt) == expected
    assert holder.id_digest("１１０１０５１９４９１２３１００２Ｘ", salt) == expected
    assert holder.id_digest("110105194912310021", salt) != expected
