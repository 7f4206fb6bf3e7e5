"""A real SMTP server in the test process: tests read links from the e-mail the platform really sent."""
import re
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class AnyFreePortController(Controller):
    """An SMTP server on the port the system picks when it binds: a port first probed free and bound later could be
    taken in between, by another pytest-xdist worker's server or by anyone else on the machine."""

    def __init__(self, handler, hostname: str) -> None:
        super().__init__(handler, hostname=hostname, port=0)

    def _trigger_server(self) -> None:
        # The server is listening by now: learn its port before aiosmtpd's own first connection to it.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class Mailbox:
    """What an SMTP server on 127.0.0.1 received, as parsed e-mails; `refuse_with` makes it refuse the next ones."""

    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.refuse_with: str | None = None
        self._lock = threading.Lock()
        self.controller = AnyFreePortController(self, hostname="127.0.0.1")

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's handler name)
        message = message_from_bytes(envelope.content, policy=policy.default)
        if self.refuse_with is not None:
            # Some servers quote what they refuse: a test can check the quote reaches no log.
            return f"554 {self.refuse_with} {message.get_body(('plain',)).get_content()!r}"
        with self._lock:
            self.received.append(message)
        return "250 Message accepted for delivery"

    @property
    def settings(self) -> dict:
        return {"MAIL_SERVER": self.controller.hostname, "MAIL_PORT": self.controller.port, "MAIL_USE_TLS": False,
                "MAIL_USERNAME": None}

    def clear(self) -> None:
        with self._lock:
            self.received.clear()
        self.refuse_with = None

    def to(self, address: str) -> list[EmailMessage]:
        """The e-mails received for `address`, oldest first."""
        with self._lock:
            return [m for m in self.received if m["To"] == address]

    def body(self, message: EmailMessage) -> str:
        return message.get_body(("plain",)).get_content()

    def link(self, address: str, prefix: str) -> str:
        """The path of the link starting with `prefix` (e.g. /verify-email/) in the last e-mail to `address`."""
        messages = self.to(address)
        assert messages, f"no e-mail reached {address}"
        body = self.body(messages[-1])
        match = re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"\S+)", body)
        assert match, f"no {prefix} link in:\n{body}"
        return match.group(1)
