"""Every reason code of the offline verifier (DESIGN.md section 4), on certificates the service made.

Each case starts from a certificate issued over GraphQL and the trust bundle the service publishes
at /trust/bundle.json. Cases the service itself never produces (a certificate dated after its
issuer lost the right, one with a validity end) are signed with the organization's real key taken
from the service's key store, as an insider with the key could."""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime, timedelta
from typing import Any

import pytest
from nacl.signing import SigningKey
from volrec_verify import Reason, open_bundle, verify
from volrec_verify.policy import Policy
from volrec_verify.trust import TrustList

from service.config import Settings
from service.domain import keys
from service.models import OrganizationKey
from service.signing.credential import sign_credential
from service.signing.timefmt import parse_utc_timestamp
from tests.certificates.support import ASSOCIATION, change_status, issue, organization_id

SUSPEND_RIGHT = """mutation($o: ID!) { suspendIssuingRight(input: {organizationId: $o, reason: "抽查发现问题"}) {
  userErrors { code } } }"""


@dataclasses.dataclass
class World:
    credential: dict[str, Any]
    certificate_id: str
    trust_list: TrustList
    status_lists: dict[str, dict[str, Any]]

    def check(self, credential: dict[str, Any] | None = None, **options: Any) -> Reason:
        lists = options.pop("status_lists", self.status_lists)
        trust_list = options.pop("trust_list", self.trust_list)
        return verify(credential or self.credential, trust_list, status_lists=lists, **options).reason


async def _world(client: Any, credential: dict[str, Any], certificate_id: str) -> World:
    opened = open_bundle((await client.get("/trust/bundle.json")).json(), trusted_root=None)
    return World(credential, certificate_id, opened.trust_list, {d["id"]: d for d in opened.status_lists})


@pytest.fixture
async def world(demo: Any, gql: Any, client: Any) -> World:
    certificate = (await issue(gql, await demo.token("association-admin")))["certificate"]
    return await _world(client, certificate["credential"], certificate["id"])


async def _resign(settings: Settings, credential: dict[str, Any], created: datetime, **changes: Any) -> dict[str, Any]:
    """The credential with `changes`, signed again by the association's current key."""
    key = await OrganizationKey.filter(organization__name=ASSOCIATION).order_by("-number").first().prefetch_related(
        "organization"
    )
    assert key is not None
    signing_key, method = keys.signer(key, settings)
    unsigned = {k: v for k, v in copy.deepcopy(credential).items() if k != "proof"} | changes
    return sign_credential(unsigned, signing_key, method, created)


def _issued_at(world: World) -> datetime:
    return parse_utc_timestamp(world.credential["proof"]["created"])


async def test_valid(world: World) -> None:
    assert world.check() is Reason.VALID


async def test_malformed_when_a_required_item_is_missing(world: World) -> None:
    broken = copy.deepcopy(world.credential)
    del broken["credentialSubject"]["totalHours"]
    assert world.check(broken) is Reason.MALFORMED


async def test_bad_signature_when_hours_are_raised(world: World) -> None:
    altered = copy.deepcopy(world.credential)
    altered["credentialSubject"]["services"][0]["hours"] = "30"
    altered["credentialSubject"]["totalHours"] = str(
        sum(float(s["hours"]) for s in altered["credentialSubject"]["services"])
    ).removesuffix(".0")
    assert world.check(altered) is Reason.BAD_SIGNATURE


async def test_unknown_issuer_when_the_trust_list_does_not_name_the_organization(world: World) -> None:
    without = dataclasses.replace(world.trust_list, organizations={})
    assert world.check(trust_list=without) is Reason.UNKNOWN_ISSUER


async def test_key_not_valid_when_signed_by_a_key_the_issuer_never_had(world: World) -> None:
    unsigned = {k: v for k, v in world.credential.items() if k != "proof"}
    method = world.credential["proof"]["verificationMethod"].replace("#key-1", "#key-9")
    forged = sign_credential(unsigned, SigningKey.generate(), method, _issued_at(world))
    assert world.check(forged) is Reason.KEY_NOT_VALID


async def test_no_issuing_right_when_signed_after_the_right_was_suspended(
    world: World, gql: Any, demo: Any, client: Any, settings: Settings
) -> None:
    authority = await demo.token("authority")
    result = await gql(SUSPEND_RIGHT, {"o": await organization_id(ASSOCIATION)}, token=authority)
    assert result["data"]["suspendIssuingRight"]["userErrors"] == []
    after = await _resign(settings, world.credential, _issued_at(world) + timedelta(seconds=120))
    refreshed = await _world(client, after, world.certificate_id)
    assert refreshed.check() is Reason.NO_ISSUING_RIGHT
    assert refreshed.check(world.credential) is Reason.VALID, "what it issued while it had the right stands"


async def test_revoked_and_suspended_as_the_status_lists_say(world: World, gql: Any, demo: Any, client: Any) -> None:
    admin = await demo.token("association-admin")
    suspended = await change_status(gql, admin, "suspendCertificate", world.certificate_id, "核查中")
    assert suspended["userErrors"] == []
    assert (await _world(client, world.credential, world.certificate_id)).check() is Reason.SUSPENDED
    revoked = await change_status(gql, admin, "revokeCertificate", world.certificate_id, "记录有误")
    assert revoked["userErrors"] == []
    assert (await _world(client, world.credential, world.certificate_id)).check() is Reason.REVOKED


async def test_expired_after_its_validity_end(world: World, settings: Settings) -> None:
    issued = _issued_at(world)
    ending = await _resign(settings, world.credential, issued, validUntil=world.credential["validFrom"])
    later = Policy(now=issued + timedelta(hours=1))
    assert world.check(ending, policy=later) is Reason.EXPIRED


async def test_not_yet_valid_before_its_validity_start(world: World, settings: Settings) -> None:
    issued = _issued_at(world)
    tomorrow = (issued + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    early = await _resign(settings, world.credential, issued, validFrom=tomorrow)
    assert world.check(early) is Reason.NOT_YET_VALID


async def test_trust_list_stale_after_the_maximum_age(world: World) -> None:
    long_after = Policy(now=_issued_at(world) + timedelta(days=200))
    assert world.check(policy=long_after, status_lists={}) is Reason.TRUST_LIST_STALE


async def test_holder_mismatch_for_someone_elses_id_number(world: World) -> None:
    assert world.check(id_number="11010519491231002X") is Reason.HOLDER_MISMATCH
    assert world.check(id_number="110108199003071238") is Reason.VALID  # 张伟's, from the demo
