"""volrec: the system of record for volunteer service and the certificates that prove it."""
