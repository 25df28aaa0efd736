"""Where document content lives: a small storage interface and its local filesystem backend.

Content is streamed in chunks (never held whole in memory): written to a temporary file while it is hashed
(SHA-256) and counted, then moved into place under its hash. Storage is content addressed: the same content is
stored once, whatever the number of versions or documents that have it. A version row only *refers* to a blob, so
a rolled-back transaction leaves an unreferenced blob behind and no row pointing at nothing;
:func:`zaakwerk.documenten.sweep.sweep_orphans` removes such blobs later.

The content type is detected from the first bytes (:func:`detect_content_type`), never taken from the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from zaakwerk.config import Settings

CHUNK = 64 * 1024
# Enough of the start of a file to recognise it, including the names of the first entries of an office zip.
_HEAD = 8 * 1024


@dataclass(frozen=True)
class Blob:
    """What a version row records of its content."""

    key: str
    sha256: str
    size: int
    content_type: str


class TooLarge(Exception):
    """The content exceeded the configured maximum; nothing was stored."""

    def __init__(self, maximum: int) -> None:
        super().__init__(f"groter dan {maximum} bytes")
        self.maximum = maximum


class Storage(Protocol):
    async def store(self, chunks: Iterable[bytes], max_size: int) -> Blob:
        """Store the content ``chunks`` yield (raising :class:`TooLarge` past ``max_size`` bytes)."""
        ...

    def read(self, key: str) -> AsyncIterator[bytes]:
        """The content of ``key``, in chunks."""
        ...

    async def delete(self, key: str) -> None: ...

    def stored(self) -> Iterator[tuple[str, float]]:
        """Every stored key with the time (epoch seconds) it was last stored."""
        ...


def detect_content_type(head: bytes) -> str:
    """The media type of content starting with ``head`` (its first few kilobytes)."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(head)
    if not head:
        return "application/octet-stream"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError as exc:
            # A multi-byte character cut off at the end of the head is still text.
            if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
                return "text/plain"
    return "application/octet-stream"


_OOXML = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)


def _zip_type(head: bytes) -> str:
    # OpenDocument: the first entry is an uncompressed file "mimetype" holding the media type (ODF 1.2, 3.3).
    name_length = int.from_bytes(head[26:28], "little")
    extra_length = int.from_bytes(head[28:30], "little")
    if head[30 : 30 + name_length] == b"mimetype":
        start = 30 + name_length + extra_length
        size = int.from_bytes(head[18:22], "little")
        value = head[start : start + size]
        if value.startswith(b"application/vnd.oasis.opendocument."):
            return value.decode("ascii", "replace")
    # Office Open XML: the part names of the first entries show the kind of document.
    for marker, media_type in _OOXML:
        if marker in head:
            return media_type
    return "application/zip"


class LocalStorage:
    """Blobs as files under ``root``: ``ab/cd/<sha256>``; temporary files in ``root/tmp``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        if not _is_key(key):
            raise ValueError(f"Ongeldige opslagsleutel {key!r}.")
        return self.root / key

    async def store(self, chunks: Iterable[bytes], max_size: int) -> Blob:
        return await asyncio.to_thread(self._store, chunks, max_size)

    def _store(self, chunks: Iterable[bytes], max_size: int) -> Blob:
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_size:
                        raise TooLarge(max_size)
                    if len(head) < _HEAD:
                        head += chunk[: _HEAD - len(head)]
                    digest.update(chunk)
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            sha256 = digest.hexdigest()
            key = f"{sha256[:2]}/{sha256[2:4]}/{sha256}"
            target = self.root / key
            if target.exists():
                # Same content already stored: refresh its time so a running sweep does not take it away now
                # that a new row is about to refer to it.
                os.utime(target)
                os.unlink(tmp_name)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        return Blob(key=key, sha256=sha256, size=size, content_type=detect_content_type(head))

    async def read(self, key: str) -> AsyncIterator[bytes]:
        fh = await asyncio.to_thread(self.path(key).open, "rb")
        try:
            while chunk := await asyncio.to_thread(fh.read, CHUNK):
                yield chunk
        finally:
            fh.close()

    async def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            await asyncio.to_thread(os.unlink, self.path(key))

    def stored(self) -> Iterator[tuple[str, float]]:
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if first.name == "tmp" or not first.is_dir():
                continue
            for path in sorted(first.glob("*/*")):
                key = path.relative_to(self.root).as_posix()
                if _is_key(key):
                    yield key, path.stat().st_mtime


def _is_key(key: str) -> bool:
    parts = key.split("/")
    return (
        len(parts) == 3
        and len(parts[2]) == 64
        and all(c in "0123456789abcdef" for c in parts[2])
        and parts[0] == parts[2][:2]
        and parts[1] == parts[2][2:4]
    )


def storage_for(settings: Settings) -> Storage:
    """The storage of this installation (``ZAAKWERK_DOCUMENTEN_DIR``, by default ``<data_dir>/documenten``)."""
    return LocalStorage(settings.documenten_dir or settings.data_dir / "documenten")
