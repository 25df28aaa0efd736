"""Catalogi API 1.3.3 at /catalogi/api/v1."""

from zaakwerk.core.zgw.component import Component

component = Component("catalogi", "/catalogi/api/v1", "1.3.3", "catalogi-api-1.3.3.yaml")
