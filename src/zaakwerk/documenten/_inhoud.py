"""The ``inhoud`` of a request: base64 text decoded in chunks into the storage, size-checked on the way.

The JSON body is in memory already; decoding it piece by piece keeps a second, decoded copy of a large document
out of memory (each chunk is written and dropped).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator

from zaakwerk.core.errors import ZGWError, validation_error
from zaakwerk.documenten.storage import CHUNK, Blob, Storage, TooLarge

# Base64 characters per decoded chunk: a multiple of 4, so padding can only appear in the last piece.
_STEP = CHUNK // 3 * 4
_WHITESPACE = re.compile(r"\s")


class _InvalidBase64(Exception):
    pass


def base64_chunks(text: str) -> Iterator[bytes]:
    """``text`` decoded in chunks; raises on anything that is not (padded) base64."""
    if _WHITESPACE.search(text):
        # Line-wrapped base64 (MIME style) is common; the copy without the breaks is the rare case.
        text = _WHITESPACE.sub("", text)
    if len(text) % 4:
        raise _InvalidBase64
    for start in range(0, len(text), _STEP):
        try:
            yield binascii.a2b_base64(text[start : start + _STEP], strict_mode=True)
        except (binascii.Error, ValueError):
            raise _InvalidBase64 from None


async def store_inhoud(storage: Storage, text: str, max_size: int) -> Blob:
    """Store the base64 ``inhoud``; a 400 naming ``inhoud`` when it is no base64 or larger than ``max_size``."""
    try:
        return await storage.store(base64_chunks(text), max_size)
    except _InvalidBase64:
        raise validation_error("inhoud", "invalid", "De inhoud is geen geldige base64-tekst.") from None
    except TooLarge as exc:
        raise _too_large(exc.maximum) from None


def _too_large(maximum: int) -> ZGWError:
    return validation_error("inhoud", "max_size", f"De inhoud is groter dan het maximum van {maximum} bytes.")
