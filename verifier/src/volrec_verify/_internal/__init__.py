"""Internals of volrec-verify: not a public API, may change in any release."""
