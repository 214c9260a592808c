"""Status-list slots: random, never shared within an organization, found without reading them all."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from volrec_verify.statuslist import MIN_ENTRIES

from service.models import Certificate, Organization, OrganizationKey
from tests.certificates.support import ASSOCIATION, issue


def _draws(first: list[int]) -> Any:
    """`secrets.randbelow` that answers the status-list draws with `first`, then randomly."""
    real = secrets.randbelow
    queued: Iterator[int] = iter(first)

    def randbelow(bound: int) -> int:
        drawn = next(queued, None) if bound == MIN_ENTRIES else None
        return real(bound) if drawn is None else drawn

    return randbelow


@pytest.mark.db
async def test_a_drawn_status_index_already_used_by_the_organization_is_drawn_again(
    demo: Any, gql: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    association = await Organization.get(name=ASSOCIATION)
    taken = sorted(await Certificate.filter(organization_id=association.id).values_list("status_index", flat=True))
    free = next(i for i in range(1, MIN_ENTRIES) if i not in taken)
    monkeypatch.setattr(secrets, "randbelow", _draws([taken[0], taken[-1], taken[0], free]))

    certificate = (await issue(gql, await demo.token("association-admin")))["certificate"]
    statuses = certificate["credential"]["credentialStatus"]
    assert [int(s["statusListIndex"]) for s in statuses] == [free, free]


@pytest.mark.db
async def test_issuing_looks_up_only_the_drawn_status_index_not_every_used_one(
    demo: Any, gql: Any, count_queries: Any
) -> None:
    token = await demo.token("association-admin")
    statements: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            statements.append(str(record.msg) % record.args if record.args else str(record.msg))

    logger = logging.getLogger("tortoise.db_client")
    handler = Capture(logging.DEBUG)
    with count_queries():  # turns the SQL log on
        logger.addHandler(handler)
        try:
            assert (await issue(gql, token))["userErrors"] == []
        finally:
            logger.removeHandler(handler)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "status_index" in s]
    assert reads and all("status_index" in s.partition("WHERE")[2] for s in reads), reads


async def test_reading_the_status_list_of_an_organization_that_never_issued_creates_no_key(
    demo: Any, client: Any, gql: Any
) -> None:
    """A public read must not write: no signing key, no trust-list entry for an anonymous GET."""
    authority = await demo.token("authority")
    created = await gql(
        """mutation { registerOrganization(input: {creditCode: "91110000600037341L", name: "某公益基金会",
        category: CHARITY}) { organization { id } userErrors { code } } }""",
        token=authority,
    )
    assert created["data"]["registerOrganization"]["userErrors"] == []
    organization = await Organization.get(credit_code="91110000600037341L")
    for purpose in ("revocation", "suspension"):
        response = await client.get(f"/status/91110000600037341L/{purpose}")
        assert response.status_code == 404
    assert not await OrganizationKey.filter(organization_id=organization.id).exists()
