"""The application factory: mounts every API component (and later the UIs); engines are built in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from fastapi import FastAPI

from zaakwerk.config import Mode, Settings
from zaakwerk.core.db import Database
from zaakwerk.core.koppelingen import close as close_koppelingen
from zaakwerk.core.uow import make_sessionmaker
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.middleware import ZGWMiddleware
from zaakwerk.core.zgw.problem import install_problem_handlers
from zaakwerk.logging import configure_logging


class ConfigurationError(RuntimeError):
    pass


def components() -> list[Component]:
    from zaakwerk.autorisaties.api import component as autorisaties
    from zaakwerk.besluiten.api import component as besluiten
    from zaakwerk.catalogi.api import component as catalogi
    from zaakwerk.documenten.api import component as documenten
    from zaakwerk.referentielijsten.api import component as referentielijsten
    from zaakwerk.zaken.api import component as zaken

    return [autorisaties, catalogi, zaken, besluiten, documenten, referentielijsten]


def create_app(settings: Settings | None = None, *, extra: list[Component] | None = None) -> FastAPI:
    settings = settings or Settings()
    problems = settings.production_problems()
    if problems:
        raise ConfigurationError("Productiemodus kan niet starten:\n- " + "\n- ".join(problems))
    configure_logging(settings)
    comps = components() + list(extra or [])

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.database_url, pool_size=settings.database_pool_size)
        app.state.db = db
        app.state.sessionmaker = make_sessionmaker(db.writer)
        # PostgreSQL: for a write that is one statement (atomic by itself), without BEGIN and COMMIT round trips.
        app.state.one_statement_sessionmaker = app.state.sessionmaker if db.is_sqlite else make_sessionmaker(db.reader)
        worker_task: asyncio.Task[None] | None = None
        try:
            await db.refresh_statistics()
            for comp in comps:
                for hook in comp.on_startup:
                    await hook(app)
            if settings.run_worker_in_process:
                from zaakwerk.core.jobs.worker import run_worker

                worker_task = asyncio.create_task(run_worker(settings, db, stop_when_idle=False))
            yield
        finally:
            if worker_task is not None:
                worker_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker_task
            for comp in comps:
                for hook in comp.on_shutdown:
                    with contextlib.suppress(Exception):
                        await hook(app)
            await close_koppelingen()
            await db.dispose()

    app = FastAPI(
        title="Zaakwerk",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    own = {"127.0.0.1", "localhost", "testserver", f"127.0.0.1:{settings.port}", f"localhost:{settings.port}"}
    if settings.base_url:
        own.add(urlsplit(settings.base_url).netloc.lower())
    app.state.own_hosts = own if settings.mode is Mode.demo else {urlsplit(settings.base_url).netloc.lower()}
    install_problem_handlers(app)
    for comp in comps:
        # Mounted, not included: a request is matched against its component's routes only (FastAPI's included
        # routers try every route of every component in turn: a sixth of a GET zaak's CPU). A mounted router
        # runs inside this app, so request.app, its state and the problem handlers stay the same.
        app.mount(comp.prefix, comp.router)
    app.add_middleware(
        ZGWMiddleware,
        versions={c.prefix: c.version for c in comps},
        max_body_size=settings.max_body_size,
        body_limits={c.prefix: c.max_body_size(settings) for c in comps if c.max_body_size is not None},
    )
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn/gunicorn: settings from the ``ZAAKWERK_*`` environment."""
    app = create_app(Settings())
    tune_gc()
    return app


def tune_gc() -> None:
    """Fewer garbage collections in a serving process.

    A list page allocates tens of thousands of short-lived dicts and strings, which at the default threshold set
    off several collections per request (measured: 1.4-3.5 ms of a 13 ms page). The modules and objects alive after
    start-up stay for the whole process, so they are frozen out of every later collection.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
