"""Pure domain rules, each tested where it lives."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from service.domain.credit_code import validate_credit_code
from service.domain.deadlines import add_working_days, is_late, recording_deadline
from service.domain.errors import DomainError
from service.domain.hours import parse_hours, validate_shift
from service.domain.identity import mask, needs_guardian_consent, validate_id_number
from service.domain.issuing import OrganizationFacts, RecordFacts, decide
from service.domain.stars import StarPolicy
from service.models.enums import IdType, OrganizationCategory, Recruitment

BEIJING = timezone(timedelta(hours=8))
VALID_ID = "11010519491231002X"


def test_prc_id_checksum_and_birth_date_must_agree() -> None:
    assert validate_id_number(IdType.CN_RESIDENT_ID, "110105 19491231 002x", date(1949, 12, 31), "f") == VALID_ID
    with pytest.raises(DomainError) as bad_checksum:
        validate_id_number(IdType.CN_RESIDENT_ID, "110105194912310021", None, "idNumber")
    assert (bad_checksum.value.code, bad_checksum.value.field) == ("INVALID_ID_NUMBER", "idNumber")
    with pytest.raises(DomainError) as wrong_birth:
        validate_id_number(IdType.CN_RESIDENT_ID, VALID_ID, date(1950, 1, 1), "idNumber")
    assert wrong_birth.value.code == "ID_BIRTH_DATE_MISMATCH"


def test_other_documents_are_accepted_by_shape() -> None:
    assert validate_id_number(IdType.HK_MACAO_PERMIT, "h12345678", None, "f") == "H12345678"
    assert validate_id_number(IdType.PASSPORT, "E12345678", None, "f") == "E12345678"
    with pytest.raises(DomainError):
        validate_id_number(IdType.HK_MACAO_PERMIT, "X1", None, "f")


def test_mask_keeps_region_and_last_four_only() -> None:
    assert mask(VALID_ID) == "110105********002X"
    assert "12345" not in mask("H12345678")


def test_under_fourteen_needs_guardian() -> None:
    today = date(2026, 12, 3)
    assert needs_guardian_consent(date(2012, 12, 4), today)
    assert not needs_guardian_consent(date(2012, 12, 3), today)


def test_credit_code_checksum() -> None:
    assert validate_credit_code("91110000600037341L", "creditCode") == "91110000600037341L"
    with pytest.raises(DomainError) as error:
        validate_credit_code("91110000600037341A", "creditCode")
    assert error.value.code == "INVALID_CREDIT_CODE"


@pytest.mark.parametrize("text", ["0", "-1", "abc", "1.005", "NaN", "Infinity", ""])
def test_bad_hours_are_refused(text: str) -> None:
    with pytest.raises(DomainError):
        parse_hours(text, "hours")


def test_hours_are_exact_decimals() -> None:
    assert parse_hours("2.25", "hours") == Decimal("2.25")


def test_midnight_crossing_shift_counts_its_real_length() -> None:
    start = datetime(2026, 11, 1, 22, 0, tzinfo=BEIJING)
    end = datetime(2026, 11, 2, 2, 0, tzinfo=BEIJING)
    now = datetime(2026, 12, 1, tzinfo=BEIJING)
    validate_shift(start, end, Decimal(4), now)
    with pytest.raises(DomainError) as error:
        validate_shift(start, end, Decimal("4.5"), now)
    assert error.value.code == "HOURS_EXCEED_DURATION"


def test_naive_times_and_reversed_shifts_are_refused() -> None:
    now = datetime(2026, 12, 1, tzinfo=BEIJING)
    with pytest.raises(DomainError) as naive:
        validate_shift(datetime(2026, 11, 1, 9), datetime(2026, 11, 1, 10, tzinfo=BEIJING), Decimal(1), now)
    assert naive.value.code == "NAIVE_DATETIME"
    with pytest.raises(DomainError) as reversed_shift:
        validate_shift(
            datetime(2026, 11, 1, 10, tzinfo=BEIJING), datetime(2026, 11, 1, 9, tzinfo=BEIJING), Decimal(1), now
        )
    assert reversed_shift.value.code == "END_BEFORE_START"


def test_deadline_skips_national_day_holiday_and_counts_adjusted_working_days() -> None:
    # 2026: National Day holiday Oct 1-7; Sunday Sep 20 and Saturday Oct 10 are adjusted working days.
    assert recording_deadline(date(2026, 9, 30)) == add_working_days(date(2026, 9, 30), 10)
    assert recording_deadline(date(2026, 9, 30)) == date(2026, 10, 20)
    assert is_late(date(2026, 9, 30), date(2026, 10, 21))
    assert not is_late(date(2026, 9, 30), date(2026, 10, 20))


def test_star_policy_thresholds_are_configurable() -> None:
    assert StarPolicy().stars(Decimal("99.99")) == 0
    assert StarPolicy().stars(Decimal(300)) == 2
    assert StarPolicy().stars(Decimal(1500)) == 5
    assert StarPolicy(thresholds=(10, 20)).stars(Decimal(15)) == 1


def _org(category: OrganizationCategory, *, stopped: bool = False, right: bool = True) -> OrganizationFacts:
    return OrganizationFacts(1, category, stopped, right)


def test_association_cannot_certify_volunteer_it_never_recorded() -> None:
    assert decide(_org(OrganizationCategory.VOLUNTEER_SERVICE_ORG), []) == "NO_RECORDS"


def test_who_records_certifies() -> None:
    other = [RecordFacts(1, 2, Recruitment.SELF_RECRUITED)]
    assert decide(_org(OrganizationCategory.VOLUNTEER_SERVICE_ORG), other) == "NOT_RECORDED_HERE"


def test_charity_certifies_only_self_recruited_activities() -> None:
    own = [RecordFacts(1, 1, Recruitment.SELF_RECRUITED)]
    partnered = [RecordFacts(1, 1, Recruitment.VIA_PARTNER)]
    assert decide(_org(OrganizationCategory.CHARITY), own) == "MAY_ISSUE"
    assert decide(_org(OrganizationCategory.CHARITY), partnered) == "NOT_SELF_RECRUITED"
    assert decide(_org(OrganizationCategory.VOLUNTEER_SERVICE_ORG), partnered) == "MAY_ISSUE"


def test_suspended_right_and_stop_order_refuse_first() -> None:
    own = [RecordFacts(1, 1, Recruitment.SELF_RECRUITED)]
    assert decide(_org(OrganizationCategory.VOLUNTEER_SERVICE_ORG, right=False), own) == "NO_ISSUING_RIGHT"
    assert decide(_org(OrganizationCategory.VOLUNTEER_SERVICE_ORG, stopped=True), own) == "ORGANIZATION_STOPPED"
