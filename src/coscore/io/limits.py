"""Reading at most so many bytes from an open file: the one loop the reader and the writer share."""

from __future__ import annotations

import os

CHUNK = 1 << 20


def read_at_most(fd: int, most: int) -> bytes:
    """Up to ``most`` bytes from the open file ``fd``, read in chunks, stopping at its end."""
    chunks: list[bytes] = []
    remaining = most
    while remaining > 0:
        chunk = os.read(fd, min(remaining, CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
