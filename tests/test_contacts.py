"""Reading contacts files: vCard, LinkedIn's connections export and Google Contacts CSV.

Every test writes a real file to tmp_path, byte for byte, and reads it back with `read_contacts`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.sources.contacts import Contact, ContactFile, read_contacts


def read(tmp_path: Path, name: str, content: str | bytes) -> ContactFile:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_contacts(path)


def error(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(VaultnetError) as raised:
        read_contacts(path)
    return raised.value.message


def card(*lines: str) -> str:
    return "".join(f"{line}\n" for line in ("BEGIN:VCARD", *lines, "END:VCARD"))


# -- vCard -----------------------------------------------------------------------------------

VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Ångström;Zoë;;;\r\n"
    "FN:Zoë Ångström\r\n"
    "ORG:Acme\\, Inc.;Research\r\n"
    "TITLE:Head of R\\;D\r\n"
    "EMAIL;TYPE=INTERNET,WORK:zoe.angstrom@acme-industries.exam\r\n"
    " ple.com\r\n"
    "EMAIL;TYPE=INTERNET,HOME:zoe@home.org\r\n"
    "EMAIL;TYPE=INTERNET:ZOE@HOME.ORG\r\n"
    "TEL;TYPE=CELL:+46 70 123 45 67\r\n"
    "TEL;TYPE=WORK:+46 8 555 00 00\r\n"
    "BDAY:1980-04-12\r\n"
    "URL:https://zoe.example\r\n"
    "NOTE:Met at PyCon\\, Berlin.\\nAsk about the sauna.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Ó Briain;Dara;;;\r\n"
    "EMAIL:dara@example.ie\r\n"
    "END:VCARD\r\n"
)


def test_vcard_30_two_cards_folded_escaped_non_ascii(tmp_path: Path) -> None:
    assert read(tmp_path, "contacts.vcf", VCARD_30) == ContactFile("vCard", (
        Contact(
            name="Zoë Ångström",
            emails=("zoe.angstrom@acme-industries.example.com", "zoe@home.org"),
            phones=("+46 70 123 45 67", "+46 8 555 00 00"),
            org="Acme, Inc.",
            title="Head of R;D",
            birthday="1980-04-12",
            url="https://zoe.example",
            notes="Met at PyCon, Berlin.\nAsk about the sauna.",
            line=1,
        ),
        Contact(name="Dara Ó Briain", emails=("dara@example.ie",), line=17),
    ), ())


def test_vcard_40(tmp_path: Path) -> None:
    text = card("VERSION:4.0", "FN:Bob Lee", "TEL;VALUE=uri;TYPE=cell:tel:+1-555", "BDAY:--0412",
                "ANNIVERSARY:20090808", "EMAIL;PREF=1:bob@example.com")
    assert read(tmp_path, "bob.vcf", text) == ContactFile("vCard", (
        Contact(name="Bob Lee", emails=("bob@example.com",), phones=("+1-555",), birthday="--04-12",
                line=1),
    ), ())


@pytest.mark.parametrize("bday, expected", [
    ("BDAY:1980-04-12", "1980-04-12"),
    ("BDAY:19800412", "1980-04-12"),
    ("BDAY:1980-04-12T00:00:00Z", "1980-04-12"),
    ("BDAY;VALUE=date:19800412", "1980-04-12"),
    ("BDAY:--0412", "--04-12"),
    ("BDAY:--04-12", "--04-12"),
    ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12", "--04-12"),
    ("BDAY:0000-04-12", "--04-12"),  # Android: no year (was dropped as "not a real date")
    ("BDAY:00000412", "--04-12"),
    ("BDAY;VALUE=date:0000-02-29", "--02-29"),
    ("BDAY:", None),
])
def test_vcard_birthday_forms(tmp_path: Path, bday: str, expected: str | None) -> None:
    found = read(tmp_path, "b.vcf", card("VERSION:3.0", "FN:Ann", bday))
    assert found.contacts == (Contact(name="Ann", birthday=expected, line=1),)
    assert found.problems == ()


@pytest.mark.parametrize("written", ["0000-04-12", "00000412", "--04-12"])
def test_google_birthday_without_a_year(tmp_path: Path, written: str) -> None:
    found = read(tmp_path, "g.csv", f"First Name,Last Name,Birthday,E-mail 1 - Value\n"
                                    f"Ada,Lin,{written},ada@example.com\n")
    assert found.contacts == (Contact(name="Ada Lin", emails=("ada@example.com",),
                                      birthday="--04-12", line=2),)
    assert found.problems == ()


def test_vcard_impossible_birthday_is_a_problem_and_the_contact_is_kept(tmp_path: Path) -> None:
    found = read(tmp_path, "b.vcf", card("VERSION:3.0", "FN:Ann", "BDAY:1980-02-30"))
    assert found.contacts == (Contact(name="Ann", line=1),)
    assert found.problems == (Problem(str(tmp_path / "b.vcf"), 1,
                                      "Ann: birthday 1980-02-30 is not a real date; imported "
                                      "without it",
                                      "write it as 1980-04-12, or --04-12 without the year"),)


def test_broken_card_among_good_ones(tmp_path: Path) -> None:
    text = (card("VERSION:3.0", "FN:First")                       # lines 1-4
            + card("VERSION:3.0", "FN:Broken", "", "no colon on this line")  # lines 5-10
            + card("VERSION:3.0", "FN:Last"))                    # lines 11-14
    found = read(tmp_path, "all.vcf", text)
    assert [(c.name, c.line) for c in found.contacts] == [("First", 1), ("Last", 11)]
    assert found.problems == (Problem(
        str(tmp_path / "all.vcf"), 5,
        "this card cannot be read (line 9: Failed to parse line: no colon on this line); skipped",
        "fix the card, or export the contacts again"),)


def test_card_with_bad_base64_photo_is_skipped_alone(tmp_path: Path) -> None:
    text = card("VERSION:3.0", "FN:Photo", "PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64") \
        + card("VERSION:3.0", "FN:Plain")
    found = read(tmp_path, "p.vcf", text)
    assert [c.name for c in found.contacts] == ["Plain"]
    [problem] = found.problems
    assert problem.line == 1
    # The rest of the reason is binascii's own wording, which changes between Python versions.
    assert problem.message.startswith("this card cannot be read (decoding with 'base64' codec failed")


def test_card_without_a_name_is_skipped(tmp_path: Path) -> None:
    text = card("VERSION:3.0", "EMAIL:nobody@example.com", "ORG:Acme") \
        + card("VERSION:3.0", "FN:", "N:;;;;") + card("VERSION:3.0", "FN:Named")
    found = read(tmp_path, "n.vcf", text)
    assert found.contacts == (Contact(name="Named", line=11),)
    assert [(p.line, p.message) for p in found.problems] == [
        (1, "this card has no name (FN or N); skipped"),
        (6, "this card has no name (FN or N); skipped"),
    ]


def test_unclosed_card_and_stray_text(tmp_path: Path) -> None:
    text = ("BEGIN:VCARD\nFN:Open\n"      # 1-2: never closed
            + card("FN:Closed")           # 3-5
            + "stray\nmore stray\n\n"     # 6-8: one problem for the run
            + card("FN:After"))           # 9-11
    found = read(tmp_path, "u.vcf", text)
    assert [(c.name, c.line) for c in found.contacts] == [("Closed", 3), ("After", 9)]
    assert [(p.line, p.message) for p in found.problems] == [
        (1, "this card has no END:VCARD line; skipped"),
        (6, "text outside any card (BEGIN:VCARD … END:VCARD); ignored"),
    ]


def test_vcard_with_bom_and_crlf(tmp_path: Path) -> None:
    text = "\ufeff" + card("VERSION:3.0", "FN:Bom Crlf", "TEL:123").replace("\n", "\r\n")
    assert read(tmp_path, "bom.vcf", text).contacts == (
        Contact(name="Bom Crlf", phones=("123",), line=1),)


def test_fold_that_splits_a_character(tmp_path: Path) -> None:
    # RFC 6350 allows folding inside a character's UTF-8 bytes; unfolding must mend it.
    e_umlaut = "ë".encode()
    data = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zo" + e_umlaut[:1] + b"\r\n " + e_umlaut[1:] \
        + b" Lind\r\nEND:VCARD\r\n"
    assert read(tmp_path, "split.vcf", data).contacts == (Contact(name="Zoë Lind", line=1),)


def test_control_characters_are_kept_out_of_names(tmp_path: Path) -> None:
    text = card("VERSION:3.0", "FN:\x1b]0;pwned\x07 Eve \t  Evil\u2028", "ORG:Evil\x00 Corp")
    assert read(tmp_path, "e.vcf", text).contacts == (
        Contact(name="]0;pwned Eve Evil", org="Evil Corp", line=1),)


@pytest.mark.parametrize("version, lines", [
    ("2.1", ("ORG:Smith, Jones & Co", "TITLE:VP, Engineering",
             "NOTE:Met at PyCon, wants intro to Bob")),  # Android: 2.1 escapes no comma
    ("2.1", ("ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Smith, Jones & Co",
             "TITLE;ENCODING=QUOTED-PRINTABLE:VP, Engineering",
             "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at PyCon, wants intro =",
             "to Bob")),  # and quoted-printable, with a soft line break
    ("3.0", ("ORG:Smith, Jones & Co;Sales", "TITLE:VP, Engineering",
             "NOTE:Met at PyCon, wants intro to Bob")),  # unescaped, against RFC 2426
    ("3.0", ("ORG:Smith\\, Jones & Co;Sales", "TITLE:VP\\, Engineering",
             "NOTE:Met at PyCon\\, wants intro to Bob")),
    ("4.0", ("ORG:Smith\\, Jones & Co", "TITLE:VP, Engineering",
             "NOTE:Met at PyCon\\, wants intro to Bob")),
])
def test_a_comma_in_org_title_or_note_keeps_the_whole_value(tmp_path: Path, version: str,
                                                             lines: tuple[str, ...]) -> None:
    found = read(tmp_path, "c.vcf", card(f"VERSION:{version}", "FN:Jane Doe", *lines))
    assert found.contacts == (Contact(name="Jane Doe", org="Smith, Jones & Co",
                                      title="VP, Engineering",
                                      notes="Met at PyCon, wants intro to Bob", line=1),)
    assert found.problems == ()


def test_same_name_twice_gives_two_contacts(tmp_path: Path) -> None:
    text = card("FN:Sam Lee", "EMAIL:a@example.com") + card("FN:Sam  Lee", "EMAIL:b@example.com")
    assert read(tmp_path, "d.vcf", text).contacts == (
        Contact(name="Sam Lee", emails=("a@example.com",), line=1),
        Contact(name="Sam Lee", emails=("b@example.com",), line=5),
    )


# -- LinkedIn --------------------------------------------------------------------------------

LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about email visibility "
    'here https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)
LINKEDIN_ROWS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Zoë,Ångström,https://www.linkedin.com/in/zoe-angstrom,,\"Acme, Inc.\",CTO,12 Mar 2024\r\n"
    "Bob,Lee,https://www.linkedin.com/in/boblee,bob@example.com,Initech,"
    '"Engineer, ""Platform""",2023-11-05\r\n'
    ",,https://www.linkedin.com/in/hidden,,,,01 Jan 2023\r\n"
)
LINKEDIN_CONTACTS = (
    Contact(name="Zoë Ångström", org="Acme, Inc.", title="CTO",
            linkedin="https://www.linkedin.com/in/zoe-angstrom", connected=date(2024, 3, 12)),
    Contact(name="Bob Lee", emails=("bob@example.com",), org="Initech", title='Engineer, "Platform"',
            linkedin="https://www.linkedin.com/in/boblee", connected=date(2023, 11, 5)),
)


@pytest.mark.parametrize("preamble, header_line", [(LINKEDIN_PREAMBLE, 4), ("", 1)],
                         ids=["with-notes", "header-first"])
def test_linkedin_connections(tmp_path: Path, preamble: str, header_line: int) -> None:
    found = read(tmp_path, "Connections.csv", "\ufeff" + preamble + LINKEDIN_ROWS)
    assert found.format == "LinkedIn connections"
    assert [(c.name, c.line) for c in found.contacts] == [
        ("Zoë Ångström", header_line + 1), ("Bob Lee", header_line + 2)]
    assert tuple(replace(c, line=0) for c in found.contacts) == LINKEDIN_CONTACTS
    assert [(p.line, p.message) for p in found.problems] == [
        (header_line + 3, "this connection has no name; skipped")]


def test_linkedin_impossible_date_is_a_problem(tmp_path: Path) -> None:
    text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAl,Ng,,,,,31 Feb 2024\n"
    found = read(tmp_path, "c.csv", text)
    assert found.contacts == (Contact(name="Al Ng", line=2),)
    assert [(p.line, p.message) for p in found.problems] == [
        (2, "Al Ng: Connected On 31 Feb 2024 is not a real date; imported without it")]


UNCLOSED = ('a quote (") opened on this line is never closed, so the CSV cannot be read from '
            "here on")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize(("rows", "contacts", "line"), [
    # a quote never closed takes the rest of the file: Cy's line is not read as part of a name
    ('Al,Ng,,,,,\n"Bo,Li,,,,,\nCy,Wu,,,,,\n', ["Al Ng"], 3),
    ('Al,Ng,,,,,\nBo,"Li,,,,,', ["Al Ng"], 3),  # (on the last line)
    ('Al,Ng,,,,,\nBo,"Li\nWu",,,,,\nCy,"Wu,,,,,\n', ["Al Ng", "Bo Li Wu"], 5),
])
def test_a_quote_never_closed_is_named_and_its_row_not_read(tmp_path: Path, rows: str,
                                                            contacts: list[str], line: int) -> None:
    found = read(tmp_path, "c.csv", HEADER + rows)
    assert [c.name for c in found.contacts] == contacts
    assert [(p.line, p.message) for p in found.problems] == [(line, UNCLOSED)]


@pytest.mark.parametrize("rows", [
    '"Al" Ng,Lee,,,,,\n',  # (as spreadsheets read it: Al Ng)
    'Al,O"Brien,,,,,\n',  # a quote inside a cell that is not quoted is the quote
    'Al,"Ng\nLee",,,,,\n"Bo" Li,Wu,,"a\nb",,,\n',  # cells over lines, closed
    'Al,Ng,,,,,\n"Bo" Li,Wu,,,"Acme\n"Beta team,,\n',  # after a slip, a cell over lines (a review)
])
def test_quotes_that_close_or_open_nothing_read_as_before(tmp_path: Path, rows: str) -> None:
    assert read(tmp_path, "c.csv", HEADER + rows).problems == ()


# -- Google Contacts -------------------------------------------------------------------------

GOOGLE_NEW = (
    "\ufeffFirst Name,Middle Name,Last Name,Nickname,File As,Organization Name,Organization Title,"
    "Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value\r\n"
    'Zoë,,Ångström,,,Acme,CTO,1980-04-12,"Met at PyCon, Berlin.\r\nAsk about the sauna.",'
    "* myContacts,* Work,zoe@acme.example ::: ZOE@ACME.EXAMPLE ::: zoe@home.org,Other,z@x.org,"
    "Mobile,+46 70 123 ::: +46 8 555,,https://zoe.example\r\n"
    ",,,,,Nameless Org,,,,* myContacts,,,,,,,,\r\n"
)
GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,"
    "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Title,Website 1 - Type,Website 1 - Value\n"
    "Bob Lee,Bob,,Lee,--04-12,,* myContacts,* Home,bob@example.com,Mobile,555-0100,,Initech,"
    "Engineer,,http://bob.example\n"
    ",Ann,Marie,Lee,,,* myContacts,,,,,,,,,\n"
)


def test_google_new_export(tmp_path: Path) -> None:
    found = read(tmp_path, "contacts.csv", GOOGLE_NEW)
    assert found.format == "Google Contacts"
    assert found.contacts == (Contact(
        name="Zoë Ångström",
        emails=("zoe@acme.example", "zoe@home.org", "z@x.org"),
        phones=("+46 70 123", "+46 8 555"),
        org="Acme",
        title="CTO",
        birthday="1980-04-12",
        url="https://zoe.example",
        notes="Met at PyCon, Berlin.\nAsk about the sauna.",
        line=2,
    ),)
    assert found.problems == ()
    assert [(p.line, p.message) for p in found.skipped] == [
        (4, "Nameless Org: the card of a company (an organisation, no name), not of a person; "
            "skipped")]


def test_google_old_export(tmp_path: Path) -> None:
    found = read(tmp_path, "google.txt", GOOGLE_OLD)
    assert found == ContactFile("Google Contacts", (
        Contact(name="Bob Lee", emails=("bob@example.com",), phones=("555-0100",), org="Initech",
                title="Engineer", birthday="--04-12", url="http://bob.example", line=2),
        Contact(name="Ann Marie Lee", line=3),
    ), ())


# -- what is not a contacts file -------------------------------------------------------------


@pytest.mark.parametrize("content, shown", [
    (b"First Name,Last Name,Email\nAnn,Lee,a@example.com\n",
     'the first line is "First Name,Last Name,Email"'),
    (b"\n\n# My contacts\n", 'the first line is "# My contacts"'),
    (b"", "the file is empty"),
], ids=["other-csv", "markdown", "empty"])
def test_unrecognised_file(tmp_path: Path, content: bytes, shown: str) -> None:
    assert error(tmp_path, "contacts.vcf", content) == (
        f"{tmp_path / 'contacts.vcf'}: not a vCard file, a LinkedIn connections export or a Google "
        f"Contacts CSV ({shown})")


def test_not_utf8(tmp_path: Path) -> None:
    assert error(tmp_path, "latin1.vcf", "BEGIN:VCARD\nFN:Zoë\nEND:VCARD\n".encode("latin-1")) == (
        f"{tmp_path / 'latin1.vcf'}: is not UTF-8 text (line 2 has the byte 0xeb); export it again "
        "as UTF-8, or save it as UTF-8 in a text editor")


def test_utf16(tmp_path: Path) -> None:
    assert error(tmp_path, "c.csv", "Name,E-mail 1 - Value\n".encode("utf-16")) == (
        f"{tmp_path / 'c.csv'}: is UTF-16 text, not UTF-8; export it again as UTF-8, or save it "
        "as UTF-8 in a text editor")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(VaultnetError) as raised:
        read_contacts(tmp_path / "missing.vcf")
    assert raised.value.message == (
        f"{tmp_path / 'missing.vcf'}: cannot read the contacts file (No such file or directory)")


# -- names, aliases, tags and profiles (issue 15) --------------------------------------------


@pytest.mark.parametrize("written, name", [
    ("Dr. Chidi Okonkwo", "Chidi Okonkwo"),
    ("Prof. Dr. Ana Silva", "Ana Silva"),
    ("Dr.Ana Silva", "Ana Silva"),
    ("Mr Sam Lee", "Sam Lee"),
    ("Mrs. Sam Lee", "Sam Lee"),
    ("Ms. Sam Lee", "Sam Lee"),
    ("Mx. Sam Rivera", "Sam Rivera"),
    ("Sir Tim Example", "Tim Example"),
    ("Dame Ada Example", "Ada Example"),
    ("Priya Verma, PhD", "Priya Verma"),
    ("Priya Verma, Ph.D.", "Priya Verma"),
    ("Jane Roe MBA", "Jane Roe"),
    ("Jane Roe, M.D., MBA", "Jane Roe"),
    ("Jane Roe, CPA, PE", "Jane Roe"),
    ("Jane Roe MBA, CPA", "Jane Roe"),
    ("Jane Roe (she/her)", "Jane Roe"),
    ("Ana 🚀 Silva", "Ana Silva"),
    ("👩🏽‍💻 Mei Lin ✨", "Mei Lin"),
    ("Priya Verma, PhD 🎓", "Priya Verma"),
    ("🇳🇬 Chidi Okonkwo", "Chidi Okonkwo"),
    # What is part of a name stays.
    ("Sam Lee Jr.", "Sam Lee Jr."),
    ("John Smith, Jr., CPA", "John Smith Jr."),
    ("Yo-Yo Ma", "Yo-Yo Ma"),
    ("Jack MA", "Jack MA"),       # one word would be left: a surname, not a degree
    ("Md Rahman", "Md Rahman"),
    ("Dr.", "Dr."),               # nothing would be left
    ("🎉", "🎉"),
])
def test_names_lose_honorifics_credentials_and_emoji(tmp_path: Path, written: str,
                                                      name: str) -> None:
    found = read(tmp_path, "n.vcf", card("VERSION:3.0", f"FN:{written.replace(',', chr(92) + ',')}"))
    assert [c.name for c in found.contacts] == [name]


def test_vcard_nickname_categories_and_social_profiles(tmp_path: Path) -> None:
    text = card(
        "VERSION:3.0", "FN:Dr. Chidi Okonkwo 🚀", "NICKNAME:Chid,CO", "NICKNAME:Chidi",
        "CATEGORIES:Work,Book Club,#mentors", "CATEGORIES:work",
        "X-SOCIALPROFILE;type=twitter:https://twitter.example/chidi",
        "X-SOCIALPROFILE;type=linkedin;x-user=chidi-okonkwo:http\\://www.linkedin.com/in/chidi-okonkwo",
        "item1.URL:https://chidi.example", "item1.X-ABLabel:_$!<HomePage>!$_")
    assert read(tmp_path, "c.vcf", text).contacts == (Contact(
        name="Chidi Okonkwo", aliases=("Chid", "CO", "Chidi"), tags=("Work", "Book-Club", "mentors"),
        url="https://chidi.example", linkedin="http://www.linkedin.com/in/chidi-okonkwo", line=1),)


@pytest.mark.parametrize("lines, linkedin", [
    (("URL:https://www.linkedin.com/in/ana/",), "https://www.linkedin.com/in/ana/"),
    (("X-SOCIALPROFILE;type=linkedin;x-user=ana:x-apple:ana",), "https://www.linkedin.com/in/ana"),
    (("SOCIALPROFILE;SERVICE-TYPE=LinkedIn:https://linkedin.com/in/ana",),
     "https://linkedin.com/in/ana"),
], ids=["url", "x-user", "vcard-4"])
def test_vcard_linkedin_profile_forms(tmp_path: Path, lines: tuple[str, ...], linkedin: str) -> None:
    [contact] = read(tmp_path, "a.vcf", card("VERSION:3.0", "FN:Ana", *lines)).contacts
    assert (contact.linkedin, contact.url) == (linkedin, None)


def test_linkedin_names_with_credentials_and_emoji_and_the_profile(tmp_path: Path) -> None:
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Dr. Priya,\"Verma, PhD\",https://www.linkedin.com/in/priya-verma,,Acme,CTO,12 Mar 2024\n"
            "Ana ✨,Silva 🚀,https://www.linkedin.com/in/ana-silva,,,,12 Mar 2024\n")
    found = read(tmp_path, "Connections.csv", text)
    assert [(c.name, c.linkedin, c.url) for c in found.contacts] == [
        ("Priya Verma", "https://www.linkedin.com/in/priya-verma", None),
        ("Ana Silva", "https://www.linkedin.com/in/ana-silva", None)]


def test_google_labels_become_tags_without_googles_own(tmp_path: Path) -> None:
    new = ("First Name,Last Name,Nickname,Labels,E-mail 1 - Value,Website 1 - Value\n"
           "Kai,Berg,Kaibo ::: KB,* myContacts ::: Book Club ::: * starred ::: Family,k@x.org,"
           "https://linkedin.com/in/kai ::: https://kai.example\n")
    old = ("Name,Given Name,Family Name,Nickname,Group Membership,E-mail 1 - Value\n"
           "Kai Berg,Kai,Berg,,* myContacts ::: Friends,k@x.org\n")
    assert read(tmp_path, "new.csv", new).contacts == (Contact(
        name="Kai Berg", emails=("k@x.org",), aliases=("Kaibo", "KB"), tags=("Book-Club", "Family"),
        url="https://kai.example", linkedin="https://linkedin.com/in/kai", line=2),)
    assert read(tmp_path, "old.csv", old).contacts == (Contact(
        name="Kai Berg", emails=("k@x.org",), tags=("Friends",), line=2),)
