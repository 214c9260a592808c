"""Secrets at rest and bearer tokens."""

from __future__ import annotations

import base64
import stat
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import nacl.exceptions
import pytest

from service import crypto
from service.config import Settings
from service.domain import accounts, clock
from service.models import AccessToken


def _settings(tmp_path: Path) -> Settings:
    return replace(Settings.from_env(), data_dir=tmp_path / "data")


def test_master_key_file_is_created_once_with_owner_only_permissions(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("VOLREC_MASTER_KEY", raising=False)
    settings = _settings(tmp_path)
    sealed = crypto.seal(b"11010519491231002X", settings)
    key_file = settings.data_dir / "master.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert b"11010519491231002X" not in sealed
    assert crypto.unseal(sealed, settings) == b"11010519491231002X"
    assert crypto.keyed_hash("x", settings) == crypto.keyed_hash("x", settings) != crypto.keyed_hash("y", settings)


def test_master_key_from_the_environment_is_used_instead_of_a_file(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("VOLREC_MASTER_KEY", base64.b64encode(b"k" * 32).decode())
    settings = _settings(tmp_path / "env")
    sealed = crypto.seal(b"secret", settings)
    assert not (settings.data_dir / "master.key").exists()
    other = _settings(tmp_path / "file")
    monkeypatch.delenv("VOLREC_MASTER_KEY")
    with pytest.raises(nacl.exceptions.CryptoError):  # a different key cannot open it
        crypto.unseal(sealed, other)


def test_password_hashes_are_argon2id_and_salted() -> None:
    first, second = accounts.hash_password("correct horse"), accounts.hash_password("correct horse")
    assert first.startswith("$argon2id$") and first != second
    assert accounts.password_matches(first, "correct horse")
    assert not accounts.password_matches(first, "wrong horse")


async def test_an_expired_token_is_anonymous(database: str) -> None:
    account = await accounts.create_account("someone", "a-long-password")
    issued = await accounts.log_in("someone", "a-long-password", ttl_seconds=3600)
    assert (await accounts.actor_for_token(issued.token)).account_id == account.id
    await AccessToken.filter(account_id=account.id).update(expires_at=clock.now() - timedelta(seconds=1))
    assert (await accounts.actor_for_token(issued.token)).account_id is None
    assert (await accounts.actor_for_token("not-a-token")).account_id is None
