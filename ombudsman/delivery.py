"""Delivering the letters: the outbox emailed through SMTP, and the print queue for readers with no email address.

A step writes its letters with their delivery in the same transaction (``ombudsman.letters.produce``): ``queued``
for an email, ``print_queue`` for post. :func:`deliver` sends what is queued and due. Each letter is first taken
(``sending``) by a conditional update that only one deliverer can win, and committed, before anything is sent; so
several deliverers (one in each ``serve`` worker, and ``ombudsman deliver``) never send one letter twice, and a
deliverer that stops mid-send leaves the letter ``sending`` rather than send it again. A send the SMTP server
refuses, or that cannot reach it, is queued again after the next back-off (settings); after the last, the letter
is ``failed`` and the reason recorded. Nothing personal goes into the log: a failure is logged by letter id only.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from ombudsman.clock import Clock
from ombudsman.models import Case, Letter
from ombudsman.settings import Settings
from workflows.vocabulary import Channel, DeliveryStatus

log = logging.getLogger("ombudsman.delivery")
BATCH = 100
SMTP_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver(engine: Engine, clock: Clock, settings: Settings) -> DeliveryReport:
    """Email every queued letter that is due, once each; with no SMTP server set, leave them queued."""
    if settings.smtp_url is None:
        return DeliveryReport()
    sent = retrying = failed = 0
    for letter_id in _due(engine, clock.now()):
        taken = _take(engine, letter_id, clock.now())
        if taken is None:
            continue  # another deliverer took it
        try:
            _send(taken, settings)
        except (OSError, smtplib.SMTPException) as error:
            if _failed(engine, taken, now=clock.now(), settings=settings, reason=_reason(error)):
                failed += 1
            else:
                retrying += 1
            log.warning("letter %s was not delivered: %s", letter_id, type(error).__name__)
        else:
            _mark(engine, letter_id, DeliveryStatus.sent, now=clock.now(), error=None)
            sent += 1
    return DeliveryReport(sent=sent, retrying=retrying, failed=failed)


def start_deliverer(engine: Engine, clock: Clock, settings: Settings) -> threading.Thread:
    """Deliver the outbox every ``delivery_interval_seconds`` in a background thread (inside ``serve``)."""

    def run() -> None:
        while True:
            try:
                deliver(engine, clock, settings)
            except Exception:  # a database hiccup: try again next time, never stop delivering
                log.exception("the deliverer's pass failed; trying again in %s s", settings.delivery_interval_seconds)
            time.sleep(settings.delivery_interval_seconds)

    thread = threading.Thread(target=run, name="deliverer", daemon=True)
    thread.start()
    return thread


def print_queue(engine: Engine) -> list[tuple[str, Letter]]:
    """The letters waiting to be printed and posted, oldest first, each with its case's reference."""
    with Session(engine) as session:
        rows = session.exec(
            select(Case.reference, Letter)
            .join(Case, col(Case.id) == col(Letter.case_id))
            .where(Letter.delivery == DeliveryStatus.print_queue)
            .order_by(col(Letter.id))
        ).all()
        return [(reference, letter) for reference, letter in rows]


def mark_printed(engine: Engine, letter_ids: list[int], now: datetime) -> int:
    """Record that these letters from the print queue were printed and posted; how many were."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(Letter)
            .where(col(Letter.id).in_(letter_ids), col(Letter.delivery) == DeliveryStatus.print_queue)
            .values(delivery=DeliveryStatus.printed, delivery_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


# --- the steps of one delivery ---------------------------------------------------------------------------------


def _due(engine: Engine, now: datetime) -> list[int]:
    with Session(engine) as session:
        ids = list(
            session.exec(
                select(col(Letter.id))
                .where(
                    Letter.channel == Channel.email,
                    Letter.delivery == DeliveryStatus.queued,
                    col(Letter.next_attempt_at) <= now,
                )
                .order_by(col(Letter.id))
                .limit(BATCH)
            ).all()
        )
        return [letter_id for letter_id in ids if letter_id is not None]


def _take(engine: Engine, letter_id: int, now: datetime) -> Letter | None:
    """Take a queued letter for sending, committed before it is sent; None if another deliverer took it first."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        won = session.execute(
            update(Letter)
            .where(col(Letter.id) == letter_id, col(Letter.delivery) == DeliveryStatus.queued)
            .values(delivery=DeliveryStatus.sending, delivery_at=now, attempts=col(Letter.attempts) + 1)
        )
        if won.rowcount != 1:  # type: ignore[attr-defined]
            return None
        letter = session.get(Letter, letter_id)
        assert letter is not None
        session.refresh(letter)
        return letter


def _send(letter: Letter, settings: Settings) -> None:
    assert settings.smtp_url is not None and letter.address is not None
    target = urlsplit(settings.smtp_url)
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = letter.address
    message["Subject"] = _subject(letter)
    message["Message-ID"] = f"<letter-{letter.id}@{target.hostname}>"
    message.set_content(letter.text)
    message.add_alternative(letter.large_print or letter.html, subtype="html")
    with smtplib.SMTP(target.hostname or "", target.port or 25, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        smtp.send_message(message)


def _subject(letter: Letter) -> str:
    title = next((line for line in letter.text.splitlines() if line.isupper() and len(line) > 3), "A letter from us")
    return f"{title.capitalize()} ({letter.kind.replace('_', ' ')})"


def _failed(engine: Engine, letter: Letter, *, now: datetime, settings: Settings, reason: str) -> bool:
    """Queue the letter again after its next back-off, or mark it failed after the last; True if it failed."""
    backoff = settings.delivery_backoff_minutes
    if letter.attempts > len(backoff):
        _mark(engine, letter.id, DeliveryStatus.failed, now=now, error=reason)
        return True
    with Session(engine) as session, session.begin():
        session.execute(
            update(Letter)
            .where(col(Letter.id) == letter.id)
            .values(
                delivery=DeliveryStatus.queued,
                delivery_at=now,
                delivery_error=reason,
                next_attempt_at=now + timedelta(minutes=backoff[letter.attempts - 1]),
            )
        )
    return False


def _mark(engine: Engine, letter_id: int | None, status: DeliveryStatus, *, now: datetime, error: str | None) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            update(Letter)
            .where(col(Letter.id) == letter_id)
            .values(delivery=status, delivery_at=now, delivery_error=error)
        )


def _reason(error: Exception) -> str:
    """Why a send failed, for staff to read: the kind of failure and the SMTP server's answer, never the letter."""
    if isinstance(error, smtplib.SMTPResponseException):
        answer = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"the mail server refused it ({error.smtp_code} {answer})"[:500]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the mail server refused the address"
    return f"the mail server could not be reached ({type(error).__name__})"
