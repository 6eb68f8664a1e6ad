"""Mail and calendar exports made up for tests, benchmarks and the README: nobody's real mail.

As a command, it writes a small mailbox, a calendar and an address book for the people of a vault
(by default sample_vault), as of a day:

    python benchmarks/make_exports.py --vault sample_vault --out exports --today 2026-11-25

then, on a copy of the vault: `vaultnet import exports/addresses.vcf --update` gives the people
their `email` (the sample's notes have none), and `vaultnet import mail exports/mail.mbox --me
sam.rivera@example.org` and `vaultnet import calendar exports/calendar.ics` read the rest.

As a module, it builds messages (`Mail`), mbox files (mboxrd, LF or CRLF), Maildirs and .ics files.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path

ME = ("Sam Rivera", "sam.rivera@example.org")


@dataclass(frozen=True)
class Mail:
    """One message: the headers that matter, and a body (which an import must never read)."""

    sender: tuple[str, str]
    to: tuple[tuple[str, str], ...]
    subject: str
    when: datetime
    message_id: str
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    cc: tuple[tuple[str, str], ...] = ()
    body: str = "Hello,\n\nsee below.\n\nFrom the desk of nobody: this line must be escaped.\n"
    extra: tuple[tuple[str, str], ...] = ()  # more headers: List-Id, X-Gmail-Labels, …
    date_header: str | None = None  # as written, instead of `when` ("" for none)

    def as_bytes(self, crlf: bool = False) -> bytes:
        """The message as an RFC 5322 file: names and subject RFC 2047-encoded when not ASCII."""
        lines = [f"From: {_address(self.sender)}",
                 f"To: {', '.join(_address(a) for a in self.to)}"]
        if self.cc:
            lines.append(f"Cc: {', '.join(_address(a) for a in self.cc)}")
        lines.append(f"Subject: {_encoded(self.subject)}")
        date_header = format_datetime(self.when) if self.date_header is None else self.date_header
        if date_header:
            lines.append(f"Date: {date_header}")
        if self.message_id:
            lines.append(f"Message-ID: <{self.message_id}>")
        if self.in_reply_to:
            lines.append(f"In-Reply-To: <{self.in_reply_to}>")
        if self.references:
            lines.append("References: " + "\n ".join(f"<{r}>" for r in self.references))
        lines += [f"{name}: {value}" for name, value in self.extra]
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ""]
        text = "\n".join(lines) + "\n" + self.body
        return text.replace("\n", "\r\n").encode() if crlf else text.encode()


def _encoded(text: str) -> str:
    return text if text.isascii() else Header(text, "utf-8").encode()


def _address(pair: tuple[str, str]) -> str:
    return formataddr(pair, charset="utf-8")


def mbox_bytes(messages: Iterable[Mail], crlf: bool = False) -> bytes:
    """An mboxrd file: a `From ` line before each message, body lines starting with `From `
    (after any `>`) escaped with one more `>`, a blank line after each message."""
    out = bytearray()
    eol = b"\r\n" if crlf else b"\n"
    for mail in messages:
        stamp = mail.when.astimezone(UTC).strftime("%a %b %d %H:%M:%S %Y")
        out += f"From {mail.sender[1]} {stamp}".encode() + eol
        for line in mail.as_bytes(crlf).splitlines(keepends=True):
            if line.lstrip(b">").startswith(b"From "):
                line = b">" + line
            out += line
        out += eol
    return bytes(out)


def write_maildir(folder: Path, messages: Iterable[Mail]) -> None:
    """A Maildir: cur/, new/ and tmp/, one file per message, named by its delivery time."""
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for number, mail in enumerate(messages):
        name = f"{int(mail.when.timestamp())}.M{number}P1.example:2,S"
        (folder / "cur" / name).write_bytes(mail.as_bytes())


@dataclass(frozen=True)
class Meeting:
    """A calendar event with attendees."""

    summary: str
    start: datetime | date
    attendees: tuple[tuple[str, str], ...]
    uid: str
    status: str = "CONFIRMED"
    declined: tuple[str, ...] = ()  # addresses that declined
    rrule: str = ""
    exdates: tuple[datetime, ...] = ()
    extra: tuple[str, ...] = field(default=())


def ics_bytes(meetings: Iterable[Meeting], organizer: tuple[str, str] = ME) -> bytes:
    """An iCalendar file as Google Calendar exports one (UTC times, `mailto:` attendees)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN"]
    for m in meetings:
        lines += ["BEGIN:VEVENT", f"UID:{m.uid}", f"SUMMARY:{m.summary}", f"STATUS:{m.status}",
                  "DTSTAMP:20260101T000000Z", _when("DTSTART", m.start),
                  f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}"]
        for name, address in m.attendees:
            state = "DECLINED" if address in m.declined else "ACCEPTED"
            lines.append(f"ATTENDEE;CN={name};PARTSTAT={state}:mailto:{address}")
        if m.rrule:
            lines.append(f"RRULE:{m.rrule}")
        lines += [_when("EXDATE", d) for d in m.exdates]
        lines += [*m.extra, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def _when(name: str, value: datetime | date) -> str:
    if isinstance(value, datetime):
        return f"{name}:{value.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"
    return f"{name};VALUE=DATE:{value.strftime('%Y%m%d')}"


def address_of(name: str) -> str:
    """A made-up address for a name: `Tomás Herrera` is tomas.herrera@example.org."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(plain.casefold().split()) + "@example.org"


# -- the small exports for a vault ---------------------------------------------------------------


def story(names: set[str], today: date) -> tuple[list[Mail], list[Meeting]]:
    """A week of mail and meetings with the sample vault's people (those of them `names` has)."""

    def who(name: str) -> tuple[str, str]:
        return (name, address_of(name))

    def at(days_ago: int, hour: int) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(hour, 0), tzinfo=UTC)

    mails: list[Mail] = []
    if "Priya Natarajan" in names:  # a question not answered yet: a reply is owed
        question = Mail(who("Priya Natarajan"), (ME,), "Question about the dataset", at(5, 9),
                        "q1@mail.example.org")
        mails += [question, question]  # a copy in two folders (Gmail's labels): counted once
    if "Aisha Khan" in names:  # she wrote, you answered the same day
        mails += [Mail(who("Aisha Khan"), (ME,), "Fellowship deadlines", at(2, 8),
                       "f1@mail.example.org"),
                  Mail(ME, (who("Aisha Khan"),), "Re: Fellowship deadlines", at(2, 17),
                       "f2@example.org", "f1@mail.example.org", ("f1@mail.example.org",))]
    if "Sofia Moreau" in names:  # she answers the outreach her note logs already
        mails += [Mail(ME, (who("Sofia Moreau"),), "Open data portal", at(7, 10),
                       "o1@example.org"),
                  Mail(who("Sofia Moreau"), (ME,), "RE: Open data portal", at(1, 15),
                       "o2@mail.example.org", "o1@example.org", ("o1@example.org",))]
    if "Kwame Mensah" in names:  # a first message, no answer yet
        mails.append(Mail(ME, (who("Kwame Mensah"),), "Transit delay dashboard", at(1, 11),
                          "k1@example.org"))
    stranger = ("Jörg Schmidt", "joerg@transitlab.example")  # nobody in the vault, twice
    mails += [Mail(stranger, (ME,), "Bus network redesign", at(4, 12), "j1@transitlab.example"),
              Mail(ME, (stranger,), "Re: Bus network redesign", at(3, 9), "j2@example.org",
                   "j1@transitlab.example", ("j1@transitlab.example",))]
    mails += [Mail(("Civic Tech Weekly", "news@civictech.example"), (ME,), "This week in civic tech",
                   at(1, 6), "n1@civictech.example", extra=(("List-Id", "<weekly.civictech>"),)),
              Mail(("Calendar", "no-reply@calendar.example"), (ME,), "Reminder", at(1, 7),
                   "r1@calendar.example", extra=(("Auto-Submitted", "auto-generated"),))]
    mails.sort(key=lambda m: m.when)
    meetings = []
    attending = tuple(who(n) for n in ("Marcus Bell", "Lena Fischer") if n in names)
    if attending:
        meetings.append(Meeting("Policy workshop debrief", at(3, 16), attending, "m1@example.org"))
    if "Rosa Martinez" in names:
        meetings.append(Meeting("Coffee", at(2, 9), (who("Rosa Martinez"),), "m2@example.org",
                                status="CANCELLED"))
    if "Kenji Watanabe" in names:
        meetings.append(Meeting("Intro call", at(-3, 14), (who("Kenji Watanabe"),),
                                "m3@example.org"))
    return mails, meetings


def vcard_bytes(names: Iterable[str]) -> bytes:
    """A vCard per person with the made-up address: `vaultnet import --update` fills `email`."""
    cards = [f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{n}\r\nEMAIL:{address_of(n)}\r\nEND:VCARD\r\n"
             for n in sorted(names)]
    return "".join(cards).encode()


def write_exports(vault: Path, out: Path, today: date) -> list[Path]:
    """Write mail.mbox, calendar.ics and addresses.vcf for the people of `vault` into `out`."""
    from vaultnet.pipeline.sync import load

    names = {p.name for p in load(vault, today).index.people}
    mails, meetings = story(names, today)
    out.mkdir(parents=True, exist_ok=True)
    # The address book holds the people the mail and the meetings are with: what an import needs.
    used = {pair[1] for m in mails for pair in (m.sender, *m.to, *m.cc)}
    used |= {address for meeting in meetings for _, address in meeting.attendees}
    files = {"mail.mbox": mbox_bytes(mails), "calendar.ics": ics_bytes(meetings),
             "addresses.vcf": vcard_bytes(n for n in names if address_of(n) in used)}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return [out / name for name in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vault", type=Path, default=Path("sample_vault"))
    parser.add_argument("--out", type=Path, default=Path("exports"))
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    for path in write_exports(args.vault, args.out, args.today):
        print(f"wrote {path}")
    print(f"your address in these exports: {ME[1]}")


if __name__ == "__main__":
    main()
