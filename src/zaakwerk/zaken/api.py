"""Zaken API 1.7.0 at /zaken/api/v1.

Endpoints live per resource in ``_api_*.py``; this module assembles them on the component and registers the expand
loaders (used by this API's ``expand`` and by other components embedding zaken).
"""

from zaakwerk.core.zgw.component import Component
from zaakwerk.zaken import (
    _api_audittrail,
    _api_klantcontacten,
    _api_resultaten,
    _api_rollen,
    _api_statussen,
    _api_termijnen,
    _api_zaakbesluiten,
    _api_zaakcontactmomenten,
    _api_zaakeigenschappen,
    _api_zaakinformatieobjecten,
    _api_zaaknotities,
    _api_zaakobjecten,
    _api_zaakverzoeken,
    _api_zaken,
    _api_zaken_write,
)
from zaakwerk.zaken._api_common import register
from zaakwerk.zaken._context import PREFIX
from zaakwerk.zaken._read_zaken import Z, render_zaken, zaak_query

component = Component("zaken", PREFIX, "1.7.0", "zaken-api-1.7.0.yaml", extra_paths=_api_termijnen.OPENAPI_PATHS)

# _api_zaken_write first: its fixed paths (/zaken/_zoek is read's, /zaaknummer_reserveren) never clash with {uuid};
# _api_termijnen before _api_zaken so /zaken/{uuid}/termijnen is matched before any /zaken/{uuid} route.
for _module in (
    _api_zaken_write,
    _api_termijnen,
    _api_zaken,
    _api_statussen,
    _api_resultaten,
    _api_rollen,
    _api_zaakobjecten,
    _api_zaakeigenschappen,
    _api_zaakinformatieobjecten,
    _api_zaakbesluiten,
    _api_klantcontacten,
    _api_zaakcontactmomenten,
    _api_zaakverzoeken,
    _api_zaaknotities,
    _api_audittrail,
):
    component.router.include_router(_module.router)

register(f"{PREFIX}/zaken", zaak_query, Z.id, render_zaken)
