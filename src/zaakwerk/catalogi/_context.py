"""The context of a catalogue write: where our URLs point, the settings, and what the caller may force.

Services never see a ``Request``: the API builds a :class:`Ctx` from it, other callers (catalogue import, demo
loader, beheer UI) build one with :meth:`Ctx.for_base_url`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from zaakwerk.config import Settings
from zaakwerk.core.zgw.urls import parse_url

PREFIX = "/catalogi/api/v1"

CATALOGUSSEN = "catalogussen"
ZAAKTYPEN = "zaaktypen"
STATUSTYPEN = "statustypen"
ROLTYPEN = "roltypen"
RESULTAATTYPEN = "resultaattypen"
EIGENSCHAPPEN = "eigenschappen"
INFORMATIEOBJECTTYPEN = "informatieobjecttypen"
BESLUITTYPEN = "besluittypen"
ZAAKTYPE_INFORMATIEOBJECTTYPEN = "zaaktype-informatieobjecttypen"
ZAAKOBJECTTYPEN = "zaakobjecttypen"


@dataclass(frozen=True)
class Ctx:
    """``correctie``: the caller holds ``catalogi.geforceerd-schrijven`` (may correct published types);
    ``geforceerd_verwijderen``: it holds ``catalogi.geforceerd-verwijderen`` (may delete them)."""

    base_url: str
    settings: Settings
    own_hosts: frozenset[str] = field(default_factory=frozenset)
    correctie: bool = False
    geforceerd_verwijderen: bool = False

    @classmethod
    def for_base_url(
        cls,
        settings: Settings,
        base_url: str | None = None,
        *,
        correctie: bool = False,
        geforceerd_verwijderen: bool = False,
    ) -> Ctx:
        """A context for callers outside a request; ``base_url`` defaults to the configured one."""
        base = (base_url or settings.base_url or f"http://{settings.host}:{settings.port}").rstrip("/")
        return cls(base_url=base, settings=settings, correctie=correctie, geforceerd_verwijderen=geforceerd_verwijderen)

    def url(self, collection: str, id_: uuid.UUID | str) -> str:
        return f"{self.base_url}{PREFIX}/{collection}/{id_}"

    def uuid_of(self, url: str, collection: str) -> uuid.UUID | None:
        """The uuid when ``url`` names a resource of ``collection`` on this installation, else ``None``."""
        ref = parse_url(url)
        if ref is None or ref.uuid is None or ref.path != f"{PREFIX}/{collection}":
            return None
        own = urlsplit(self.base_url).netloc.lower()
        if ref.host != own and ref.host not in self.own_hosts:
            return None
        return ref.uuid


def looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))
