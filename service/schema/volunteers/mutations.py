from __future__ import annotations

from datetime import date, datetime

import strawberry

from service.domain import volunteers
from service.domain.volunteers import ConsentGiven, PersonalData
from service.schema.context import Info
from service.schema.errors import UserError
from service.schema.pagination import decode_global_id
from service.schema.payloads import attempt
from service.schema.scalars import ConsentKind, Gender, IdType
from service.schema.volunteers.types import Volunteer


@strawberry.input(description="Art 5 basic information.")
class PersonalDataInput:
    name: str
    gender: Gender
    birth_date: date
    id_type: IdType
    id_number: str
    residence_area: str = ""
    contact: str = ""
    skills: list[str] = strawberry.field(default_factory=list)
    service_categories: list[str] = strawberry.field(default_factory=list)

    def to_domain(self) -> PersonalData:
        return PersonalData(
            self.name, self.gender, self.birth_date, self.id_type, self.id_number, self.residence_area,
            self.contact, list(self.skills), list(self.service_categories),
        )


@strawberry.input(description="Art 6 consent: the volunteer's own, or a guardian's for under-14s.")
class ConsentInput:
    kind: ConsentKind
    given_by: str
    relationship: str = ""
    evidence: str = ""
    given_at: datetime | None = None

    def to_domain(self) -> ConsentGiven:
        return ConsentGiven(self.kind, self.given_by, self.relationship, self.evidence, self.given_at)


@strawberry.input
class RegisterVolunteerInput:
    organization_id: strawberry.ID
    person: PersonalDataInput
    consents: list[ConsentInput]


@strawberry.type
class RegisterVolunteerPayload:
    volunteer: Volunteer | None
    already_registered: bool | None = strawberry.field(
        description="True when the person was already known (same ID) and was only enrolled here."
    )
    user_errors: list[UserError]


@strawberry.input
class SignUpInput:
    username: str
    password: str
    person: PersonalDataInput
    guardian: ConsentInput | None = None


@strawberry.type
class SignUpPayload:
    volunteer: Volunteer | None
    user_errors: list[UserError]


@strawberry.type
class VolunteerMutations:
    @strawberry.mutation(description="Organization staff: register a volunteer with recorded consent (Art 6).")
    async def register_volunteer(self, info: Info, input: RegisterVolunteerInput) -> RegisterVolunteerPayload:
        async def work() -> volunteers.Registration:
            org_id = decode_global_id(input.organization_id, "Organization", "organizationId")
            return await volunteers.register_volunteer(
                info.context.actor, org_id, input.person.to_domain(), [c.to_domain() for c in input.consents],
                info.context.settings,
            )

        result, errors = await attempt(info, work)
        return RegisterVolunteerPayload(
            volunteer=Volunteer.from_row(result.volunteer) if result else None,
            already_registered=(not result.created) if result else None,
            user_errors=errors,
        )

    @strawberry.mutation(description="Anyone: register yourself as a volunteer and create your account.")
    async def sign_up(self, info: Info, input: SignUpInput) -> SignUpPayload:
        guardian = input.guardian.to_domain() if input.guardian else None
        row, errors = await attempt(
            info,
            lambda: volunteers.sign_up(
                input.username, input.password, input.person.to_domain(), guardian, info.context.settings
            ),
        )
        return SignUpPayload(volunteer=Volunteer.from_row(row) if row else None, user_errors=errors)
