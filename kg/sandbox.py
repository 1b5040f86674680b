"""The second wall against a query reaching out: a process without a network.

The query check refuses SERVICE on the parsed query, but the engine itself
(Oxigraph) would follow a SERVICE clause if one ever got through, and it has no
option to refuse.  A query worker and ``kg query`` need no network at all, so
on Linux they move into a new, empty network namespace (``unshare``): any
connection, loopback included, then fails with "network unreachable".  Where
the kernel does not allow it (another OS, no privilege), the check stays the
only wall, and :func:`no_network` says so by returning False.
"""

from __future__ import annotations

import ctypes
import sys

CLONE_NEWNET = 0x40000000


def no_network() -> bool:
    """Take this process (its threads started from now on) off the network; True if it worked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWNET) == 0:
            return True
        # without the privilege for a network namespace, a user namespace may give it
        return libc.unshare(0x10000000 | CLONE_NEWNET) == 0  # CLONE_NEWUSER
    except (OSError, AttributeError):
        return False
