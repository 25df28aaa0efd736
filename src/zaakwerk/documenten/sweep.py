"""Removing orphaned blobs: content no version refers to any more.

A blob is written before the transaction that refers to it commits; when that transaction rolls back (a rule
refused the write, the process died), or a document is deleted, the blob stays behind unreferenced. The sweep
removes such blobs once they are older than a grace period, which protects the blob of a transaction still
running (a reused blob has its time refreshed when stored again, see ``LocalStorage.store``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import islice

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.documenten.models import InformatieObjectVersie
from zaakwerk.documenten.storage import Storage

# Longer than any write transaction runs.
GRACE_SECONDS = 3600.0
_BATCH = 500


async def sweep_orphans(storage: Storage, conn: AsyncConnection, *, grace_seconds: float = GRACE_SECONDS) -> list[str]:
    """Delete every blob stored more than ``grace_seconds`` ago that no version refers to; returns their keys."""
    cutoff = time.time() - grace_seconds
    candidates = (key for key, stored_at in storage.stored() if stored_at < cutoff)
    removed: list[str] = []
    while batch := list(islice(candidates, _BATCH)):
        for key in await _unreferenced(conn, batch):
            await storage.delete(key)
            removed.append(key)
    return removed


async def _unreferenced(conn: AsyncConnection, keys: Sequence[str]) -> list[str]:
    column = InformatieObjectVersie.inhoud_sleutel
    referenced = set((await conn.execute(select(column).where(column.in_(keys)).distinct())).scalars())
    return [key for key in keys if key not in referenced]
