"""Request bodies of the Autorisaties API (camelCase as the VNG spec spells them).

Read-only fields a client echoes back (``url``, ``componentWeergave``) are ignored, as DRF-based implementations
do. Field types and lengths are checked here; the business rules (ac-001..003, URL form) in the service.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from zaakwerk.autorisaties.service import AutorisatieData

ComponentCode = Literal["ac", "nrc", "zrc", "ztc", "drc", "brc"]
Vertrouwelijkheid = Literal[
    "",
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]
ClientId = Annotated[str, StringConstraints(min_length=1, max_length=50)]
Scope = Annotated[str, StringConstraints(min_length=1, max_length=100)]
TypeUrl = Annotated[str, StringConstraints(max_length=1000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class AutorisatieIn(_Body):
    component: ComponentCode
    scopes: list[Scope]
    zaaktype: TypeUrl | None = None
    informatieobjecttype: TypeUrl | None = None
    besluittype: TypeUrl | None = None
    # An empty string is what DRF-based clients send for "not set".
    max_vertrouwelijkheidaanduiding: Vertrouwelijkheid | None = Field(None, alias="maxVertrouwelijkheidaanduiding")

    def to_data(self) -> AutorisatieData:
        return AutorisatieData(
            component=self.component,
            scopes=self.scopes,
            zaaktype=self.zaaktype or None,
            informatieobjecttype=self.informatieobjecttype or None,
            besluittype=self.besluittype or None,
            max_vertrouwelijkheidaanduiding=self.max_vertrouwelijkheidaanduiding or None,
        )


class ApplicatieIn(_Body):
    """POST and PUT: ``clientIds`` and ``label`` are required."""

    client_ids: list[ClientId] = Field(alias="clientIds")
    label: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    heeft_alle_autorisaties: bool | None = Field(None, alias="heeftAlleAutorisaties")
    alleen_is_gereed_voor_publicatie: bool | None = Field(None, alias="alleenIsGereedVoorPublicatie")
    autorisaties: list[AutorisatieIn] | None = None


class ApplicatiePatch(_Body):
    """PATCH: every field optional (the API refuses an explicit null)."""

    client_ids: list[ClientId] | None = Field(None, alias="clientIds")
    label: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    heeft_alle_autorisaties: bool | None = Field(None, alias="heeftAlleAutorisaties")
    alleen_is_gereed_voor_publicatie: bool | None = Field(None, alias="alleenIsGereedVoorPublicatie")
    autorisaties: list[AutorisatieIn] | None = None


def null_fields(body: BaseModel) -> list[str]:
    """The camelCase names of fields the client sent as null (none of them may be null)."""
    fields = type(body).model_fields
    return sorted(fields[name].alias or name for name in body.model_fields_set if getattr(body, name) is None)
