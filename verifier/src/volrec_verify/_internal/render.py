"""Human output, in Chinese by default or English: the verdict first, then what was certified."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from volrec_verify.errors import Reason, WarningCode
from volrec_verify.verifier import Result

VERDICTS: dict[str, dict[Reason, str]] = {
    "zh": {
        Reason.VALID: "有效：证书真实、未被篡改，签发组织当时有权签发，未被撤销",
        Reason.MALFORMED: "无效：看起来是志愿服务证明，但内容已损坏或格式不对",
        Reason.BAD_SIGNATURE: "无效：签名不符，证书被篡改或伪造",
        Reason.UNKNOWN_ISSUER: "无效：签发方不在民政部门的信任列表中",
        Reason.KEY_NOT_VALID: "无效：签名密钥不属于签发组织，或签发时密钥已失效/被吊销",
        Reason.NO_ISSUING_RIGHT: "无效：签发时该组织没有出具证明的资格（未授权、被暂停或被撤销）",
        Reason.REVOKED: "无效：签发组织已撤销此证明",
        Reason.SUSPENDED: "无效：此证明已被暂停",
        Reason.EXPIRED: "无效：证明已过有效期",
        Reason.NOT_YET_VALID: "无效：证明尚未生效（请检查本机时间）",
        Reason.TRUST_LIST_STALE: "无法确认：本机信任列表过旧，请运行 volrec-verify trust update",
        Reason.HOLDER_MISMATCH: "不符：所给身份证件号码与证明持有人不一致",
        Reason.NOT_A_CERTIFICATE: "不是志愿服务记录证明（无法识别的文件或二维码）",
    },
    "en": {
        Reason.VALID: "VALID: authentic, unaltered, issued with the right to issue, not revoked",
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
        Reason.NOT_A_CERTIFICATE: "not a volrec certificate (unreadable file or foreign QR code)",
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
        "claimed": "（证书自称，未经证实）", "certificate": "证明编号", "issued": "出具时间",
        "hours": "服务时长", "period": "服务期间", "lines": "服务记录", "people": "负责人 / 经办人",
        "status": "撤销状态截至", "trust": "信任列表", "holder": "持证人核验",
        "holder_ok": "证件号码与证明一致", "warning": "警告", "detail": "原因", "unit": "小时",
        "to": "至", "source": "输入", "summary": "合计", "valid": "有效", "invalid": "无效",
        "other": "非证明", "version": "版本",
    },
    "en": {
        "volunteer": "Volunteer", "id": "ID", "number": "Volunteer no.", "issuer": "Issued by",
        "claimed": " (claimed, not confirmed)", "certificate": "Certificate no.", "issued": "Issued",
        "hours": "Hours", "period": "Period", "lines": "Service", "people": "In charge / handler",
        "status": "Status as of", "trust": "Trust list", "holder": "Holder",
        "holder_ok": "ID number matches", "warning": "Warning", "detail": "Why", "unit": "h",
        "to": "to", "source": "Input", "summary": "Total", "valid": "valid", "invalid": "invalid",
        "other": "not a certificate", "version": "version",
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


def _day(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def render_result(result: Result, source: str, lang: str) -> str:
    """The full report for one input."""
    t = LABELS[lang]
    mark = "✔" if result.valid else "✘"
    lines = [f"{mark} {VERDICTS[lang][result.reason]}", f"  {t['source']}: {source}"]
    if not result.valid and result.detail:
        lines.append(f"  {t['detail']}: {result.detail}")
    cred = result.credential
    subject = cred.get("credentialSubject") if isinstance(cred, dict) else None
    if isinstance(subject, dict) and result.reason is not Reason.NOT_A_CERTIFICATE:
        issuer = cred.get("issuer") if isinstance(cred, dict) else None
        claimed = issuer.get("name") if isinstance(issuer, dict) else issuer
        issuer_text = result.issuer_name or f"{claimed}{t['claimed']}"
        id_type = ID_TYPES[lang].get(str(subject.get("idType")), subject.get("idType"))
        lines += [
            f"  {t['volunteer']}: {subject.get('name')}  ({t['id']}: {id_type} {subject.get('idMasked')}, "
            f"{t['number']}: {subject.get('volunteerNumber')})",
            f"  {t['issuer']}: {issuer_text}",
            f"  {t['certificate']}: {subject.get('certificateNumber')}    "
            f"{t['issued']}: {_day(result.issued_at)}",
            f"  {t['hours']}: {subject.get('totalHours')} {t['unit']}    {t['period']}: "
            f"{subject.get('periodStart')} {t['to']} {subject.get('periodEnd')}",
            f"  {t['people']}: {subject.get('personInCharge')} / {subject.get('handler')}",
            f"  {t['lines']}:",
        ]
        for line in subject.get("services") or []:
            if isinstance(line, dict):
                lines.append(f"    {line.get('date')}  {line.get('hours'):>6} {t['unit']}  "
                             f"{line.get('activity')} — {line.get('content')}")
    if result.status_as_of:
        lines.append(f"  {t['status']}: {_day(result.status_as_of)}")
    if result.trust_list_version is not None:
        lines.append(f"  {t['trust']}: {t['version']} {result.trust_list_version}, "
                     f"{_day(result.trust_list_issued)}")
    if result.holder_checked:
        lines.append(f"  {t['holder']}: ✔ {t['holder_ok']}")
    lines += [f"  ⚠ {t['warning']}: {WARNINGS[lang][w]}" for w in result.warnings]
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
            who = f"{subject.get('name')} {subject.get('totalHours')}{t['unit']}"
        flags = " ⚠" + ",".join(w.value for w in result.warnings) if result.warnings else ""
        out.append(f"{source[-width:]:<{width}}  {result.exit_code}  {result.reason.value:<17} {who}{flags}")
    valid = sum(r.valid for _, r in rows)
    other = sum(r.reason is Reason.NOT_A_CERTIFICATE for _, r in rows)
    out.append(f"{t['summary']}: {len(rows)}  {t['valid']}: {valid}  "
               f"{t['invalid']}: {len(rows) - valid - other}  {t['other']}: {other}")
    return "\n".join(out)
