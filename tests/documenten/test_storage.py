"""The local storage: content streamed in chunks into a file named by its SHA-256, the same content stored once,
too large content refused without leaving a file, the type detected from the first bytes, base64 decoded in chunks."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from zaakwerk.core.errors import ZGWError
from zaakwerk.documenten._inhoud import base64_chunks, store_inhoud
from zaakwerk.documenten.storage import CHUNK, LocalStorage, TooLarge, detect_content_type


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


async def test_content_is_stored_once_under_its_sha256(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    content = b"%PDF-1.7 " + bytes(range(256)) * 1000  # several chunks
    chunks = [content[i : i + 1000] for i in range(0, len(content), 1000)]
    blob = await storage.store(chunks, max_size=10**6)
    sha = hashlib.sha256(content).hexdigest()
    assert (blob.sha256, blob.size, blob.key, blob.content_type) == (
        sha,
        len(content),
        f"{sha[:2]}/{sha[2:4]}/{sha}",
        "application/pdf",
    )
    again = await storage.store([content], max_size=10**6)
    assert again == blob
    assert _files(tmp_path) == [tmp_path / blob.key]
    read = b"".join([chunk async for chunk in storage.read(blob.key)])
    assert read == content
    assert [key for key, _ in storage.stored()] == [blob.key]
    await storage.delete(blob.key)
    assert _files(tmp_path) == []


async def test_too_large_content_leaves_no_file(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    with pytest.raises(TooLarge):
        await storage.store([b"a" * 600, b"b" * 600], max_size=1000)
    assert _files(tmp_path) == []
    exact = await storage.store([b"a" * 1000], max_size=1000)
    assert exact.size == 1000


def _zip(first: str, content: bytes = b"x", stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(first, content)
        archive.writestr("other.xml", b"<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.4\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\x00", "image/gif"),
        (_zip("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (_zip("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (_zip("mimetype", b"application/vnd.oasis.opendocument.text", True), "application/vnd.oasis.opendocument.text"),
        (_zip("anything.txt"), "application/zip"),
        ("Geachte heer, één brief".encode(), "text/plain"),
        ("é".encode()[:1], "text/plain"),  # a character cut off at the end of the head
        (b"\x00\x01\x02binary", "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_content_type_is_detected_from_the_first_bytes(head: bytes, expected: str) -> None:
    assert detect_content_type(head) == expected


def test_base64_is_decoded_in_chunks() -> None:
    content = bytes(range(256)) * 2000
    text = base64.b64encode(content).decode()
    chunks = list(base64_chunks(text))
    assert len(chunks) > 1 and max(len(c) for c in chunks) <= CHUNK
    assert b"".join(chunks) == content
    wrapped = base64.encodebytes(content).decode()  # MIME style, with line breaks
    assert b"".join(base64_chunks(wrapped)) == content


@pytest.mark.parametrize("text", ["abc", "a@cd", "ab=c"])
async def test_invalid_base64_is_a_400_on_inhoud(tmp_path: Path, text: str) -> None:
    with pytest.raises(ZGWError) as caught:
        await store_inhoud(LocalStorage(tmp_path), text, 1000)
    assert (caught.value.status, [(p.name, p.code) for p in caught.value.invalid_params]) == (
        400,
        [("inhoud", "invalid")],
    )
    assert _files(tmp_path) == []


async def test_too_large_inhoud_is_a_400_on_inhoud(tmp_path: Path) -> None:
    with pytest.raises(ZGWError) as caught:
        await store_inhoud(LocalStorage(tmp_path), base64.b64encode(b"x" * 11).decode(), 10)
    assert [(p.name, p.code) for p in caught.value.invalid_params] == [("inhoud", "max_size")]
    assert _files(tmp_path) == []
