"""Besluiten API 1.1.0 at /besluiten/api/v1.

Endpoints live per resource in ``_api_*.py``; this module assembles them on the component and registers the
in-process Besluiten implementation the Zaken API uses (``zaakwerk.zaken.koppelvlak``) for the app's lifetime.
"""

from zaakwerk.besluiten import _api_audittrail, _api_besluiten, _api_besluitinformatieobjecten, koppelvlak
from zaakwerk.besluiten._context import PREFIX
from zaakwerk.core.zgw.component import Component

component = Component("besluiten", PREFIX, "1.1.0", "besluiten-api-1.1.0.yaml")

for _module in (_api_besluiten, _api_besluitinformatieobjecten, _api_audittrail):
    component.router.include_router(_module.router)

component.on_startup.append(koppelvlak.registreer)
component.on_shutdown.append(koppelvlak.afmelden)
