"""Small accessors handlers use: the unit of work and the read engine of the running app."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request

from zaakwerk.core.uow import UnitOfWork


def unit_of_work(request: Request) -> UnitOfWork:
    """A new unit of work for this request; the handler opens it with ``async with`` and it commits once."""
    return UnitOfWork(request.app.state.sessionmaker)


def one_statement_unit_of_work(request: Request) -> UnitOfWork:
    """A unit of work for a write that the service makes in ONE statement (data-modifying CTEs carry the audit
    trail and outbox rows along): on PostgreSQL it runs without BEGIN and COMMIT, which cost a sixth of a zaak
    create's CPU, since a single statement is atomic by itself. Never for a write of several statements or one
    that reads with a lock first: each statement would commit on its own. On SQLite it is the normal one."""
    return UnitOfWork(request.app.state.one_statement_sessionmaker)


def reader(request: Request) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.db.reader
    return engine


def page_size(request: Request) -> int:
    size: int = request.app.state.settings.page_size
    return size
