"""Zaken API 1.7.0 at /zaken/api/v1.

Endpoints live per resource in ``_api_*.py``; this module assembles them on the component and registers the expand
loaders (used by this API's ``expand`` and by other components embedding zaken).
"""

from zaakwerk.core.zgw.component import Component
from zaakwerk.zaken import _api_zaken
from zaakwerk.zaken._api_common import register
from zaakwerk.zaken._context import PREFIX
from zaakwerk.zaken._read_zaken import Z, render_zaken, zaak_query

component = Component("zaken", PREFIX, "1.7.0", "zaken-api-1.7.0.yaml")

for _module in (_api_zaken,):
    component.router.include_router(_module.router)

register(f"{PREFIX}/zaken", zaak_query, Z.id, render_zaken)
