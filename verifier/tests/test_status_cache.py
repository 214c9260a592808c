"""Checking each status list once per batch, without letting the cache vouch for altered lists."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from factory import INDEX, World
from volrec_verify import Policy, Reason, StatusListCache, open_bundle, verifier, verify


def counting_verify_proof(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the id of every document whose proof the verify core checks."""
    calls: list[str] = []
    real = verifier.verify_proof

    def counted(document: dict[str, Any], proof: dict[str, Any], public_key: bytes) -> bool:
        calls.append(str(document.get("id")))
        return real(document, proof, public_key)

    monkeypatch.setattr(verifier, "verify_proof", counted)
    return calls


def test_batch_from_one_organization_checks_each_status_list_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    certificates = [world.certificate(number=f"{n:07d}") for n in range(5)]
    calls = counting_verify_proof(monkeypatch)
    cache = StatusListCache()
    for cert in certificates:
        result = verify(cert, bundle.trust_list, status_lists=lists, policy=Policy(now=world.now),
                        status_cache=cache)
        assert result.valid
    list_checks = [c for c in calls if "/status/" in c]
    assert sorted(list_checks) == sorted(
        doc["id"] for doc in bundle.status_lists if "51110000MJ0000000X" in doc["id"]
    )
    assert len(calls) == len(certificates) + 2
    assert cache.hits == 2 * (len(certificates) - 1) and cache.misses == 2


def test_without_a_cache_every_verification_checks_the_lists(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    calls = counting_verify_proof(monkeypatch)
    for _ in range(3):
        verify(world.certificate(), bundle.trust_list, status_lists=lists, policy=Policy(now=world.now))
    assert len(calls) == 3 * 3


def test_rejects_status_list_altered_after_caching_with_the_same_proof_value(world: World) -> None:
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: copy.deepcopy(doc) for doc in bundle.status_lists}
    cache = StatusListCache()
    policy = Policy(now=world.now)
    assert verify(world.certificate(), bundle.trust_list, status_lists=lists, policy=policy,
                  status_cache=cache).valid
    # The list is changed in place after its signature was checked (its validUntil pushed out),
    # keeping id and proofValue: the cache must not vouch for the new content.
    revocation = next(doc for doc in lists.values() if doc["id"].endswith("/revocation")
                      and "51110000MJ0000000X" in doc["id"])
    revocation["validUntil"] = "2099-01-01T00:00:00Z"
    result = verify(world.certificate(), bundle.trust_list, status_lists=lists, policy=policy,
                    status_cache=cache)
    assert result.reason is Reason.BAD_SIGNATURE


def test_cached_list_is_checked_again_against_another_trust_list(world: World) -> None:
    org = world.orgs["51110000MJ0000000X"]
    org.keys.append(("org-2", world.now - timedelta(days=10), None, None))  # lists are signed by key-2
    first = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in first.status_lists}
    cache = StatusListCache()
    policy = Policy(now=world.now)
    assert verify(world.certificate(), first.trust_list, status_lists=lists, policy=policy,
                  status_cache=cache).valid
    # Another trust list gives key-2 other key material: the cached verdict must not carry over.
    org.keys[1] = ("not-org-2", world.now - timedelta(days=10), None, None)
    world.trust_list_version += 1
    second = open_bundle(world.bundle(), None)
    result = verify(world.certificate(), second.trust_list, status_lists=lists, policy=policy,
                    status_cache=cache)
    assert result.reason is Reason.BAD_SIGNATURE and "status list" in result.detail


def test_revoked_certificate_is_found_through_a_cached_list(world: World) -> None:
    world.revoked["revocation"].add(INDEX)
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    cache = StatusListCache()
    policy = Policy(now=world.now)
    reasons = [verify(world.certificate(number=f"{n:07d}"), bundle.trust_list, status_lists=lists,
                      policy=policy, status_cache=cache).reason for n in range(3)]
    assert reasons == [Reason.REVOKED] * 3 and cache.hits == 2


def test_cache_keeps_at_most_max_entries(world: World) -> None:
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    cache = StatusListCache(max_entries=1)
    verify(world.certificate(), bundle.trust_list, status_lists=lists, policy=Policy(now=world.now),
           status_cache=cache)
    assert len(cache) == 1
