"""The read path shared by every catalogue resource: Core queries rendered straight to dicts.

Related URL lists are loaded per page in a fixed number of batched queries (never per row).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Date, and_, bindparam, false, or_, true
from starlette.requests import Request

from zaakwerk.catalogi._context import PREFIX
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.query import get_choice, get_date
from zaakwerk.core.zgw.rows import group, in_ids, iso, native_ids, page_rows, unique

__all__ = ["group", "in_ids", "iso", "native_ids", "page_rows", "unique"]

STATUS_CHOICES = ("alles", "concept", "definitief")


@dataclass
class ReadCtx:
    """Where URLs point and for which date the version-independent references are resolved."""

    base: str  # base URL + component prefix
    date: dt.date = field(default_factory=clock.today)

    @classmethod
    def for_base_url(cls, base_url: str, date: dt.date | None = None) -> ReadCtx:
        return cls(base_url.rstrip("/") + PREFIX, date or clock.today())

    def url(self, collection: str, id_: uuid.UUID | None) -> str | None:
        return None if id_ is None else f"{self.base}/{collection}/{id_}"

    def urls(self, collection: str, ids: Iterable[uuid.UUID]) -> list[str]:
        return [f"{self.base}/{collection}/{i}" for i in ids]


def date_param() -> BindParameter[Any]:
    return bindparam("d", type_=Date)


def valid_on(begin: Any, einde: Any, date: dt.date | BindParameter[Any]) -> ColumnElement[bool]:
    """Valid from beginGeldigheid up to and including eindeGeldigheid (empty: no end)."""
    return and_(begin <= date, or_(einde.is_(None), einde >= date))


def published_match(target: Any, catalogus_id: Any, name_column: Any, name: Any) -> ColumnElement[bool]:
    """Join condition for a version-independent reference: the published version of ``target`` in this catalogus
    whose ``name_column`` equals ``name``, valid on the date bound as ``d``."""
    return and_(
        target.catalogus_id == catalogus_id,
        name_column == name,
        target.concept.is_(False),
        valid_on(target.begin_geldigheid, target.einde_geldigheid, date_param()),
    )


def status_filter(concept: Any, status: str | None) -> ColumnElement[bool]:
    """``status``: alles, concept, or definitief (the default)."""
    if status == "alles":
        return true()
    condition: ColumnElement[bool] = concept.is_(status == "concept")
    return condition


def parse_status(request: Request, inv: Invalid) -> str:
    return get_choice(request, "status", STATUS_CHOICES, inv) or "definitief"


def parse_date(request: Request, inv: Invalid, *names: str) -> dt.date | None:
    for name in names:
        value = get_date(request, name, inv)
        if value is not None:
            return value
    return None


def nothing() -> ColumnElement[bool]:
    return false()
