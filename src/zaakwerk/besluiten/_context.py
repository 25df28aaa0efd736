"""The context of a Besluiten write: who writes, where our URLs point, the settings.

Services never see a ``Request``: the API builds a :class:`Ctx` from it; the werkplek and automation build one
with :meth:`Ctx.for_principal`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.config import Settings
from zaakwerk.core.zgw.urls import parse_url

PREFIX = "/besluiten/api/v1"
CATALOGI_PREFIX = "/catalogi/api/v1"
ZAKEN_PREFIX = "/zaken/api/v1"

BESLUITEN = "besluiten"
BESLUITINFORMATIEOBJECTEN = "besluitinformatieobjecten"


@dataclass(frozen=True)
class Ctx:
    base_url: str
    settings: Settings
    principal: Principal
    own_hosts: frozenset[str] = field(default_factory=frozenset)
    # The client's explanation of this write for the audit trail (the ``X-Audit-Toelichting`` header).
    toelichting: str = ""

    @classmethod
    def for_principal(cls, settings: Settings, principal: Principal, base_url: str | None = None) -> Ctx:
        """A context for callers outside a request; ``base_url`` defaults to the configured one."""
        base = (base_url or settings.base_url or f"http://{settings.host}:{settings.port}").rstrip("/")
        return cls(base_url=base, settings=settings, principal=principal)

    def url(self, collection: str, id_: uuid.UUID | str) -> str:
        return f"{self.base_url}{PREFIX}/{collection}/{id_}"

    def besluit_url(self, id_: uuid.UUID | str) -> str:
        return self.url(BESLUITEN, id_)

    def catalogi_url(self, collection: str, id_: uuid.UUID | str) -> str:
        return f"{self.base_url}{CATALOGI_PREFIX}/{collection}/{id_}"

    def zaak_url(self, id_: uuid.UUID | str) -> str:
        return f"{self.base_url}{ZAKEN_PREFIX}/zaken/{id_}"

    def uuid_of(self, url: str, path: str) -> uuid.UUID | None:
        """The uuid when ``url`` names a resource of the collection at ``path`` (e.g. ``/zaken/api/v1/zaken``) on
        this installation."""
        ref = parse_url(url)
        if ref is None or ref.uuid is None or ref.path != path:
            return None
        if ref.host != urlsplit(self.base_url).netloc.lower() and ref.host not in self.own_hosts:
            return None
        return ref.uuid
