"""Certificates made by the service's own signing code verify here (skipped where it is absent).

The service's credential builder and WeasyPrint PDF are used as they are; the trust list is the
factory's, with the service's certificate signed by the factory organization's key.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from factory import ORG_CODE, World, key
from volrec_verify import Policy, Reason, open_bundle, verify
from volrec_verify._internal import inputs

signing = pytest.importorskip("service.signing.credential")
keys = pytest.importorskip("service.signing.keys")
samples = pytest.importorskip("service.signing.samples")
qr = pytest.importorskip("service.signing.qr")


@pytest.fixture
def service_certificate(world: World) -> dict[str, object]:
    issued = world.now - timedelta(hours=2)
    credential = signing.build_credential(samples.sample_content(10, issued))
    signed: dict[str, object] = signing.sign_credential(
        credential, key("org-1"), keys.org_method_id(ORG_CODE, 1), issued
    )
    return signed


def _check(world: World, credential: object) -> Reason:
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    return verify(credential, bundle.trust_list, status_lists=lists, policy=Policy(now=world.now)).reason


def test_service_certificate_json_and_qr_verify(world: World, service_certificate: dict[str, object]) -> None:
    assert _check(world, service_certificate) is Reason.VALID
    assert _check(world, inputs.load(qr.qr_payload(service_certificate)).credential) is Reason.VALID


@pytest.mark.slow
def test_service_pdf_verifies_from_its_credential_attachment(
    world: World, service_certificate: dict[str, object], tmp_path: Path
) -> None:
    pdf = pytest.importorskip("service.signing.pdf")
    path = tmp_path / "service.pdf"
    try:
        path.write_bytes(pdf.render_pdf(service_certificate))
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot render here: {exc}")
    loaded = inputs.load(str(path))
    assert loaded.form == "pdf"
    assert _check(world, loaded.credential) is Reason.VALID
