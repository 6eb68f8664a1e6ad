"""`vaultnet import mail`: interactions from a mailbox export, read from its headers alone.

An mbox file (Gmail Takeout's, Thunderbird's, Apple Mail's `Name.mbox/mbox`), a folder of them, or
a Maildir (Maildir++ subfolders and Apple's `.emlx` files too). The file is read in chunks: each
message's header block is handed to the standard library's header parser, and its body is skipped
at C speed, up to the next `From ` line (a body line that starts with `From ` is escaped as `>From `
by mboxrd writers, and is never a separator). So a mailbox of any size streams in bounded memory,
and no body is ever read into memory, let alone into the vault.

Conversations are threaded by Message-ID, In-Reply-To and References, and by subject (without its
Re:, Fwd:, AW: …) and participants where those are missing or point outside the export. Then each
message is a kind of interaction with the people of the vault it concerns (PRODUCT.md, *Interactions
without typing*): your message that answers none of theirs is `outreach`, your answer to theirs is a
plain `email`, their answer to yours is a `reply`, and theirs that answers none of yours is
`received`.

A message that names the one it answers (In-Reply-To, References) when this import holds neither
that one nor an earlier one of its subject (the Inbox imported alone, then Sent; a newer export
that starts after the message answered) is read by what the person's note holds before its day:
yours, after your `#outreach` still unanswered, is a follow-up (`outreach`), and theirs, after
their `#received` still owed a reply, is theirs followed up (`received`); else it answers the
other side's mail (a plain `email` from you, a `reply` from them), as nearly every answer does.
So the Inbox and Sent imported one after the other, in either order, or an export and then a
newer one that overlaps it, give the kinds that one import of them all gives.

Mailing lists, no-reply senders, automatic and bulk mail, spam and unsent drafts are nobody's:
spam by its headers (Gmail's label, a filter's `X-Spam-Flag` or `X-Spam-Status`), a draft by its
headers (Gmail's label, Thunderbird's and Apple Mail's) or its Maildir flag (`D`), and either by
the folder it is in (`Drafts`, `Outbox`, `Junk`, `Spam`, Maildir++'s `.Drafts`, Thunderbird's
`[Gmail].sbd/Drafts`, Apple Mail's `Drafts.mbox`, and a few languages' names for them).
"""

from __future__ import annotations

import base64
import binascii
import operator
import os
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem, after_the_last_without
from vaultnet.base.text import nfc
from vaultnet.parse.dated_names import MONTH_NUMBERS
from vaultnet.sources.interaction_import import (
    AddressBook,
    ImportReport,
    Sighting,
    count_stranger,
    display_name,
    line_text,
    normal_address,
)

CHUNK = 1 << 20  # bytes read at a time
MAX_HEADER = 256 * 1024  # a header block longer than this is a broken message
SEPARATOR = b"\nFrom "
BOM = b"\xef\xbb\xbf"  # (a UTF-8 byte order mark some programs write first)
PROGRESS_BYTES = 16 * CHUNK  # mailboxes smaller than this are read without a progress bar
Progress = Callable[[int, int], None]  # (bytes done, bytes in all)

_PARSER = BytesHeaderParser(policy=compat32)
_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_REPLY = re.compile(r"^\s*(?:(?:re|aw|sv|vs|antw|réf|ref|fwd?|wg|tr|rv)(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
                    re.IGNORECASE)
_ANSWER = re.compile(r"^\s*(?:re|aw|sv|vs|antw|réf|ref)(?:\[\d+\]|\(\d+\))?\s*[:：]", re.IGNORECASE)
_ATOMS = r'[^<>@\s,;:"()\\\[\]]+@[^<>@\s,;:"()\\\[\]]+'
_SIMPLE = re.compile(rf'(?:"([^"\\]*)"|([^"<>,;:@()\\\[\]]*?)) ?<({_ATOMS})>|({_ATOMS})')
_IDS = re.compile(r"<([^<>\s]+)>")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*<([^<>\s]{1,200})>", re.IGNORECASE | re.MULTILINE)
_FROM_DATE = re.compile(r"([A-Z][a-z]{2}) +(\d{1,2}) +(\d{1,2}):(\d{2})(?::(\d{2}))?\b.*?(\d{4})\s*$")
_NOBODY = re.compile(r"(?:^|[._+-])(?:no[-_]?reply|do[-_]?not[-_]?reply|mailer-daemon|postmaster|"
                     r"bounces?)(?:$|[._+-])", re.IGNORECASE)
YEARS = range(1900, 2200)  # a date outside them is a typo or junk, never when mail was sent
# A number standing alone in a Date header: not part of a time (10:00, 10.00) or a zone (+0100),
# but after a month in RFC 850's `01-Jan-99`. The second is the year, after the day.
_NUMBER = re.compile(r"(?:(?<![\w:.+-])|(?<=[A-Za-z]-))\d+(?![\w:.])")
# Folders of mail nobody sent or nobody wrote to you, as mail programs name them in a few languages
# (casefolded): unsent drafts, the outbox of mail not sent yet, and junk.
DRAFT_FOLDERS = frozenset({"drafts", "draft", "entwürfe", "brouillons", "borradores", "bozze",
                           "concepten", "rascunhos", "utkast", "kladder"})
OUTBOX_FOLDERS = frozenset({"outbox", "unsent messages", "postausgang", "boîte d'envoi",
                            "bandeja de salida", "posta in uscita", "postvak uit"})
JUNK_FOLDERS = frozenset({"junk", "spam", "junk e-mail", "junk email", "junk-e-mail", "bulk mail",
                          "courrier indésirable", "correo no deseado", "posta indesiderata",
                          "ongewenste e-mail", "skräppost", "lixo eletrônico"})
NOBODYS_FOLDERS = DRAFT_FOLDERS | OUTBOX_FOLDERS | JUNK_FOLDERS
_MAILDIR_FLAGS = re.compile(r"[:;!]2,([A-Za-z]*)$")  # `…:2,DS`: D is a draft (`;` and `!` on Windows)
_IMAP_UTF7 = re.compile(r"&([A-Za-z0-9+,]*)-")  # a folder name as Dovecot writes it: `Entw&APw-rfe`
_WANTED = {"from", "to", "cc", "bcc", "date", "subject", "message-id", "in-reply-to", "references",
           "list-id", "precedence", "auto-submitted", "x-gmail-labels", "x-mozilla-draft-info",
           "x-uniform-type-identifier", "x-spam-flag", "x-spam-status"}


class Broken(Exception):
    """A message whose headers cannot be read: counted and skipped."""


TOO_LONG = "its headers are too long to be headers"
CUT_OFF = "the file ends inside its headers"


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    address: str  # as compared (`normal_address`)


@dataclass(frozen=True, slots=True)
class Message:
    """What vaultnet reads of a message: its headers, decoded."""

    sender: Address | None
    recipients: tuple[Address, ...]  # To, Cc and Bcc
    when: datetime | None  # aware
    subject: str
    message_id: str
    parents: tuple[str, ...]  # In-Reply-To, then References from the nearest
    bulk: bool


# -- reading the files ---------------------------------------------------------------------------


def mbox_messages(stream: BinaryIO, moved: Callable[[int], None] | None = None,
                  ) -> Iterator[tuple[bytes, bytes | Broken]]:
    """Each message of an mbox as (its `From ` line, its header block, or Broken when the block is
    too long to be one or the file ends inside it, in its last line); `moved(n)` is told how many
    bytes of the file lie before each message."""
    buf = stream.read(CHUNK)
    while 0 < len(buf) < len(SEPARATOR) and (more := stream.read(CHUNK)):
        buf += more  # enough to tell whether the file starts with a message
    eof = not buf
    dropped = len(BOM) if buf.startswith(BOM) else 0  # bytes of the file before `buf`
    buf = buf[dropped:]
    pos = 0  # where the message being read starts in `buf`
    skip_from: int | None = None if buf.startswith(b"From ") else 0  # a body (or junk) to skip
    while True:
        if skip_from is not None:
            pos, buf, dropped, eof = _skip(stream, buf, dropped, eof, skip_from)
            if pos < 0:
                return
            skip_from = None
        if moved is not None:
            moved(dropped + pos)
        while True:  # until the header block is in `buf`, is too long, or the file ends
            limit = min(len(buf), pos + MAX_HEADER)
            nl = buf.find(b"\n", pos, limit)
            blank = _blank_line(buf, nl, limit) if nl >= 0 else None
            sep = buf.find(SEPARATOR, nl, blank[0] if blank else limit) if nl >= 0 else -1
            if blank or sep >= 0 or eof or limit == pos + MAX_HEADER:
                break
            more = stream.read(CHUNK)
            buf, dropped, pos, eof = buf[pos:] + more, dropped + pos, 0, not more
        if nl < 0:  # a `From ` line without an end
            yield buf[pos:limit], Broken(CUT_OFF if eof and limit == len(buf) else TOO_LONG)
            skip_from = limit
        elif sep >= 0:  # headers and no body: the next message starts at once
            yield buf[pos:nl], buf[nl + 1:sep + 1]
            pos = sep + 1
        elif blank is not None:
            yield buf[pos:nl], buf[nl + 1:blank[0] + 1]
            skip_from = blank[1] - 1  # (the body may be empty: a `From ` line right after)
        elif eof:  # (a last line without its end: the copy or download was cut off)
            yield buf[pos:nl], buf[nl + 1:] if buf.endswith(b"\n") else Broken(CUT_OFF)
            return
        else:
            yield buf[pos:nl], Broken(TOO_LONG)
            skip_from = nl


def _skip(stream: BinaryIO, buf: bytes, dropped: int, eof: bool,
          start: int) -> tuple[int, bytes, int, bool]:
    """Find the next `From ` line from `start`, reading on as needed: its position in the
    (possibly new) buffer, or -1 at the end of the file."""
    while True:
        found = buf.find(SEPARATOR, start)
        if found >= 0:
            return found + 1, buf, dropped, eof
        if eof:
            return -1, buf, dropped, eof
        keep = min(len(buf), len(SEPARATOR) - 1)
        more = stream.read(CHUNK)
        dropped += len(buf) - keep
        buf, start, eof = buf[len(buf) - keep:] + more, 0, not more


def _blank_line(buf: bytes, nl: int, limit: int) -> tuple[int, int] | None:
    """The header block's last newline and where the body starts, searching from the `From `
    line's end `nl` (LF or CRLF endings)."""
    lf = buf.find(b"\n\n", nl, limit)
    crlf = buf.find(b"\n\r\n", nl, lf if lf >= 0 else limit)
    if crlf >= 0:
        return crlf, crlf + 3
    return (lf, lf + 2) if lf >= 0 else None


def message_headers(path: Path) -> bytes | Broken:
    """The header block of a one-message file (Maildir, .emlx), or Broken when it is too long."""
    with open(path, "rb") as stream:
        data = b""
        if path.suffix.casefold() == ".emlx":  # Apple Mail: a line with the length comes first
            stream.readline(64)
        while len(data) < MAX_HEADER:
            more = stream.read(16 * 1024)
            data += more
            blank = _blank_line(b"\n" + data, 0, len(data) + 1)
            if blank is not None:
                return data[:blank[0]]
            if not more:
                return data
    return Broken(TOO_LONG)


def mail_sources(path: Path) -> list[tuple[str, Path]]:
    """The mailboxes at `path`, sorted: ("mbox", file) and ("message", file) for Maildir and
    .emlx messages. An error naming `path` when it holds none."""
    if path.is_file():
        if not _is_mbox(path):
            raise VaultnetError(f"{path}: not an mbox file (it does not start with a `From ` line); "
                                "give an mbox file, a folder of them or a Maildir")
        return [("mbox", path)]
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(path):
        dirs.sort()
        here = Path(folder)
        maildir = _maildir(here, dirs)
        if maildir:  # a Maildir: its messages are in cur/ and new/
            for sub in maildir:
                found += [("message", here / sub / name)
                          for name in sorted(os.listdir(here / sub))
                          if not name.startswith(".") and (here / sub / name).is_file()]
            dirs[:] = [d for d in dirs if d not in ("cur", "new", "tmp")]
        for name in sorted(files):
            file = here / name
            if not file.is_file():  # a FIFO would hang the read, a device never end
                continue
            if name.casefold().endswith(".emlx"):
                found.append(("message", file))
            elif not name.startswith(".") and _is_mbox(file):
                found.append(("mbox", file))
    if not found:
        raise VaultnetError(f"{path}: holds no mailbox (no mbox file, no Maildir with cur/ or new/, "
                            "no .emlx messages)")
    return found


def _maildir(here: Path, dirs: list[str]) -> list[str]:
    """The folders of messages of a Maildir at `here`, whose folders are `dirs`: cur/ and new/,
    or the one of them a copy kept (git, and some zip and sync tools, keep no empty folder) when
    it holds messages: a folder of mboxes that happens to be named `new` is no Maildir's."""
    found = sorted({"cur", "new"} & set(dirs))
    if len(found) == 1 and any(_is_mbox(file, empty=False) for file in _files(here / found[0])):
        return []
    return found


def _files(folder: Path) -> Iterator[Path]:
    """The files of `folder`, by name (none if it cannot be listed)."""
    try:
        names = sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError:
        return
    yield from (file for name in names if (file := folder / name).is_file())


def in_nobodys_folder(file: Path, top: Path) -> bool:
    """Whether the mailbox `file`, found at or under `top`, is a folder of drafts, of mail not
    sent yet or of junk, or inside one (only the folders from `top` on count: not those the
    export was put in)."""
    return any(piece in NOBODYS_FOLDERS for part in file.parts[max(len(top.parts) - 1, 0):]
               for piece in _folder_name(part).split("."))  # (Maildir++: `.INBOX.Drafts`)


def _folder_name(part: str) -> str:
    """A folder's name as compared: IMAP's UTF-7 decoded, NFC (macOS writes names decomposed),
    case-folded, without Apple Mail's `.mbox` or Thunderbird's `.sbd`."""
    if "&" in part:
        part = _IMAP_UTF7.sub(_utf7_word, part)
    name = nfc(part).casefold()
    return name.removesuffix(".mbox").removesuffix(".sbd")


def _utf7_word(found: re.Match[str]) -> str:
    if not found[1]:
        return "&"
    data = found[1].replace(",", "/")
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4)).decode("utf-16-be")
    except (binascii.Error, UnicodeDecodeError):
        return found[0]


def maildir_draft(file: Path) -> bool:
    """Whether a Maildir message's file name flags it a draft (`1732527600.M1P2.host:2,DS`)."""
    flags = _MAILDIR_FLAGS.search(file.name)
    return flags is not None and "D" in flags[1]


def _is_mbox(path: Path, empty: bool = True) -> bool:
    """Whether `path` starts with a `From ` line, after blank lines or a byte order mark if any
    (which `mbox_messages` skips, as Python's mailbox does), or is empty (an empty folder's mbox,
    unless not `empty`)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096).removeprefix(BOM).lstrip(b" \t\r\n")
    except OSError:
        return False
    return head[:5] == b"From " or (empty and not head)


# -- reading headers -----------------------------------------------------------------------------


def parse_message(block: bytes, from_line: bytes = b"", fallback: datetime | None = None) -> Message:
    """A message's headers, decoded: RFC 2047 words, raw UTF-8 (else Latin-1), folded lines, any
    number of addresses. A missing or unreadable `Date` falls back to the mbox `From ` line, then
    to `fallback`. Raises Broken when there is no sender."""
    headers: dict[str, list[str]] = defaultdict(list)
    for name, value in _PARSER.parsebytes(block).raw_items() if block else ():
        lower = name.casefold()
        if lower in _WANTED:
            headers[lower].append(_unicode(value) if not value.isascii() else value)
    senders = _addresses(headers.get("from", []))
    if not senders:
        raise Broken("it has no sender (no From: header with an address)")
    bulk = _is_bulk(headers, senders[0])  # nobody's: its recipients are not read
    recipients = () if bulk else _addresses(headers["to"] + headers["cc"] + headers["bcc"])
    ids = _ids(" ".join(headers.get("message-id", [])))
    references = _ids(" ".join(headers.get("references", [])))
    parents = tuple(dict.fromkeys([*_ids(" ".join(headers.get("in-reply-to", []))),
                                   *reversed(references)]))
    when = _date(headers.get("date", [""])[0]) or _from_line_date(from_line) or fallback
    return Message(senders[0], recipients, when, decode_words(" ".join(headers.get("subject", []))),
                   ids[0] if ids else "", parents, bulk)


def _unicode(raw: str) -> str:
    """A header value the parser read as ASCII with escapes: raw UTF-8 (else Latin-1) as text."""
    return _utf8_else_latin1(raw.encode("ascii", "surrogateescape"))


def _utf8_else_latin1(data: bytes) -> str:
    """Bytes of no charset known (raw 8-bit headers, `unknown-8bit`): UTF-8, else Latin-1."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_words(text: str) -> str:
    """`text` with its RFC 2047 encoded words decoded (white space between two of them dropped)
    and its white space collapsed; a word that cannot be decoded is kept as written."""
    if "=?" not in text:
        return " ".join(text.split())
    parts: list[str] = []
    last, after_word = 0, False
    for match in _WORD.finditer(text):
        between = text[last:match.start()]
        if not (after_word and not between.strip()):
            parts.append(between)
        parts.append(_decode_word(match))
        last, after_word = match.end(), True
    parts.append(text[last:])
    return " ".join("".join(parts).split())


def _decode_word(match: re.Match[str]) -> str:
    charset, encoding, data = match[1].partition("*")[0], match[2].casefold(), match[3]
    raw = data.encode("utf-8")
    try:
        if encoding == "b":
            raw = raw.rstrip(b"=")
            decoded = base64.b64decode(raw + b"=" * (-len(raw) % 4))
        else:
            decoded = binascii.a2b_qp(raw.replace(b"_", b" "), header=True)
        return decoded.decode(charset, "replace")
    except (binascii.Error, ValueError):
        return match[0]
    except LookupError:  # an unknown charset (`unknown-8bit`): as raw 8-bit headers are read
        return _utf8_else_latin1(decoded)


def _addresses(values: list[str]) -> tuple[Address, ...]:
    """Every address of these header values, once each, in order; names decoded. A value that is
    one plain address (`Name <a@b>`, `"Ray, Bob" <a@b>`, `a@b`) is read by a pattern; any other
    by the standard library's parser, which is many times slower."""
    found: dict[str, Address] = {}
    pairs: list[tuple[str, str]] = []
    for value in values:
        value = " ".join(value.split())
        simple = _SIMPLE.fullmatch(value)
        if simple is not None:
            pairs.append((simple[1] or simple[2] or "", simple[3] or simple[4]))
        else:
            pairs += getaddresses([value])
    for name, address in pairs:
        address = normal_address(address)
        if "@" in address and " " not in address and address not in found:
            found[address] = Address(display_name(decode_words(name)), address)
    return tuple(found.values())


def _ids(text: str) -> list[str]:
    ids = _IDS.findall(text)
    return ids if ids or not text.strip() else [text.split()[0].strip("<>")]


def _date(text: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        when = parsedate_to_datetime(text)
        year = _written_year(text, when.year)
        if year is None:
            return None
        when = when.replace(year=year)  # (ValueError: 29 February of a year that has none)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _plausible(when if when.tzinfo is not None else when.replace(tzinfo=UTC))


def _written_year(text: str, read: int) -> int | None:
    """The year of a Date header as RFC 5322 reads its digits: two are 1950 to 2049, three are
    1900 and them (`126` is 2026), four are as written (`0000` and `0099` are no real years).
    `read` is the year the standard library made of it, which takes any number below 100 for 1969
    to 2068 whatever its digits. None for a one-digit year, or one not found as written."""
    numbers = _NUMBER.findall(text)
    written = numbers[1] if len(numbers) > 1 else ""
    if len(written) < 2 or int(written) not in (read, read - 1900, read - 2000):
        return None  # (not the number the standard library read: no year to trust)
    if len(written) == 2:
        return int(written) + (2000 if int(written) < 50 else 1900)
    return int(written) + (1900 if len(written) == 3 else 0)


def _plausible(when: datetime | None) -> datetime | None:
    """`when`, unless its year is absurd (9999, 0001): such a date is no date, and would overflow
    when moved to another zone."""
    return when if when is not None and when.year in YEARS else None


def _from_line_date(line: bytes) -> datetime | None:
    """The date of an mbox `From sender Wed Nov 25 10:00:00 2026` line (also with a zone before
    the year, as Gmail writes it), taken as UTC."""
    match = _FROM_DATE.search(line.decode("ascii", "replace"))
    month = MONTH_NUMBERS.get(match[1].casefold()) if match is not None else None
    if match is None or month is None:
        return None
    try:
        return _plausible(datetime(int(match[6]), month, int(match[2]),
                                   int(match[3]), int(match[4]), int(match[5] or 0), tzinfo=UTC))
    except ValueError:
        return None


def _is_bulk(headers: dict[str, list[str]], sender: Address) -> bool:
    """Mailing lists, bulk and automatic mail, no-reply senders, spam (Gmail's label, a spam
    filter's flag), and drafts never sent (Gmail's label, Thunderbird's and Apple Mail's draft
    headers): nobody's."""
    if headers.get("list-id"):
        return True
    if any(v.strip().casefold() in ("bulk", "list", "junk") for v in headers.get("precedence", [])):
        return True
    if any(v.strip().casefold() not in ("", "no") for v in headers.get("auto-submitted", [])):
        return True
    labels = {label.strip().casefold() for v in headers.get("x-gmail-labels", [])
              for label in v.split(",")}
    if labels & {"spam", "drafts", "draft"} or headers.get("x-mozilla-draft-info") or any(
            "mail-draft" in v for v in headers.get("x-uniform-type-identifier", [])):
        return True
    # SpamAssassin's and its kind's verdict (`X-Spam-Flag: YES`, `X-Spam-Status: Yes, score=…`)
    if any(v.strip().casefold().startswith("yes")
           for v in headers.get("x-spam-flag", []) + headers.get("x-spam-status", [])):
        return True
    return bool(_NOBODY.search(sender.address.partition("@")[0]))


def topic(subject: str) -> str:
    """A subject as threads compare it: without Re:, Fwd:, AW: … and case."""
    return " ".join(_REPLY.sub("", subject).casefold().split())


# -- from messages to interactions ---------------------------------------------------------------


# The messages of each subject (`topic`) that each party (`MailReader._parties`: who is on the
# other side, by note or address) was on: when, who sent it ("" for you), the message's place in
# the mailbox, negated, and everyone on it but you; sorted.
_Threads = dict[tuple[str, str], list[tuple[datetime, str, int, frozenset[str]]]]
_WHEN = operator.itemgetter(0)
_DAY = operator.attrgetter("day")
_SENT, _THEIRS = frozenset({"outreach", "email"}), frozenset({"reply", "received"})  # mail's kinds


@dataclass(frozen=True, slots=True)
class _Kept:
    """A message that concerns someone of the vault, as much of it as threading needs."""

    when: datetime
    outgoing: bool
    people: tuple[str, ...]  # the notes of the people it concerns
    others: frozenset[str]  # every address on the other side
    around: frozenset[str]  # everyone on it but you, by note or address (see `_parties`)
    parents: tuple[int, ...]
    answer: bool  # its subject says it answers (Re:, AW: …)
    topic: str
    text: str
    listed: bool  # on or after --since: a line (an earlier message only threads the later ones)


class MailReader:
    """Reads mailboxes one message at a time, keeping only what the interactions need: who sent
    each message of yours or theirs (by Message-ID, for threading), and the messages that concern
    someone of the vault."""

    def __init__(self, book: AddressBook, report: ImportReport, today: date,
                 since: date | None = None) -> None:
        self.book, self.report, self.today, self.since = book, report, today, since
        self.senders: dict[int, str] = {}  # hash of a Message-ID: its sender's address
        self.around: dict[int, frozenset[str]] = {}  # and everyone on it but you
        self.seen: set[int] = set()
        self.kept: list[_Kept] = []  # (also those before --since, for threading by subject)

    def read(self, path: Path, progress: Progress | None = None) -> None:
        """Read every mailbox at `path`."""
        sources = mail_sources(path)
        total = sum(_size(file) for _, file in sources)
        if total < PROGRESS_BYTES:
            progress = None  # read in a moment: no bar
        done = 0
        step = [0]

        def moved(at: int) -> None:
            if progress is not None and done + at - step[0] >= CHUNK:
                step[0] = done + at
                progress(done + at, total)

        for kind, file in sources:
            nobodys = in_nobodys_folder(file if kind == "mbox" else file.parent, path)  # (not a host)
            try:
                if kind == "mbox":
                    with open(file, "rb") as stream:
                        for number, (from_line, block) in enumerate(mbox_messages(stream, moved),
                                                                    start=1):
                            self.take(block, from_line, draft=nobodys, where=(file, number))
                elif nobodys or maildir_draft(file):
                    self.take(b"", draft=True)
                else:
                    self.take(message_headers(file), b"", _stamp(file), where=(file, 0))
            except OSError as err:
                self.report.problems.append(_problem(file, err))
            done += _size(file)
        self.report.unnamed_unreadable(str(path), "message")
        if progress is not None:
            progress(total, total)

    def take(self, block: bytes | Broken, from_line: bytes = b"",
             fallback: datetime | None = None, draft: bool = False,
             where: tuple[Path, int] | None = None) -> None:
        """Read one message's header block; a `draft` (by its flag, or a folder of drafts, unsent
        mail or junk) is only counted. `where` is its file and its number in it (0: the file is
        the message), to name it if it cannot be read."""
        self.report.read += 1
        if draft:
            self.report.bulk += 1
            return
        try:
            if isinstance(block, Broken):
                raise block
            message = parse_message(block, from_line, fallback)
            day = message.when.astimezone().date() if message.when is not None else None
        except (Broken, ValueError, TypeError, LookupError, UnicodeError, OverflowError) as err:
            self._broken(block, err, where)  # (OverflowError: a date at the edge of what Python holds)
            return
        if message.bulk:
            self.report.bulk += 1
            return
        identity = hash(message.message_id or (message.sender, message.when, message.subject))
        if identity in self.seen:
            self.report.duplicates += 1
            return
        self.seen.add(identity)
        self._note(message, day)

    def _broken(self, block: bytes | Broken, err: Exception, where: tuple[Path, int] | None) -> None:
        """Count a message that cannot be read, and name the first few: file, number in it,
        Message-ID if it has one, and why."""
        if where is None:
            self.report.broken += 1
            return
        file, number = where
        found = _MESSAGE_ID.search(block) if isinstance(block, bytes) else None
        what = (f"message {number}" if number else "the message") + (
            f" (Message-ID <{found[1].decode('ascii', 'replace')}>)" if found else "")
        why = str(err) if isinstance(err, Broken) else "its headers cannot be read"
        self.report.unreadable(str(file), what, why)

    def _note(self, message: Message, day: date | None) -> None:
        book, sender = self.book, message.sender
        assert sender is not None
        outgoing = sender.address in book.mine
        around = self._parties(a.address for a in (sender, *message.recipients))
        if message.message_id and (outgoing or book.person(sender.address)):
            self.senders[hash(message.message_id)] = sender.address
            self.around[hash(message.message_id)] = around
        if message.when is None or day is None:
            self.report.undated += 1
            return
        if day > self.today:
            self.report.future += 1
            return
        # A message before --since is no line, but still threads the answers to it.
        listed = self.since is None or day >= self.since
        if not listed:
            self.report.older += 1
        others = [a for a in message.recipients if a.address not in book.mine] if outgoing \
            else [sender]
        people = tuple(dict.fromkeys(path for a in others
                                     if (path := book.person(a.address)) is not None))
        if listed:
            self._count_strangers(others)
        if not people:
            if listed:
                self.report.unmatched += 1
            return
        self.kept.append(_Kept(message.when, outgoing, people,
                               frozenset(a.address for a in others), around,
                               tuple(hash(p) for p in message.parents),
                               bool(_ANSWER.match(message.subject)), topic(message.subject),
                               line_text(_REPLY.sub("", message.subject)), listed))

    def _count_strangers(self, others: list[Address]) -> None:
        """Count the addresses of nobody in the vault, to offer the most frequent as people."""
        for a in others:
            if self.book.person(a.address) is None and a.address not in self.book.shared:
                count_stranger(self.report, a.address, a.name)

    def sightings(self) -> list[Sighting]:
        """The kept messages as interactions, each with the kind its thread gives it."""
        threads: _Threads = defaultdict(list)
        for at, kept in enumerate(self.kept):  # for messages whose headers name no parent
            sender = "" if kept.outgoing else next(iter(kept.others))
            for party in self._parties(kept.others):
                threads[kept.topic, party].append((kept.when, sender, -at, kept.around))
        for thread in threads.values():
            thread.sort()  # (by when, sender, then the first in the mailbox: no two alike)
        found = []
        for kept in self.kept:
            if not kept.listed:
                continue
            found_parent = self._parent(kept, threads)
            unheld = found_parent is None and self._names_unheld(kept)
            parent, around = found_parent or (None, frozenset())
            for path in kept.people:
                if unheld:
                    kind = self._answer_to_unheld(kept, path)
                elif kept.outgoing:  # (an answer to someone: to them, and to those it was to)
                    theirs = bool(parent) and (self.book.person(parent or "") == path
                                               or path in around)
                    kind = "email" if theirs else "outreach"
                else:
                    kind = "reply" if parent == "" else "received"
                found.append(Sighting(path, kept.when.astimezone().date(), kind, kept.text,
                                      kept.when))
        return found

    def _parent(self, kept: _Kept, threads: _Threads) -> tuple[str, frozenset[str]] | None:
        """Who sent the message `kept` answers (an address, "" for you), and everyone it was to
        but you (`_parties`); None for no message known. (Answering all of a message that
        was to you and Alice is no outreach to Alice: she is in the conversation.)"""
        for parent in kept.parents:
            if parent in self.senders:
                sender = self.senders[parent]
                return ("" if sender in self.book.mine else sender), self.around[parent]
        if not (kept.parents or kept.answer) or not kept.topic:
            return None
        return self._by_subject(kept, threads)

    def _names_unheld(self, kept: _Kept) -> bool:
        """Whether `kept` names the messages it answers and this import holds none of them."""
        return bool(kept.parents) and not any(parent in self.seen for parent in kept.parents)

    def _answer_to_unheld(self, kept: _Kept, path: str) -> str:
        """The kind of a message that answers one this import does not hold, for the person of
        `path`: a follow-up when their note's lines before it end in the same side's message
        still waiting (your open #outreach, their #received owed), else an answer to the other
        side's (your answer is an #email, theirs a #reply). Before it: the lines of the days
        before, and of its own day those of the other side, which it may answer (their question
        that morning); not its own side's that day, which may be this very message, imported
        before."""
        person = self.book.persons.get(path)
        held = person.interactions if person is not None else ()
        day = kept.when.astimezone().date()
        ours = _SENT if kept.outgoing else _THEIRS
        start, end = bisect_left(held, day, key=_DAY), bisect_right(held, day, key=_DAY)
        before = held[:start] + tuple(line for line in held[start:end]
                                      if ours.isdisjoint(line.kinds))
        if kept.outgoing:
            return "outreach" if after_the_last_without(before, "outreach") else "email"
        return "received" if after_the_last_without(before, "received") else "reply"

    def _by_subject(self, kept: _Kept, threads: _Threads) -> tuple[str, frozenset[str]] | None:
        """`_parent` of a message whose headers name none known: the latest message of its
        subject before it that one of its parties was on (by when, then sender, then the first
        in the mailbox), as the latest before it of each party's: not every message of the
        subject looked at for each (10,000 of one took 30 s)."""
        latest = None
        for party in self._parties(kept.others):
            thread = threads.get((kept.topic, party), ())
            at = bisect_left(thread, kept.when, key=_WHEN)
            if at and (latest is None or thread[at - 1] > latest):
                latest = thread[at - 1]
        if latest is None:
            return None
        _, sender, _, around = latest
        return sender, around

    def _parties(self, addresses: Iterable[str]) -> frozenset[str]:
        """Who `addresses` are but you, as threads compare them: each person of the vault by their
        note (whichever of their addresses wrote), anyone else by address."""
        person, mine = self.book.person, self.book.mine
        return frozenset(found if (found := person(a)) is not None else a
                         for a in addresses if a not in mine)


def _stamp(path: Path) -> datetime | None:
    """A Maildir message's delivery time, from its file name (`1732527600.M1P2.host:2,S`)."""
    head = path.name.partition(".")[0]
    if not (head.isascii() and head.isdigit() and len(head) <= 11):  # ('²'.isdigit() is true)
        return None
    return _plausible(datetime.fromtimestamp(int(head), UTC))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _problem(path: Path, err: OSError) -> Problem:
    return Problem(str(path), None, f"cannot be read ({err.strerror or err})", "")
