"""Unified social credit codes (GB 32100-2015), checked with their check character."""

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from service.domain.errors import DomainError


def validate_credit_code(code: str, field: str) -> str:
    try:
        return str(uscc.validate(code))
    except ValidationError:
        raise DomainError("INVALID_CREDIT_CODE", field) from None
