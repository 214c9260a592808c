"""User-facing messages in Chinese (default) and English, chosen by the request's Accept-Language."""

from __future__ import annotations

from typing import Any

DEFAULT_LANGUAGE = "zh"

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (zh, en)
    "REQUIRED": ("此项为必填项", "This field is required"),
    "TOO_LONG": ("内容过长（最多 {max} 个字符）", "Too long (at most {max} characters)"),
    "INVALID_CREDIT_CODE": ("统一社会信用代码无效（校验位不符）", "Invalid unified social credit code (checksum)"),
    "DUPLICATE_CREDIT_CODE": ("该统一社会信用代码已登记", "This unified social credit code is already registered"),
    "INVALID_ID_NUMBER": ("证件号码无效", "Invalid ID document number"),
    "ID_BIRTH_DATE_MISMATCH": (
        "身份证号码中的出生日期与填写的出生日期不一致",
        "The birth date in the ID number does not match the birth date given",
    ),
    "BIRTH_DATE_IN_FUTURE": ("出生日期不能晚于今天", "Birth date cannot be in the future"),
    "GUARDIAN_CONSENT_REQUIRED": (
        "未满14周岁的志愿者须由监护人同意",
        "Volunteers under 14 need their guardian's consent",
    ),
    "CONSENT_REQUIRED": ("须记录志愿者本人的同意", "The volunteer's consent must be recorded"),
    "ALREADY_ENROLLED": ("该志愿者已在本组织登记", "This volunteer is already registered with this organization"),
    "ID_ALREADY_REGISTERED": (
        "该证件号码已登记，请联系登记组织或民政部门",
        "This ID number is already registered; contact the registering organization or the authority",
    ),
    "NOT_ENROLLED": ("该志愿者未在本组织登记", "This volunteer is not registered with this organization"),
    "INVALID_HOURS": ("服务时长须为大于 0 的小数", "Hours must be a decimal number greater than 0"),
    "HOURS_TOO_PRECISE": ("服务时长最多保留两位小数", "Hours can have at most two decimal places"),
    "HOURS_EXCEED_DURATION": (
        "服务时长不能超过开始与结束之间的时间",
        "Hours cannot exceed the time between start and end",
    ),
    "NAIVE_DATETIME": ("时间须带时区", "Times must include a timezone"),
    "END_BEFORE_START": ("结束时间须晚于开始时间", "The end must be after the start"),
    "IN_FUTURE": ("不能记录尚未发生的服务", "Service cannot be recorded before it happens"),
    "OUTSIDE_ACTIVITY": ("服务时间不在活动日期范围内", "The service falls outside the activity's dates"),
    "OVERLAPPING_SERVICE": (
        "该志愿者在此时间段已有服务记录",
        "The volunteer already has service recorded in this period",
    ),
    "NOT_FOUND": ("未找到该对象", "Not found"),
    "FORBIDDEN": ("无权执行此操作", "You are not allowed to do this"),
    "UNAUTHENTICATED": ("请先登录", "Please log in"),
    "INVALID_CREDENTIALS": ("用户名或密码错误", "Wrong username or password"),
    "USERNAME_TAKEN": ("用户名已被使用", "This username is taken"),
    "WEAK_PASSWORD": ("密码至少 10 个字符", "The password needs at least 10 characters"),
    "RECORDER_NOT_PARTNER": (
        "该活动由合作的志愿服务组织招募志愿者，应由该组织记录",
        "Volunteers for this activity were recruited by the partner volunteer service organization, "
        "which records them",
    ),
    "ACTIVITY_OF_OTHER_ORGANIZATION": (
        "该活动不属于本组织",
        "This activity does not belong to this organization",
    ),
    "PARTNER_REQUIRED": (
        "通过合作组织招募时须指明合作的志愿服务组织",
        "Name the partner volunteer service organization",
    ),
    "PARTNER_NOT_VOLUNTEER_ORG": (
        "合作组织须为志愿服务组织",
        "The partner must be a volunteer service organization",
    ),
    "INVALID_DATE_RANGE": ("结束日期须不早于开始日期", "The end date cannot be before the start date"),
    "ALREADY_VOIDED": ("该记录已作废", "This record is already void"),
    "NOT_CURRENT_VERSION": ("只能更正或作废最新版本", "Only the current version can be corrected or voided"),
    "REASON_REQUIRED": ("须说明理由", "A reason is required"),
    "CORRECTION_ALREADY_ANSWERED": ("该更正申请已处理", "This correction request has already been answered"),
    "CORRECTION_OF_OTHER_RECORD": ("该更正申请针对的是另一条记录", "This correction request is about another record"),
    "FILE_TOO_LARGE": ("文件过大（最大 {max} MB）", "The file is too large (at most {max} MB)"),
    "INVALID_SPREADSHEET": ("无法读取该 Excel 文件（需 .xlsx 格式）", "This Excel file cannot be read (.xlsx needed)"),
    "INVALID_FILE_ENCODING": ("文件内容须为 base64 编码", "The file must be base64-encoded"),
    "MISSING_COLUMNS": ("签到表缺少以下列：{columns}", "The sign-in sheet lacks these columns: {columns}"),
    "INVALID_DATETIME": ("无法识别的时间", "Unrecognized date and time"),
    "UNKNOWN_VOLUNTEER": ("未找到该志愿者", "No such volunteer"),
    "NO_CHANGES": ("更正内容与原记录相同", "The correction changes nothing"),
    "ORGANIZATION_STOPPED": ("该组织已被责令暂停活动", "This organization has been ordered to stop activities"),
    "ISSUING_RIGHT_ALREADY": ("出具证明的权限已是该状态", "The issuing right is already in that state"),
    "BATCH_TOO_LARGE": ("一次最多提交 {max} 条", "At most {max} items at a time"),
    "INVALID_ID": ("无效的对象标识", "Invalid object id"),
    "INVALID_CURSOR": ("无效的分页游标", "Invalid pagination cursor"),
    "INVALID_PAGE_SIZE": ("每页数量须在 0 到 {max} 之间", "The page size must be between 0 and {max}"),
    "WRONG_TYPE": ("对象类型不符", "The id names the wrong kind of object"),
    # can-issue reasons (Art 26)
    "MAY_ISSUE": ("可以出具证明", "May issue"),
    "NOT_RECORDED_HERE": (
        "谁记录谁证明：该组织没有这些服务记录",
        "Who records, certifies: this organization did not record this service",
    ),
    "NO_RECORDS": ("该组织没有该志愿者的服务记录", "This organization has no service record of this volunteer"),
    "NOT_SELF_RECRUITED": (
        "该组织只能为自行招募志愿者的活动出具证明（第二十六条）",
        "This organization may certify only activities where it recruited the volunteers itself (Art 26)",
    ),
    "NO_ISSUING_RIGHT": ("该组织出具证明的权限未授予或已暂停", "This organization's issuing right is not active"),
    # certificates
    "INVALID_IDEMPOTENCY_KEY": ("幂等键须为 1 至 128 个字符", "The idempotency key must be 1 to 128 characters"),
    "IDEMPOTENCY_KEY_REUSED": (
        "该幂等键已用于另一项不同的出具请求",
        "This idempotency key was already used for a different request",
    ),
    "REQUEST_ALREADY_DECIDED": ("该申请已处理", "This request has already been decided"),
    "REFUSED_BY_ORGANIZATION": ("组织拒绝了该申请", "The organization refused this request"),
    "CERTIFICATE_REVOKED": ("该证明已撤销", "This certificate is revoked"),
    "CERTIFICATE_SUSPENDED": ("该证明已暂停", "This certificate is suspended"),
    "CERTIFICATE_ISSUED": ("该证明处于有效状态", "This certificate is in force"),
    "KEY_JUST_CREATED": (
        "签名密钥刚刚生成，请稍后再轮换",
        "The signing key was created this second; rotate it a moment later",
    ),
    "KEY_ALREADY_REVOKED": ("该密钥已被撤销", "This key is already revoked"),
    "UNKNOWN_STATUS_PURPOSE": ("状态列表用途须为 revocation 或 suspension", "Purpose must be revocation or suspension"),
}


def negotiate_language(accept_language: str | None) -> str:
    """Pick `en` only when the client prefers English over Chinese; Chinese is the default."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((weight, tag.strip().lower()))
    for _weight, tag in sorted(ranked, key=lambda item: -item[0]):
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


def message(code: str, language: str, params: dict[str, Any] | None = None) -> str:
    zh, en = MESSAGES.get(code, (code, code))
    template = en if language == "en" else zh
    return template.format(**(params or {}))
