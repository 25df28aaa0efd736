"""Publishing ZGW notifications through the transactional outbox.

Services call :func:`publish` in the same transaction as the change, so a notification exists exactly when the
change was committed, and survives a Notificaties endpoint or subscriber being down. Delivery is a job handler
registered for :data:`NOTIFICATIE` by the notification delivery code; until it is registered the jobs stay
queued, nothing is lost.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core import clock
from zaakwerk.core.jobs.queue import enqueue, job_values

NOTIFICATIE = "notificatie"

# Limits from the Notificaties API 1.0.1 ``Message`` schema; a message over them would be refused on delivery.
_MAX_LENGTH = {"kanaal": 50, "resource": 100, "actie": 100}
_MAX_KENMERK = 1000


def notificatie_message(
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict[str, str],
) -> dict[str, Any]:
    """The notification body as the Notificaties API 1.0.1 ``Message`` schema has it (camelCase fields)."""
    values = {
        "kanaal": kanaal,
        "hoofdObject": hoofd_object,
        "resource": resource,
        "resourceUrl": resource_url,
        "actie": actie,
    }
    for name, value in values.items():
        if not value:
            raise ValueError(f"Notificatie zonder {name}.")
    for name, limit in _MAX_LENGTH.items():
        if len(values[name]) > limit:
            raise ValueError(f"Notificatie-veld {name} is langer dan {limit} tekens.")
    for name, value in kenmerken.items():
        if not isinstance(value, str) or not value or len(value) > _MAX_KENMERK:
            raise ValueError(f"Kenmerk {name} moet tekst van 1 tot {_MAX_KENMERK} tekens zijn.")
    return {
        **values,
        "aanmaakdatum": clock.now().isoformat().replace("+00:00", "Z"),
        "kenmerken": dict(kenmerken),
    }


def publish(
    session: AsyncSession,
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict[str, str],
) -> None:
    """Queue a notification in the caller's transaction (it is sent after commit, or never if rolled back).

    Notifications about one hoofdObject keep their order: they share the job key ``hoofd_object``.
    """
    message = notificatie_message(
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken,
    )
    enqueue(session, NOTIFICATIE, message, key=hoofd_object)


def notificatie_job(
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict[str, str],
) -> dict[str, Any]:
    """The job row :func:`publish` would add, as column values (for a write that inserts its rows in one statement;
    it must call :func:`~zaakwerk.core.jobs.queue.wake_after_commit`)."""
    message = notificatie_message(
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken,
    )
    return job_values(NOTIFICATIE, message, key=hoofd_object)
