"""`vaultnet import mail`: headers read from mbox files and Maildirs, threaded, and logged."""

from __future__ import annotations

import contextlib
import io
import json
import mailbox
import time
from datetime import UTC, date, datetime, timedelta, timezone
from email.header import Header
from email.utils import formataddr, getaddresses
from pathlib import Path

import pytest
from conftest import TODAY, benchmark_script, person, snapshot
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vaultnet.base.model import Fields, Interaction, Person
from vaultnet.insight.agenda import reply_owed
from vaultnet.parse.note import parse_note
from vaultnet.sources import interaction_import
from vaultnet.sources import mail as mail_module
from vaultnet.sources.interaction_import import display_name, line_text, normal_address
from vaultnet.sources.mail import Broken, _addresses, decode_words, mbox_messages, parse_message, topic

ex = benchmark_script("make_exports")
Mail, mbox_bytes, write_maildir = ex.Mail, ex.mbox_bytes, ex.write_maildir
ME = ex.ME
BOB = ("Bob Ray", "bob@ray.example")
ANA = ("Ana Lima", "ana@lima.example")
MARKER = "BODY-MARKER-7f3a9c"


def at(day: int, hour: int = 12, tz: timezone = UTC) -> datetime:
    """A time on November `day` 2026."""
    return datetime(2026, 11, day, hour, 0, tzinfo=tz)


pytestmark = pytest.mark.usefixtures("utc_zone")  # days in the vault's zone: UTC


@pytest.fixture
def vault(make_vault):
    return make_vault({
        "Me.md": "---\ntype: me\nemail: [sam.rivera@example.org, sam@home.example]\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n- 2026-11-01 Coffee #met\n",
                                    email="bob@ray.example", cadence="30d"),
        "People/Ana Lima.md": person("Ana Lima", "Notes about Ana.\n", email="[ana@lima.example]"),
    })


def write_mbox(path: Path, mails, crlf: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mbox_bytes(mails, crlf))
    return path


def log_of(root: Path, name: str) -> list[str]:
    text = (root / "People" / f"{name}.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("- 2026")]


def conversation() -> list:
    """Bob asks; you answer; you write to Ana twice; Ana answers the second."""
    return [
        Mail(BOB, (ME,), "Question about the dataset", at(20, 9), "b1@ray", body=MARKER),
        Mail(ME, (BOB,), "Re: Question about the dataset", at(21, 10), "s1@me", "b1@ray",
             ("b1@ray",)),
        Mail(ME, (ANA,), "Internship", at(10, 8), "s2@me"),
        Mail(ME, (ANA,), "Re: Internship", at(17, 8), "s3@me", "s2@me", ("s2@me",)),
        Mail(ANA, (ME,), "AW: Internship", at(18, 20), "a1@lima", "s3@me", ("s2@me", "s3@me")),
    ]


# -- reading mbox files --------------------------------------------------------------------------


def test_headers_are_read_and_bodies_skipped():
    data = mbox_bytes(conversation())
    found = list(mbox_messages(io.BytesIO(data)))
    assert len(found) == 5
    assert all(isinstance(block, bytes) and MARKER.encode() not in block for _, block in found)
    assert found[0][0].startswith(b"From bob@ray.example ")


@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_mbox_reading_agrees_with_the_standard_library(monkeypatch, tmp_path, crlf, chunk):
    """Same messages, same headers as `mailbox.mbox`, whatever the chunk boundaries."""
    monkeypatch.setattr(mail_module, "CHUNK", chunk)
    mails = [*conversation(), Mail(BOB, (ME,), "no body", at(22), "x@y", body="")]
    data = mbox_bytes(mails, crlf)
    ours = [parse_message(block, line) for line, block in mbox_messages(io.BytesIO(data))]
    box = tmp_path / "m.mbox"
    box.write_bytes(data)
    theirs = list(mailbox.mbox(box).itervalues())
    assert [m.message_id for m in ours] == [m["Message-ID"].strip("<>") for m in theirs]
    assert [m.subject for m in ours] == [m["Subject"] for m in theirs]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(st.text(st.sampled_from("ab \n>From:"), max_size=40), min_size=1, max_size=6),
       chunk=st.integers(1, 50), crlf=st.booleans())
def test_any_bodies_and_chunks_give_every_message(monkeypatch, bodies, chunk, crlf):
    monkeypatch.setattr(mail_module, "CHUNK", chunk)
    mails = [Mail(BOB, (ME,), f"s{i}", at(20), f"id{i}@x", body=body) for i, body in enumerate(bodies)]
    found = [parse_message(block, line) for line, block in
             mbox_messages(io.BytesIO(mbox_bytes(mails, crlf)))]
    assert [m.message_id for m in found] == [f"id{i}@x" for i in range(len(bodies))]


def test_a_header_block_too_long_is_one_broken_message(monkeypatch):
    monkeypatch.setattr(mail_module, "MAX_HEADER", 2000)
    huge = Mail(BOB, (ME,), "x", at(20), "h@x", extra=(("X-Junk", "a" * 5000),))
    data = mbox_bytes([huge, Mail(BOB, (ME,), "fine", at(21), "f@x")])
    found = list(mbox_messages(io.BytesIO(data)))
    assert [isinstance(block, Broken) for _, block in found] == [True, False]


@pytest.mark.parametrize("cut", [b"Subject: Budget review for the Q1 gra", b"To: sam.rivera@exam",
                                 b"From bob@ray.example Wed Nov 25 10:0"])
def test_a_message_cut_off_inside_its_headers_is_unreadable(vault, run, tmp_path, cut):
    """The file ends before the header block does (a copy or a download cut off): the message
    is counted as unreadable, not logged with half a subject or half an address."""
    whole = mbox_bytes([Mail(BOB, (ME,), "Lunch?", at(20), "l1")])
    head = b"From bob@ray.example Wed Nov 25 10:00:00 2026\nFrom: Bob Ray <bob@ray.example>\n"
    (tmp_path / "m.mbox").write_bytes(whole + (cut if cut.startswith(b"From ") else head + cut))
    result = run("import", "mail", tmp_path / "m.mbox", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "2 messages read (1 unreadable)" in result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 Lunch? #received"]


def test_text_before_the_first_message_is_skipped():
    data = b"garbage\nmore\n" + mbox_bytes([Mail(BOB, (ME,), "a", at(20), "a@x")])
    assert [parse_message(b, f).subject for f, b in mbox_messages(io.BytesIO(data))] == ["a"]


# -- headers -------------------------------------------------------------------------------------


def test_encoded_names_and_several_addresses():
    block = (b"From: =?utf-8?q?J=C3=B6rg_Schmidt?= <Joerg@Transit.example>\n"
             b"To: \"Ray, Bob\" <bob@ray.example>, ana@lima.example (Ana),\n"
             b"  =?ISO-8859-1?B?U+hyZW4=?= <s@x.example>, undisclosed-recipients:;\n"
             b"Cc: sam@home.example\n"
             b"Subject: =?utf-8?b?UmU6IENhZsOp?= =?utf-8?q?_et_th=C3=A9?=\n"
             b"Date: Fri, 20 Nov 2026 23:30:00 -0800\n\n")
    message = parse_message(block)
    assert message.sender.name == "Jörg Schmidt" and message.sender.address == "joerg@transit.example"
    assert [(a.name, a.address) for a in message.recipients] == [
        ("Ray, Bob", "bob@ray.example"), ("Ana", "ana@lima.example"), ("Sèren", "s@x.example"),
        ("", "sam@home.example")]
    assert message.subject == "Re: Café et thé"
    assert message.when == datetime(2026, 11, 21, 7, 30, tzinfo=UTC)


def test_raw_utf8_and_latin1_headers_are_text():
    utf8 = "From: Zoë Ünal <z@x.example>\nSubject: Grüße\n\n".encode()
    latin1 = "From: Zoë <z@x.example>\nSubject: Grüße\n\n".encode("latin-1")
    assert parse_message(utf8).subject == "Grüße" and parse_message(utf8).sender.name == "Zoë Ünal"
    assert parse_message(latin1).subject == "Grüße"


@pytest.mark.parametrize("date_header, from_line, expected", [
    ("", b"From bob@ray.example Wed Nov 25 10:00:00 2026", datetime(2026, 11, 25, 10, tzinfo=UTC)),
    ("someday soon", b"From 1784@xxx Wed Nov 25 10:00:00 +0000 2026",
     datetime(2026, 11, 25, 10, tzinfo=UTC)),
    ("Wed, 25 Nov 2026 10:00:00 -0000", b"", datetime(2026, 11, 25, 10, tzinfo=UTC)),
    ("25 Nov 26 10:00 +0100", b"", datetime(2026, 11, 25, 9, tzinfo=UTC)),
    ("", b"From - Thu Nov  5 08:01:02 2026", datetime(2026, 11, 5, 8, 1, 2, tzinfo=UTC)),
    ("", b"From x", None),
])
def test_odd_or_missing_dates_fall_back_to_the_from_line(date_header, from_line, expected):
    block = f"From: b@x.example\nDate: {date_header}\n\n".encode()
    assert parse_message(block, from_line).when == expected


def test_a_message_without_a_sender_is_broken():
    with pytest.raises(Broken):
        parse_message(b"Subject: hi\n\n")


names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30) \
    .map(lambda s: " ".join(s.split()))
locals_ = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(name=names, local=locals_, subject=names)
def test_encoded_headers_round_trip(name, local, subject):
    """Whatever a mail program encodes (RFC 2047 names and subjects), the reader decodes."""
    address = f"{local}@example.org"
    block = (f"From: {formataddr((name, address), charset='utf-8')}\n"
             f"Subject: {Header(subject, 'utf-8').encode() if subject else ''}\n\n").encode()
    message = parse_message(block)
    assert message.sender.address == address
    assert message.subject == subject
    if name and not any(c in name for c in '"\\()<>,;:@[]'):
        assert message.sender.name == display_name(name)


@settings(max_examples=300, deadline=None)
@given(name=names, local=locals_, plain=st.booleans())
@example(name='"', local="0", plain=True)  # `" <0@example.org>`: the address, cleaned, either way
def test_the_quick_address_pattern_agrees_with_the_standard_library(name, local, plain):
    value = formataddr((name, f"{local}@example.org"), charset="utf-8")
    if plain:  # as some programs write it: the name unquoted and not encoded
        value = f"{name} <{local}@example.org>"
    parsed = [(n, normal_address(a)) for n, a in getaddresses([" ".join(value.split())])]
    expected = [(display_name(decode_words(n)), a) for n, a in parsed if "@" in a and " " not in a]
    assert [(a.name, a.address) for a in _addresses([value])] == expected


@pytest.mark.parametrize(("written", "name"), [
    (r'"Doe, Jane \"JD\"" <jd@x.org>', 'Doe, Jane "JD"'),  # a quoted pair kept whole
    (r'"John \"Jack\" Doe" <jack@x.org>', 'John "Jack" Doe'),
    ("'Bob Ray' <bob@x.org>", "Bob Ray"),  # (Outlook's quotes around the whole)
    ('"Ray, Bob" <bob@x.org>', "Ray, Bob"),
    ("\"'Bob Ray'\" <bob@x.org>", "Bob Ray"),
])
def test_a_name_keeps_the_quotes_inside_it(written, name):
    """`"Doe, Jane \"JD\""` was offered as `vaultnet add 'Jane "JD Doe'`: every quote at the name's
    ends was taken off, the closing one of `"JD"` too; now only those around the whole are."""
    assert [a.name for a in _addresses([written])] == [name]


FAR = b"From: Bob <bob@ray.example>\nTo: sam.rivera@example.org\nDate: Fri, 31 Dec 9999 23:00:00 -1200\n\n"


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400), from_line=st.binary(max_size=60))
@example(data=FAR, from_line=b"From bob@ray.example Fri Dec 31 23:00:00 9999")
@example(data=FAR.replace(b"Date", b"X-Date"), from_line=b"From b Fri Dec 31 23:00:00 9999")
@example(data=FAR.replace(b"9999 23:00:00 -1200", b"0001 00:30:00 +1400"), from_line=b"")
def test_any_bytes_are_a_message_or_broken(data, from_line):
    """Whatever the bytes, a message is read (or counted as broken), also the reading after it."""
    from vaultnet.sources.interaction_import import AddressBook, ImportReport
    from vaultnet.sources.mail import MailReader

    with contextlib.suppress(Broken):
        parse_message(data, from_line)
    report = ImportReport("m")
    reader = MailReader(AddressBook(frozenset({ME[1]}), {BOB[1]: "People/Bob Ray.md"}, {}),
                        report, TODAY)
    reader.take(data, from_line)
    reader.sightings()
    assert report.read == 1


@settings(deadline=None)
@given(st.text(max_size=80))
def test_decoding_words_never_fails(text):
    assert isinstance(decode_words(text), str)


@pytest.mark.parametrize("word, expected", [
    ("=?unknown-8bit?Q?Caf=E9_on_Friday?=", "Café on Friday"),  # Latin-1 bytes
    ("=?unknown-8bit?Q?Caf=C3=A9?=", "Café"),  # UTF-8 bytes
    ("=?x-no-such-charset?B?Q2Fm6Q==?=", "Café"),
])
def test_a_word_of_an_unknown_charset_is_read_as_raw_headers_are(word, expected):
    """UTF-8, else Latin-1: never a replacement character written into a note."""
    assert decode_words(word) == expected


@pytest.mark.parametrize("subject, expected", [
    ("Re: RE: Fwd: Question", "question"), ("AW: Sv: Antwort", "antwort"), ("Re[2]: x", "x"),
    ("Regarding  it", "regarding it")])
def test_topics_ignore_reply_prefixes(subject, expected):
    assert topic(subject) == expected


@pytest.mark.parametrize("subject, expected", [
    ("Ask [[Jane Doe]] about #met and `code`", "Ask [Jane Doe] about met and 'code'"),
    ("Issue #42 <!-- x --> %%c%%", "Issue #42 <!- x -> %c%"),
    ("", "(no subject)"), ("a\u202eb\tc", "ab c")])
def test_a_subject_becomes_plain_text(subject, expected):
    assert line_text(subject) == expected


# -- importing -----------------------------------------------------------------------------------


def test_each_kind_is_logged_once_per_day(vault, run, tmp_path):
    box = write_mbox(tmp_path / "mail.mbox", conversation())
    result = run("import", "mail", box, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray") == [
        "- 2026-11-01 Coffee #met",
        "- 2026-11-20 Question about the dataset #received",
        "- 2026-11-21 Question about the dataset #email"]
    assert log_of(vault, "Ana Lima") == [
        "- 2026-11-10 Internship #outreach",
        "- 2026-11-17 Internship #outreach",
        "- 2026-11-18 Internship #reply"]
    assert "Added 5 lines to 2 notes; 0 already in the notes." in result.output
    # The note's own text is kept, and the Log section made at the end.
    assert (vault / "People/Ana Lima.md").read_text().startswith(
        person("Ana Lima", "Notes about Ana.\n", email="[ana@lima.example]"))


def test_importing_again_writes_nothing_and_a_newer_export_adds_only_what_is_new(
        vault, run, tmp_path):
    first = conversation()
    run("import", "mail", write_mbox(tmp_path / "a.mbox", first), "--vault", vault,
        "--today", TODAY)
    before = snapshot(vault / "People")
    again = run("import", "mail", tmp_path / "a.mbox", "--vault", vault, "--today", TODAY)
    assert snapshot(vault / "People") == before
    assert "Added 0 lines to 0 notes; 5 already in the notes." in again.output
    newer = [*first[2:], Mail(BOB, (ME,), "One more thing", at(24, 9), "b2@ray")]
    result = run("import", "mail", write_mbox(tmp_path / "b.mbox", newer), "--vault", vault,
                 "--today", TODAY)
    assert "Added 1 line to 1 note; 3 already in the notes." in result.output
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-24 One more thing #received"
    assert len(log_of(vault, "Ana Lima")) == 3


def test_no_body_reaches_the_vault(vault, run, tmp_path):
    mails = [Mail(BOB, (ME,), "Hello", at(20), f"m{i}", body=f"{MARKER}\nFrom {MARKER}\n")
             for i in range(3)]
    run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", vault, "--today", TODAY)
    assert not any(MARKER.encode() in data for data in snapshot(vault).values())


def test_a_line_the_notes_hold_already_is_not_added(make_vault, run, tmp_path):
    """Whoever wrote it: a hand-written #received, or a daily note naming them that day."""
    root = make_vault({
        "Me.md": "---\ntype: me\nemail: sam.rivera@example.org\n---\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n- 2026-11-20 He asked about data #received\n",
                                    email="bob@ray.example"),
        "Daily/2026-11-21.md": "- answered [[Bob Ray]]\n",
    })
    before = snapshot(root)
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", conversation()[:2]),
                 "--vault", root, "--today", TODAY)
    assert snapshot(root) == before and "2 already in the notes" in result.output


def test_dry_run_prints_the_lines_and_writes_nothing(vault, run, tmp_path):
    before = snapshot(vault)
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", conversation()), "--dry-run",
                 "--vault", vault, "--today", TODAY)
    assert snapshot(vault) == before
    assert "Bob Ray (People/Bob Ray.md)\n  - 2026-11-20 Question about the dataset #received\n" \
        in result.output
    assert "Would add 5 lines to 2 notes" in result.output


def test_the_day_is_the_vaults_local_day(vault, run, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    late = Mail(BOB, (ME,), "Late", datetime(2026, 11, 20, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
                "late@x")  # 04:30 UTC on the 21st, 13:30 in Tokyo
    run("import", "mail", write_mbox(tmp_path / "m.mbox", [late]), "--vault", vault, "--today", TODAY)
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-21 Late #received"


def test_lists_machines_spam_and_strangers_are_not_people(vault, run, tmp_path):
    mails = [
        Mail(BOB, (ME,), "list post", at(20), "l1", extra=(("List-Id", "<x.lists>"),)),
        Mail(BOB, (ME,), "bulk", at(20), "l2", extra=(("Precedence", "bulk"),)),
        Mail(BOB, (ME,), "vacation", at(20), "l3", extra=(("Auto-Submitted", "auto-replied"),)),
        Mail(BOB, (ME,), "spam", at(20), "l4", extra=(("X-Gmail-Labels", "Spam,Unread"),)),
        Mail(ME, (BOB,), "unsent", at(20), "d1", extra=(("X-Gmail-Labels", "Drafts"),)),
        Mail(ME, (BOB,), "unsent", at(20), "d2",
             extra=(("X-Mozilla-Draft-Info", "internal/draft; vcard=0"),)),
        Mail(ME, (BOB,), "unsent", at(20), "d3",
             extra=(("X-Uniform-Type-Identifier", "com.apple.mail-draft"),)),
        Mail(("Shop", "no-reply@shop.example"), (ME,), "order", at(20), "l5"),
        Mail(("Apple", "no_reply@email.apple.example"), (ME,), "receipt", at(20), "l6"),
        Mail(("Acme", "do_not_reply@acme.example"), (ME,), "update", at(20), "l7"),
        # a spam filter's verdict, on mail that claims to be Bob's
        Mail(BOB, (ME,), "You won!", at(20), "s1", extra=(("X-Spam-Flag", "YES"),)),
        Mail(BOB, (ME,), "Cheap pills", at(20), "s2",
             extra=(("X-Spam-Status", "Yes, score=15.2 required=5.0"),)),
        Mail(("Jörg Schmidt", "joerg@x.example"), (ME,), "hi", at(20), "u1"),
        Mail(ME, (("Jörg Schmidt", "joerg@x.example"),), "Re: hi", at(21), "u2", "u1"),
        Mail(("", "zed@z.example"), (ME,), "hello", at(21), "u3"),
    ]
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", vault,
                 "--today", TODAY)
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met"]
    assert "15 messages read (12 from lists or machines, spam or drafts)" in result.output
    assert "2 addresses of nobody in the vault" in result.output
    lines = result.output.splitlines()
    start = lines.index(next(line for line in lines if "most frequent" in line))
    assert lines[start + 1:] == [
        "  vaultnet add 'Jörg Schmidt' --email joerg@x.example  # 2 messages",
        "  vaultnet add zed --email zed@z.example  # 1 message"]
    assert not (vault / "People/Jörg Schmidt.md").exists()


def test_threads_by_subject_when_headers_are_missing(vault, run, tmp_path):
    mails = [Mail(ME, (BOB,), "Draft report", at(18), "d1"),
             Mail(BOB, (ME,), "Re: Draft report", at(19), "d2"),  # no In-Reply-To
             Mail(BOB, (ME,), "Re: Something else", at(20), "d3")]
    run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", vault, "--today", TODAY)
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-18 Draft report #outreach",
                                            "- 2026-11-19 Draft report #reply",
                                            "- 2026-11-20 Something else #received"]


def _among_all(self, kept, _threads):
    """How a message's parent was found by its subject before: among every message of the
    subject, for each message (a thread of 10,000 took 30 s); from the messages kept alone."""
    parties = self._parties(kept.others)
    earlier = [(k.when, "" if k.outgoing else next(iter(k.others)), k.around) for k in self.kept
               if k.topic == kept.topic and k.when < kept.when and self._parties(k.others) & parties]
    if not earlier:
        return None
    _, sender, around = max(earlier, key=lambda found: found[:2])
    return sender, around


PEOPLE = (ME, BOB, ANA, ("Cy Park", "cy@park.example"))
_MAILS = st.lists(st.tuples(st.integers(0, 3), st.sets(st.integers(0, 3), min_size=1, max_size=3),
                            st.sampled_from(["Plan", "Re: Plan", "AW: Plan", "Re: Lunch"]),
                            st.integers(1, 3), st.integers(9, 10), st.booleans()),
                  min_size=1, max_size=14)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mails=_MAILS)
# Bob's two messages alike but for whom they were to: the first in the mailbox is the parent.
@example(mails=[(1, {0}, "Plan", 1, 9, False), (1, {0, 2}, "Plan", 1, 9, False),
                (0, {1, 2}, "Re: Plan", 2, 9, False)])
def test_a_thread_by_subject_finds_the_parent_that_every_message_did(vault, run, tmp_path,
                                                                      monkeypatch, mails):
    """The parent a message without headers is given, looked for from the thread's latest
    message back, is the one found among every message of its subject before: the latest
    earlier one from or to one of its parties, by time, then sender, then the mailbox's order."""
    made = [Mail(PEOPLE[sender], tuple(PEOPLE[t] for t in sorted(to)), subject, at(day, hour),
                 f"m{i}@x", f"m{i - 1}@x" if replies and i else "",
                 (f"m{i - 1}@x",) if replies and i else ())
            for i, (sender, to, subject, day, hour, replies) in enumerate(mails)]
    box = write_mbox(tmp_path / "thread.mbox", made)  # (each example anew; dry runs alone)

    def dry_run() -> str:
        return run("import", "mail", box, "--dry-run", "--vault", vault, "--today", TODAY).output

    now = dry_run()
    monkeypatch.setattr(mail_module.MailReader, "_by_subject", _among_all)
    assert now == dry_run()
    monkeypatch.undo()


def test_a_long_thread_by_subject_is_threaded_in_linear_time(vault, run, tmp_path):
    """8,000 messages of one subject, none naming the one it answers (an export of the inbox
    alone): each finds its parent among the latest, not among all 8,000 (it took 18 s)."""
    mails = [Mail(ME if i % 2 else BOB, (BOB if i % 2 else ME,), "Re: Weekly" if i else "Weekly",
                  datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=i), f"w{i}@x")
             for i in range(8000)]
    box = write_mbox(tmp_path / "weekly.mbox", mails)
    started = time.process_time()
    result = run("import", "mail", box, "--dry-run", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert time.process_time() - started < 12


def test_a_spam_filter_that_found_none_leaves_the_message(vault, run, tmp_path):
    mails = [Mail(BOB, (ME,), "Lunch?", at(20), "h1",
                  extra=(("X-Spam-Flag", "NO"), ("X-Spam-Status", "No, score=-1.0")))]
    run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", vault, "--today", TODAY)
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 Lunch? #received"]


def test_an_answer_from_another_of_their_addresses_threads_by_subject(make_vault, run, tmp_path):
    """Threading by subject compares the people on either side, not their addresses: Carol
    answers from her other address, without In-Reply-To, and it is her reply (not a message
    she wrote first, owed an answer), and your answer to her is an email (no outreach)."""
    carol, carol_b = ("Carol Diaz", "carol@a.example"), ("Carol Diaz", "carol@b.example")
    root = make_vault({
        "Me.md": "---\ntype: me\nemail: sam.rivera@example.org\n---\n# Sam\n",
        "People/Carol Diaz.md": person("Carol Diaz", "## Log\n",
                                       email="[carol@a.example, carol@b.example]")})
    mails = [Mail(ME, (carol,), "Paper", at(2), "p1"),
             Mail(carol_b, (ME,), "Re: Paper", at(3), "p2"),
             Mail(carol_b, (ME,), "Dinner", at(4), "p3"),
             Mail(ME, (carol,), "Re: Dinner", at(5), "p4")]
    run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", root, "--today", TODAY)
    assert log_of(root, "Carol Diaz") == ["- 2026-11-02 Paper #outreach",
                                          "- 2026-11-03 Paper #reply",
                                          "- 2026-11-04 Dinner #received",
                                          "- 2026-11-05 Dinner #email"]


@pytest.mark.parametrize("headers", [True, False], ids=["in-reply-to", "by-subject"])
def test_answering_all_is_no_outreach_to_those_the_message_was_to(make_vault, run, tmp_path,
                                                                   headers):
    """Bob writes to you and Ana; you answer all, and bring Cy in: to Bob it is an answer, to Ana
    too (she is in the conversation, and nobody waits for her), to Cy it is outreach."""
    cy = ("Cy Park", "cy@park.example")
    root = make_vault({
        "Me.md": "---\ntype: me\nemail: sam.rivera@example.org\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n", email=BOB[1]),
        "People/Ana Lima.md": person("Ana Lima", "## Log\n", email=ANA[1]),
        "People/Cy Park.md": person("Cy Park", "## Log\n", email=cy[1])})
    mails = [Mail(BOB, (ME, ANA), "Group plan", at(2), "g1"),
             Mail(ME, (BOB, ANA, cy), "Re: Group plan", at(3), "g2", "g1" if headers else "",
                  ("g1",) if headers else ())]
    run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", root, "--today", TODAY)
    assert log_of(root, "Bob Ray") == ["- 2026-11-02 Group plan #received",
                                       "- 2026-11-03 Group plan #email"]
    assert log_of(root, "Ana Lima") == ["- 2026-11-03 Group plan #email"]
    assert log_of(root, "Cy Park") == ["- 2026-11-03 Group plan #outreach"]


def test_an_answer_threads_to_a_message_before_since(vault, run, tmp_path):
    """--since leaves out the lines of earlier messages, not what they tell of the later ones."""
    mails = [Mail(ME, (BOB,), "Grant proposal", at(3), "g1"),
             Mail(BOB, (ME,), "Re: Grant proposal", at(12), "g2")]  # no In-Reply-To
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--since",
                 "2026-11-10", "--vault", vault, "--today", TODAY)
    assert "2 messages read (1 before --since)" in result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-12 Grant proposal #reply"]


def _two_people(make_vault) -> Path:
    return make_vault({
        "Me.md": "---\ntype: me\nemail: sam.rivera@example.org\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n", email=BOB[1]),
        "People/Ana Lima.md": person("Ana Lima", "## Log\n", email=ANA[1])})


def _import_folders(run, root: Path, mail: Path, folders: list[str]) -> None:
    """Import each of `folders` of `mail` apart, one after the other; one folder: all of `mail`."""
    for folder in folders:
        path = mail / folder if len(folders) > 1 else mail
        assert run("import", "mail", path, "--vault", root, "--today", TODAY).exit_code == 0


# You write to Ana, follow it up, and she answers the follow-up; Bob asks, and you answer.
SENT = [Mail(ME, (ANA,), "Coffee?", at(1), "s1@me"),
        Mail(ME, (ANA,), "Re: Coffee?", at(8), "s2@me", "s1@me", ("s1@me",)),
        Mail(ME, (BOB,), "Re: Grant question", at(24), "s3@me", "b1@ray", ("b1@ray",))]
INBOX = [Mail(ANA, (ME,), "Re: Coffee?", at(10), "a1@lima", "s2@me", ("s1@me", "s2@me")),
         Mail(BOB, (ME,), "Grant question", at(23), "b1@ray")]


@pytest.mark.parametrize("folders", [["Sent", "Inbox"], ["Inbox", "Sent"], ["Inbox"]],
                         ids=["sent-then-inbox", "inbox-then-sent", "one-import"])
def test_inbox_and_sent_imported_apart_give_the_kinds_of_one_import(make_vault, run, tmp_path,
                                                                     folders):
    """An answer whose message answered is not in the import (it is in the other folder) is
    no #received owed nor #outreach waiting: the kinds are those of one import of both."""
    root = _two_people(make_vault)
    write_mbox(tmp_path / "mail/Sent", SENT)
    write_mbox(tmp_path / "mail/Inbox", INBOX)
    _import_folders(run, root, tmp_path / "mail", folders)
    assert sorted(log_of(root, "Ana Lima")) == ["- 2026-11-01 Coffee? #outreach",
                                                "- 2026-11-08 Coffee? #outreach",
                                                "- 2026-11-10 Coffee? #reply"]
    assert sorted(log_of(root, "Bob Ray")) == ["- 2026-11-23 Grant question #received",
                                               "- 2026-11-24 Grant question #email"]


@pytest.mark.parametrize("folders", [["Inbox", "Sent"], ["Inbox"]],
                         ids=["inbox-then-sent", "one-import"])
def test_an_answer_the_same_day_is_read_by_that_days_line_of_theirs(make_vault, run, tmp_path,
                                                                    folders):
    """Bob's question in the morning, your answer in the evening, after your own outreach of a
    week before: the answer, imported after the question, is your #email, not a follow-up (the
    day's lines were not looked at: a review), as one import of both gives. (Sent imported
    first cannot tell it from a follow-up of the outreach still open: the note holds no
    question yet, and it is read as one.)"""
    root = _two_people(make_vault)
    (root / "People/Bob Ray.md").write_text(person("Bob Ray", "## Log\n- 2026-11-10 Pitch "
                                                   "#outreach\n", email=BOB[1]), encoding="utf-8")
    write_mbox(tmp_path / "mail/Sent", [
        Mail(ME, (BOB,), "Re: Question", at(17, 18), "r1@me", "q1@ray", ("q1@ray",))])
    write_mbox(tmp_path / "mail/Inbox", [Mail(BOB, (ME,), "Question", at(17, 9), "q1@ray")])
    _import_folders(run, root, tmp_path / "mail", folders)
    assert sorted(log_of(root, "Bob Ray")) == ["- 2026-11-10 Pitch #outreach",
                                               "- 2026-11-17 Question #email",
                                               "- 2026-11-17 Question #received"]


def test_a_newer_export_without_the_messages_answered_adds_nothing_already_there(
        make_vault, run, tmp_path):
    """A newer export starts after the mail its first messages answer: your answer to Bob is
    the #email the notes hold (not a second line, of #outreach), your follow-up to Ana's
    unanswered #outreach is outreach again, and Bob's answer to mail the export lacks, after
    your answer, is his #reply (not a #received owed)."""
    root = _two_people(make_vault)
    old = [SENT[0], INBOX[1], SENT[2]]
    run("import", "mail", write_mbox(tmp_path / "old.mbox", old), "--vault", root, "--today", TODAY)
    cy = ("Cy Park", "cy@park.example")
    newer = [SENT[1], SENT[2],
             Mail(BOB, (ME, cy), "Re: Grant question", at(25, 9), "b2@ray", "c1@park", ("c1@park",))]
    result = run("import", "mail", write_mbox(tmp_path / "new.mbox", newer), "--vault", root,
                 "--today", TODAY)
    assert "Added 2 lines to 2 notes; 1 already in the notes." in result.output
    assert log_of(root, "Ana Lima") == ["- 2026-11-01 Coffee? #outreach",
                                        "- 2026-11-08 Coffee? #outreach"]
    assert log_of(root, "Bob Ray") == ["- 2026-11-23 Grant question #received",
                                       "- 2026-11-24 Grant question #email",
                                       "- 2026-11-25 Grant question #reply"]


def test_order_of_the_mailbox_does_not_matter(vault, make_vault, run, tmp_path):
    run("import", "mail", write_mbox(tmp_path / "a.mbox", conversation()), "--vault", vault,
        "--today", TODAY)
    forward = snapshot(vault / "People")
    for path in (vault / "People").iterdir():
        path.unlink()
    (vault / "People/Bob Ray.md").write_text(person("Bob Ray", "## Log\n- 2026-11-01 Coffee #met\n",
                                                    email="bob@ray.example", cadence="30d"))
    (vault / "People/Ana Lima.md").write_text(person("Ana Lima", "Notes about Ana.\n",
                                                     email="[ana@lima.example]"))
    run("import", "mail", write_mbox(tmp_path / "b.mbox", conversation()[::-1]), "--vault", vault,
        "--today", TODAY)
    assert snapshot(vault / "People") == forward


def test_maildir_folders_and_duplicates_across_them(vault, run, tmp_path):
    mails = conversation()
    export = tmp_path / "export"
    write_mbox(export / "Inbox", mails[:3])  # Thunderbird: no extension, an .msf beside it
    (export / "Inbox.msf").write_text("// index")
    write_mbox(export / "Archive.mbox" / "mbox", mails)  # Apple Mail's export folder
    (export / "Archive.mbox" / "Info.plist").write_text("<plist/>")
    write_maildir(export / "Maildir", mails[3:])
    write_maildir(export / "Maildir" / ".Sent", mails[1:2])  # Maildir++ subfolder
    result = run("import", "mail", export, "--vault", vault, "--today", TODAY)
    assert "11 messages read (6 seen twice)" in result.output, result.output
    assert len(log_of(vault, "Bob Ray")) == 3 and len(log_of(vault, "Ana Lima")) == 3


def test_mailboxes_a_copy_has_changed_a_little_are_read(vault, run, tmp_path):
    """An mbox that starts with a blank line or a byte order mark, and a Maildir whose empty
    new/ and tmp/ a copy dropped, are read as Python's mailbox reads them (they were skipped
    without a word)."""
    box = tmp_path / "mail"
    write_mbox(box / "Inbox", [Mail(BOB, (ME,), "Lunch?", at(20), "l1")])
    (box / "Inbox").write_bytes(b"\n" + (box / "Inbox").read_bytes())
    write_mbox(box / "Sent", [Mail(ME, (ANA,), "Internship", at(10), "s1")])
    (box / "Sent").write_bytes(b"\xef\xbb\xbf" + (box / "Sent").read_bytes())
    write_maildir(box / "Work", [Mail(BOB, (ME,), "Budget", at(21), "w1")])
    (box / "Work/new").rmdir()
    (box / "Work/tmp").rmdir()
    result = run("import", "mail", box, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "3 messages read" in result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 Lunch? #received",
                                            "- 2026-11-21 Budget #received"]
    assert log_of(vault, "Ana Lima") == ["- 2026-11-10 Internship #outreach"]
    for mailbox_path in (box / "Inbox", box / "Sent", box / "Work"):
        alone = run("import", "mail", mailbox_path, "--dry-run", "--vault", vault, "--today", TODAY)
        assert alone.exit_code == 0 and "1 message read" in alone.output, alone.output


def test_a_folder_of_mboxes_named_new_is_no_maildir(vault, run, tmp_path):
    """A folder named `new` (or `cur`) alone, of mboxes, is read as mboxes: taken for a Maildir
    whose copy lost its other folder, each mbox in it was read as one message, the rest of its
    messages lost without a word (a review)."""
    box = tmp_path / "exports"
    write_mbox(box / "new/Inbox.mbox", [Mail(BOB, (ME,), f"Note {n}", at(10 + n), f"n{n}")
                                        for n in range(3)])
    # (Thunderbird's empty folders and index files before it, by name: a second review)
    for name in ("Archives", "Archives.msf", "Drafts"):
        (box / "new" / name).write_bytes(b"")
    result = run("import", "mail", box, "--dry-run", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0 and "3 messages read" in result.output, result.output


def test_apple_mail_emlx_messages(vault, run, tmp_path):
    folder = tmp_path / "Mail" / "INBOX.mbox" / "Messages"
    folder.mkdir(parents=True)
    for number, mail in enumerate(conversation()[:2]):
        data = mail.as_bytes()
        (folder / f"{number}.emlx").write_bytes(f"{len(data)}\n".encode() + data + b"<?xml?><plist/>")
    run("import", "mail", tmp_path / "Mail", "--vault", vault, "--today", TODAY)
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 Question about the dataset #received",
                                            "- 2026-11-21 Question about the dataset #email"]


def test_progress_is_told_as_a_mailbox_is_read(vault, tmp_path, monkeypatch):
    from vaultnet.pipeline.sync import load
    from vaultnet.sources.interaction_import import ImportReport, address_book
    from vaultnet.sources.mail import MailReader

    monkeypatch.setattr(mail_module, "CHUNK", 256)
    monkeypatch.setattr(mail_module, "PROGRESS_BYTES", 0)
    box = write_mbox(tmp_path / "m.mbox", conversation() * 4)
    index = load(vault, TODAY).index
    told: list[tuple[int, int]] = []
    reader = MailReader(address_book(index, vault), ImportReport("m"), TODAY)
    reader.read(box, lambda done, total: told.append((done, total)))
    size = box.stat().st_size
    assert len(told) > 3 and told[-1] == (size, size)
    assert [d for d, _ in told] == sorted(d for d, _ in told)


def test_a_maildir_message_without_a_date_takes_its_delivery_time(vault, run, tmp_path):
    write_maildir(tmp_path / "md", [Mail(BOB, (ME,), "undated", at(19, 8), "u", date_header="")])
    run("import", "mail", tmp_path / "md", "--vault", vault, "--today", TODAY)
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-19 undated #received"


def test_a_date_of_an_absurd_year_is_no_date(vault, run, tmp_path):
    """Year 9999 (or 0001) is a typo or junk: the `From ` line's date, else undated; never an
    error that stops the import."""
    far = "Fri, 31 Dec 9999 23:00:00 -1200"
    data = mbox_bytes([Mail(BOB, (ME,), "fine", at(20), "a"),
                       Mail(BOB, (ME,), "from line", at(21), "b", date_header=far),
                       Mail(BOB, (ME,), "nothing", at(22), "c", date_header=far)])
    data = data.replace(b"From bob@ray.example Sun Nov 22 12:00:00 2026",
                        b"From bob@ray.example Fri Dec 31 23:00:00 9999")
    (tmp_path / "m.mbox").write_bytes(data)
    result = run("import", "mail", tmp_path / "m.mbox", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "3 messages read (1 undated)" in result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 fine #received",
                                            "- 2026-11-21 from line #received"]


def test_a_maildir_file_named_with_other_digits_has_no_delivery_time(vault, run, tmp_path):
    write_maildir(tmp_path / "md", [Mail(BOB, (ME,), "undated", at(19, 8), "u", date_header=""),
                                    Mail(BOB, (ME,), "dated", at(20, 8), "d")])
    stamp = str(int(at(19, 8).timestamp()))
    first = next(p for p in (tmp_path / "md" / "cur").iterdir() if p.name.startswith(stamp))
    first.rename(first.with_name("²³.M1P1.host:2,S"))  # '²'.isdigit(), but int('²') fails
    result = run("import", "mail", tmp_path / "md", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "2 messages read (1 undated)" in result.output


def test_broken_undated_future_and_older_mail_is_counted(vault, run, tmp_path):
    data = (b"From nobody Wed Nov 18 10:00:00 2026\nSubject: no sender\n\nbody\n\n"
            + mbox_bytes([Mail(BOB, (ME,), "future", at(28), "f"),
                          Mail(BOB, (ME,), "old", at(2), "o"),
                          Mail(BOB, (ME,), "kept", at(20), "k")]))
    (tmp_path / "m.mbox").write_bytes(data)
    result = run("import", "mail", tmp_path / "m.mbox", "--since", "2026-11-10", "--vault", vault,
                 "--today", TODAY)
    assert result.exit_code == 0
    assert "4 messages read (1 unreadable, 1 after today, 1 before --since)" in result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 kept #received"]


def test_the_first_unreadable_messages_are_named(vault, run, tmp_path, monkeypatch):
    """Each of the first few names its file, its number there, its Message-ID if it has one,
    and why; the rest are counted in one line, so a mailbox of thousands stays readable."""
    no_sender = b"From x Wed Nov 18 10:00:00 2026\nSubject: who?\nMessage-ID: <n%d@x>\n\nbody\n\n"
    good = mbox_bytes([Mail(BOB, (ME,), "kept", at(20), "k")])
    write_mbox(tmp_path / "mail/Inbox.mbox", [Mail(BOB, (ME,), "fine", at(19), "f")])
    (tmp_path / "mail/Archive.mbox").write_bytes(
        good + b"".join(no_sender % i for i in range(5)) + b"From x Wed Nov 18 10:0")
    write_maildir(tmp_path / "mail/Work", [Mail(BOB, (ME,), "w", at(21), "w")])
    maildir_message = next((tmp_path / "mail/Work/cur").iterdir())
    maildir_message.write_bytes(b"Subject: nobody's\n\nbody\n")
    result = run("import", "mail", tmp_path / "mail", "--dry-run", "--vault", vault,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    archive = tmp_path / "mail/Archive.mbox"
    named = [line for line in result.output.splitlines() if "unreadable" in line
             or "cannot be read" in line]
    assert named == [
        f"{tmp_path / 'mail'}: 9 messages read (7 unreadable)",
        f"{archive}: message 2 (Message-ID <n0@x>) cannot be read: it has no sender (no From: "
        "header with an address); it was skipped",
        f"{archive}: message 3 (Message-ID <n1@x>) cannot be read: it has no sender (no From: "
        "header with an address); it was skipped",
        f"{archive}: message 4 (Message-ID <n2@x>) cannot be read: it has no sender (no From: "
        "header with an address); it was skipped",
        f"{tmp_path / 'mail'}: and 4 more unreadable messages, skipped too (only the first few "
        "are named)"]
    monkeypatch.setattr(interaction_import, "NAMED_BROKEN", 10)
    result = run("import", "mail", tmp_path / "mail", "--json", "--dry-run", "--vault", vault,
                 "--today", TODAY)
    problems = [(p["path"], p["message"]) for p in json.loads(result.output)["problems"]]
    assert problems[-2:] == [
        (str(archive), "message 7 cannot be read: the file ends inside its headers; it was skipped"),
        (str(maildir_message), "the message cannot be read: it has no sender (no From: header "
                               "with an address); it was skipped")]


def test_your_address_comes_from_settings_or_the_command(make_vault, run, tmp_path):
    root = make_vault({"People/Bob Ray.md": person("Bob Ray", email="bob@ray.example")})
    box = write_mbox(tmp_path / "m.mbox", conversation()[:2])
    refused = run("import", "mail", box, "--vault", root, "--today", TODAY)
    assert refused.exit_code == 1 and "does not know your address" in refused.output
    (root / ".vaultnet.toml").write_text('me = "sam.rivera@example.org"\n')
    assert run("import", "mail", box, "--vault", root, "--today", TODAY, "--dry-run").exit_code == 0
    (root / ".vaultnet.toml").unlink()
    done = run("import", "mail", box, "--me", "SAM.rivera@example.org", "--vault", root,
               "--today", TODAY)
    assert done.exit_code == 0 and "Added 2 lines" in done.output


@pytest.mark.parametrize("written, expected", [
    ("bob@ray.example", "bob@ray.example"), ("mailto:Bob@Ray.example", "bob@ray.example"),
    ("[bob@ray.example](mailto:bob@ray.example)", "bob@ray.example"),
    ("Bob Ray <bob@ray.example>", "bob@ray.example"), ('"Ray, Bob" <bob@ray.example>',
                                                       "bob@ray.example"),
    ("<mailto:bob@ray.example>", "bob@ray.example"), ("[Bob](<mailto:bob@ray.example>)",
                                                      "bob@ray.example"),
    ("mailto:bob@ray.example?subject=Hi", "bob@ray.example"), (" <BOB@ray.example> ",
                                                                 "bob@ray.example")])
def test_an_address_is_compared_bare(written, expected):
    assert normal_address(written) == expected


def test_addresses_written_as_links_or_with_a_name_match(make_vault, run, tmp_path):
    """A note's `email` as a mailto: link, a Markdown link or `Name <address>`, and the profile's
    too: the mail is theirs, and nobody is offered as a person to add."""
    root = make_vault({
        "Me.md": '---\ntype: me\nemail: "[sam.rivera@example.org](mailto:sam.rivera@example.org)"'
                 "\n---\n",
        "People/Bob Ray.md": person("Bob Ray", email="mailto:bob@ray.example"),
        "People/Ana Lima.md": person("Ana Lima", email='"[ana@lima.example](mailto:ana@lima.example)"'),
        "People/Cleo Park.md": person("Cleo Park", email="Cleo Park <cleo@park.example>"),
    })
    cleo = ("Cleo Park", "cleo@park.example")
    mails = [*conversation(), Mail(cleo, (ME,), "Hello", at(19), "c1@park")]
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", root,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Added 6 lines to 3 notes" in result.output
    assert "vaultnet add" not in result.output


@pytest.mark.parametrize("written, expected", [
    ("bob@ray.example, bob@work.example", ("bob@ray.example", "bob@work.example")),
    ("bob@ray.example,bob@work.example", ("bob@ray.example", "bob@work.example")),
    ("bob@ray.example; bob@work.example", ("bob@ray.example", "bob@work.example")),
    ("[bob@ray.example, Bob Ray <bob@work.example>]",
     ("bob@ray.example", "Bob Ray <bob@work.example>")),
    ("'\"Ray, Bob\" <bob@ray.example>, Ray, Bob <bob@work.example>'",
     ("bob@ray.example", "bob@work.example")),
    ("'\"Ray, Bob\" <bob@ray.example>'", ("bob@ray.example",)),
    ("'Ray, Bob <bob@ray.example>'", ("bob@ray.example",)),  # (read as the address `ray`)
    # (a review: the name with a comma was read as the address `ray`; a comment's comma cut
    # the next address off; a quote never closed swallowed the rest)
    ("'Ray, Bob <bob@ray.example>; bob@work.example'", ("bob@ray.example", "bob@work.example")),
    ("bob@ray.example (work, main), bob@work.example", ("bob@ray.example", "bob@work.example")),
    ("'O\"Ray <bob@ray.example>, bob@work.example'", ("bob@ray.example", "bob@work.example")),
    # (a second review: the address inside a quoted name was taken, and a comment's quoted
    # parenthesis cut it)
    ("'\"Bob <old@ray.example>\" <bob@ray.example>, bob@work.example'",
     ("bob@ray.example", "bob@work.example")),
    ("'bob@ray.example (a\\) b, c), bob@work.example'", ("bob@ray.example", "bob@work.example")),
])
def test_an_email_field_of_several_addresses_in_one_text_reads_each(written, expected):
    """An address holds no comma or semicolon outside quotes: one text with several is split
    there (a name with a comma, quoted or not, goes with its address)."""
    assert parse_note("People/Bob Ray.md", person("Bob Ray", email=written)).fields.emails == expected


@pytest.mark.parametrize("written", ["bob@ray.example,bob@work.example",
                                     "'Ray, Bob <bob@ray.example>; bob@work.example'"])
def test_mail_from_any_address_of_a_text_with_commas_is_theirs(make_vault, run, tmp_path,
                                                               written):
    root = make_vault({
        "Me.md": "---\ntype: me\nemail: sam.rivera@example.org\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n", email=written)})
    mails = [Mail(BOB, (ME,), "Lunch?", at(20), "l1"),
             Mail(("Bob Ray", "bob@work.example"), (ME,), "Budget", at(21), "l2")]
    run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", root, "--today", TODAY)
    assert log_of(root, "Bob Ray") == ["- 2026-11-20 Lunch? #received",
                                       "- 2026-11-21 Budget #received"]


def test_an_address_two_notes_hold_is_nobodys(vault, run, tmp_path):
    (vault / "People/Bob Twin.md").write_text(person("Bob Twin", email="bob@ray.example"))
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", conversation()[:1]),
                 "--vault", vault, "--today", TODAY)
    assert "People/Bob Ray.md: the email bob@ray.example is also in People/Bob Twin.md; keep it " \
        "in one person's note" in result.output
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met"]


def test_a_note_that_cannot_take_its_lines_is_named_once_and_the_import_fails(vault, run,
                                                                              tmp_path):
    """An unclosed code block: `log`'s check refuses the line. Ana's note is still written."""
    bob = vault / "People/Bob Ray.md"
    bob.write_text(person("Bob Ray", "```\nunclosed\n", email="bob@ray.example"))
    before = bob.read_bytes()
    box = write_mbox(tmp_path / "m.mbox", conversation())
    result = run("import", "mail", box, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert bob.read_bytes() == before and len(log_of(vault, "Ana Lima")) == 3
    assert "Bob Ray (People/Bob Ray.md), not written:\n  - 2026-11-20 " in result.output
    assert "Ana Lima (People/Ana Lima.md)\n" in result.output
    assert result.output.count("People/Bob Ray.md") == 2  # its heading, and the problem once
    assert result.output.count("nothing was written") == 1
    assert "Added 3 lines to 1 note; 0 already in the notes; 2 lines not written." in result.output
    data = json.loads(run("import", "mail", box, "--json", "--vault", vault, "--today",
                          TODAY).output)
    assert data["not_written"] == ["People/Bob Ray.md"] and data["written"] == []


def test_not_a_mailbox_is_named(vault, run, tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    result = run("import", "mail", tmp_path / "notes.txt", "--vault", vault)
    assert result.exit_code == 1 and "notes.txt: not an mbox file" in result.output
    (tmp_path / "empty").mkdir()
    result = run("import", "mail", tmp_path / "empty", "--vault", vault)
    assert result.exit_code == 1 and "holds no mailbox" in result.output


def test_an_empty_mbox_is_a_folder_without_mail(vault, run, tmp_path):
    """A 0-byte mbox is what a mail program keeps for an empty folder: no messages, no error;
    so is a folder of them."""
    before = snapshot(vault)
    (tmp_path / "Empty.mbox").write_bytes(b"")
    result = run("import", "mail", tmp_path / "Empty.mbox", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{tmp_path / 'Empty.mbox'}: 0 messages read\n")
    (tmp_path / "tb").mkdir()
    (tmp_path / "tb/Inbox").write_bytes(b"")
    (tmp_path / "tb/Sent").write_bytes(b"")
    result = run("import", "mail", tmp_path / "tb", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "0 messages read" in result.output and snapshot(vault) == before


def test_json_report(vault, run, tmp_path):
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", conversation()), "--json",
                 "--dry-run", "--vault", vault, "--today", TODAY)
    data = json.loads(result.output)
    assert data["dry_run"] is True and data["read"] == 5 and len(data["lines"]) == 5
    assert data["lines"][0] == {"path": "People/Ana Lima.md", "day": "2026-11-10",
                                "kind": "outreach", "line": "- 2026-11-10 Internship #outreach"}


def test_contacts_import_keeps_its_form(vault, run, tmp_path):
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Cleo Park\nEMAIL:cleo@x.example\nEND:VCARD\n")
    result = run("import", card, "--dry-run", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0 and "would create People/Cleo Park.md" in result.output
    result = run("import", "--dry-run", card, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0 and "would create People/Cleo Park.md" in result.output
    assert "mail" in run("import", "--help").output


# -- replies owed --------------------------------------------------------------------------------


def _person(*lines: tuple[int, frozenset[str], str]) -> Person:
    return Person("Bob Ray", "People/Bob Ray.md", Fields(),
                  tuple(Interaction(date(2026, 11, d), kinds, "x", 0, text) for d, kinds, text in lines))


RECEIVED = frozenset({"received"})


@pytest.mark.parametrize("lines, expected", [
    ([(20, RECEIVED, "Question #received")], (date(2026, 11, 20), 5, "Question", 0)),
    ([(18, RECEIVED, "a"), (20, RECEIVED, "b")], (date(2026, 11, 18), 7, "a", 1)),
    ([(20, RECEIVED, "a"), (20, frozenset(), "answered #email")], None),  # the same day answers
    ([(20, frozenset({"reply"}), "x"), (21, RECEIVED, "- new one #received")],
     (date(2026, 11, 21), 4, "new one", 0)),
    ([(20, RECEIVED, "a"), (22, frozenset({"outreach"}), "b")], None),
    ([(20, frozenset(), "x")], None),
])
def test_replies_owed_rule(lines, expected):
    owed = reply_owed(_person(*lines), TODAY)
    assert (None if owed is None else (owed.received, owed.days_waiting, owed.text, owed.more)) \
        == expected


def test_replies_owed_come_first_everywhere(vault, run, tmp_path):
    run("import", "mail", write_mbox(tmp_path / "m.mbox", conversation()[:1]), "--vault", vault,
        "--today", TODAY)
    due = run("due", "--vault", vault, "--today", TODAY).output
    assert due.startswith("Agenda for 2026-11-25\n\nReplies owed (1)\n"
                          "  Bob Ray  wrote 5 days ago: Question about the dataset\n")
    data = json.loads(run("due", "--json", "--vault", vault, "--today", TODAY).output)
    assert data["replies"] == [{"person": "Bob Ray", "path": "People/Bob Ray.md",
                                "received": "2026-11-20", "days_waiting": 5,
                                "text": "Question about the dataset", "more": 0}]
    # Only the reply owed makes Bob due (he was met 24 days ago, cadence 30 days).
    assert run("people", "--due", "--vault", vault, "--today", TODAY).output.startswith("  Bob Ray")
    run("sync", "--vault", vault, "--today", TODAY)
    agenda = (vault / "Network/Follow-ups.md").read_text()
    assert "## Replies owed (1)\n\n- [[People/Bob Ray|Bob Ray]] wrote 5 days ago: Question about " \
        "the dataset\n" in agenda
    assert agenda.index("## Replies owed") < agenda.index("## Stay in touch")
    ics = run("export", "--format", "ics", "-o", "-", "--vault", vault, "--today", TODAY).output
    assert ics.index("SUMMARY:Reply to Bob Ray") < ics.index("SUMMARY:") + 30
    assert "Bob Ray wrote 5 days ago: Question about the dataset" in ics.replace("\r\n ", "")


def test_your_plus_addresses_are_yours(vault, run, tmp_path):
    """Mail you send from `you+tag@`, or that is sent to it, is yours: it is logged with the
    person it is to or from, and your tagged address is never offered as a stranger's."""
    tagged = ("Sam Rivera", "Sam.Rivera+work@example.org")
    mails = [Mail(tagged, (BOB,), "Slides", at(20, 9), "p1@me"),
             Mail(BOB, (tagged,), "Re: Slides", at(21, 9), "p2@ray", "p1@me", ("p1@me",)),
             Mail(ANA, (("", "sam+news@home.example"),), "Hello", at(22, 9), "p3@lima")]
    result = run("import", "mail", write_mbox(tmp_path / "m.mbox", mails), "--vault", vault,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-20 Slides #outreach",
                                            "- 2026-11-21 Slides #reply"]
    assert "vaultnet add" not in result.output and "nobody in the vault" not in result.output
