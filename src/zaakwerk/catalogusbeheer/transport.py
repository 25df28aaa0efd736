"""Catalogus export and import in the readable YAML exchange format (``docs/catalogus-yaml.md``).

Both go through the Catalogi service layer only: the export reads each type in the services' input shape, the
import creates and publishes through the same service functions the API uses, so every ztc rule applies. The
import first checks the whole file (:mod:`._controle`), then writes in the caller's unit of work; each object is
written under a savepoint so a rule that fails is reported with its place and the rest is still checked. On any
problem :class:`ImportFailed` is raised, which rolls the caller's unit of work back: nothing is written.
"""

from __future__ import annotations

from zaakwerk.catalogusbeheer._export import export_catalogus, parts
from zaakwerk.catalogusbeheer._formaat import FORMAT, Problem
from zaakwerk.catalogusbeheer._import import ImportFailed, ImportReport, Progress, import_catalogus
from zaakwerk.catalogusbeheer._yaml import dump_yaml, load_yaml

__all__ = [
    "FORMAT",
    "ImportFailed",
    "ImportReport",
    "Problem",
    "Progress",
    "dump_yaml",
    "export_catalogus",
    "import_catalogus",
    "load_yaml",
    "parts",
]
