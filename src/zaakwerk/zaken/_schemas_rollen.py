"""Input shapes of /rollen (camelCase on the wire). ``betrokkeneIdentificatie`` is checked per ``betrokkeneType``
against the spec's schema by the service (:mod:`zaakwerk.zaken._identificatie`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field

from zaakwerk.core.zgw.fields import INPUT_CONFIG, Email, Url


def _optional_url(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("Voer een geldige URL in.")
    return value


OptionalUrl = Annotated[str, Field(max_length=1000), AfterValidator(_optional_url)]


class BetrokkeneType(StrEnum):
    natuurlijk_persoon = "natuurlijk_persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon"
    vestiging = "vestiging"
    organisatorische_eenheid = "organisatorische_eenheid"
    medewerker = "medewerker"


class IndicatieMachtiging(StrEnum):
    gemachtigde = "gemachtigde"
    machtiginggever = "machtiginggever"
    blank = ""


class _In(BaseModel):
    model_config = INPUT_CONFIG


class ContactPersoonRolIn(_In):
    emailadres: Email = ""
    functie: str = Field("", max_length=50)
    telefoonnummer: str = Field("", max_length=20)
    naam: str = Field(max_length=40)


class RolIn(_In):
    zaak: Url
    betrokkene: OptionalUrl | None = None
    betrokkene_type: BetrokkeneType
    afwijkende_naam_betrokkene: str = Field("", max_length=625)
    roltype: Url
    roltoelichting: str = Field(max_length=1000)
    indicatie_machtiging: IndicatieMachtiging = IndicatieMachtiging.blank
    contactpersoon_rol: ContactPersoonRolIn | None = None
    # Checked against the schema of ``betrokkene_type`` by the service.
    betrokkene_identificatie: dict[str, Any] | None = None
