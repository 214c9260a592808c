"""`volrec trust export` and `volrec certificates export`: what an operator runs, checked by the verifier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from volrec_verify import Reason, open_bundle, verify

from service.cli import main


@pytest.mark.slow
def test_exported_bundle_verifies_every_exported_demo_certificate(tmp_path: Path) -> None:
    env = {"VOLREC_DATA_DIR": str(tmp_path), "VOLREC_DB_URL": f"sqlite://{tmp_path / 'cli.sqlite3'}"}
    runner = CliRunner()
    for args in (["migrate"], ["demo"], ["trust", "export", "--out", str(tmp_path / "bundle.json")],
                 ["certificates", "export", "--out", str(tmp_path / "out")]):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
    opened = open_bundle(json.loads((tmp_path / "bundle.json").read_text()), trusted_root=None)
    lists = {d["id"]: d for d in opened.status_lists}
    reasons = sorted(
        verify(json.loads(path.read_text()), opened.trust_list, status_lists=lists).reason.value
        for path in (tmp_path / "out").glob("*.json")
    )
    assert reasons == [Reason.REVOKED.value] + [Reason.VALID.value] * 4
    assert len(list((tmp_path / "out").glob("*.pdf"))) == len(list((tmp_path / "out").glob("*.png"))) == 5
