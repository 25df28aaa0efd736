"""The rights version: how every process learns that applicaties, autorisaties or credentials changed.

The mechanism (version row bumped in the writing transaction, NOTIFY at commit, LISTEN or per-request version
read) is :mod:`zaakwerk.core.versioncache`; this module names the rights' table and channel.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from zaakwerk.autorisaties.models import RechtenVersie
from zaakwerk.core import versioncache
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork

CHANNEL = "zaakwerk_autorisaties"
LISTENER_NAME = "zaakwerk-autorisaties-listener"
RECHTEN = versioncache.VersionChannel(RechtenVersie.__table__, CHANNEL, LISTENER_NAME)  # type: ignore[arg-type]


def on_change(callback: Callable[[int], Awaitable[None]]) -> Callable[[], None]:
    """Register ``callback`` for committed rights changes in this process; returns the function that removes it."""
    return RECHTEN.on_change(callback)


async def bump_version(uow: UnitOfWork) -> int:
    """Increment the rights version in this transaction and announce it (PostgreSQL: NOTIFY, sent at commit)."""
    return await RECHTEN.bump(uow)


def VersionWatcher(db: Database, on_invalidate: Callable[[], None]) -> versioncache.VersionWatcher:
    """A watcher of the rights version (see :class:`zaakwerk.core.versioncache.VersionWatcher`)."""
    return versioncache.VersionWatcher(RECHTEN, db, on_invalidate)
