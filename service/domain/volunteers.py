"""Volunteers (Art 5): registered once, enrolled with each organization under recorded consent (Art 6).

The ID number is sealed at rest, found again by a keyed hash (so the same person is never
registered twice) and shown unmasked only to the volunteer and the authority (Art 16).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.transactions import in_transaction

from service import crypto
from service.config import Settings
from service.domain import audit, clock
from service.domain.accounts import check_new_password, create_account
from service.domain.errors import DomainError, DomainErrors, as_list, raise_all
from service.domain.identity import mask, needs_guardian_consent, validate_id_number
from service.models import Account, Consent, Enrollment, Volunteer
from service.models.enums import ConsentKind, Gender, IdType
from service.policy import Actor, Operation, require

_NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def new_volunteer_number() -> str:
    """A random unified volunteer number: identifies a volunteer between systems instead of the ID."""
    return "VN" + "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(10))


@dataclass(frozen=True)
class PersonalData:
    name: str
    gender: Gender
    birth_date: date
    id_type: IdType
    id_number: str
    residence_area: str = ""
    contact: str = ""
    skills: list[str] = field(default_factory=list)
    service_categories: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ConsentGiven:
    kind: ConsentKind
    given_by: str
    relationship: str = ""
    evidence: str = ""
    given_at: datetime | None = None


def _id_lookup_hash(id_type: IdType, number: str, settings: Settings) -> str:
    return crypto.keyed_hash(f"{id_type.value}:{number}", settings)


def _validate_personal_data(data: PersonalData, field_prefix: str = "") -> str:
    errors: list[DomainError] = []
    number = ""
    if not data.name.strip():
        errors.append(DomainError("REQUIRED", f"{field_prefix}name"))
    if data.birth_date > clock.local_today():
        errors.append(DomainError("BIRTH_DATE_IN_FUTURE", f"{field_prefix}birthDate"))
    try:
        number = validate_id_number(data.id_type, data.id_number, data.birth_date, f"{field_prefix}idNumber")
    except DomainError as error:
        errors.append(error)
    raise_all(errors)
    return number


def _validate_consents(birth_date: date, consents: list[ConsentGiven]) -> None:
    kinds = {consent.kind for consent in consents if consent.given_by.strip()}
    if needs_guardian_consent(birth_date, clock.local_today()):
        if ConsentKind.GUARDIAN not in kinds:
            raise DomainError("GUARDIAN_CONSENT_REQUIRED", "consents")
    elif not kinds:
        raise DomainError("CONSENT_REQUIRED", "consents")


async def _find_or_create_volunteer(
    actor: Actor, data: PersonalData, number: str, settings: Settings
) -> tuple[Volunteer, bool]:
    lookup = _id_lookup_hash(data.id_type, number, settings)
    existing = await Volunteer.get_or_none(id_number_hash=lookup)
    if existing is not None:
        return existing, False
    volunteer_number = new_volunteer_number()
    while await Volunteer.filter(volunteer_number=volunteer_number).exists():
        volunteer_number = new_volunteer_number()
    volunteer = await Volunteer.create(
        volunteer_number=volunteer_number,
        name=data.name.strip(),
        gender=data.gender,
        birth_date=data.birth_date,
        id_type=data.id_type,
        id_number_sealed=crypto.seal(number.encode(), settings),
        id_number_hash=lookup,
        id_number_masked=mask(number),
        residence_area=data.residence_area.strip(),
        contact=data.contact.strip(),
        skills=[s.strip() for s in data.skills if s.strip()],
        service_categories=[s.strip() for s in data.service_categories if s.strip()],
    )
    await audit.append(actor.account_id, "REGISTER_VOLUNTEER", "Volunteer", volunteer.id)
    return volunteer, True


@dataclass(frozen=True)
class Registration:
    volunteer: Volunteer
    created: bool


async def register_volunteer(
    actor: Actor, organization_id: int, data: PersonalData, consents: list[ConsentGiven], settings: Settings
) -> Registration:
    """Enroll a volunteer with an organization; an already-known person is enrolled, not duplicated."""
    require(actor, Operation.REGISTER_VOLUNTEER, organization_id=organization_id)
    number = _validate_personal_data(data)
    _validate_consents(data.birth_date, consents)
    async with in_transaction():
        volunteer, created = await _find_or_create_volunteer(actor, data, number, settings)
        if await Enrollment.filter(volunteer=volunteer, organization_id=organization_id).exists():
            raise DomainError("ALREADY_ENROLLED", "idNumber")
        enrollment = await Enrollment.create(volunteer=volunteer, organization_id=organization_id)
        now = clock.now()
        for consent in consents:
            await Consent.create(
                enrollment=enrollment,
                kind=consent.kind,
                given_by=consent.given_by.strip(),
                relationship=consent.relationship.strip(),
                evidence=consent.evidence.strip(),
                given_at=consent.given_at or now,
            )
        await audit.append(
            actor.account_id, "ENROLL_VOLUNTEER", "Volunteer", volunteer.id,
            {"organizationId": organization_id, "consents": [c.kind.value for c in consents]},
        )
    return Registration(volunteer, created)


async def sign_up(
    username: str, password: str, data: PersonalData, guardian: ConsentGiven | None, settings: Settings
) -> Volunteer:
    """A volunteer registers themselves (Art 6). An existing unclaimed record with the same ID,
    name and birth date is claimed, so records an organization entered earlier become visible."""
    errors: list[DomainError] = []
    try:
        number = _validate_personal_data(data)
    except (DomainError, DomainErrors) as error:
        errors.extend(as_list(error))
        number = ""
    try:
        check_new_password(password)
    except DomainError as error:
        errors.append(error)
    if not errors and needs_guardian_consent(data.birth_date, clock.local_today()) and (
        guardian is None or not guardian.given_by.strip()
    ):
        errors.append(DomainError("GUARDIAN_CONSENT_REQUIRED", "guardian"))
    raise_all(errors)
    async with in_transaction():
        volunteer, created = await _find_or_create_volunteer(Actor(), data, number, settings)
        claimable = created or (
            volunteer.name == data.name.strip()
            and volunteer.birth_date == data.birth_date
            and not await Account.filter(volunteer_id=volunteer.id).exists()
        )
        if not claimable:
            raise DomainError("ID_ALREADY_REGISTERED", "idNumber")
        account = await create_account(username, password, display_name=data.name, volunteer_id=volunteer.id)
        await audit.append(account.id, "SIGN_UP", "Volunteer", volunteer.id)
    return volunteer


def reveal_id_number(actor: Actor, volunteer: Volunteer, settings: Settings) -> str:
    """Full number for the volunteer themselves and the authority; everyone else gets the mask."""
    require(actor, Operation.READ_FULL_ID_NUMBER, volunteer_id=volunteer.id)
    return crypto.unseal(volunteer.id_number_sealed, settings).decode()
