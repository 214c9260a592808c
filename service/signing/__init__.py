"""Certificate machinery without a database: keys, credentials, status lists, trust lists, QR, PDF.

Every function here takes plain values and returns plain values (dicts ready for JSON, bytes), so the
domain layer decides what to store and when. The document formats are fixed by
`docs/credential-format.md`; the cryptographic primitives come from `volrec_verify`, so the service
and the offline verifier can never disagree about them.
"""
