"""The context of a Documenten write: who writes, where our URLs point, the settings, the storage.

Services never see a ``Request``: the API builds a :class:`Ctx` from it; other callers (the Zaken API through
``koppelvlak``, later the werkplek) build one with :meth:`Ctx.for_principal`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.config import Settings
from zaakwerk.core.zgw.urls import parse_url
from zaakwerk.documenten.storage import Storage, storage_for

PREFIX = "/documenten/api/v1"
CATALOGI_PREFIX = "/catalogi/api/v1"

ENKELVOUDIGINFORMATIEOBJECTEN = "enkelvoudiginformatieobjecten"
OBJECTINFORMATIEOBJECTEN = "objectinformatieobjecten"
GEBRUIKSRECHTEN = "gebruiksrechten"


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
        base = (base_url or settings.base_url or f"http://{settings.host}:{settings.port}").rstrip("/")
        return cls(base_url=base, settings=settings, principal=principal)

    @property
    def storage(self) -> Storage:
        return storage_for(self.settings)

    def url(self, collection: str, id_: uuid.UUID | str) -> str:
        return f"{self.base_url}{PREFIX}/{collection}/{id_}"

    def document_url(self, id_: uuid.UUID | str) -> str:
        return self.url(ENKELVOUDIGINFORMATIEOBJECTEN, id_)

    def catalogi_url(self, collection: str, id_: uuid.UUID | str) -> str:
        return f"{self.base_url}{CATALOGI_PREFIX}/{collection}/{id_}"

    def uuid_of(self, url: str, collection: str, prefix: str = PREFIX) -> uuid.UUID | None:
        """The uuid when ``url`` names a resource of ``collection`` (under ``prefix``) on this installation."""
        ref = parse_url(url)
        if ref is None or ref.uuid is None or ref.path != f"{prefix}/{collection}":
            return None
        own = urlsplit(self.base_url).netloc.lower()
        if ref.host != own and ref.host not in self.own_hosts:
            return None
        return ref.uuid

    def document_uuid(self, url: str) -> uuid.UUID | None:
        return self.uuid_of(url, ENKELVOUDIGINFORMATIEOBJECTEN)

    def catalogi_uuid(self, url: str, collection: str) -> uuid.UUID | None:
        return self.uuid_of(url, collection, CATALOGI_PREFIX)
