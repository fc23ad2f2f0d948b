"""What a route needs, as ``Annotated`` dependencies: the service and the caller (401 and 403 live here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ombudsman.access import Actor
from ombudsman.errors import Forbidden, NotAuthenticated
from ombudsman.service import CaseService
from ombudsman.users import authenticate
from workflows.table import STAFF

bearer = HTTPBearer(auto_error=False, description="a token made by `ombudsman users add`")


# The dependencies that only look (at the app's state, at the caller already known) are ``async``: FastAPI runs
# them on the event loop, where a plain ``def`` would cost a hop through the thread pool on every request. The
# caller's token is checked against the database, so ``current_actor`` stays a ``def``, off the loop.


async def get_service(request: Request) -> CaseService:
    service: CaseService = request.app.state.service
    return service


Service = Annotated[CaseService, Depends(get_service)]


def current_actor(
    service: Service, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Actor:
    """The caller, from ``Authorization: Bearer <token>``: 401 when it is missing, unknown, expired or revoked.

    An expired or revoked token is refused in the very words an unknown one is, so the answer tells a caller
    nothing about which tokens once existed.
    """
    if credentials is None or not credentials.credentials:
        raise NotAuthenticated("Send Authorization: Bearer <token>.")
    actor = authenticate(service.engine, credentials.credentials, service.clock.now())
    if actor is None:
        raise NotAuthenticated("That token is not known, or has expired or been revoked.")
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]


async def staff_actor(actor: CurrentActor) -> Actor:
    """A caseworker or an Ombudsman: 403 for a party."""
    if actor.role not in STAFF:
        raise Forbidden(f"Only ombudsman staff may do this, not a {actor.role_name} user.")
    return actor


StaffActor = Annotated[Actor, Depends(staff_actor)]
