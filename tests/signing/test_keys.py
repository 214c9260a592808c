from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from nacl.signing import SigningKey
from volrec_verify.multikey import decode_public_key

from service.config import Settings
from service.signing.keys import KeyWindow, SealedKey, org_id, org_method_id, root_method_id


def test_sealed_key_unseals_to_the_key_it_was_made_from(settings: Settings) -> None:
    key = SigningKey.generate()
    sealed = SealedKey.from_signing_key(key, settings)
    assert sealed.signing_key(settings).encode() == key.encode()
    assert sealed.public_key == bytes(key.verify_key)
    assert decode_public_key(sealed.public_key_multibase) == sealed.public_key


def test_sealed_seed_does_not_contain_the_private_seed(settings: Settings) -> None:
    key = SigningKey.generate()
    sealed = SealedKey.from_signing_key(key, settings)
    assert bytes(key) not in sealed.sealed_seed


def test_generated_keys_are_distinct_and_usable(settings: Settings) -> None:
    first, second = SealedKey.generate(settings), SealedKey.generate(settings)
    assert first.public_key != second.public_key
    signed = first.signing_key(settings).sign(b"volrec")
    assert signed.message == b"volrec"


def test_seed_sealed_beside_another_public_key_is_refused(settings: Settings) -> None:
    first, second = SealedKey.generate(settings), SealedKey.generate(settings)
    swapped = replace(first, public_key=second.public_key)
    with pytest.raises(ValueError, match="does not match"):
        swapped.signing_key(settings)


def test_verification_method_ids_follow_the_format() -> None:
    assert org_id("51110000MJ0000000X") == "urn:volrec:org:51110000MJ0000000X"
    assert org_method_id("51110000MJ0000000X", 2) == "urn:volrec:org:51110000MJ0000000X#key-2"
    assert root_method_id(1) == "urn:volrec:root#key-1"


@pytest.mark.parametrize(
    "code", ["", "51110000MJ0000000", "51110000mj0000000x", "51110000MJ000000OX", "x#key-1"]
)
def test_malformed_organization_code_is_refused(code: str) -> None:
    with pytest.raises(ValueError):
        org_id(code)


def test_key_numbers_start_at_one() -> None:
    with pytest.raises(ValueError):
        root_method_id(0)


def test_key_window_verifies_only_inside_its_window() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rotated = start + timedelta(days=100)
    window = KeyWindow(valid_from=start, valid_until=rotated)
    assert not window.verifies_at(start - timedelta(seconds=1))
    assert window.verifies_at(start)
    assert window.verifies_at(rotated - timedelta(seconds=1))
    assert not window.verifies_at(rotated)


def test_compromised_key_stops_verifying_from_its_revocation() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    revoked = start + timedelta(days=10)
    window = KeyWindow(valid_from=start, revoked_from=revoked)
    assert window.verifies_at(revoked - timedelta(seconds=1))
    assert not window.verifies_at(revoked)
    assert not window.verifies_at(revoked + timedelta(days=365))
