"""volrec-verify: check volrec volunteer service certificates offline."""

__version__ = "0.1.0"
