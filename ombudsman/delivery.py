"""Delivering the letters: the outbox emailed through SMTP, and the print queue for readers with no email address.

A step writes its letters with their delivery in the same transaction (``ombudsman.letters.produce``): ``queued``
for an email, ``print_queue`` for post. :func:`deliver` sends what is due, in batches, until nothing due is left.

The outbox is a lease, not a flag. A deliverer takes a letter (``sending``) by a conditional update that only one
deliverer can win, committed before anything is sent, recording who took it (host, process id and a random part)
and until when (``delivery_lease_seconds``, longer than the whole send may take). Only the holder records what
happened. A deliverer killed mid-send leaves the letter held until its lease runs out; then any deliverer takes it
again (``attempts`` counts that take too). The server may have accepted the first copy before the kill: the second
carries the same ``Message-ID``, so it is recognisably the same message.

One letter's send (connect, TLS, login, the message) must finish within ``delivery_deadline_seconds``: the socket
is given only what remains before each command, and the connection is cut when the deadline passes. A temporary
failure (a 4xx answer, a network error, the deadline) is queued again after the next back-off; after the last, the
letter is ``failed``. A permanent refusal (a 5xx answer) fails it at once, as does a stored address that is not
one valid email address; either way the reason is recorded for staff. Nothing personal goes into the log: a
failure is logged by letter id and kind of error only.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import secrets
import smtplib
import socket
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from sqlalchemy import Engine, and_, or_, update
from sqlmodel import Session, col, select

from ombudsman.clock import Clock
from ombudsman.models import Case, Letter
from ombudsman.rules.values import sendable_address
from ombudsman.settings import Settings, SmtpServer
from workflows.vocabulary import Channel, DeliveryStatus

log = logging.getLogger("ombudsman.delivery")
BATCH = 100  # letters read from the outbox at a time; a pass goes on batch after batch until none is due
NOT_ONE_ADDRESS = "its email address is not one valid email address: correct the reader's contact details"


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0  # failed for now: queued again after their back-off
    failed: int = 0  # failed for good: staff must reach the reader another way
    overtaken: int = 0  # sent after their lease ran out and another deliverer took them: that one records the outcome
    batches: int = 0


def deliverer_id() -> str:
    """Who takes a letter: this host, this process and a random part (a new one each pass)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(6)}"


def deliver(engine: Engine, clock: Clock, settings: Settings) -> DeliveryReport:
    """Email every letter that is due (queued and past its back-off, or held past its lease), at most once each
    in this pass, batch after batch until none is left; with no SMTP server set, leave them queued."""
    server = settings.smtp_server
    if server is None:
        return DeliveryReport()
    sender = _Sender(server, settings)
    holder = deliverer_id()
    outcomes: Counter[str] = Counter()
    batches = 0
    after = 0
    while batch := _due(engine, clock.now(), after=after):
        batches += 1
        for letter_id in batch:
            outcome = _deliver_one(engine, letter_id, clock=clock, settings=settings, sender=sender, holder=holder)
            if outcome is not None:
                outcomes[outcome] += 1
        after = batch[-1]
    return DeliveryReport(
        sent=outcomes["sent"],
        retrying=outcomes["retrying"],
        failed=outcomes["failed"],
        overtaken=outcomes["overtaken"],
        batches=batches,
    )


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


def _due(engine: Engine, now: datetime, *, after: int) -> list[int]:
    """The next batch of letters due, after the id ``after``: each read from its own partial index."""
    with Session(engine) as session:
        ids = list(
            session.exec(
                select(col(Letter.id)).where(col(Letter.id) > after, _is_due(now)).order_by(col(Letter.id)).limit(BATCH)
            ).all()
        )
        return [letter_id for letter_id in ids if letter_id is not None]


def _is_due(now: datetime) -> Any:
    queued = and_(
        col(Letter.delivery) == DeliveryStatus.queued,
        col(Letter.channel) == Channel.email,
        col(Letter.next_attempt_at) <= now,
    )
    lease_ran_out = and_(col(Letter.delivery) == DeliveryStatus.sending, col(Letter.lease_until) <= now)
    return or_(queued, lease_ran_out)


def _deliver_one(
    engine: Engine, letter_id: int, *, clock: Clock, settings: Settings, sender: _Sender, holder: str
) -> str | None:
    """Take, send and record one letter; what became of it, or None if another deliverer took it first."""
    taken = _take(engine, letter_id, now=clock.now(), holder=holder, lease=settings.delivery_lease_seconds)
    if taken is None:
        return None
    address = _sendable(taken.address)
    if address is None:
        log.warning("letter %s was not delivered: its stored address is not one email address", letter_id)
        return _record_failure(
            engine,
            taken,
            holder=holder,
            now=clock.now(),
            settings=settings,
            failure=_Failure(NOT_ONE_ADDRESS, permanent=True),
        )
    try:
        sender.send(taken, address)
    except Exception as error:  # whatever went wrong, this letter is recorded and the pass goes on
        failure = sender.failure(error)
        log.warning("letter %s was not delivered: %s", letter_id, type(error).__name__)
        return _record_failure(engine, taken, holder=holder, now=clock.now(), settings=settings, failure=failure)
    won = _finish(
        engine, taken, holder=holder, delivery=DeliveryStatus.sent, delivery_at=clock.now(), delivery_error=None
    )
    return "sent" if won else "overtaken"


def _sendable(stored: str | None) -> str | None:
    """The stored address as the mail server is given it, or None where it is not one email address (a row
    written before addresses were checked as they came in may hold a list, a name or a line break)."""
    if stored is None:
        return None
    try:
        return sendable_address(stored)
    except ValueError:
        return None


def _take(engine: Engine, letter_id: int, *, now: datetime, holder: str, lease: int) -> Letter | None:
    """Take a due letter for sending, committed before it is sent; None if another deliverer took it first."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        won = session.execute(
            update(Letter)
            .where(col(Letter.id) == letter_id, _is_due(now))
            .values(
                delivery=DeliveryStatus.sending,
                delivery_at=now,
                attempts=col(Letter.attempts) + 1,
                lease_holder=holder,
                lease_until=now + timedelta(seconds=lease),
            )
        )
        if won.rowcount != 1:  # type: ignore[attr-defined]
            return None
        letter = session.get(Letter, letter_id)
        assert letter is not None
        session.refresh(letter)
        return letter


@dataclass(frozen=True)
class _Failure:
    reason: str  # for staff to read: never the letter
    permanent: bool  # a refusal that will not change: fail the letter now, not after the back-offs


def _record_failure(
    engine: Engine, letter: Letter, *, holder: str, now: datetime, settings: Settings, failure: _Failure
) -> str:
    """Queue the letter again after its next back-off, or mark it failed (permanent, or after the last)."""
    backoff = settings.delivery_backoff_minutes
    if failure.permanent or letter.attempts > len(backoff):
        won = _finish(
            engine,
            letter,
            holder=holder,
            delivery=DeliveryStatus.failed,
            delivery_at=now,
            delivery_error=failure.reason,
        )
        return "failed" if won else "overtaken"
    won = _finish(
        engine,
        letter,
        holder=holder,
        delivery=DeliveryStatus.queued,
        delivery_at=now,
        delivery_error=failure.reason,
        next_attempt_at=now + timedelta(minutes=backoff[letter.attempts - 1]),
    )
    return "retrying" if won else "overtaken"


def _finish(engine: Engine, letter: Letter, *, holder: str, **values: Any) -> bool:
    """Record what became of a letter and end its lease, if this deliverer still holds it; whether it did."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(Letter)
            .where(
                col(Letter.id) == letter.id,
                col(Letter.delivery) == DeliveryStatus.sending,
                col(Letter.lease_holder) == holder,
            )
            .values(lease_holder=None, lease_until=None, **values)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]


# --- one send, within its deadline -------------------------------------------------------------------------------


class DeadlinePassed(TimeoutError):
    """The whole send did not finish within ``delivery_deadline_seconds``."""


class _BoundedSMTP(smtplib.SMTP):
    """SMTP whose every command and answer gets only what remains of one deadline for the whole send."""

    def __init__(self, ends: float, **options: Any) -> None:
        self.ends = ends  # time.monotonic() by when the whole send must be done
        super().__init__(**options)  # no host: it connects when told to

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise DeadlinePassed("the send's deadline passed")
        return left

    def connect(self, host: str = "localhost", port: int = 0, source_address: Any = None) -> tuple[int, bytes]:
        self.timeout = self.remaining()  # the TCP connect and (for smtps) the TLS handshake
        self._host = host  # the name the server's certificate is checked against (smtplib sets it only when built)
        return super().connect(host, port, source_address)

    def send(self, s: Any) -> None:
        self._bound()
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        self._bound()
        return super().getreply()

    def _bound(self) -> None:
        if self.sock is not None:
            self.sock.settimeout(self.remaining())

    def cut(self) -> None:
        """End the connection now, at the deadline, from another thread: a read or write under way fails at once,
        however the server trickles its answer. (The socket's own shutdown, so the TLS object is left alone.)"""
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _BoundedSMTPS(_BoundedSMTP, smtplib.SMTP_SSL):
    """SMTP over TLS from the first byte (smtps), within the same deadline."""


class _Sender:
    """Sends one letter at a time to one SMTP server, each within the deadline."""

    def __init__(self, server: SmtpServer, settings: Settings) -> None:
        self.server = server
        self.deadline = settings.delivery_deadline_seconds
        self.mail_from = settings.mail_from
        # A stable domain, the sender's own: a resent copy has the same Message-ID whichever server relays it.
        self.message_domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
        self.local_hostname = _local_hostname()  # said in EHLO
        # Certificates checked against the system's trust store (SSL_CERT_FILE and SSL_CERT_DIR are honoured).
        self.context = ssl.create_default_context() if server.tls or server.starttls else None
        self.started = 0.0

    def message(self, letter: Letter, address: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.mail_from
        message["To"] = address
        message["Subject"] = _subject(letter)
        message["Message-ID"] = message_id(letter, self.message_domain)
        message.set_content(letter.text)
        message.add_alternative(letter.large_print or letter.html, subtype="html")
        return message

    def send(self, letter: Letter, address: str) -> None:
        message = self.message(letter, address)
        self.started = time.monotonic()
        ends = self.started + self.deadline
        options: dict[str, Any] = {"local_hostname": self.local_hostname}
        smtp = (
            _BoundedSMTPS(ends, context=self.context, **options) if self.server.tls else _BoundedSMTP(ends, **options)
        )
        # Each command gets only what remains of the deadline; a server answering a byte at a time could still
        # stretch one answer past it, so at the deadline the connection is cut whatever is under way.
        watchdog = threading.Timer(self.deadline, smtp.cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            smtp.connect(self.server.host, self.server.port)
            if self.server.starttls:
                smtp.starttls(context=self.context)
            if self.server.user is not None:
                smtp.login(self.server.user, self.server.password or "")
            smtp.send_message(message)
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.quit()  # the message was accepted: a lost goodbye changes nothing
        finally:
            watchdog.cancel()
            smtp.close()

    def failure(self, error: Exception) -> _Failure:
        """Why the send failed, for staff to read, and whether it is for good: never the letter or the password."""
        if time.monotonic() - self.started >= self.deadline or isinstance(error, DeadlinePassed):
            seconds = f"{self.deadline} second{'' if self.deadline == 1 else 's'}"
            return _Failure(f"the mail server did not take it within {seconds}", permanent=False)
        return _failure(error)


@functools.cache
def _local_hostname() -> str:
    """This host's full name, looked up once a process (it may ask DNS), not once a pass of the deliverer."""
    return socket.getfqdn()


def message_id(letter: Letter, domain: str) -> str:
    """The letter's own Message-ID, the same on every attempt."""
    return f"<letter-{letter.id}@{domain}>"


def _failure(error: Exception) -> _Failure:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        code, answer = answers[0] if answers else (550, b"")
        return _Failure(
            f"the mail server refused the address ({code} {_text(answer)})"[:500], permanent=_for_good(code)
        )
    if isinstance(error, smtplib.SMTPAuthenticationError):  # ours to fix, not the letter's: keep it queued
        return _Failure(
            f"the mail server refused our login ({error.smtp_code} {_text(error.smtp_error)})"[:500], permanent=False
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return _Failure(
            f"the mail server refused it ({error.smtp_code} {_text(error.smtp_error)})"[:500],
            permanent=_for_good(error.smtp_code),
        )
    if isinstance(error, ssl.SSLCertVerificationError):
        return _Failure(
            f"the mail server's certificate could not be trusted ({error.verify_message})"[:500], permanent=False
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return _Failure(f"the mail server cannot do what we need ({error})"[:500], permanent=False)
    if isinstance(error, OSError | smtplib.SMTPException):
        return _Failure(f"the mail server could not be reached ({_network_trouble(error)})", permanent=False)
    return _Failure("it could not be sent because of a fault in this service (the log names it)", permanent=False)


def _network_trouble(error: Exception) -> str:
    """What went wrong on the way to the mail server, in plain words."""
    if isinstance(error, ConnectionRefusedError):
        return "nothing answered at its address"
    if isinstance(error, socket.gaierror):
        return "its name was not found"
    if isinstance(error, TimeoutError):
        return "it did not answer in time"
    if isinstance(error, ssl.SSLError):
        return "the secure connection failed"
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError):
        return "it closed the connection"
    return "a network error"


def _for_good(code: int) -> bool:
    """A 5xx answer is a permanent refusal (RFC 5321 4.2.1): sending it again would be refused again."""
    return 500 <= code <= 599


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else answer


def _subject(letter: Letter) -> str:
    title = next((line for line in letter.text.splitlines() if line.isupper() and len(line) > 3), "A letter from us")
    return f"{title.capitalize()} ({letter.kind.replace('_', ' ')})"
