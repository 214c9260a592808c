"""Global IDs and cursor connections (Relay), with keyset pagination on primary keys."""

from __future__ import annotations

import base64
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from service.domain.errors import DomainError

NodeT = TypeVar("NodeT")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@strawberry.type(description="An item in a list, with the cursor that points at it.")
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type(description="A page of a list, with cursors to fetch the next one.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: relay.PageInfo
    total_count: int


def empty_connection() -> Connection[Any]:
    """What a caller who may not see a list gets: nothing, rather than an error for a read."""
    return Connection(
        edges=[],
        page_info=relay.PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None),
        total_count=0,
    )


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"cursor:{pk}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "cursor":
            raise ValueError(kind)
        return int(value)
    except ValueError:
        raise DomainError("INVALID_CURSOR", "after") from None


@dataclass(frozen=True)
class PageRequest:
    first: int
    after: int | None

    @classmethod
    def parse(cls, first: int | None, after: str | None) -> PageRequest:
        size = DEFAULT_PAGE_SIZE if first is None else first
        if size < 0:
            raise DomainError("INVALID_PAGE_SIZE", "first", {"max": MAX_PAGE_SIZE})
        return cls(min(size, MAX_PAGE_SIZE), decode_cursor(after) if after else None)


async def paginate(
    queryset: QuerySet[Any], page: PageRequest, to_node: Any, *, newest_first: bool = False
) -> Connection[Any]:
    """Two queries per page whatever its size: the rows (one extra to see if more follow) and a count."""
    total = await queryset.count()
    rows = queryset.order_by("-id" if newest_first else "id")
    if page.after is not None:
        rows = rows.filter(id__lt=page.after) if newest_first else rows.filter(id__gt=page.after)
    fetched = await rows.limit(page.first + 1)
    return connection_from_rows(fetched, page, to_node, total, has_previous=page.after is not None)


def connection_from_rows(
    fetched: list[Any], page: PageRequest, to_node: Any, total: int, *, has_previous: bool
) -> Connection[Any]:
    visible = fetched[: page.first]
    edges = [Edge(node=to_node(row), cursor=encode_cursor(row.id)) for row in visible]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=len(fetched) > page.first,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def paginate_in_memory(rows: list[Any], page: PageRequest, to_node: Any, *, newest_first: bool = False) -> Connection[Any]:
    """For nested lists already loaded by a DataLoader: same cursors, no extra queries."""
    ordered = sorted(rows, key=lambda r: r.id, reverse=newest_first)
    if page.after is not None:
        ordered = [r for r in ordered if (r.id < page.after if newest_first else r.id > page.after)]
    return connection_from_rows(ordered[: page.first + 1], page, to_node, len(rows), has_previous=page.after is not None)


def decode_any_global_id(value: str, expected_types: Collection[str], field: str) -> tuple[str, int]:
    """Resolve a Relay global ID to (type name, primary key), or an error naming the field.

    Inputs take IDs as plain `ID` strings and decode them here, not in Strawberry's argument
    conversion, so that a malformed ID is a userError like any other bad input."""
    try:
        gid = relay.GlobalID.from_id(value)
        pk = int(gid.node_id)
    except (ValueError, TypeError):
        raise DomainError("INVALID_ID", field) from None
    if gid.type_name not in expected_types:
        raise DomainError("WRONG_TYPE", field)
    return gid.type_name, pk


def decode_global_id(value: str, expected_type: str, field: str) -> int:
    return decode_any_global_id(value, (expected_type,), field)[1]
