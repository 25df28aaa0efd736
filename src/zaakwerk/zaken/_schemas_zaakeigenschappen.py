"""Input shape of /zaken/{zaak_uuid}/zaakeigenschappen (``waarde`` is checked against the eigenschap by the
service)."""

from __future__ import annotations

from pydantic import BaseModel

from zaakwerk.core.zgw.fields import INPUT_CONFIG, Url


class ZaakEigenschapIn(BaseModel):
    model_config = INPUT_CONFIG

    zaak: Url
    eigenschap: Url
    waarde: str
