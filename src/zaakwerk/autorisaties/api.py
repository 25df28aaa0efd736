"""Autorisaties API 1.1.0 at /autorisaties/api/v1."""

from zaakwerk.core.zgw.component import Component

component = Component("autorisaties", "/autorisaties/api/v1", "1.1.0", "autorisaties-api-1.1.0.yaml")
