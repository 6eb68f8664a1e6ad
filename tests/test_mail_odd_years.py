"""`vaultnet import mail`: a Date header's year as RFC 5322 reads its digits (section 4.3), never
the standard library's guess: `0000` and `0099` are no real years, so no date (the `From ` line's,
else undated); two digits are 1950 to 2049, three are 1900 and them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import TODAY, benchmark_script, person

from vaultnet.sources.mail import parse_message

ex = benchmark_script("make_exports")
Mail, mbox_bytes, ME = ex.Mail, ex.mbox_bytes, ex.ME
BOB = ("Bob Ray", "bob@ray.example")

pytestmark = pytest.mark.usefixtures("utc_zone")


# The Date header as written: the year RFC 5322 reads in it (None: no date), and, where it differs,
# what the standard library's parsedate reads.
YEARS = {
    "Mon, 01 Jan 0000 10:00:00 +0000": None,  # (2000)
    "Fri, 01 Jan 0099 10:00:00 +0000": None,  # (1999)
    "Fri, 01 Jan 0049 10:00:00 +0000": None,  # (2049)
    "Thu Jan  1 10:00:00 0000": None,  # asctime's order (2000)
    "Thu, 01 Jan 5 10:00:00 +0000": None,  # one digit is no year (2005)
    "Fri, 01 Jan 99 10:00:00 +0000": 1999,
    "Sat, 01 Jan 00 10:00:00 +0000": 2000,
    "Fri, 01 Jan 49 10:00:00 +0000": 2049,
    "Sun, 01 Jan 50 10:00:00 +0000": 1950,  # (2050)
    "Sat, 01 Jan 049 10:00:00 +0000": 1949,  # three digits: 1900 and them (2049)
    "Thu, 01 Jan 126 10:00:00 +0000": 2026,  # a year written as years since 1900 (none)
    "Thursday, 01-Jan-99 10:00:00 GMT": 1999,  # RFC 850
    "Thu, 01 Jan 2026 10:00:00 +0000": 2026,
}


def test_the_year_is_read_as_rfc_5322_says():
    read = {written: parse_message(f"From: b@x.example\nDate: {written}\n\n".encode(),
                                   b"From b@x.example").when for written in YEARS}
    assert read == {written: datetime(year, 1, 1, 10, tzinfo=UTC) if year else None
                    for written, year in YEARS.items()}


def test_year_0000_is_no_date_in_an_import(make_vault, run, tmp_path):
    """As for 9999: the `From ` line's date, else undated, never 2000-01-01."""
    vault = make_vault({
        "Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n- 2026-11-01 Coffee #met\n",
                                    email=BOB[1]),
    })
    zero = "Mon, 01 Jan 0000 10:00:00 +0000"
    when = datetime(2026, 11, 20, 10, tzinfo=UTC)
    data = mbox_bytes([Mail(BOB, (ME,), "from line", when, "a", date_header=zero),
                       Mail(BOB, (ME,), "nothing", when.replace(day=21), "b", date_header=zero)])
    data = data.replace(b"From bob@ray.example Sat Nov 21 10:00:00 2026", b"From bob@ray.example")
    (tmp_path / "m.mbox").write_bytes(data)
    result = run("import", "mail", tmp_path / "m.mbox", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "2 messages read (1 undated)" in result.output
    lines = (vault / "People/Bob Ray.md").read_text().splitlines()
    assert [line for line in lines if line.startswith("- ")] == [
        "- 2026-11-01 Coffee #met", "- 2026-11-20 from line #received"]
