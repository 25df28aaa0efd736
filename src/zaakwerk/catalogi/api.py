"""Catalogi API 1.3.3 at /catalogi/api/v1.

Endpoints live per resource in ``_api_*.py``; this module assembles them on the component and registers one expand
loader per collection (used by this API's ``expand`` and by other components embedding catalogue types).
"""

from zaakwerk.catalogi import _api_catalogussen, _api_iot_bt, _api_types, _api_zaaktypen
from zaakwerk.catalogi._api_common import register
from zaakwerk.catalogi._cache import start_cache, stop_cache
from zaakwerk.catalogi._read_top import (
    besluittype_query,
    catalogus_query,
    informatieobjecttype_query,
    render_besluittypen,
    render_catalogussen,
    render_informatieobjecttypen,
)
from zaakwerk.catalogi._read_types import CHILD_READS
from zaakwerk.catalogi._read_zaaktypen import render_zaaktypen, zaaktype_query
from zaakwerk.catalogi.models import BesluitType, Catalogus, InformatieObjectType, ZaakType
from zaakwerk.core.zgw.component import Component

component = Component("catalogi", "/catalogi/api/v1", "1.3.3", "catalogi-api-1.3.3.yaml")
component.on_startup.append(start_cache)
component.on_shutdown.append(stop_cache)

for _module in (_api_catalogussen, _api_zaaktypen, _api_iot_bt, _api_types):
    component.router.include_router(_module.router)

register("catalogussen", catalogus_query, Catalogus, render_catalogussen)
register("zaaktypen", zaaktype_query, ZaakType, render_zaaktypen)
register("informatieobjecttypen", informatieobjecttype_query, InformatieObjectType, render_informatieobjecttypen)
register("besluittypen", besluittype_query, BesluitType, render_besluittypen)
for _collection, _read in CHILD_READS.items():
    register(_collection, _read.query, _read.model, _read.render_rows)
