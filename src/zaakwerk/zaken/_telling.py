"""The exact ``count`` of a zaken list from ``zrc_zaak_telling`` when the list's conditions allow it.

The table holds, per bronorganisatie × zaaktype × vertrouwelijkheidaanduiding, how many zaken exist; database
triggers keep it exact in the transaction of every write (migration 0004). A list whose conditions (the client's
rights and the filters) name only those three columns has the same count as the sum of the matching table rows:
a few dozen rows instead of tens of thousands of zaken at a million zaken. Any other condition (a date, a rol, a
status) makes the count a real ``count(*)`` over the zaken.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, ScalarSelect, func, select
from sqlalchemy.sql.visitors import replacement_traverse

from zaakwerk.zaken import models as m

_ZAAK = m.Zaak.__table__
_TELLING = m.ZaakTelling.__table__
# The zaak columns the table counts by, to its columns of the same name.
_COUNTED = {name: _TELLING.c[name] for name in ("bronorganisatie", "zaaktype_id", "vertrouwelijkheidaanduiding")}


class _NotCounted(Exception):
    """A condition reads a zaak column the table does not count by."""


def _swap(element: Any, **_kw: Any) -> Any:
    if isinstance(element, Column) and element.table is _ZAAK:
        counted = _COUNTED.get(element.name)
        if counted is None:
            raise _NotCounted(element.name)
        return counted
    return None


def telling_subquery(conditions: Sequence[ColumnElement[bool]]) -> ScalarSelect[Any] | None:
    """The exact number of zaken matching ``conditions`` from the count table, as a scalar subquery; ``None``
    when a condition names another column."""
    try:
        swapped = [replacement_traverse(c, {}, _swap) for c in conditions]
    except _NotCounted:
        return None
    return select(func.coalesce(func.sum(_TELLING.c.aantal), 0)).where(*swapped).scalar_subquery()


def count_subquery(conditions: Sequence[ColumnElement[bool]]) -> ScalarSelect[Any]:
    """The exact number of zaken matching ``conditions``: from the count table when it can, else ``count(*)``
    over the zaken."""
    found = telling_subquery(conditions)
    if found is not None:
        return found
    return select(func.count()).select_from(_ZAAK).where(*conditions).scalar_subquery()
