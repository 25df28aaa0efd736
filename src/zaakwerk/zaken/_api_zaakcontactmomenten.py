"""/zaakcontactmomenten: the zaak's contactmomenten (zrc-025): list, create, detail and delete.

The contactmoment URL is stored as given (checked for form only); see ``_service_koppelingen``.
"""

from zaakwerk.zaken._api_koppelingen import link_router
from zaakwerk.zaken._read_overig import render_zaakcontactmomenten, zaakcontactmoment_query
from zaakwerk.zaken._schemas_overig import ZaakContactMomentIn
from zaakwerk.zaken._service_koppelingen import create_zaakcontactmoment, delete_zaakcontactmoment
from zaakwerk.zaken.models import ZaakContactMoment

router = link_router(
    collection="zaakcontactmomenten",
    name="zaakcontactmoment",
    field="contactmoment",
    model=ZaakContactMoment,
    schema=ZaakContactMomentIn,
    query=zaakcontactmoment_query,
    render=render_zaakcontactmomenten,
    create=create_zaakcontactmoment,
    delete=delete_zaakcontactmoment,
)
