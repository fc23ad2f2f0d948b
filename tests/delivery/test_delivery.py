"""Letters delivered by email through a real SMTP server on loopback (aiosmtpd), and the print queue for post.

Each test walks a case through the real service, so its letters are written to the outbox in the same
transaction as their step; then the deliverer sends what is queued, as ``ombudsman deliver`` and ``serve`` do.
"""

from __future__ import annotations

import asyncio
import socket
from datetime import date, timedelta
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SMTPSession
from sqlmodel import Session, col, select

from ombudsman.clock import FixedClock
from ombudsman.delivery import deliver, mark_printed, print_queue
from ombudsman.models import Letter
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.walk import Walk


class Mailbox:
    """What the SMTP server received, as messages. ``refusing`` makes it answer 451 to every message, ``refused``
    answers 550 to these addresses, and ``delay_seconds`` keeps each message (recorded on arrival) that long before
    answering 250, as a slow server does."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refusing = False
        self.refused: set[str] = set()
        self.delay_seconds = 0.0

    async def handle_RCPT(
        self, server: SMTP, session: SMTPSession, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable: no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: SMTPSession, envelope: Envelope) -> str:
        if self.refusing:
            return "451 Requested action aborted: try again later"
        assert isinstance(envelope.content, bytes)
        self.messages.append(message_from_bytes(envelope.content))
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)
        return "250 OK"

    @property
    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _letters(service: CaseService) -> list[Letter]:
    with Session(service.engine) as session:
        return list(session.exec(select(Letter).order_by(col(Letter.id))).all())


def test_each_queued_letter_is_emailed_once_as_text_with_an_html_alternative(
    service: CaseService, clock: FixedClock, mail_settings: Settings, smtp_server: Controller, mailbox: Mailbox
) -> None:
    walk = Walk(service, clock, date(2026, 11, 2)).to_investigation()
    queued = [letter for letter in _letters(service) if letter.delivery == "queued"]
    assert queued and {letter.channel for letter in queued} == {"email"}

    report = deliver(service.engine, clock, mail_settings)
    assert report.sent == len(queued) == len(mailbox.messages)
    assert deliver(service.engine, clock, mail_settings).sent == 0  # never twice
    assert len(mailbox.messages) == len(queued)

    ids = [message["Message-ID"] for message in mailbox.messages]
    assert len(set(ids)) == len(ids)
    to_ann = next(message for message in mailbox.messages if message["To"] == "ann@example.org")
    assert to_ann.is_multipart()
    assert [part.get_content_type() for part in to_ann.get_payload()] == ["text/plain", "text/html"]  # type: ignore[union-attr]
    assert walk.reference in to_ann.get_payload()[0].get_payload(decode=True).decode()  # type: ignore[index,union-attr]
    for letter in _letters(service):
        if letter.channel == "email":
            assert (letter.delivery, letter.delivery_at, letter.delivery_error) == ("sent", clock.now(), None)
        else:  # the firm gave no email address in these facts
            assert (letter.addressed_to, letter.delivery) == ("respondent", "print_queue")


def test_a_letter_survives_the_mail_server_being_down_and_arrives_once_when_it_is_back(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox, smtp_port: int
) -> None:
    Walk(service, clock, date(2026, 11, 2))  # the acknowledgement, to the complainant
    report = deliver(service.engine, clock, mail_settings)  # nothing listens on the port
    assert (report.sent, report.retrying) == (0, 1)
    [letter] = _letters(service)
    assert letter.delivery == "queued" and letter.attempts == 1
    assert letter.delivery_error == "the mail server could not be reached (nothing answered at its address)"
    assert letter.next_attempt_at == clock.now() + timedelta(minutes=1)

    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert deliver(service.engine, clock, mail_settings).sent == 0  # its back-off has not passed
        clock.set(clock.now() + timedelta(minutes=1))
        assert deliver(service.engine, clock, mail_settings).sent == 1
        assert deliver(service.engine, clock, mail_settings).sent == 0
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1
    [letter] = _letters(service)
    assert (letter.delivery, letter.attempts) == ("sent", 2)


def test_a_letter_the_mail_server_keeps_refusing_is_marked_failed_with_its_reason_after_the_last_back_off(
    service: CaseService, clock: FixedClock, mail_settings: Settings, smtp_server: Controller, mailbox: Mailbox
) -> None:
    mailbox.refusing = True
    Walk(service, clock, date(2026, 11, 2))
    for minutes in (0, *mail_settings.delivery_backoff_minutes):
        clock.set(clock.now() + timedelta(minutes=minutes))
        deliver(service.engine, clock, mail_settings)
    [letter] = _letters(service)
    assert letter.delivery == "failed"
    assert letter.attempts == len(mail_settings.delivery_backoff_minutes) + 1
    assert letter.delivery_error is not None and letter.delivery_error.startswith("the mail server refused it (451")
    assert mailbox.messages == []


def test_with_no_mail_server_set_the_letters_wait_in_the_outbox(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    Walk(service, clock, date(2026, 11, 2))
    assert deliver(service.engine, clock, settings).sent == 0
    assert [letter.delivery for letter in _letters(service)] == ["queued"]


def test_a_reader_with_no_email_address_is_written_to_by_post_from_the_print_queue(
    service: CaseService, clock: FixedClock, mail_settings: Settings, smtp_server: Controller, mailbox: Mailbox
) -> None:
    walk = Walk(
        service,
        clock,
        date(2026, 11, 2),
        complainant={"contact_email": None, "contact_address": "1 High Street, Leeds"},
        respondent={"contact_email": "complaints@example-bank.example"},
    )
    walk.step(CASEWORKER, "start_jurisdiction_check")
    walk.step(CASEWORKER, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    deliver(service.engine, clock, mail_settings)
    posted = [(reference, letter.addressed_to, letter.kind) for reference, letter in print_queue(service.engine)]
    assert posted == [
        (walk.reference, "complainant", "acknowledgement"),
        (walk.reference, "complainant", "jurisdiction_decision"),
    ]
    assert {message["To"] for message in mailbox.messages} == {"complaints@example-bank.example"}
    ids = [letter.id for _, letter in print_queue(service.engine) if letter.id is not None]
    assert mark_printed(service.engine, ids, clock.now()) == 2
    assert print_queue(service.engine) == []
    assert {letter.delivery for letter in _letters(service) if letter.addressed_to == "complainant"} == {"printed"}


def test_the_case_shows_each_letters_delivery(
    service: CaseService, clock: FixedClock, mail_settings: Settings, smtp_server: Controller
) -> None:
    walk = Walk(service, clock, date(2026, 11, 2))
    deliver(service.engine, clock, mail_settings)
    record_letters = service.act(
        CASEWORKER,
        walk.reference,
        "start_jurisdiction_check",
        read=lambda record: [(letter.kind, letter.channel, letter.delivery) for letter in record.letters],
    )
    assert record_letters == [("acknowledgement", "email", "sent")]
