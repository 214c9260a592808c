"""Human output, in Chinese by default or English: the verdict first, then who, what, when, and
how each check ended.

Everything shown from a credential or an input is untrusted (a forged certificate is still
printed, to show what it claims), so it goes through `_text`, which drops terminal controls.
Times are shown in Beijing time, as on the printed certificate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from volrec_verify.errors import Reason, WarningCode, excerpt
from volrec_verify.verifier import Check, Outcome, Result

BEIJING = timezone(timedelta(hours=8))

VERDICTS: dict[str, dict[Reason, str]] = {
    "zh": {
        Reason.VALID: "有效：证明真实、未被篡改，出具组织当时有权出具（各项检查见下）",
        Reason.MALFORMED: "无效：看起来是志愿服务证明，但内容已损坏或格式不对",
        Reason.BAD_SIGNATURE: "无效：签名不符，证明被篡改或伪造",
        Reason.UNKNOWN_ISSUER: "无效：出具方不在民政部门的信任列表中",
        Reason.KEY_NOT_VALID: "无效：签名密钥不属于出具组织，或出具时密钥已失效/被吊销",
        Reason.NO_ISSUING_RIGHT: "无效：签发时该组织没有出具证明的资格（未授权、被暂停或被撤销）",
        Reason.REVOKED: "无效：出具组织已撤销此证明",
        Reason.SUSPENDED: "无效：出具组织已暂停此证明",
        Reason.EXPIRED: "无效：证明已过有效期",
        Reason.NOT_YET_VALID: "无效：证明尚未生效（请检查本机时间）",
        Reason.TRUST_LIST_STALE: "无法确认：本机信任列表过旧，请运行 volrec-verify trust update",
        Reason.HOLDER_MISMATCH: "不符：所给身份证件号码与证明持有人不一致",
        Reason.NOT_A_CERTIFICATE: "不是志愿服务记录证明",
    },
    "en": {
        Reason.VALID: "VALID: authentic, unaltered, issued with the right to issue (checks below)",
        Reason.MALFORMED: "INVALID: looks like a volunteer certificate but is broken",
        Reason.BAD_SIGNATURE: "INVALID: the signature does not match; altered or forged",
        Reason.UNKNOWN_ISSUER: "INVALID: the issuer is not in the authority's trust list",
        Reason.KEY_NOT_VALID: "INVALID: the signing key is not the issuer's, or was not valid at issuance",
        Reason.NO_ISSUING_RIGHT: "INVALID: the issuer had no right to issue at that time",
        Reason.REVOKED: "INVALID: revoked by the issuer",
        Reason.SUSPENDED: "INVALID: suspended by the issuer",
        Reason.EXPIRED: "INVALID: expired",
        Reason.NOT_YET_VALID: "INVALID: not yet valid (check this computer's clock)",
        Reason.TRUST_LIST_STALE: "UNCONFIRMED: the trust list is too old; run volrec-verify trust update",
        Reason.HOLDER_MISMATCH: "MISMATCH: the ID number given is not the holder's",
        Reason.NOT_A_CERTIFICATE: "NOT A CERTIFICATE: this is not a volrec volunteer service certificate",
    },
}

WARNINGS: dict[str, dict[WarningCode, str]] = {
    "zh": {
        WarningCode.STATUS_UNKNOWN: "本机没有该组织的状态列表，无法确认是否已被撤销",
        WarningCode.STATUS_LIST_EXPIRED: "状态列表已过期，撤销状态可能不是最新的",
        WarningCode.TRUST_LIST_AGING: "信任列表较旧，建议运行 volrec-verify trust update",
        WarningCode.ROOT_NOT_PINNED: "未导入根密钥，本次信任了所给文件中的根密钥",
    },
    "en": {
        WarningCode.STATUS_UNKNOWN: "no status list of this issuer here: revocation not checked",
        WarningCode.STATUS_LIST_EXPIRED: "the status list has expired: revocation may be out of date",
        WarningCode.TRUST_LIST_AGING: "the trust list is getting old: run volrec-verify trust update",
        WarningCode.ROOT_NOT_PINNED: "no pinned root: the root in the given file was trusted as is",
    },
}

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "volunteer": "志愿者", "id": "证件", "number": "志愿者编号", "issuer": "出具组织",
        "claimed": "（证明上自称，未经信任列表证实）", "code": "统一社会信用代码", "certificate": "证明编号",
        "issued": "出具时间", "certified": "证明内容", "hours": "服务时长合计", "period": "服务期间",
        "records": "条服务记录", "people": "负责人 / 经办人", "checks": "检查结果", "status": "状态列表日期",
        "trust": "信任列表", "checked_at": "核验时间", "warning": "警告", "why": "原因",
        "detail": "技术细节", "unit": "小时", "to": "至", "source": "输入", "summary": "合计",
        "valid": "有效", "invalid": "无效", "other": "非证明", "version": "版本", "issued_on": "发布于",
        "zone": "（北京时间）", ":": "：", ";": "；", "(": "（", ")": "）",
    },
    "en": {
        "volunteer": "Volunteer", "id": "ID", "number": "volunteer no.", "issuer": "Certified by",
        "claimed": " (as the certificate claims; not confirmed by the trust list)", "code": "credit code",
        "certificate": "Certificate no.", "issued": "Issued", "certified": "Certifies",
        "hours": "total hours", "period": "period", "records": "service records",
        "people": "In charge / handler", "checks": "Checks", "status": "Status lists dated",
        "trust": "Trust list", "checked_at": "Checked as of", "warning": "Warning", "why": "Why",
        "detail": "Detail", "unit": "h", "to": "to", "source": "Input", "summary": "Total",
        "valid": "valid", "invalid": "invalid", "other": "not a certificate", "version": "version",
        "issued_on": "issued", "zone": " Beijing time (UTC+8)", ":": ": ", ";": "; ", "(": " (", ")": ")",
    },
}

CHECKS: dict[str, dict[Check, str]] = {
    "zh": {
        Check.FORM: "格式与必填项", Check.SIGNATURE: "签名（内容未被改动）",
        Check.ISSUER: "出具组织在信任列表中", Check.KEY: "签名密钥属于该组织且出具时有效",
        Check.ISSUING_RIGHT: "出具时具有出具资格", Check.REVOCATION: "撤销状态", Check.SUSPENSION: "暂停状态",
        Check.VALIDITY: "有效期", Check.TRUST_LIST: "信任列表时效", Check.HOLDER: "持证人证件号码",
    },
    "en": {
        Check.FORM: "form and required fields", Check.SIGNATURE: "signature (content unaltered)",
        Check.ISSUER: "issuer in the trust list", Check.KEY: "key is the issuer's, valid at issuance",
        Check.ISSUING_RIGHT: "right to issue at issuance", Check.REVOCATION: "revocation",
        Check.SUSPENSION: "suspension", Check.VALIDITY: "validity dates", Check.TRUST_LIST: "trust list age",
        Check.HOLDER: "holder's ID number",
    },
}

OUTCOMES: dict[str, dict[Outcome, tuple[str, str]]] = {
    "zh": {Outcome.PASSED: ("✔", "通过"), Outcome.FAILED: ("✘", "未通过"),
           Outcome.WARNING: ("⚠", "有警告，见下"), Outcome.NOT_CHECKED: ("·", "未检查")},
    "en": {Outcome.PASSED: ("✔", "passed"), Outcome.FAILED: ("✘", "FAILED"),
           Outcome.WARNING: ("⚠", "warning, see below"), Outcome.NOT_CHECKED: ("·", "not checked")},
}

OUTCOME_WORDS: dict[str, dict[tuple[Check, Outcome], str]] = {
    "zh": {
        (Check.REVOCATION, Outcome.PASSED): "未被撤销", (Check.SUSPENSION, Outcome.PASSED): "未被暂停",
        (Check.HOLDER, Outcome.PASSED): "与证明一致",
        (Check.HOLDER, Outcome.NOT_CHECKED): "未核对（可用 --id-number 证件号码 核对）",
    },
    "en": {
        (Check.REVOCATION, Outcome.PASSED): "not revoked", (Check.SUSPENSION, Outcome.PASSED): "not suspended",
        (Check.HOLDER, Outcome.PASSED): "matches",
        (Check.HOLDER, Outcome.NOT_CHECKED): "not checked (use --id-number N)",
    },
}

# Why an input is not a certificate, by `VerificationError.kind`; {found} is what was read instead.
NOT_OURS: dict[str, dict[str, str]] = {
    "zh": {
        "foreign_qr": "二维码（或文本）内容为“{found}”，不是志愿服务记录证明；证明二维码的内容以 VR1: 开头",
        "foreign_qr_image": "图片中的二维码内容为“{found}”，不是志愿服务记录证明；证明二维码的内容以 VR1: 开头",
        "no_qr": "图片中没有找到二维码，请拍摄清晰、完整的证明二维码后再试",
        "no_file": "找不到文件：{found}",
        "unreadable": "无法读取 {found}：不是 JSON、PDF、图片或二维码文本",
        "unreadable_image": "图片无法打开（文件损坏或格式不支持）",
        "unreadable_pdf": "PDF 无法打开（文件损坏）",
        "pdf_empty": "PDF 中既没有附带的证明数据，也没有可识别的证明二维码",
        "not_json": "文件内容不是有效的 JSON",
        "not_credential": "JSON 内容不是可验证凭证（W3C Verifiable Credential）",
        "other_credential": "这是受信任组织签发的其他凭证，不是志愿服务记录证明",
        "needs_images": "读取图片需要安装扩展：pip install 'volrec-verify[images]'",
        "needs_pdf": "读取 PDF 需要安装扩展：pip install 'volrec-verify[pdf]'",
    },
    "en": {
        "foreign_qr": "the QR code (or text) reads “{found}”: not a volunteer service certificate, "
                      "whose QR text starts with VR1:",
        "foreign_qr_image": "the QR code in the image reads “{found}”: not a volunteer service certificate, "
                            "whose QR text starts with VR1:",
        "no_qr": "no QR code found in the image: take a sharp photo of the whole certificate QR code",
        "no_file": "no such file: {found}",
        "unreadable": "cannot read {found}: not JSON, a PDF, an image or QR text",
        "unreadable_image": "the image cannot be opened (damaged or unsupported format)",
        "unreadable_pdf": "the PDF cannot be opened (damaged)",
        "pdf_empty": "the PDF holds neither the certificate data nor a certificate QR code",
        "not_json": "the content is not valid JSON",
        "not_credential": "the JSON is not a verifiable credential (W3C Verifiable Credential)",
        "other_credential": "a credential from a trusted organization, but not a volunteer service certificate",
        "needs_images": "reading images needs the extra: pip install 'volrec-verify[images]'",
        "needs_pdf": "reading PDFs needs the extra: pip install 'volrec-verify[pdf]'",
    },
}

ID_TYPES = {
    "zh": {"CN_RESIDENT_ID": "居民身份证", "PASSPORT": "护照", "HK_MACAO_PERMIT": "港澳居民来往内地通行证",
           "TAIWAN_PERMIT": "台湾居民来往大陆通行证",
           "FOREIGN_PERMANENT_RESIDENT_ID": "外国人永久居留身份证"},
    "en": {"CN_RESIDENT_ID": "resident ID", "PASSPORT": "passport", "HK_MACAO_PERMIT": "HK/Macao permit",
           "TAIWAN_PERMIT": "Taiwan permit",
           "FOREIGN_PERMANENT_RESIDENT_ID": "foreign permanent resident ID"},
}

ORG_PREFIX = "urn:volrec:org:"


def _text(value: Any, limit: int = 200) -> str:
    """An untrusted value as safe one-line text ("—" when absent)."""
    return "—" if value is None or value == "" else excerpt(str(value), limit)


def _time(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") + LABELS[lang]["zone"]


def _reason_lines(result: Result, lang: str) -> list[str]:
    t = LABELS[lang]
    template = NOT_OURS[lang].get(result.detail_kind) if result.reason is Reason.NOT_A_CERTIFICATE else None
    if template is not None:
        return [f"  {t['why']}{t[':']}{template.format(found=result.found or '')}"]
    return [f"  {t['detail']}{t[':']}{_text(result.detail, 300)}"] if result.detail and not result.valid else []


def _certificate_lines(result: Result, subject: dict[str, Any], lang: str) -> list[str]:
    t = LABELS[lang]
    cred = result.credential or {}
    issuer = cred.get("issuer")
    issuer_id = str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer or "")
    claimed = issuer.get("name") if isinstance(issuer, dict) else None
    issuer_text = _text(result.issuer_name) if result.issuer_name else f"{_text(claimed)}{t['claimed']}"
    if issuer_id.startswith(ORG_PREFIX):
        issuer_text += f"{t['(']}{t['code']} {_text(issuer_id.removeprefix(ORG_PREFIX), 40)}{t[')']}"
    id_type = ID_TYPES[lang].get(str(subject.get("idType")), _text(subject.get("idType")))
    services = [line for line in subject.get("services") or [] if isinstance(line, dict)]
    c, sc = t[":"], t[";"]
    lines = [
        f"  {t['volunteer']}{c}{_text(subject.get('name'))}{t['(']}{t['id']}{c}{id_type} "
        f"{_text(subject.get('idMasked'))}{sc}{t['number']}{c}{_text(subject.get('volunteerNumber'))}{t[')']}",
        f"  {t['issuer']}{c}{issuer_text}",
        f"  {t['certificate']}{c}{_text(subject.get('certificateNumber'))}    "
        f"{t['issued']}{c}{_time(result.issued_at, lang)}",
        f"  {t['certified']}{c}{t['hours']} {_text(subject.get('totalHours'))} {t['unit']}{sc}{t['period']} "
        f"{_text(subject.get('periodStart'))} {t['to']} {_text(subject.get('periodEnd'))}{sc}"
        f"{len(services)} {t['records']}{c.rstrip()}",
    ]
    for line in services:
        lines.append(f"    {_text(line.get('date'))}  {_text(line.get('hours')):>6} {t['unit']}  "
                     f"{_text(line.get('activity'))} — {_text(line.get('content'))}")
    lines.append(f"  {t['people']}{c}{_text(subject.get('personInCharge'))} / {_text(subject.get('handler'))}")
    return lines


def _check_lines(result: Result, lang: str) -> list[str]:
    t = LABELS[lang]
    lines = [f"  {t['checks']}{t[':'].rstrip()}"]
    for check, outcome in result.checks:
        mark, word = OUTCOMES[lang][outcome]
        word = OUTCOME_WORDS[lang].get((check, outcome), word)
        if outcome is Outcome.FAILED and (check, result.reason) in _CHECK_VERDICTS:
            word = VERDICTS[lang][result.reason].partition(t[":"].strip())[2].strip() or word
        lines.append(f"    {mark} {CHECKS[lang][check]}{t[':']}{word}")
    return lines


# A failed check whose verdict line says it more precisely (e.g. "revoked by the issuer").
_CHECK_VERDICTS = {(Check.REVOCATION, Reason.REVOKED), (Check.SUSPENSION, Reason.SUSPENDED),
                   (Check.VALIDITY, Reason.EXPIRED), (Check.VALIDITY, Reason.NOT_YET_VALID),
                   (Check.HOLDER, Reason.HOLDER_MISMATCH)}


def render_result(result: Result, source: str, lang: str) -> str:
    """The full report for one input: verdict, why, who and what, each check, then the context."""
    t = LABELS[lang]
    mark = "✔" if result.valid else "✘"
    lines = [f"{mark} {VERDICTS[lang][result.reason]}", f"  {t['source']}{t[':']}{_text(source)}"]
    cred = result.credential
    subject = cred.get("credentialSubject") if isinstance(cred, dict) else None
    if isinstance(subject, dict) and result.reason is not Reason.NOT_A_CERTIFICATE:
        lines += _certificate_lines(result, subject, lang)
    if result.checks and result.reason is not Reason.NOT_A_CERTIFICATE:
        lines += _check_lines(result, lang)
    lines += _reason_lines(result, lang)
    if result.status_as_of:
        lines.append(f"  {t['status']}{t[':']}{_time(result.status_as_of, lang)}")
    if result.trust_list_version is not None and result.reason is not Reason.NOT_A_CERTIFICATE:
        lines.append(f"  {t['trust']}{t[':']}{t['version']} {result.trust_list_version}{t[';']}"
                     f"{t['issued_on']} {_time(result.trust_list_issued, lang)}")
    if result.checked_at is not None and result.reason is not Reason.NOT_A_CERTIFICATE:
        lines.append(f"  {t['checked_at']}{t[':']}{_time(result.checked_at, lang)}")
    lines += [f"  ⚠ {t['warning']}{t[':']}{WARNINGS[lang][w]}" for w in result.warnings]
    return "\n".join(lines)


def render_table(rows: Sequence[tuple[str, Result]], lang: str) -> str:
    """Batch mode: one line per input, then the counts."""
    t = LABELS[lang]
    width = min(max((len(source) for source, _ in rows), default=10), 60)
    out = []
    for source, result in rows:
        subject = (result.credential or {}).get("credentialSubject")
        who = ""
        if isinstance(subject, dict) and result.reason is not Reason.NOT_A_CERTIFICATE:
            who = f"{_text(subject.get('name'), 40)} {_text(subject.get('totalHours'), 12)}{t['unit']}"
        flags = " ⚠" + ",".join(w.value for w in result.warnings) if result.warnings else ""
        source = _text(source, 1000)
        out.append(f"{source[-width:]:<{width}}  {result.exit_code}  {result.reason.value:<17} {who}{flags}")
    valid = sum(r.valid for _, r in rows)
    other = sum(r.reason is Reason.NOT_A_CERTIFICATE for _, r in rows)
    out.append(f"{t['summary']}: {len(rows)}  {t['valid']}: {valid}  "
               f"{t['invalid']}: {len(rows) - valid - other}  {t['other']}: {other}")
    return "\n".join(out)
