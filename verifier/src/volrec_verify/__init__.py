"""volrec-verify: check volrec volunteer service certificates offline.

The public surface is small: `verify` (no I/O) with its `Result`, `Policy` and `StatusListCache`,
the reason, warning and check codes, the trust-metadata checks in `volrec_verify.trust`, and the primitives the service
shares (`cryptosuite`, `multikey`, `qrcodec`, `statuslist`, `holder`). Everything under
`volrec_verify._internal` may change without notice.
"""

from volrec_verify.errors import Reason, VerificationError, WarningCode
from volrec_verify.policy import Policy
from volrec_verify.trust import TrustList, open_bundle
from volrec_verify.verifier import Check, Outcome, Result, StatusListCache, verify

__version__ = "0.1.0"
__all__ = [
    "Check", "Outcome", "Policy", "Reason", "Result", "StatusListCache", "TrustList", "VerificationError",
    "WarningCode", "open_bundle", "verify",
]
