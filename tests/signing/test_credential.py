from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from nacl.signing import SigningKey
from volrec_verify.cryptosuite import verify_proof
from volrec_verify.holder import id_digest

from service.signing.credential import (
    CertificateContent,
    ServiceLine,
    build_credential,
    credential_json,
    format_hours,
    new_certificate_number,
    random_status_index,
    sign_credential,
)
from service.signing.samples import sample_content
from service.signing.timefmt import CHINA_TZ

from .conftest import ISSUED


def _content(**changes: Any) -> CertificateContent:
    return replace(sample_content(3, ISSUED), **changes)


def test_credential_has_the_documented_shape() -> None:
    content = _content(certificate_number="V2026120300001234", status_index=94567)
    credential = build_credential(content)
    assert credential["@context"] == ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/volrec/v1"]
    assert credential["id"] == "urn:volrec:cert:V2026120300001234"
    assert credential["type"] == ["VerifiableCredential", "VolunteerServiceCertificate"]
    assert credential["issuer"] == {
        "id": "urn:volrec:org:51110000MJ0000000X",
        "name": "北京市海淀区志愿者协会",
    }
    assert credential["validFrom"] == "2026-12-03T08:00:00Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == "Volunteer"
    assert subject["certificateNumber"] == "V2026120300001234"
    assert set(subject) == {
        "type", "name", "volunteerNumber", "idType", "idMasked", "idDigest", "idSalt", "certificateNumber",
        "totalHours", "periodStart", "periodEnd", "personInCharge", "handler", "services",
    }  # fmt: skip
    assert [set(line) for line in subject["services"]] == [{"activity", "date", "hours", "content"}] * 3
    base = "http://127.0.0.1:8000/status/51110000MJ0000000X"
    assert credential["credentialStatus"] == [
        {"type": "BitstringStatusListEntry", "statusPurpose": purpose, "statusListIndex": "94567",
         "statusListCredential": f"{base}/{purpose}"}
        for purpose in ("revocation", "suspension")
    ]  # fmt: skip
    assert "proof" not in credential


@pytest.mark.parametrize(
    ("hours", "text"),
    [("3.5", "3.5"), ("3.50", "3.5"), ("12", "12"), ("12.0", "12"), ("0.25", "0.25"), ("100", "100")],
)
def test_hours_are_written_as_short_decimal_strings(hours: str, text: str) -> None:
    assert format_hours(Decimal(hours)) == text


@pytest.mark.parametrize("hours", ["0", "-1", "0.125", "NaN", "Infinity"])
def test_impossible_hours_are_refused(hours: str) -> None:
    with pytest.raises(ValueError):
        format_hours(Decimal(hours))


def test_total_hours_is_the_exact_decimal_sum() -> None:
    # As floats 0.1 + 0.2 + 0.25 would be 0.5500000000000000444.
    lines = [ServiceLine("活动", date(2026, 3, 1), Decimal(h), "内容") for h in ("0.1", "0.2", "0.25")]
    subject = build_credential(_content(services=lines))["credentialSubject"]
    assert [line["hours"] for line in subject["services"]] == ["0.1", "0.2", "0.25"]
    assert subject["totalHours"] == "0.55"


def test_period_spans_the_earliest_and_latest_service_dates() -> None:
    days = [date(2026, 5, 2), date(2026, 3, 1), date(2026, 6, 30)]
    lines = [ServiceLine("活动", day, Decimal(1), "内容") for day in days]
    subject = build_credential(_content(services=lines))["credentialSubject"]
    assert (subject["periodStart"], subject["periodEnd"]) == ("2026-03-01", "2026-06-30")


def test_id_number_is_never_written_only_its_salted_digest() -> None:
    content = _content(id_number="11010519491231002X")
    credential = build_credential(content)
    subject = credential["credentialSubject"]
    assert "11010519491231002X" not in json.dumps(credential)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", subject["idSalt"])
    assert re.fullmatch(r"sha256\$[0-9a-f]{64}", subject["idDigest"])
    # The holder may show the number with spaces and a lower-case x; the verifier normalizes.
    assert id_digest("110105 19491231 002x", subject["idSalt"]) == subject["idDigest"]


def test_every_certificate_gets_a_fresh_salt() -> None:
    content = _content()
    first, second = build_credential(content), build_credential(content)
    assert first["credentialSubject"]["idSalt"] != second["credentialSubject"]["idSalt"]
    assert first["credentialSubject"]["idDigest"] != second["credentialSubject"]["idDigest"]


def test_text_is_nfc_normalized_before_signing() -> None:
    decomposed = "Zoe\u0308 Müller"  # ë as e + combining diaeresis
    credential = build_credential(_content(holder_name=decomposed))
    assert credential["credentialSubject"]["name"] == unicodedata.normalize("NFC", decomposed)


def test_signed_credential_verifies_and_detects_tampering(issuer_key: SigningKey, issuer_method: str) -> None:
    signed = sign_credential(build_credential(_content()), issuer_key, issuer_method, ISSUED)
    proof = signed["proof"]
    assert proof["verificationMethod"] == issuer_method
    assert proof["created"] == "2026-12-03T08:00:00Z"
    assert verify_proof(signed, proof, bytes(issuer_key.verify_key))
    tampered = json.loads(json.dumps(signed))
    tampered["credentialSubject"]["services"][0]["hours"] = "99"
    assert not verify_proof(tampered, proof, bytes(issuer_key.verify_key))


def test_signing_a_signed_credential_is_refused(issuer_key: SigningKey, issuer_method: str) -> None:
    signed = sign_credential(build_credential(_content()), issuer_key, issuer_method, ISSUED)
    with pytest.raises(ValueError, match="already signed"):
        sign_credential(signed, issuer_key, issuer_method, ISSUED)


def test_naive_issue_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build_credential(_content(issued_at=datetime(2026, 12, 3, 8, 0)))


def test_certificate_without_service_lines_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one service line"):
        build_credential(_content(services=[]))


def test_errors_and_reprs_leak_no_personal_data() -> None:
    content = _content(id_type="DRIVING_LICENCE", id_number="11010519491231002X", holder_name="欧阳明轩")
    with pytest.raises(ValueError) as caught:
        build_credential(content)
    for text in (str(caught.value), repr(content)):
        assert "11010519491231002X" not in text
        assert "欧阳明轩" not in text


def test_credential_file_is_readable_utf8_json(ten_line_certificate: dict[str, Any]) -> None:
    data = credential_json(ten_line_certificate)
    assert "志愿者协会" in data.decode("utf-8")
    assert json.loads(data) == ten_line_certificate


def test_certificate_numbers_carry_the_date_and_do_not_repeat() -> None:
    numbers = {new_certificate_number(date(2026, 12, 3)) for _ in range(1000)}
    assert len(numbers) == 1000
    assert all(re.fullmatch(r"V20261203\d{8}", number) for number in numbers)
    assert re.fullmatch(r"V\d{16}", new_certificate_number())


def test_random_status_index_avoids_used_slots() -> None:
    used = set(range(16)) - {11}
    assert random_status_index(used, size=16) == 11
    assert 0 <= random_status_index() < 131072


def test_full_status_list_is_reported() -> None:
    with pytest.raises(ValueError, match="full"):
        random_status_index(set(range(8)), size=8)


def test_issue_time_is_written_in_utc() -> None:
    beijing = datetime(2026, 12, 4, 0, 0, tzinfo=CHINA_TZ)
    assert build_credential(_content(issued_at=beijing))["validFrom"] == "2026-12-03T16:00:00Z"
