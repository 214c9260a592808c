"""Realistic certificate content for benchmarks, tests and demos: ten Chinese activity lines.

The contract (DESIGN.md section 4) sizes the QR for such a certificate, so the numbers measured on
it mean something. Identifiers are random on every call; nothing here is a real person.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from service.signing.credential import (
    CertificateContent,
    ServiceLine,
    new_certificate_number,
    random_status_index,
)

SAMPLE_ISSUER_CODE = "51110000MJ0000000X"
SAMPLE_ISSUER_NAME = "北京市海淀区志愿者协会"

DIFFERENT_ACTIVITIES = [
    ("社区垃圾分类宣传与桶前值守", "在小区投放点指导居民分类投放，入户发放垃圾分类宣传手册"),
    ("敬老院探访及智能手机使用培训", "陪伴老人聊天，手把手教老人使用健康码、视频通话和网上挂号"),
    ("图书馆少儿阅读推广活动", "为小学生开展绘本共读，协助整理借还图书并维护阅览秩序"),
    ("地铁站文明引导与乘客咨询服务", "早高峰在站台引导乘客有序排队上下车，解答换乘线路问题"),
    ("城市马拉松赛事补给站服务", "在十五公里补给站分发饮用水和能量补给，清理赛道周边垃圾"),
    ("社区疫苗接种点秩序维护", "引导居民扫码登记、测量体温，协助医护人员维持现场秩序"),
    ("河道清洁与生态环境保护宣传", "沿河道捡拾垃圾，向过往市民讲解水资源保护和生态环境知识"),
    ("留守儿童课后作业辅导", "为社区留守儿童辅导数学和语文作业，组织安全教育小游戏"),
    ("无偿献血活动现场引导", "在献血车旁宣传无偿献血知识，引导献血者填表并照顾献血后休息"),
    ("社区防范电信诈骗知识宣讲", "向社区老年居民讲解常见电信诈骗手法，协助安装国家反诈中心应用"),
]
# Three regular activities whose texts are in neither vr1.zdict nor the format document: most
# volunteers' lines at one organization are sessions of a few activities they keep doing.
REGULAR_ACTIVITIES = [
    ("植树节义务植树", "在郊野公园挖坑栽种树苗，浇水并清理施工垃圾"),
    ("社区便民理发服务", "为行动不便的老年居民上门理发，讲解冬季保暖常识"),
    ("残疾人运动会志愿服务", "引导运动员检录入场，协助裁判记录成绩并分发饮用水"),
]
_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "欧阳明轩"]
_HOURS = [Decimal(value) for value in ("1.5", "2", "2.5", "3", "3.5", "4", "4.5", "6", "8", "0.75")]
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def random_resident_id(rng: random.Random) -> str:
    """An 18-digit resident ID number with a valid GB 11643 check character (random, not real)."""
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 45))
    body = f"110105{birth:%Y%m%d}{rng.randrange(1000):03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
    return body + check


def sample_content(
    lines: int = 10,
    issued_at: datetime | None = None,
    base_url: str = "http://127.0.0.1:8000",
    activities: Sequence[tuple[str, str]] = DIFFERENT_ACTIVITIES,
) -> CertificateContent:
    """Lines cycle through `activities` (default: ten different ones, the heaviest realistic case)."""
    rng = random.Random(secrets.randbits(64))
    issued = issued_at or datetime.now(UTC).replace(microsecond=0)
    first_day = issued.date() - timedelta(days=300)
    services = [
        ServiceLine(
            activity=activity,
            date=first_day + timedelta(days=rng.randrange(290)),
            hours=rng.choice(_HOURS),
            content=content,
        )
        for activity, content in (activities[i % len(activities)] for i in range(lines))
    ]
    services.sort(key=lambda line: line.date)
    id_number = random_resident_id(rng)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return CertificateContent(
        certificate_number=new_certificate_number(issued.date()),
        issuer_code=SAMPLE_ISSUER_CODE,
        issuer_name=SAMPLE_ISSUER_NAME,
        holder_name=rng.choice(_NAMES),
        volunteer_number="VN" + "".join(rng.choice(alphabet) for _ in range(10)),
        id_type="CN_RESIDENT_ID",
        id_masked=id_number[:6] + "*" * 8 + id_number[-4:],
        id_number=id_number,
        person_in_charge=rng.choice(_NAMES),
        handler=rng.choice(_NAMES),
        services=services,
        issued_at=issued,
        status_index=random_status_index(),
        status_base_url=base_url,
    )
