"""Stage 1 (load) and write: reading files the user's input names, only regular files, and only so many bytes.

A spec, a file its `$ref`s reach, or a path in a manifest could name `/dev/zero` (endless),
a FIFO (blocks forever) or a huge file; each is refused with an OSError whose `strerror`
says why, before more than MAX_FILE_BYTES are read. Kept free of heavy imports: the fast
path of `oagen check` uses it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

# Far above any real spec (Stripe's is 2.5 MB) or generated file; bounds memory and time.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The content of a regular file of at most `limit` bytes; OSError otherwise."""
    # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise OSError(errno.EISDIR, "it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a device, pipe or socket); refused")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MiB; refused")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while we read it
                raise OSError(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MiB; refused")
        return b"".join(chunks)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256 (hex); None if it is missing, not a regular file, or too large."""
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except OSError:
        return None


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink followed, is `folder` or below it."""
    return path.resolve().is_relative_to(folder.resolve())
