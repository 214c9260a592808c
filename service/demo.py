"""Demo data: an authority, a volunteer association, a residents' committee, volunteers and records.

It goes through the same domain services as the API, so the demo obeys every rule it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stdnum.cn import ric, uscc
from tortoise.transactions import in_transaction

from service.config import Settings
from service.domain import accounts, activities, certificates, organizations, records, volunteers
from service.domain.activities import NewActivity
from service.domain.clock import LOCAL_ZONE, local_today
from service.domain.organizations import NewOrganization
from service.domain.records import AwardEntry, EvaluationEntry, ServiceEntry, TrainingEntry
from service.domain.volunteers import ConsentGiven, PersonalData
from service.models import Organization
from service.models.enums import (
    AwardBasis,
    ConsentKind,
    Gender,
    IdType,
    IssuingRightAction,
    MemberRole,
    OrganizationCategory,
    Quality,
    Recruitment,
)
from service.policy import Actor

DEMO_PASSWORD = "volrec-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    who: str


DEMO_LOGINS = [
    DemoLogin("authority", "北京市海淀区民政局 (authority inspector)"),
    DemoLogin("association-admin", "海淀区志愿者协会 admin"),
    DemoLogin("association-recorder", "海淀区志愿者协会 recorder"),
    DemoLogin("committee-admin", "学院路社区居民委员会 admin"),
    DemoLogin("zhangwei", "volunteer 张伟"),
]


def credit_code(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


def resident_id(region: str, born: date, sequence: str) -> str:
    first17 = region + born.strftime("%Y%m%d") + sequence
    return first17 + ric.calc_check_digit(first17 + "0")  # stdnum expects a placeholder check digit


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_ZONE)


async def is_empty() -> bool:
    return not await Organization.exists()


async def seed(settings: Settings) -> None:
    """Create the demo world. Runs in one transaction: all of it or none."""
    async with in_transaction():
        await _seed(settings)


async def _seed(settings: Settings) -> None:
    inspector_account = await accounts.create_account("authority", DEMO_PASSWORD, display_name="海淀区民政局", is_inspector=True)
    authority = Actor(account_id=inspector_account.id, is_inspector=True)

    association = await organizations.register_organization(
        authority,
        NewOrganization(credit_code("51110108MJ0000001"), "北京市海淀区志愿者协会",
                        OrganizationCategory.VOLUNTEER_SERVICE_ORG, "北京市海淀区", "赵建国"),
    )
    committee = await organizations.register_organization(
        authority,
        NewOrganization(credit_code("81110108MJ0000002"), "海淀区学院路街道学院路社区居民委员会",
                        OrganizationCategory.GRASSROOTS_AUTONOMOUS, "北京市海淀区", "孙丽"),
    )
    for org in (association, committee):
        await organizations.change_issuing_right(authority, org.id, IssuingRightAction.GRANT, "")

    staff: dict[str, Actor] = {}
    for username, org, role in (
        ("association-admin", association, MemberRole.ADMIN),
        ("association-recorder", association, MemberRole.RECORDER),
        ("committee-admin", committee, MemberRole.ADMIN),
    ):
        member = accounts.NewMember(username, DEMO_PASSWORD, username, role)
        account = await accounts.create_member(authority, org.id, member)
        staff[username] = await accounts.actor_for_account(account)
    association_admin, committee_admin = staff["association-admin"], staff["committee-admin"]

    today = local_today()
    month_ago = today - timedelta(days=30)
    sorting = await activities.create_activity(association_admin, NewActivity(
        association.id, "社区垃圾分类宣传", month_ago, month_ago + timedelta(days=7),
        content="入户宣传垃圾分类知识，指导居民正确投放", place="学院路社区", person_in_charge="赵建国"))
    elderly = await activities.create_activity(committee_admin, NewActivity(
        committee.id, "敬老院陪伴老人", month_ago, today - timedelta(days=2),
        content="陪伴老人聊天、读报，协助开展文娱活动", place="学院路敬老院", person_in_charge="孙丽"))
    winter = await activities.create_activity(committee_admin, NewActivity(
        committee.id, "冬季助老送温暖", today - timedelta(days=10), today - timedelta(days=3),
        Recruitment.VIA_PARTNER, association.id, content="为独居老人送去御寒物资", place="学院路社区",
        person_in_charge="孙丽"))

    people = [
        PersonalData("张伟", Gender.MALE, date(1990, 3, 7), IdType.CN_RESIDENT_ID,
                     resident_id("110108", date(1990, 3, 7), "123"), "北京市海淀区", "13800000001", ["急救"], ["社区服务"]),
        PersonalData("王芳", Gender.FEMALE, date(1985, 11, 21), IdType.CN_RESIDENT_ID,
                     resident_id("110108", date(1985, 11, 21), "246"), "北京市海淀区", "13800000002", [], ["助老"]),
        PersonalData("李娜", Gender.FEMALE, date(2001, 6, 1), IdType.CN_RESIDENT_ID,
                     resident_id("110105", date(2001, 6, 1), "368"), "北京市朝阳区", "13800000003", ["英语"], ["环保"]),
        PersonalData("陈小明", Gender.MALE, date(2014, 9, 10), IdType.CN_RESIDENT_ID,
                     resident_id("110108", date(2014, 9, 10), "015"), "北京市海淀区", "", [], ["环保"]),
        PersonalData("Emily Chen", Gender.FEMALE, date(1995, 2, 14), IdType.HK_MACAO_PERMIT, "H12345678",
                     "北京市海淀区", "13800000005", ["粤语"], ["助老"]),
    ]
    consents = {p.name: [ConsentGiven(ConsentKind.SELF, p.name)] for p in people}
    consents["陈小明"] = [ConsentGiven(ConsentKind.GUARDIAN, "陈建华", "父亲", "监护人签字同意书")]

    # 王芳 serves only with the committee: the seed article's case of asking the association anyway.
    enrollments = {
        "张伟": [(association_admin, association), (committee_admin, committee)],
        "王芳": [(committee_admin, committee)],
        "李娜": [(association_admin, association)],
        "陈小明": [(association_admin, association)],
        "Emily Chen": [(committee_admin, committee)],
    }
    enrolled: dict[str, int] = {}
    for person in people:
        for admin, org in enrollments[person.name]:
            registration = await volunteers.register_volunteer(admin, org.id, person, consents[person.name], settings)
            enrolled[person.name] = registration.volunteer.id
    await accounts.create_account("zhangwei", DEMO_PASSWORD, display_name="张伟", volunteer_id=enrolled["张伟"])

    def shift(name: str, activity_id: int, day: date, start: int, end: int, hours: str) -> ServiceEntry:
        return ServiceEntry(enrolled[name], activity_id, _at(day, start), _at(day, end), hours)

    await records.record(association_admin, records.SERVICE, association.id, records.numbered([
        shift("张伟", sorting.id, month_ago, 9, 12, "3"),
        shift("李娜", sorting.id, month_ago, 9, 12, "2.5"),
        shift("陈小明", sorting.id, month_ago + timedelta(days=1), 14, 16, "2"),
        shift("张伟", sorting.id, month_ago + timedelta(days=2), 14, 17, "3"),
        shift("张伟", winter.id, today - timedelta(days=5), 9, 12, "3"),
    ]))
    await records.record(committee_admin, records.SERVICE, committee.id, records.numbered([
        shift("王芳", elderly.id, month_ago + timedelta(days=3), 9, 11, "2"),
        shift("王芳", elderly.id, month_ago + timedelta(days=10), 19, 23, "4"),
        shift("张伟", elderly.id, month_ago + timedelta(days=4), 9, 12, "2.5"),
        shift("Emily Chen", elderly.id, month_ago + timedelta(days=4), 9, 12, "3"),
    ]))
    await records.record(association_admin, records.TRAINING, association.id, records.numbered([
        TrainingEntry(enrolled["张伟"], "志愿者通用培训", "4", "北京市海淀区志愿者协会", month_ago - timedelta(days=5),
                      "志愿服务理念与安全常识"),
    ]))
    await records.record(association_admin, records.AWARD, association.id, records.numbered([
        AwardEntry(enrolled["张伟"], "优秀志愿者", today - timedelta(days=1), "北京市海淀区志愿者协会", AwardBasis.OWN),
    ]))
    await records.record(committee_admin, records.EVALUATION, committee.id, records.numbered([
        EvaluationEntry(enrolled["王芳"], Quality.EXCELLENT, today - timedelta(days=1), elderly.id, "耐心细致"),
    ]))

    # Issued certificates (Art 14), and one revoked, so the verifier has something to say no to.
    def issue(org_id: int, name: str, handler: str) -> certificates.IssueInput:
        return certificates.IssueInput(org_id, enrolled[name], handler=handler)

    await certificates.issue(association_admin, settings, issue(association.id, "张伟", "钱晓明"))
    await certificates.issue(committee_admin, settings, issue(committee.id, "王芳", "孙丽"))
    await certificates.issue(committee_admin, settings, issue(committee.id, "Emily Chen", "孙丽"))
    mistaken = await certificates.issue(association_admin, settings, issue(association.id, "李娜", "钱晓明"))
    await certificates.change_status(association_admin, settings, mistaken.id, "REVOKE", "经办人填写有误，已撤销")
    await certificates.issue(association_admin, settings, issue(association.id, "李娜", "钱晓明"))
