"""Art 4 aggregation: service kept on paper or in Excel sign-in sheets enters the system.

A sheet has one row per volunteer shift. Columns are found by their header (Chinese or English);
times without a timezone are Beijing time, as a sheet filled in China means. Every row is checked
and the whole sheet is recorded through `records.record` (source IMPORT), all rows or none, with
errors named by sheet row (`rows.7.hours`) so the person fixing the sheet finds them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import openpyxl

from service import crypto
from service.config import Settings
from service.domain import clock, records
from service.domain.errors import DomainError
from service.domain.identity import normalize
from service.domain.records import ServiceEntry
from service.models import ServiceRecord, Volunteer
from service.models.enums import IdType, RecordSource
from service.policy import Actor, Operation, require

MAX_SHEET_BYTES = 2 * 1024 * 1024
MAX_ROWS = records.MAX_BATCH

# Column key -> accepted headers.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "idType": ("证件类型", "id type"),
    "idNumber": ("证件号码", "身份证号", "身份证号码", "id number"),
    "volunteerNumber": ("志愿者编号", "volunteer number"),
    "startsAt": ("开始时间", "start", "starts at"),
    "endsAt": ("结束时间", "end", "ends at"),
    "hours": ("服务时长", "时长", "hours"),
    "content": ("服务内容", "content"),
}
REQUIRED = ("startsAt", "endsAt", "hours")


@dataclass(frozen=True)
class SheetRow:
    number: int
    cells: dict[str, Any]


def read_sheet(data: bytes) -> list[SheetRow]:
    """The rows under the header row of the first worksheet, keyed by column."""
    if len(data) > MAX_SHEET_BYTES:
        raise DomainError("FILE_TOO_LARGE", "file", {"max": MAX_SHEET_BYTES // 1024 // 1024})
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError("INVALID_SPREADSHEET", "file") from None
    rows = enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
    columns: dict[int, str] = {}
    for _number, header in rows:
        labels = {str(v).strip().lower(): i for i, v in enumerate(header) if v is not None}
        columns = {labels[a.lower()]: key for key, aliases in HEADERS.items() for a in aliases if a.lower() in labels}
        if columns:
            break
    else:
        raise DomainError("INVALID_SPREADSHEET", "file")
    missing = [key for key in REQUIRED if key not in columns.values()]
    if missing or not {"idNumber", "volunteerNumber"} & set(columns.values()):
        raise DomainError("MISSING_COLUMNS", "file", {"columns": ", ".join(missing or ["idNumber"])})
    found: list[SheetRow] = []
    for number, values in rows:  # the same iterator: row numbers continue after the header
        cells = {columns[i]: v for i, v in enumerate(values) if i in columns and v not in (None, "")}
        if cells:
            found.append(SheetRow(number, cells))
    if len(found) > MAX_ROWS:
        raise DomainError("BATCH_TOO_LARGE", "file", {"max": MAX_ROWS})
    workbook.close()
    return found


def _moment(value: Any, field: str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("/", "-"))
        except ValueError:
            raise DomainError("INVALID_DATETIME", field) from None
    if not isinstance(value, datetime):
        raise DomainError("INVALID_DATETIME", field)
    return value if value.tzinfo else value.replace(tzinfo=clock.LOCAL_ZONE)


async def _volunteer_id(cells: dict[str, Any], prefix: str, settings: Settings) -> int:
    if "volunteerNumber" in cells:
        volunteer = await Volunteer.get_or_none(volunteer_number=str(cells["volunteerNumber"]).strip().upper())
        field = "volunteerNumber"
    else:
        try:
            id_type = IdType(str(cells.get("idType", IdType.CN_RESIDENT_ID.value)).strip())
        except ValueError:
            raise DomainError("INVALID_ID_NUMBER", f"{prefix}idType") from None
        number = normalize(str(cells.get("idNumber", "")))
        lookup = crypto.keyed_hash(f"{id_type.value}:{number}", settings)
        volunteer = await Volunteer.get_or_none(id_number_hash=lookup)
        field = "idNumber"
    if volunteer is None:
        raise DomainError("UNKNOWN_VOLUNTEER", f"{prefix}{field}")
    return volunteer.id


def _hours_text(value: Any) -> str:
    return format(Decimal(str(value)), "f") if isinstance(value, int | float | Decimal) else str(value)


async def import_sign_in_sheet(
    actor: Actor, organization_id: int, activity_id: int, data: bytes, settings: Settings
) -> list[ServiceRecord]:
    require(actor, Operation.RECORD, organization_id=organization_id)  # before any lookup by ID number
    entries: list[tuple[str, ServiceEntry]] = []
    errors: list[DomainError] = []
    for row in read_sheet(data):
        prefix = f"rows.{row.number}."
        try:
            entries.append((prefix, ServiceEntry(
                volunteer_id=await _volunteer_id(row.cells, prefix, settings),
                activity_id=activity_id,
                starts_at=_moment(row.cells.get("startsAt"), f"{prefix}startsAt"),
                ends_at=_moment(row.cells.get("endsAt"), f"{prefix}endsAt"),
                hours=_hours_text(row.cells.get("hours", "")),
                content=str(row.cells.get("content", "")),
                source=RecordSource.IMPORT,
            )))
        except DomainError as error:
            errors.append(error)
    return await records.record(actor, records.SERVICE, organization_id, entries, input_errors=errors)
