"""/zaakverzoeken: the zaak's verzoeken (zrc-024): list, create, detail and delete.

The verzoek URL is stored as given (checked for form only); see ``_service_koppelingen``.
"""

from zaakwerk.zaken._api_koppelingen import link_router
from zaakwerk.zaken._read_overig import render_zaakverzoeken, zaakverzoek_query
from zaakwerk.zaken._schemas_overig import ZaakVerzoekIn
from zaakwerk.zaken._service_koppelingen import create_zaakverzoek, delete_zaakverzoek
from zaakwerk.zaken.models import ZaakVerzoek

router = link_router(
    collection="zaakverzoeken",
    name="zaakverzoek",
    field="verzoek",
    model=ZaakVerzoek,
    schema=ZaakVerzoekIn,
    query=zaakverzoek_query,
    render=render_zaakverzoeken,
    create=create_zaakverzoek,
    delete=delete_zaakverzoek,
)
