"""Small accessors handlers use: the unit of work and the read engine of the running app."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request

from zaakwerk.core.uow import UnitOfWork


def unit_of_work(request: Request) -> UnitOfWork:
    """A new unit of work for this request; the handler opens it with ``async with`` and it commits once."""
    return UnitOfWork(request.app.state.sessionmaker)


def reader(request: Request) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.db.reader
    return engine


def page_size(request: Request) -> int:
    size: int = request.app.state.settings.page_size
    return size
