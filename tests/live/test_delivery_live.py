"""The deployed server delivers its letters itself: ``ombudsman serve`` with OMBUDSMAN_SMTP_URL set emails each
letter through a real SMTP server on loopback (aiosmtpd), on the real clock, on both databases."""

from __future__ import annotations

import time
from pathlib import Path

from aiosmtpd.controller import Controller

from ombudsman.clock import SystemClock
from tests.delivery.test_delivery import Mailbox, free_port
from tests.live.server import LiveServer, case_body

WAIT_SECONDS = 30  # how long the test waits for the deliverer's pass (it runs every second here)


def test_the_server_emails_the_acknowledgement_of_a_new_case_once(database_url: str, tmp_path: Path) -> None:
    mailbox, port = Mailbox(), free_port()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    server = LiveServer(
        database_url,
        tmp_path / "server.log",
        settings={"OMBUDSMAN_SMTP_URL": f"smtp://127.0.0.1:{port}", "OMBUDSMAN_DELIVERY_INTERVAL_SECONDS": "1"},
    )
    try:
        server.reset_schema()
        server.launch()
        caseworker = server.add_user("Priya Shah", "caseworker")
        server.wait_until_ready()
        body = case_body(SystemClock().today())
        body["complainant"]["contact_email"] = "ann@example.org"
        with server.client(caseworker) as client:
            reference = client.post("/v1/cases", json=body).json()["reference"]
            deadline = time.monotonic() + WAIT_SECONDS
            while not mailbox.messages and time.monotonic() < deadline:
                time.sleep(0.2)
            assert [message["To"] for message in mailbox.messages] == ["ann@example.org"], server.log_tail()
            assert reference in mailbox.messages[0].get_payload()[0].get_payload(decode=True).decode()  # type: ignore[index,union-attr]
            [letter] = client.get(f"/v1/cases/{reference}").json()["letters"]
            assert (letter["delivery"]["channel"], letter["delivery"]["status"]) == ("email", "sent")
    finally:
        server.stop()
        smtp.stop()
