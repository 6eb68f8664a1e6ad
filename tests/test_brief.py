"""`vaultnet brief` as a friend would give it (issue 15, item 6): the next birthday, the note's own
free text, contact fields, promises by due date with the overdue ones marked, plans (log lines
dated after today) and links shown as plain names in the terminal, on small hand-built vaults.

Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person

from vaultnet.parse import note

ADA = person(
    "Ada Lovelace",
    "Loves **letterpress**; ask about her [[Albion Press|Albion]] restoration.\n"
    "Met her at the [[Type Fair]].\n"
    "\n"
    "#friend #print\n"
    "- Two cats, Babbage and Byron\n"
    "\n"
    "## Log\n"
    "- 2026-11-20 Coffee with [[Bob Smith]] #met\n"
    "- Forgot the date of this one\n"
    "- 2026-12-03 Letterpress fair together\n"
    "- [ ] Send the type catalogue 📅 2026-12-10\n"
    "- [ ] Return her book 📅 2026-11-20\n"
    "- [ ] Ask about the cats\n"
    "- [ ] Post the print 📅 2026-11-24\n"
    "- [ ] She will lend me the composing stick 📅 2026-11-01 #waiting\n"
    "- [x] Thank her 📅 2026-11-02\n",
    role="friend", birthday="1980-12-01",
    email="[ada@example.org, ada@work.example]",
    phone='"+44 20 7946 0000"', Mobile="+447700900123", Tel="0612345678",
    linkedin="https://www.linkedin.com/in/ada", website="https://ada.example",
    knows='["[[Bob Smith]]"]', cadence="30d")

VAULT = {
    "People/Ada Lovelace.md": ADA,
    "People/Bob Smith.md": person(
        "Bob Smith", "## Log\n- 2026-11-22 Lunch #met\n"
        "- 2026-12-02 Introduce [[Ada Lovelace]] to the printers' guild\n"),
    "Daily/2026-12-05.md": "- Dinner with [[Ada Lovelace|Ada]] and [[Bob Smith]]\n",
    "Daily/2026-11-21.md": "- Saw [[Ada Lovelace]] at the market\n",
}


def brief_text(run, vault, name: str = "Ada Lovelace") -> str:
    result = run("brief", name, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output


def brief_json(run, vault, name: str = "Ada Lovelace") -> dict:
    result = run("brief", name, "--vault", vault, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def section(text: str, title: str) -> list[str]:
    """The rows of one section of a brief, without their indent."""
    lines = text.splitlines()
    assert title in lines, f"no {title!r} section in:\n{text}"
    rows = []
    for line in lines[lines.index(title) + 1:]:
        if not line.startswith("  "):
            break
        rows.append(line[2:])
    return rows


# -- the whole brief ---------------------------------------------------------------------------

def test_brief_text_of_a_friend_is_exact(make_vault, run):
    vault = make_vault(VAULT)
    assert brief_text(run, vault) == (
        "Ada Lovelace (friend)\n"
        "People/Ada Lovelace.md · tie strength 62 of 100 (strong): 2 interactions, "
        "last 2026-11-21 (4 days ago)\n"
        "\n"
        "On today's agenda\n"
        "  Promise   waiting on them: She will lend me the composing stick #waiting"
        " (due 2026-11-01, 24 days overdue)\n"
        "  Promise   Return her book (due 2026-11-20, 5 days overdue)\n"
        "  Promise   Post the print (due 2026-11-24, 1 day overdue)\n"
        "  Birthday  2026-12-01 (in 6 days, turns 46)\n"
        "\n"
        "About\n"
        "  Loves letterpress; ask about her Albion restoration. Met her at the Type Fair.\n"
        "  Two cats, Babbage and Byron\n"
        "\n"
        "Birthday\n"
        "  2026-12-01 (in 6 days, turns 46)\n"
        "\n"
        "Contact\n"
        "  email: ada@example.org\n"
        "  email: ada@work.example\n"
        "  phone: +44 20 7946 0000\n"
        "  Mobile: +447700900123\n"
        "  Tel: 0612345678\n"
        "  linkedin: https://www.linkedin.com/in/ada\n"
        "  website: https://ada.example\n"
        "\n"
        "Last interactions\n"
        "  2026-11-21  Saw Ada Lovelace at the market\n"
        "  2026-11-20  Coffee with Bob Smith #met\n"
        "\n"
        "Plans\n"
        "  2026-12-02  Introduce Ada Lovelace to the printers' guild\n"
        "  2026-12-03  Letterpress fair together\n"
        "  2026-12-05  Dinner with Ada and Bob Smith\n"
        "\n"
        "Open promises\n"
        "  you:  Return her book (due 2026-11-20, 5 days overdue)\n"
        "  you:  Post the print (due 2026-11-24, 1 day overdue)\n"
        "  you:  Send the type catalogue (due 2026-12-10)\n"
        "  you:  Ask about the cats\n"
        "  them: She will lend me the composing stick #waiting (due 2026-11-01, 24 days overdue)\n"
        "\n"
        "Open outreach\n"
        "  nothing waiting for an answer\n"
        "\n"
        "Shared topics with you\n"
        "  none of your focus topics\n"
        "\n"
        "Mutual connections\n"
        "  Bob Smith\n"
        "\n"
        "What you could offer\n"
        "  nothing noted: add `offers` to their note\n"
        "\n"
        "What they need\n"
        "  nothing noted: add `needs` to their note\n"
    )


# -- birthday ----------------------------------------------------------------------------------

def test_brief_shows_the_next_birthday_with_age(make_vault, run):
    vault = make_vault(VAULT)
    assert section(brief_text(run, vault), "Birthday") == ["2026-12-01 (in 6 days, turns 46)"]
    assert brief_json(run, vault)["birthday"] == {
        "date": "2026-12-01", "days_until": 6, "turns": 46}


def test_brief_birthday_far_off_without_a_year_and_today(make_vault, run):
    vault = make_vault({
        "People/Far.md": person("Far", birthday="1990-04-12"),
        "People/Noyear.md": person("Noyear", birthday="--01-03"),
        "People/Today.md": person("Today", birthday="2000-11-25"),
        "People/Leap.md": person("Leap", birthday="2004-02-29"),
        "People/None.md": person("None"),
    })
    # Past this year's: next year's, however far (the agenda only looks 14 days ahead).
    assert section(brief_text(run, vault, "Far"), "Birthday") == [
        "2027-04-12 (in 138 days, turns 37)"]
    assert brief_json(run, vault, "Far")["birthday"] == {
        "date": "2027-04-12", "days_until": 138, "turns": 37}
    assert section(brief_text(run, vault, "Noyear"), "Birthday") == ["2027-01-03 (in 39 days)"]
    assert brief_json(run, vault, "Noyear")["birthday"]["turns"] is None
    assert section(brief_text(run, vault, "Today"), "Birthday") == ["2026-11-25 (today, turns 26)"]
    assert section(brief_text(run, vault, "Leap"), "Birthday") == [
        "2027-02-28 (in 95 days, turns 23)"]
    assert "Birthday" not in brief_text(run, vault, "None").splitlines()
    assert brief_json(run, vault, "None")["birthday"] is None


# -- the note's own free text ------------------------------------------------------------------

def test_brief_shows_the_notes_free_text(make_vault, run):
    vault = make_vault(VAULT)
    # JSON keeps the text as written (links and all); the terminal shows links as names.
    assert brief_json(run, vault)["about"] == [
        "Loves letterpress; ask about her [[Albion Press|Albion]] restoration. "
        "Met her at the [[Type Fair]].",
        "Two cats, Babbage and Byron"]
    assert section(brief_text(run, vault), "About") == [
        "Loves letterpress; ask about her Albion restoration. Met her at the Type Fair.",
        "Two cats, Babbage and Byron"]


def test_brief_without_free_text_has_no_about_section(make_vault, run):
    vault = make_vault({"People/Bare.md": person("Bare", "## Log\n- 2026-11-20 Lunch #met\n")})
    assert "About" not in brief_text(run, vault, "Bare").splitlines()
    assert brief_json(run, vault, "Bare")["about"] == []


def test_free_text_leaves_out_log_tasks_headings_and_hidden_text():
    free_text = note.free_text
    body = (
        "# Jane Doe\n"
        "Research scientist in the City Science group. Generous with her time,\n"
        "likes concrete questions.\n"
        "\n"
        "%% a private comment %%\n"
        "<!-- hidden -->\n"
        "```\ncode is not prose\n```\n"
        "phone:: 555 0100\n"
        "Tags: #person #mentor\n"
        "![[portrait.png]]\n"
        "---\n"
        "> [!note] A callout title\n"
        "> Quoted: she ran the 2019 marathon. ^abc123\n"
        "\n"
        "Log\n"
        "===\n"
        "- 2026-10-01 Coffee #met\n"
        "- an undated line in the log\n"
        "  still the log\n"
        "- [ ] Send the paper 📅 2026-12-01\n"
        "Notes from our calls, also the log.\n"
        "## 2026-11-02 Call\n"
        "Talked about sensors (this belongs to the dated entry).\n"
        "## Family\n"
        "- [x] done task\n"
        "- Two kids\n"
        "  - nested detail\n"
        "## Later\n"
        "One more paragraph that is not shown: three items are enough.\n"
    )
    assert free_text(body) == (
        "Research scientist in the City Science group. Generous with her time, likes concrete "
        "questions.",
        "Quoted: she ran the 2019 marathon.",
        "Two kids",
    )


@pytest.mark.parametrize("heading", ["## Log 📝", "## 📝 Log", "## **Log**:", "## Interactions ✨"])
def test_free_text_knows_a_log_heading_with_emoji_or_markup(heading):
    """As `vaultnet log` finds the Log section: what is under it is the log, not who they are."""
    body = f"Likes concrete questions.\n\n{heading}\nAn undated line about our calls.\n"
    assert note.free_text(body) == ("Likes concrete questions.",)


def test_free_text_is_short():
    free_text = note.free_text
    long = " ".join(["word"] * 200)
    (only,) = free_text(long + "\n")
    assert len(only) <= 240 and only.endswith("…")
    assert only.removesuffix("…").split() == ["word"] * len(only.removesuffix("…").split())
    assert free_text("") == () and free_text("## Log\n- 2026-01-01 x\n") == ()
    # Windows line endings, a setext Log heading, numbered and starred items.
    assert free_text("# X\r\nLoves letterpress.\r\nAnd ink.\r\n\r\nLog\r\n===\r\n- undated\r\n"
                     "- 2026-01-01 x\r\n") == ("Loves letterpress. And ink.",)
    assert free_text("Plain words\n- [ ] task\n1. numbered fact\n* star fact\n") == (
        "Plain words", "numbered fact", "star fact")


# -- contact fields ----------------------------------------------------------------------------

def test_brief_shows_contact_fields_as_written(make_vault, run):
    vault = make_vault(VAULT)
    # Numbers keep their `+` and leading zeros, as written; unknown non-contact fields are not shown.
    assert brief_json(run, vault)["contact"] == [
        {"field": "email", "value": "ada@example.org"},
        {"field": "email", "value": "ada@work.example"},
        {"field": "phone", "value": "+44 20 7946 0000"},
        {"field": "Mobile", "value": "+447700900123"},
        {"field": "Tel", "value": "0612345678"},
        {"field": "linkedin", "value": "https://www.linkedin.com/in/ada"},
        {"field": "website", "value": "https://ada.example"},
    ]


def test_brief_contact_fields_of_other_spellings(make_vault, run):
    vault = make_vault({"People/Kim.md": person(
        "Kim", mail="kim@example.org", Phone_Number="[555-0100, 555-0199]",
        GitHub="kimcodes", Mastodon="'@kim@example.social'", favourite_colour="green")})
    assert section(brief_text(run, vault, "Kim"), "Contact") == [
        "email: kim@example.org", "Phone_Number: 555-0100", "Phone_Number: 555-0199",
        "GitHub: kimcodes", "Mastodon: @kim@example.social"]
    none = make_vault({"People/Nobody.md": person("Nobody", role="peer")})
    assert "Contact" not in brief_text(run, none, "Nobody").splitlines()
    assert brief_json(run, none, "Nobody")["contact"] == []


# -- promises ----------------------------------------------------------------------------------

def test_brief_promises_are_sorted_by_due_date_and_overdue_ones_marked(make_vault, run):
    vault = make_vault(VAULT)
    data = brief_json(run, vault)
    assert data["today"] == "2026-11-25"
    assert data["promises"] == {
        "yours": [{"text": "Return her book", "due": "2026-11-20"},
                  {"text": "Post the print", "due": "2026-11-24"},
                  {"text": "Send the type catalogue", "due": "2026-12-10"},
                  {"text": "Ask about the cats", "due": None}],
        "theirs": [{"text": "She will lend me the composing stick #waiting", "due": "2026-11-01"}]}
    assert data["overdue_promises"] == [
        {"whose": "theirs", "text": "She will lend me the composing stick #waiting",
         "due": "2026-11-01", "days_overdue": 24},
        {"whose": "yours", "text": "Return her book", "due": "2026-11-20", "days_overdue": 5},
        {"whose": "yours", "text": "Post the print", "due": "2026-11-24", "days_overdue": 1}]
    assert section(brief_text(run, vault), "Open promises")[:2] == [
        "you:  Return her book (due 2026-11-20, 5 days overdue)",
        "you:  Post the print (due 2026-11-24, 1 day overdue)"]


def test_a_promise_due_today_is_not_overdue(make_vault, run):
    vault = make_vault({"People/Dee.md": person("Dee", "- [ ] Ring her 📅 2026-11-25\n")})
    assert section(brief_text(run, vault, "Dee"), "Open promises") == [
        "you:  Ring her (due 2026-11-25)"]
    assert brief_json(run, vault, "Dee")["overdue_promises"] == []


# -- plans -------------------------------------------------------------------------------------

def test_brief_shows_future_log_lines_as_plans(make_vault, run):
    vault = make_vault(VAULT)
    data = brief_json(run, vault)
    # The own log, another person's log line linking Ada, and a daily note dated ahead: soonest
    # first. They are not interactions: the tie and the last contact stay as they were.
    assert data["plans"] == [
        {"date": "2026-12-02", "text": "Introduce [[Ada Lovelace]] to the printers' guild",
         "kinds": [], "source": "People/Bob Smith.md"},
        {"date": "2026-12-03", "text": "Letterpress fair together", "kinds": [],
         "source": "People/Ada Lovelace.md"},
        {"date": "2026-12-05", "text": "Dinner with [[Ada Lovelace|Ada]] and [[Bob Smith]]",
         "kinds": [], "source": "Daily/2026-12-05.md"}]
    assert data["tie"]["last_contact"] == "2026-11-21"
    assert [i["date"] for i in data["last_interactions"]] == ["2026-11-21", "2026-11-20"]
    # Bob's: his own log's plan and the dinner (a daily note linking him), not Ada's own fair.
    assert [p["date"] for p in brief_json(run, vault, "Bob Smith")["plans"]] == [
        "2026-12-02", "2026-12-05"]


def test_plans_leave_the_agenda_as_it_was(make_vault, run):
    vault = make_vault({
        "People/Pat.md": person("Pat", "## Log\n- 2026-08-01 Lunch #met\n"
                                "- 2026-12-01 Dinner planned #met\n", role="friend",
                                cadence="30d"),
    })
    due = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert [(s["person"], s["last_contact"]) for s in due["stay_in_touch"]] == [
        ("Pat", "2026-08-01")]
    data = brief_json(run, vault, "Pat")
    assert [p["date"] for p in data["plans"]] == ["2026-12-01"]
    assert data["plans"][0]["kinds"] == ["met"]
    assert section(brief_text(run, vault, "Pat"), "Plans") == ["2026-12-01  Dinner planned #met"]


def test_brief_without_plans_has_no_plans_section(make_vault, run):
    vault = make_vault({"People/Bare.md": person("Bare", "## Log\n- 2026-11-20 Lunch #met\n")})
    assert "Plans" not in brief_text(run, vault, "Bare").splitlines()
    assert brief_json(run, vault, "Bare")["plans"] == []


# -- links -------------------------------------------------------------------------------------

def test_links_show_as_plain_names_in_the_terminal(make_vault, run):
    vault = make_vault({
        "People/Lin.md": person(
            "Lin", "## Log\n- 2026-11-20 Lunch with [[Bob Smith|Bob]] and [[People/Carol Diaz]] "
            "at [[Cafe#Terrace]] ![[menu.png]] #met\n- [ ] Send [[Bob Smith]] the deck\n",
            needs='["an intro to [[Dana]]"]'),
    })
    text = brief_text(run, vault, "Lin")
    assert "[[" not in text and "]]" not in text
    assert section(text, "Last interactions") == [
        "2026-11-20  Lunch with Bob and Carol Diaz at Cafe > Terrace menu.png #met"]
    assert section(text, "Open promises") == ["you:  Send Bob Smith the deck"]
    assert section(text, "What they need") == ["an intro to Dana"]
    # JSON keeps what the note says.
    data = brief_json(run, vault, "Lin")
    assert data["last_interactions"][0]["text"].startswith("Lunch with [[Bob Smith|Bob]] and")
    assert data["promises"]["yours"] == [{"text": "Send [[Bob Smith]] the deck", "due": None}]


def test_plain_links():
    from vaultnet.insight.brief import as_shown

    assert as_shown("see [[A|b]], [[C]] and [[Folder/D]]") == "see b, C and D"
    assert as_shown("[[E#Heading]] [[F#^block]] ![[g.png]] [[#Local]]") == \
        "E > Heading F g.png Local"
    assert as_shown("no links, [single] brackets") == "no links, [single] brackets"


def test_brief_reads_a_note_whose_name_is_in_another_unicode_form(make_vault, run):
    # Written by macOS or a sync tool as NFD: the vault path is NFC, the disk name is not.
    vault = make_vault({"People/Jose\u0301.md": person("José", "Restores old bicycles.\n",
                                                        phone='"555 0100"')})
    text = brief_text(run, vault, "José")
    assert section(text, "About") == ["Restores old bicycles."]
    assert section(text, "Contact") == ["phone: 555 0100"]
