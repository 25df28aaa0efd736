"""Referentielijsten API 0.6.0 at /referentielijsten/api/v1."""

from zaakwerk.core.zgw.component import Component

component = Component("referentielijsten", "/referentielijsten/api/v1", "0.6.0", "referentielijsten-api-0.6.0.yaml")
