"""The command line on every input form, the trust store, batch mode, and offline use."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import segno
from factory import INDEX, ORG_CODE, World, ts
from PIL import Image, ImageFilter
from pypdf import PdfWriter
from volrec_verify import qrcodec
from volrec_verify.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path, world: World, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A trust store with the world's bundle imported, used through VOLREC_VERIFY_HOME."""
    home = tmp_path / "store"
    monkeypatch.setenv("VOLREC_VERIFY_HOME", str(home))
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(world.bundle(), ensure_ascii=False), encoding="utf-8")
    assert main(["trust", "import", str(bundle)]) == 0
    return home


def qr_png(payload: str, scale: int = 4) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(payload, error="m", mode="alphanumeric").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def photo_jpeg(png: bytes) -> bytes:
    """A phone photo of paper: grey background, slightly rotated, scaled and blurred."""
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.resize((image.width * 3 // 2, image.height * 3 // 2))
    paper = Image.new("L", (image.width + 200, image.height + 200), 235)
    paper.paste(image, (100, 100))
    paper = paper.rotate(4, expand=True, fillcolor=120).filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    paper.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def pdf_with(attachment: tuple[str, bytes] | None = None, image_png: bytes | None = None) -> bytes:
    writer = PdfWriter()
    if image_png is not None:
        image_pdf = io.BytesIO()
        Image.open(io.BytesIO(image_png)).convert("RGB").save(image_pdf, format="PDF")
        writer.append(io.BytesIO(image_pdf.getvalue()))
    else:
        writer.add_blank_page(595, 842)
    if attachment is not None:
        writer.add_attachment(*attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    code, out = run(capsys, *args, "--json")
    return code, json.loads(out)


@pytest.fixture
def cert(world: World) -> dict[str, Any]:
    return world.certificate(lines=10)


def test_json_file_verifies_with_chinese_report(
    store: Path, tmp_path: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cert.json"
    path.write_text(json.dumps(cert, ensure_ascii=False), encoding="utf-8")
    code, out = run(capsys, str(path))
    assert code == 0
    assert "有效" in out and "张三" in out and "北京市海淀区志愿者协会" in out and "110105********002X" in out
    code, out = run(capsys, "verify", str(path), "--lang", "en")
    assert code == 0 and "VALID" in out


def test_qr_text_argument_verifies(
    store: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = as_json(capsys, qrcodec.encode_qr_payload(cert))
    assert code == 0 and data["valid"] and data["reason"] == "VALID"
    assert data["credential"] == cert


def test_png_of_qr_verifies(
    store: Path, tmp_path: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cert.png"
    path.write_bytes(qr_png(qrcodec.encode_qr_payload(cert)))
    assert as_json(capsys, str(path))[0] == 0


def test_jpeg_photo_of_paper_verifies(
    store: Path, tmp_path: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo-of-paper.jpg"
    path.write_bytes(photo_jpeg(qr_png(qrcodec.encode_qr_payload(cert))))
    code, data = as_json(capsys, str(path), "--id-number", "11010519491231002X")
    assert code == 0 and data["holderChecked"]


def test_pdf_with_credential_attachment_verifies(
    store: Path, tmp_path: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cert.pdf"
    body = json.dumps(cert, ensure_ascii=False).encode()
    path.write_bytes(pdf_with(("certificate.json", body)))
    assert as_json(capsys, str(path))[0] == 0
    path.write_bytes(pdf_with(("credential.json", body)))
    assert as_json(capsys, str(path))[0] == 0


def test_pdf_without_attachment_falls_back_to_printed_qr(
    store: Path, tmp_path: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_with(image_png=qr_png(qrcodec.encode_qr_payload(cert))))
    assert as_json(capsys, str(path))[0] == 0


def test_random_qr_is_not_a_certificate_exit_2(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "menu.png"
    path.write_bytes(qr_png("HTTPS://EXAMPLE.COM/MENU"))
    code, data = as_json(capsys, str(path))
    assert code == 2 and data["reason"] == "NOT_A_CERTIFICATE" and not data["valid"]
    assert as_json(capsys, "hello world")[0] == 2
    assert as_json(capsys, str(tmp_path / "missing.pdf"))[0] == 2
    (tmp_path / "notes.json").write_text("not json")
    assert as_json(capsys, str(tmp_path / "notes.json"))[0] == 2


def test_broken_payload_with_our_prefix_is_malformed_exit_1(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = as_json(capsys, "VR1:GGW")
    assert code == 1 and data["reason"] == "MALFORMED"


def test_batch_reports_each_input_and_exits_with_the_worst(
    store: Path, tmp_path: Path, world: World, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "batch" / "good.json"
    good.parent.mkdir()
    good.write_text(json.dumps(cert), encoding="utf-8")
    tampered = dict(cert, validFrom="2020-01-01T00:00:00Z")
    (tmp_path / "batch" / "tampered.json").write_text(json.dumps(tampered), encoding="utf-8")
    code, out = run(capsys, str(tmp_path / "batch"))
    assert code == 1 and "BAD_SIGNATURE" in out and "VALID" in out
    code, data = as_json(capsys, str(good), "hello")
    assert code == 2 and [d["reason"] for d in data] == ["VALID", "NOT_A_CERTIFICATE"]


def test_revoked_certificate_via_store_exits_1(
    tmp_path: Path, world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    world.revoked["revocation"].add(INDEX)
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(world.bundle()), encoding="utf-8")
    monkeypatch.setenv("VOLREC_VERIFY_HOME", str(tmp_path / "s"))
    assert main(["trust", "import", str(bundle)]) == 0
    code, out = run(capsys, qrcodec.encode_qr_payload(world.certificate()))
    assert code == 1 and "撤销" in out


def test_trust_file_and_status_file_options_replace_the_store(
    tmp_path: Path, world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOLREC_VERIFY_HOME", str(tmp_path / "empty"))
    payload = qrcodec.encode_qr_payload(world.certificate())
    assert run(capsys, payload)[0] == 2  # no trust list anywhere: a usage error
    bundle = world.bundle()
    bundle["statusLists"] = []
    (tmp_path / "b.json").write_text(json.dumps(bundle), encoding="utf-8")
    code, data = as_json(capsys, payload, "--trust", str(tmp_path / "b.json"))
    assert code == 0 and set(data["warnings"]) == {"ROOT_NOT_PINNED", "STATUS_UNKNOWN"}
    world.revoked["revocation"].add(INDEX)
    (tmp_path / "rev.json").write_text(json.dumps(world.status_list("revocation")), encoding="utf-8")
    code, data = as_json(
        capsys, payload, "--trust", str(tmp_path / "b.json"), "--status", str(tmp_path / "rev.json")
    )
    assert code == 1 and data["reason"] == "REVOKED"


def test_runs_with_sockets_disabled(
    store: Path,
    tmp_path: Path,
    cert: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("volrec-verify tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    png = tmp_path / "c.png"
    png.write_bytes(qr_png(qrcodec.encode_qr_payload(cert)))
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(pdf_with(("credential.json", json.dumps(cert).encode())))
    code, data = as_json(capsys, str(png), str(pdf), qrcodec.encode_qr_payload(cert))
    assert code == 0 and all(d["valid"] for d in data)


def test_package_imports_nothing_from_service() -> None:
    code = (
        "import sys, volrec_verify, volrec_verify.cli, volrec_verify._internal.inputs, "
        "volrec_verify._internal.store, volrec_verify._internal.render\n"
        "bad = [m for m in sys.modules if m == 'service' or m.startswith('service.')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT / "verifier")
    sources = (ROOT / "verifier" / "src").rglob("*.py")
    assert not [p for p in sources if "from service" in p.read_text() or "import service" in p.read_text()]


def test_now_option_before_issuance_gives_not_yet_valid(
    store: Path, world: World, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    payload = qrcodec.encode_qr_payload(cert)  # issued a day before world.now
    as_of = world.now - timedelta(days=3)
    code, data = as_json(capsys, payload, "--now", ts(as_of))
    assert code == 1 and data["reason"] == "NOT_YET_VALID"
    assert data["checkedAt"] == ts(as_of) and data["checks"]["validity"] == "failed"
    code, data = as_json(capsys, payload, "--now", ts(world.now))
    assert code == 0 and data["checkedAt"] == ts(world.now)


def test_now_option_ages_the_trust_list_and_status_lists(
    store: Path, world: World, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    payload = qrcodec.encode_qr_payload(cert)
    code, data = as_json(capsys, payload, "--now", ts(world.now + timedelta(days=40)))
    assert code == 0 and set(data["warnings"]) == {"TRUST_LIST_AGING", "STATUS_LIST_EXPIRED"}
    assert data["checks"]["trustList"] == "warning" and data["checks"]["revocation"] == "warning"
    code, data = as_json(capsys, payload, "--now", ts(world.now + timedelta(days=200)))
    assert code == 1 and data["reason"] == "TRUST_LIST_STALE"


def test_now_option_with_offset_decides_expiry(
    store: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    unsigned = world.unsigned_certificate()
    unsigned["validUntil"] = ts(world.now + timedelta(days=10))
    payload = qrcodec.encode_qr_payload(world.sign(unsigned))
    assert as_json(capsys, payload)[1]["reason"] == "VALID"
    later = (world.now + timedelta(days=20)).astimezone(timezone(timedelta(hours=8)))
    code, data = as_json(capsys, payload, "--now", later.isoformat())
    assert code == 1 and data["reason"] == "EXPIRED" and data["checkedAt"] == ts(later)


def test_now_option_judges_key_windows_at_issuance_not_at_the_as_of_date(
    tmp_path: Path, world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    org = world.orgs[ORG_CODE]
    rotated = world.now - timedelta(days=30)
    label, start, _, _ = org.keys[0]
    org.keys = [(label, start, rotated, None), ("org-2", rotated, None, None)]
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(world.bundle()), encoding="utf-8")
    monkeypatch.setenv("VOLREC_VERIFY_HOME", str(tmp_path / "s"))
    assert main(["trust", "import", str(bundle)]) == 0
    capsys.readouterr()
    old = world.certificate(issued=world.now - timedelta(days=60))  # key-1, inside its window
    code, data = as_json(capsys, qrcodec.encode_qr_payload(old), "--now", ts(world.now - timedelta(days=45)))
    assert code == 0 and data["checks"]["key"] == "passed"
    late = world.sign(world.unsigned_certificate(issued=world.now - timedelta(days=5)))  # key-1 after rotation
    code, data = as_json(capsys, qrcodec.encode_qr_payload(late), "--now", ts(world.now - timedelta(days=45)))
    assert code == 1 and data["reason"] == "KEY_NOT_VALID"


def test_now_option_that_is_not_a_timestamp_is_a_usage_error(
    store: Path, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ("2027-01-15", "yesterday", "2027-01-15T09:00:00"):
        assert main([qrcodec.encode_qr_payload(cert), "--now", bad]) == 2
        assert "RFC 3339" in capsys.readouterr().err


def url_qr_png(text: str) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=4, border=4)
    return buffer.getvalue()


def test_random_url_qr_as_text_or_png_is_not_a_certificate_with_a_clear_message_in_zh_and_en(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "poster.png"
    png.write_bytes(url_qr_png("https://example.com"))
    for given in ("https://example.com", str(png)):
        code, data = as_json(capsys, given)
        assert code == 2 and data["reason"] == "NOT_A_CERTIFICATE" and not data["valid"]
        assert "https://example.com" in data["detail"] and "VR1:" in data["detail"]
        code, out = run(capsys, given)
        assert code == 2
        assert "不是志愿服务记录证明" in out and "“https://example.com”" in out and "VR1:" in out
        code, out = run(capsys, given, "--lang", "en")
        assert code == 2
        assert "not a volunteer service certificate" in out and "“https://example.com”" in out
        assert "No such file" not in out and "no such file" not in out


def test_image_without_any_qr_code_says_so_in_zh_and_en(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    code, out = run(capsys, str(blank))
    assert code == 2 and "图片中没有找到二维码" in out
    code, out = run(capsys, str(blank), "--lang", "en")
    assert code == 2 and "no QR code found in the image" in out


def test_human_report_of_valid_certificate_shows_who_what_when_and_each_check(
    store: Path, world: World, cert: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    payload = qrcodec.encode_qr_payload(cert)
    code, zh = run(capsys, payload, "--id-number", "11010519491231002X")
    assert code == 0
    for part in ("✔ 有效", "志愿者：张三", "居民身份证 110105********002X", "VN2X7KQ9P4MD",
                 "出具组织：北京市海淀区志愿者协会（统一社会信用代码 51110000MJ0000000X）",
                 "服务时长合计 35 小时", "服务期间 2026-03-01 至 2026-03-10", "10 条服务记录",
                 "社区垃圾分类宣传第1场", "出具时间：", "（北京时间）", "负责人 / 经办人：李四 / 王五",
                 "✔ 签名（内容未被改动）：通过", "✔ 撤销状态：未被撤销", "✔ 暂停状态：未被暂停",
                 "✔ 持证人证件号码：与证明一致", "信任列表：版本 7", "核验时间："):
        assert part in zh, part
    assert "UTC" not in zh and "the " not in zh  # no English in the Chinese report of a valid certificate
    code, en = run(capsys, payload, "--lang", "en")
    assert code == 0
    for part in ("✔ VALID", "Volunteer: 张三 (ID: resident ID 110105********002X", "Certified by: 北京市海淀区志愿者协会",
                 "total hours 35 h", "period 2026-03-01 to 2026-03-10", "10 service records",
                 "Beijing time (UTC+8)", "✔ signature (content unaltered): passed", "✔ revocation: not revoked",
                 "· holder's ID number: not checked (use --id-number N)", "Checked as of: "):
        assert part in en, part


def test_human_report_of_revoked_certificate_names_the_failed_check_and_what_was_not_checked(
    tmp_path: Path, world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    world.revoked["revocation"].add(INDEX)
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(world.bundle()), encoding="utf-8")
    monkeypatch.setenv("VOLREC_VERIFY_HOME", str(tmp_path / "s"))
    assert main(["trust", "import", str(bundle)]) == 0
    capsys.readouterr()
    payload = qrcodec.encode_qr_payload(world.certificate())
    code, zh = run(capsys, payload)
    assert code == 1
    for part in ("✘ 无效：出具组织已撤销此证明", "志愿者：张三", "✔ 签名（内容未被改动）：通过",
                 "✘ 撤销状态：出具组织已撤销此证明", "· 暂停状态：未检查", "状态列表日期："):
        assert part in zh, part
    code, en = run(capsys, payload, "--lang", "en")
    assert code == 1
    for part in ("✘ INVALID: revoked by the issuer", "✘ revocation: revoked by the issuer",
                 "· suspension: not checked", "Status lists dated: "):
        assert part in en, part


def test_human_report_strips_terminal_controls_from_a_forged_certificate(
    store: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = world.certificate()
    cert["credentialSubject"]["name"] = "张三\x1b[2J\x1b[32m VALID"
    code, out = run(capsys, json.dumps(cert, ensure_ascii=False))
    assert code == 1 and "BAD_SIGNATURE" not in out and "签名不符" in out
    assert "\x1b" not in out and "✘ 签名（内容未被改动）：未通过" in out
