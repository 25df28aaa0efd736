"""The Catalogi service functions the transport uses, in one place.

Writes come from the service facade (``zaakwerk.catalogi.service``). The export reads each type in the services'
*input* shape (names for the version-independent references, exactly what an import writes back); those readers
live next to the write functions and are not (yet) re-exported by the facade, hence the direct imports.
"""

from typing import Any

from zaakwerk.catalogi._service_catalogus import catalogus_input
from zaakwerk.catalogi._service_children import current_input
from zaakwerk.catalogi._service_iot_bt import besluittype_input, informatieobjecttype_input
from zaakwerk.catalogi._service_zaaktypen import zaaktype_input
from zaakwerk.catalogi.service import (
    KINDS,
    create_besluittype,
    create_catalogus,
    create_child,
    create_informatieobjecttype,
    create_zaaktype,
    patch_zaaktype,
    publish_besluittype,
    publish_informatieobjecttype,
    publish_zaaktype,
)
from zaakwerk.catalogusbeheer._formaat import CHILDREN

# File key under a zaaktype -> the Catalogi collection (the service's child kinds and the report use these names);
# here because both the import and the export map the file's keys to the service's kinds.
CHILD_COLLECTIONS = {name: name for name in CHILDREN} | {"informatieobjecttypen": "zaaktype-informatieobjecttypen"}
CHILD_KINDS: dict[str, Any] = {name: KINDS[collection] for name, collection in CHILD_COLLECTIONS.items()}

__all__ = [
    "CHILD_COLLECTIONS",
    "CHILD_KINDS",
    "KINDS",
    "besluittype_input",
    "catalogus_input",
    "create_besluittype",
    "create_catalogus",
    "create_child",
    "create_informatieobjecttype",
    "create_zaaktype",
    "current_input",
    "informatieobjecttype_input",
    "patch_zaaktype",
    "publish_besluittype",
    "publish_informatieobjecttype",
    "publish_zaaktype",
    "zaaktype_input",
]
