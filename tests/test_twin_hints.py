"""Hints that point to the note a person already has, now that `vaultnet add "Carol Diaz"` is
refused beside `People/Carol Díaz.md` (the same name but for case, accents or apostrophes):
`intro` to a name the notes mention without a note, and the correspondents `import mail` offers;
and `brief`'s head says when someone is dormant, as `people` does.

Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from conftest import TODAY, benchmark_script, person

ex = benchmark_script("make_exports")
Mail, mbox_bytes, ME = ex.Mail, ex.mbox_bytes, ex.ME
ANN = "People/Ann Lee.md"


def ann_knows(*names: str) -> str:
    return person("Ann Lee", "## Log\n- 2026-11-20 Lunch #met\n",
                  knows="[" + ", ".join(f'"[[{name}]]"' for name in names) + "]")


def intro(run, root, name: str) -> str:
    result = run("intro", name, "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output


# -- 1. intro to a name mentioned without a note -------------------------------------------------


def test_intro_to_a_twin_of_a_note_points_to_the_note(make_vault, run):
    root = make_vault({ANN: ann_knows("Carol Diaz"), "People/Carol Díaz.md": person("Carol Díaz")})
    assert intro(run, root, "Carol Diaz") == (
        "Carol Diaz has no note yet; your notes say Ann Lee knows them.\n"
        "Carol Díaz has a note (People/Carol Díaz.md): if your notes mean them, link them as "
        "[[Carol Díaz]].\n"
        "Warm paths to Carol Diaz:\n"
        "1. Ann Lee → Carol Diaz\n"
        "   Ask Ann Lee to introduce you to Carol Diaz.\n"
        "If Carol Diaz is someone else, make a note for them: "
        f'vaultnet add "Carol Diaz" --different-person --vault {root}\n')


def test_intro_to_a_twin_of_an_alias_gives_the_link_through_the_alias(make_vault, run):
    root = make_vault({ANN: ann_knows("carol diaz"),
                       "People/Carolina Díaz.md": person("Carolina Díaz", aliases="[Carol Díaz]")})
    lines = intro(run, root, "carol diaz").splitlines()
    assert [lines[1], lines[-1]] == [
        "Carolina Díaz has a note (People/Carolina Díaz.md), with the alias Carol Díaz: if your "
        "notes mean them, link them as [[Carolina Díaz|Carol Díaz]].",
        "If carol diaz is someone else, make a note for them: "
        f'vaultnet add "carol diaz" --different-person --vault {root}']


def test_intro_to_a_twin_by_apostrophe_and_case(make_vault, run):
    root = make_vault({ANN: ann_knows("SEAN O’BRIEN"), "People/Sean O'Brien.md": person()})
    lines = intro(run, root, "SEAN O’BRIEN").splitlines()
    assert [lines[1], lines[-1]] == [
        "Sean O'Brien has a note (People/Sean O'Brien.md): if your notes mean them, link them "
        "as [[Sean O'Brien]].",
        "If SEAN O’BRIEN is someone else, make a note for them: "
        f'vaultnet add "SEAN O’BRIEN" --different-person --vault {root}']


def test_a_note_s_own_name_before_another_note_s_alias(make_vault, run):
    root = make_vault({ANN: ann_knows("Carol Diaz"),
                       "People/Caroline Dunn.md": person("Caroline Dunn", aliases="[Carol Díaz]"),
                       "People/Carol DÍAZ.md": person()})
    assert intro(run, root, "Carol Diaz").splitlines()[1].startswith(
        "Carol DÍAZ has a note (People/Carol DÍAZ.md): ")


def test_intro_to_a_twin_says_so_first_and_takes_no_path_through_them(make_vault, run):
    """Carol Díaz's note names Carol Diaz: asking her to introduce you to herself is no path."""
    root = make_vault({ANN: ann_knows("Carol Diaz"),
                       "People/Carol Díaz.md": person("Carol Díaz", "## Log\n- 2026-11-20 Call #call\n",
                                                      knows='["[[Carol Diaz]]"]')})
    assert intro(run, root, "Carol Diaz") == (
        "Carol Diaz has no note yet; your notes say Ann Lee, Carol Díaz know them.\n"
        "Carol Díaz has a note (People/Carol Díaz.md): if your notes mean them, link them as "
        "[[Carol Díaz]].\n"
        "Warm paths to Carol Diaz:\n"
        "1. Ann Lee → Carol Diaz\n"
        "   Ask Ann Lee to introduce you to Carol Diaz.\n"
        "If Carol Diaz is someone else, make a note for them: "
        f'vaultnet add "Carol Diaz" --different-person --vault {root}\n')
    data = json.loads(run("intro", "Carol Diaz", "--vault", root, "--today", TODAY.isoformat(),
                          "--json").output)
    assert data["paths"] == [["Ann Lee", "Carol Diaz"]]
    assert data["twin"] == {"path": "People/Carol Díaz.md", "person": "Carol Díaz",
                            "matched": "Carol Díaz"}
    alone = make_vault({ANN: person("Ann Lee"), "People/Carol Díaz.md": person(
        "Carol Díaz", "## Log\n- 2026-11-20 Call #call\n", knows='["[[Carol Diaz]]"]')})
    assert "No warm path: nobody you know is tied to them yet." in intro(run, alone, "Carol Diaz")


def test_intro_to_a_name_with_no_twin_still_offers_add(make_vault, run):
    root = make_vault({ANN: ann_knows("Carol Diaz"), "People/Carla Diaz.md": person()})
    assert intro(run, root, "Carol Diaz").splitlines()[-1] == (
        f'Make a note for them: vaultnet add "Carol Diaz" --vault {root}')


# -- 2. import mail: a display name that is a person's but for case, accents, apostrophes ------


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 12, tzinfo=UTC)


@pytest.fixture
def mail_vault(make_vault):
    return make_vault({
        "Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Sam\n",
        "People/Carol Díaz.md": person("Carol Díaz"),
        "People/Sean O'Brien.md": person("Sean O'Brien"),
        "People/Elena Ruiz.md": person("Elena Ruiz", aliases="[Ellie Núñez]"),
        "People/Zoë.md": person("Zoë"),
        "People/Jörg Meyer.md": person("Jörg Meyer", aliases="[Jörg]"),
    })


def import_report(run, root, tmp_path, mails) -> tuple[list[str], list[dict[str, object]]]:
    box = tmp_path / "mail.mbox"
    box.write_bytes(mbox_bytes(mails))
    result = run("import", "mail", box, "--vault", root, "--today", TODAY, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index(next(line for line in lines if "most frequent" in line))
    data = json.loads(run("import", "mail", box, "--json", "--vault", root, "--today", TODAY,
                          "--dry-run").output)
    return lines[start + 1:], data["unknown"]


def test_a_correspondent_named_as_a_person_but_for_accents_is_offered_their_note(
        mail_vault, run, tmp_path):
    mails = [Mail(("Carol Diaz", "carol@new.example"), (ME,), "Hi", at(18), "c1"),
             Mail(("Carol Diaz", "carol@new.example"), (ME,), "Again", at(19), "c2"),
             Mail(("Dr. sean o’brien", "sean@x.example"), (ME,), "Hi", at(18), "s1"),
             Mail(("Nunez, Ellie", "ellie@x.example"), (ME,), "Hi", at(18), "e1"),
             Mail(("Carla Diaz", "carla@x.example"), (ME,), "Hi", at(18), "k1")]
    lines, unknown = import_report(run, mail_vault, tmp_path, mails)
    assert lines == [
        "  add carol@new.example to the email field of People/Carol Díaz.md  # 2 messages",
        "  vaultnet add 'Carla Diaz' --email carla@x.example  # 1 message",
        "  add ellie@x.example to the email field of People/Elena Ruiz.md  # 1 message",
        "  add sean@x.example to the email field of People/Sean O'Brien.md  # 1 message"]
    assert unknown[0] == {"name": "Carol Diaz", "address": "carol@new.example", "count": 2,
                          "note": "People/Carol Díaz.md"}


def test_a_one_word_name_is_never_matched_folded_either(mail_vault, run, tmp_path):
    mails = [Mail(("Zoe", "zoe@x.example"), (ME,), "Hi", at(18), "z1"),
             Mail(("Jorg", "jorg@x.example"), (ME,), "Hi", at(18), "j1")]
    lines, _ = import_report(run, mail_vault, tmp_path, mails)
    assert lines == ["  vaultnet add Jorg --email jorg@x.example  # 1 message",
                     "  vaultnet add Zoe --email zoe@x.example  # 1 message"]


def test_an_exact_name_or_alias_comes_before_a_folded_one(make_vault, run, tmp_path):
    root = make_vault({
        "Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Sam\n",
        "People/Carol Díaz.md": person("Carol Díaz"),
        "People/Caroline Diaz.md": person("Caroline Diaz", aliases="[Carol Diaz]"),
        "People/Ana Lima.md": person("Ana Lima"),
        "People/Ána Lima.md": person("Ána Lima"),
    })
    mails = [Mail(("Carol Diaz", "c@x.example"), (ME,), "Hi", at(18), "c1"),
             Mail(("Carol Díaz", "d@x.example"), (ME,), "Hi", at(18), "d1"),
             Mail(("ána lima", "a@x.example"), (ME,), "Hi", at(18), "a1"),
             Mail(("ANA LIMA", "b@x.example"), (ME,), "Hi", at(18), "b1")]
    _, unknown = import_report(run, root, tmp_path, mails)
    assert {u["address"]: u["note"] for u in unknown} == {
        "c@x.example": "People/Caroline Diaz.md", "d@x.example": "People/Carol Díaz.md",
        "a@x.example": "People/Ána Lima.md", "b@x.example": "People/Ana Lima.md"}


# -- 3. brief marks the dormant ------------------------------------------------------------------


BRIEF_PEOPLE = {
    "People/Greg Ross.md": person("Greg Ross", "## Log\n- 2025-12-03 Holiday card #gave\n",
                                  role="colleague", org="Lumen", status="dormant"),
    "People/Ida Moe.md": person("Ida Moe", "", status="dormant"),
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-11-20 Coffee #met\n", role="mentor"),
}


@pytest.mark.parametrize(("name", "head", "dormant"), [
    ("Greg Ross", "Greg Ross (colleague, Lumen, dormant)", True),
    ("Ida Moe", "Ida Moe (dormant)", True),
    ("Ann Lee", "Ann Lee (mentor)", False),
])
def test_brief_says_who_is_dormant(make_vault, run, name, head, dormant):
    root = make_vault(BRIEF_PEOPLE)
    result = run("brief", name, "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == head
    data = json.loads(run("brief", name, "--json", "--vault", root, "--today", TODAY).output)
    assert (data["dormant"], data["prospect"]) == (dormant, False)
