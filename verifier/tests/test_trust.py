"""The trust store: pinning, TUF-style root rotation, and refusing rollbacks and forgeries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from factory import World, key
from volrec_verify._internal.store import TrustStore
from volrec_verify.cli import main
from volrec_verify.errors import RollbackError, RootChainError, TrustStoreError


def store_with(world: World, tmp_path: Path) -> TrustStore:
    store = TrustStore(tmp_path / "store")
    store.import_bundle(world.bundle(), now=world.now)
    return store


def test_first_import_pins_first_root_and_prints_fingerprint(
    tmp_path: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b.json").write_text(json.dumps(world.bundle()), encoding="utf-8")
    assert main(["trust", "import", str(tmp_path / "b.json"), "--store", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    fingerprint = TrustStore(tmp_path / "s").roots()[0].fingerprint
    assert fingerprint[:4] in out and "pinned root" in out
    assert main(["trust", "show", "--store", str(tmp_path / "s")]) == 0
    assert "version 7" in capsys.readouterr().out


def test_expected_root_fingerprint_is_enforced(tmp_path: Path, world: World) -> None:
    store = TrustStore(tmp_path / "store")
    with pytest.raises(RootChainError):
        store.import_bundle(world.bundle(), now=world.now, expect_fingerprint="00" * 32)
    assert not (tmp_path / "store").exists()
    from volrec_verify.trust import parse_root

    expected = parse_root(world.roots[0]).fingerprint
    store.import_bundle(world.bundle(), now=world.now, expect_fingerprint=expected.upper())


def test_root_rotation_signed_by_old_and_new_key_is_followed(tmp_path: Path, world: World) -> None:
    store = store_with(world, tmp_path)
    world.rotate_root()
    world.trust_list_version += 1
    report = store.import_bundle(world.bundle(), now=world.now)
    assert report.root_version == 2 and report.trust_list_version == 8
    assert [r.version for r in store.roots()] == [1, 2]
    assert store.trust_list().root_version == 2


def test_rejects_root_rotation_signed_only_by_the_new_key(tmp_path: Path, world: World) -> None:
    store = store_with(world, tmp_path)
    world.rotate_root(signers=[key("root-2")])
    world.trust_list_version += 1
    with pytest.raises(RootChainError):
        store.import_bundle(world.bundle(), now=world.now)


def test_rejects_attacker_root_that_skips_a_version(tmp_path: Path, world: World) -> None:
    store = store_with(world, tmp_path)
    world.rotate_root()
    world.rotate_root()
    bundle = world.bundle()
    del bundle["roots"][1]
    with pytest.raises(RootChainError):
        store.import_bundle(bundle, now=world.now)


def test_rejects_bundle_from_a_different_authority(tmp_path: Path, world: World) -> None:
    store = store_with(world, tmp_path)
    rogue = World(world.now)
    rogue.root_keys = [key("rogue")]
    rogue.roots = [rogue._root(1, rogue.root_keys, rogue.root_keys)]
    with pytest.raises(RootChainError):
        store.import_bundle(rogue.bundle(), now=world.now)


def test_rejects_trust_list_rollback_to_older_version(tmp_path: Path, world: World) -> None:
    old = world.bundle()
    world.trust_list_version += 1
    store = store_with(world, tmp_path)
    with pytest.raises(RollbackError):
        store.import_bundle(old, now=world.now)


def test_same_trust_list_version_is_a_no_op_but_changed_content_is_refused(
    tmp_path: Path, world: World
) -> None:
    bundle = world.bundle()
    store = store_with(world, tmp_path)
    assert store.import_bundle(bundle, now=world.now).trust_list_changed is False
    world.orgs.popitem()
    with pytest.raises(RollbackError):
        store.import_bundle(world.bundle(), now=world.now)


def test_rejects_trust_list_signed_by_a_key_outside_the_root(tmp_path: Path, world: World) -> None:
    bundle: dict[str, Any] = world.bundle()
    bundle["trustList"] = world.trust_list(signer=key("attacker"))
    with pytest.raises(TrustStoreError):
        TrustStore(tmp_path / "s").import_bundle(bundle, now=world.now)


def test_rejects_trust_list_with_organization_added_after_signing(tmp_path: Path, world: World) -> None:
    bundle: dict[str, Any] = world.bundle()
    rogue = dict(bundle["trustList"]["organizations"][0], id="urn:volrec:org:99999999MJ9999999Z")
    bundle["trustList"]["organizations"].append(rogue)
    with pytest.raises(TrustStoreError):
        TrustStore(tmp_path / "s").import_bundle(bundle, now=world.now)


def test_rejects_bundle_with_forged_status_list(tmp_path: Path, world: World) -> None:
    bundle: dict[str, Any] = world.bundle()
    bundle["statusLists"][0]["credentialSubject"]["version"] = 13
    with pytest.raises(TrustStoreError):
        TrustStore(tmp_path / "s").import_bundle(bundle, now=world.now)
