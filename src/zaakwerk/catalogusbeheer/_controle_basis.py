"""The ground of the import's validation pass (:mod:`._controle`): the plan it produces and the generic checks
every part of the file shares, so the per-part checks in the sibling modules read as the rules they add."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer._formaat import (
    Part,
    Problem,
    join,
    unknown_keys,
    validation_problems,
)


@dataclass
class Entry:
    """One file entry ready for the service: ``values`` in wire names, ``statustype`` a volgnummer reference."""

    place: str
    values: dict[str, Any]
    concept: bool = False
    statustype: int | None = None


@dataclass
class ZaaktypeEntry(Entry):
    children: dict[str, list[Entry]] = field(default_factory=dict)


@dataclass
class Existing:
    """What the target catalogus already holds (nothing when it is new)."""

    catalogus_id: uuid.UUID | None = None
    informatieobjecttypen: set[tuple[str, dt.date]] = field(default_factory=set)
    besluittypen: set[tuple[str, dt.date]] = field(default_factory=set)
    zaaktypen: set[tuple[str, dt.date]] = field(default_factory=set)

    @staticmethod
    def names(versions: Iterable[tuple[str, dt.date]]) -> set[str]:
        return {name for name, _ in versions}


@dataclass
class Plan:
    catalogus: dict[str, Any]
    existing: Existing
    informatieobjecttypen: list[Entry] = field(default_factory=list)
    besluittypen: list[Entry] = field(default_factory=list)
    zaaktypen: list[ZaaktypeEntry] = field(default_factory=list)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class CheckerBase:
    def __init__(self, session: AsyncSession, ctx: Ctx) -> None:
        self.session = session
        self.ctx = ctx
        self.problems: list[Problem] = []

    def add(self, place: str, code: str, reason: str) -> None:
        self.problems.append(Problem(place, code, reason))

    # --- generic ---------------------------------------------------------------------------------------------

    def _mapping(self, place: str, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(place, "invalid", "Verwacht een object (sleutels met waarden).")
            return None
        return value

    def _list(self, place: str, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(place, "not_a_list", "Verwacht een lijst.")
            return []
        return value

    def _validate(self, place: str, part: Part, values: dict[str, Any]) -> bool:
        try:
            part.schema.model_validate(values)
        except ValidationError as exc:
            self.problems.extend(validation_problems(place, exc))
            return False
        return True

    def _entry(self, place: str, part: Part, raw: Any) -> dict[str, Any] | None:
        entry = self._mapping(place, raw)
        if entry is None:
            return None
        self.problems.extend(unknown_keys(place, entry, part))
        return {k: v for k, v in entry.items() if k in part.allowed()}

    def _concept(self, place: str, entry: dict[str, Any]) -> bool:
        value = entry.pop("concept", False)
        if not isinstance(value, bool):
            self.add(join(place, "concept"), "invalid", "Gebruik true of false.")
            return False
        return value

    def _name(self, place: str, name: Any, known: set[str], label: str) -> None:
        if isinstance(name, str) and not name.startswith(("http://", "https://")) and name not in known:
            self.add(place, "does_not_exist", f"Er is geen {label} '{name}' in het bestand of de catalogus.")

    def _names(self, place: str, values: Any, known: set[str], label: str) -> None:
        for i, name in enumerate(self._list(place, values)):
            self._name(join(place, i), name, known, label)

    def _version(
        self,
        place: str,
        key: str,
        values: dict[str, Any],
        seen: set[tuple[str, dt.date | None]],
        existing: set[tuple[str, dt.date]],
    ) -> None:
        version = (str(values[key]), _date(values.get("beginGeldigheid")))
        if version in seen:
            self.add(
                join(place, key),
                "unique",
                f"'{version[0]}' met deze beginGeldigheid staat meer dan eens in het bestand.",
            )
        elif version in existing:
            self.add(
                join(place, key),
                "exists",
                f"'{version[0]}' met beginGeldigheid {version[1]} bestaat al in de catalogus.",
            )
        seen.add(version)
