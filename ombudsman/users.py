"""Users and their bearer tokens. A token is shown once, when made; only its SHA-256 hash is stored.

A token works until it expires (90 days after it is made unless told otherwise) or until its user is revoked,
whichever comes first. After that it is refused exactly as an unknown token is, so a caller learns nothing
about which tokens once existed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ombudsman.access import Actor
from ombudsman.clock import Clock
from ombudsman.db import reading, transaction
from ombudsman.errors import InvalidInput, NotFound
from ombudsman.models import MAX_ROW_ID, Case, User, UserCase
from ombudsman.rules.values import frn as check_frn
from ombudsman.rules.values import printable
from workflows.table import Role

DEFAULT_EXPIRY_DAYS = 90
MIN_EXPIRY_DAYS = 1
MAX_EXPIRY_DAYS = 3650  # ten years: a token that never expires is not on offer
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class UserRow:
    """A user as listed: who they are and when their token stops working. Never the token, never its hash."""

    id: int
    name: str
    role: Role
    frn: str | None
    cases: tuple[str, ...]  # a complainant's own case references
    expires_at: datetime
    revoked_at: datetime | None

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _checked_name(name: str) -> str:
    """A user's name: one line of 1 to 200 characters, with no control characters."""
    if any(character in name for character in "\t\n\r"):
        raise InvalidInput.field("name", "must be one line: no tabs or line breaks")
    try:
        printable(name)
    except ValueError as error:
        raise InvalidInput.field("name", str(error).removesuffix("; line breaks and tabs are fine")) from None
    if not name.strip():
        raise InvalidInput.field("name", "must not be blank")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput.field("name", f"must be at most {MAX_NAME_LENGTH} characters (it is {len(name)})")
    return name


def add_user(
    engine: Engine,
    clock: Clock,
    name: str,
    *,
    role: Role,
    frn: str | None = None,
    cases: list[str] | None = None,
    expires_in_days: int = DEFAULT_EXPIRY_DAYS,
) -> str:
    """Make a user and return their token (the only time it is ever seen); it expires after ``expires_in_days``."""
    _checked_name(name)
    cases = list(dict.fromkeys(cases or []))  # the same case given twice binds the user to it once
    if role is Role.firm and not frn:
        raise InvalidInput.field("frn", "a firm user is bound to one firm: give its firm reference number")
    if role is not Role.firm and frn:
        raise InvalidInput.field("frn", "only firm users are bound to a firm")
    if frn is not None:
        try:
            check_frn(frn)
        except ValueError as error:
            raise InvalidInput.field("frn", str(error)) from None
    if role is Role.complainant and not cases:
        raise InvalidInput.field("case", "a complainant user needs at least one case of their own")
    if role is not Role.complainant and cases:
        raise InvalidInput.field("case", "only complainant users are bound to cases")
    if not MIN_EXPIRY_DAYS <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise InvalidInput.field(
            "expires_in", f"must be from {MIN_EXPIRY_DAYS} to {MAX_EXPIRY_DAYS} days, not {expires_in_days}"
        )
    token = secrets.token_urlsafe(32)
    now = clock.now()
    with transaction(engine) as session:
        user = User(
            name=name,
            role=role,
            frn=frn,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=expires_in_days),
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        for reference in cases:
            case = session.exec(select(Case).where(Case.reference == reference)).first()
            if case is None or case.id is None:
                raise InvalidInput.field("case", f"there is no case {reference}")
            session.add(UserCase(user_id=user.id, case_id=case.id))
    return token


def authenticate(engine: Engine, token: str, now: datetime) -> Actor | None:
    """The user a bearer token belongs to as of ``now``, or None when it is unknown, expired or revoked.

    The stored hash is compared in constant time. A token is refused from the instant it expires.
    """
    with reading(engine) as session:
        return actor_for_hash(session, token_hash(token), now)


def actor_for_hash(session: Session, wanted: str, now: datetime) -> Actor | None:
    """The user whose token has this hash, as of ``now``: what a bearer token and a signed-in page both rest on."""
    if now.tzinfo is None:
        raise ValueError("authenticate needs a timezone-aware time")
    user = session.exec(select(User).where(User.token_hash == wanted)).first()
    if user is None or not hmac.compare_digest(user.token_hash, wanted):
        return None
    if user.revoked_at is not None or now >= user.expires_at:
        return None
    case_ids = session.exec(select(UserCase.case_id).where(UserCase.user_id == user.id)).all()
    return Actor(user.name, Role(user.role), user.id, user.frn, frozenset(case_ids))


def _row(session: Session, user: User) -> UserRow:
    assert user.id is not None
    references = session.exec(
        select(Case.reference)
        .join(UserCase, col(UserCase.case_id) == col(Case.id))
        .where(UserCase.user_id == user.id)
        .order_by(col(Case.reference))
    ).all()
    return UserRow(
        id=user.id,
        name=user.name,
        role=Role(user.role),
        frn=user.frn,
        cases=tuple(references),
        expires_at=user.expires_at,
        revoked_at=user.revoked_at,
    )


def list_users(engine: Engine) -> list[UserRow]:
    """Every user, oldest first, with their cases, expiry and revocation."""
    with reading(engine) as session:
        users = session.exec(select(User).order_by(col(User.id))).all()
        return [_row(session, user) for user in users]


def revoke_user(engine: Engine, clock: Clock, name_or_id: str) -> UserRow:
    """Stop a user's token working, from now on: by their id, or by their exact name when only one has it.

    A number is always read as an id, so every user can be revoked by id whatever their name. A name is matched
    among the users not yet revoked (so revoking a leaked token, adding the user again and later revoking them
    by name works); a name several of them share is refused with their ids, so the right one can be named.
    Revoking a user already revoked changes nothing: their row is returned with the time they were first revoked.
    """
    with transaction(engine) as session:
        if name_or_id.isascii() and name_or_id.isdigit():
            user_id = int(name_or_id)
            by_id = session.get(User, user_id) if user_id <= MAX_ROW_ID else None
            if by_id is None:
                raise NotFound(f"there is no user with the id {name_or_id} (a number is read as an id)")
            found = [by_id]
        else:
            found = list(session.exec(select(User).where(User.name == name_or_id).order_by(col(User.id))).all())
            live = [user for user in found if user.revoked_at is None]
            found = live or found  # a user revoked before and added again is named by their new, live token
        if not found:
            raise NotFound(f"there is no user named {name_or_id!r}")
        if len(found) > 1:
            ids = ", ".join(f"{user.id} ({user.role})" for user in found)
            raise InvalidInput.field(
                "user", f"{len(found)} users are named {name_or_id!r}: revoke one of them by id: {ids}"
            )
        user = found[0]
        if user.revoked_at is None:
            user.revoked_at = clock.now()
            session.add(user)
            session.flush()
        return _row(session, user)
