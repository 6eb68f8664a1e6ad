"""What vaultnet used to misread without a word, and `check` now names: an alias two notes share
(or another note's name), a task's due date in a form that is not read, a second frontmatter
block below the first, and a list inside a list that YAML folds into one item or a field's links
nested where no tie is read. Each is shown misread first, then named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY, person

from vaultnet.network.index import IndexMemo, build_index
from vaultnet.parse.note import parse_note


def check(run, root: Path) -> tuple[int, list[dict[str, object]]]:
    """`check --json`'s exit code and problems."""
    result = run("check", "--vault", root, "--today", TODAY, "--json")
    return result.exit_code, json.loads(result.output)


def messages(note_text: str, path: str = "People/Jane Doe.md") -> list[tuple[int | None, str]]:
    """(line, message) of each problem of one note as parsed."""
    return [(p.line, p.message) for p in parse_note(path, note_text).problems]


def index_of(files: dict[str, str], memo: IndexMemo | None = None):
    notes = [parse_note(path, text) for path, text in sorted(files.items())]
    return build_index(notes, TODAY, memo=memo)


# -- an alias two notes share, or another note's name -------------------------------------------

SHARED = {
    "People/Sam Lee.md": person("Sam Lee", aliases="[Sam]"),
    "Work/Samantha Cruz.md": person("Samantha Cruz", aliases="[sam]"),
    "People/Ann Park.md": person("Ann Park", knows='["[[Sam]]"]'),
}


def test_a_link_through_a_shared_alias_went_to_one_of_them_without_a_word(make_vault, run):
    index = index_of(SHARED)
    ann = next(p for p in index.people if p.name == "Ann Park")
    assert ("knows", ann.path, "People/Sam Lee.md") in index.relations  # (the folder's)
    code, problems = check(run, make_vault(SHARED))
    assert code == 1
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        ("People/Sam Lee.md", 3,
         "alias `Sam` is also an alias of Work/Samantha Cruz.md: a link [[Sam]] from a note in "
         "People goes to People/Sam Lee.md, from one in Work to Work/Samantha Cruz.md, and from "
         "anywhere else to neither (reported as ambiguous in the note that writes it)",
         "keep the alias `Sam` in one of the two notes, and give the other another one"),
        ("Work/Samantha Cruz.md", 3,
         "alias `sam` is also an alias of People/Sam Lee.md: a link [[sam]] from a note in "
         "People goes to People/Sam Lee.md, from one in Work to Work/Samantha Cruz.md, and from "
         "anywhere else to neither (reported as ambiguous in the note that writes it)",
         "keep the alias `sam` in one of the two notes, and give the other another one")]


def test_an_alias_shared_in_one_folder_goes_to_neither(make_vault, run):
    files = {"People/Sam Lee.md": person("Sam Lee", aliases="[Sam]"),
             "People/Samantha Cruz.md": person("Samantha Cruz", aliases="[Sam, Sammy]")}
    _, problems = check(run, make_vault(files))
    assert [(p["path"], p["message"]) for p in problems] == [
        ("People/Sam Lee.md", "alias `Sam` is also an alias of People/Samantha Cruz.md: a link "
         "[[Sam]] goes to neither, and is reported as ambiguous in the note that writes it"),
        ("People/Samantha Cruz.md", "alias `Sam` is also an alias of People/Sam Lee.md: a link "
         "[[Sam]] goes to neither, and is reported as ambiguous in the note that writes it")]


def test_an_alias_that_is_another_notes_name_lost_its_links(make_vault, run):
    files = {"People/Jane Doe.md": person("Jane Doe", aliases="[Jane, JD]"),
             "Topics/jane.md": "# Jane, the language\n",
             "People/Ann Park.md": person("Ann Park", knows='["[[Jane]]"]')}
    index = index_of(files)
    assert not any(kind == "knows" for kind, _, _ in index.relations)  # (the topic's, silently)
    code, problems = check(run, make_vault(files))
    assert code == 1
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        ("People/Jane Doe.md", 3, "alias `Jane` is also the name of Topics/jane.md: a link "
         "[[Jane]] goes to Topics/jane.md, never to this note",
         "give this note another alias, or link it by its name, [[Jane Doe]]")]


def test_aliases_no_one_else_has_are_no_problem():
    files = {"People/Jane Doe.md": person("Jane Doe", aliases="[Jane, jane, Jane Doe, JD]"),
             "People/Sam Lee.md": person("Sam Lee", aliases="[Sam]"),
             "Notes/Sam Lee ideas.md": "# Ideas\n",
             "Topics/JD.md": "---\naliases: [Jane]\n---\n# Not a person: its aliases are no one's\n"}
    problems = index_of(files).problems
    assert [(p.path, p.message) for p in problems] == [
        ("People/Jane Doe.md", "alias `JD` is also the name of Topics/JD.md: a link [[JD]] goes "
         "to Topics/JD.md, never to this note")]


def test_a_shared_alias_comes_and_goes_with_the_notes_of_a_watch():
    memo = IndexMemo()
    files = dict(SHARED)
    assert len(index_of(files, memo).problems) == 2
    files["Work/Samantha Cruz.md"] = person("Samantha Cruz", aliases="[Sammy]")
    assert index_of(files, memo).problems == ()
    files["People/Ann Park.md"] = person("Ann Park", aliases="[Sam]")
    assert [p.path for p in index_of(files, memo).problems] == ["People/Ann Park.md",
                                                                "People/Sam Lee.md"]


def test_a_shared_alias_is_named_by_a_sync_from_the_cache_too(make_vault, run):
    root = make_vault(SHARED)
    first = run("sync", "--vault", root, "--today", TODAY, "--json")
    again = run("sync", "--vault", root, "--today", TODAY, "--json")
    assert json.loads(first.output)["problems"] == json.loads(again.output)["problems"]
    assert len(json.loads(again.output)["problems"]) == 2


# -- a task's due date in a form that is not read ----------------------------------------------

@pytest.mark.parametrize(("task", "written", "fix"), [
    ("- [ ] send deck 📅 2026-11-2", "2026-11-2", "📅 2026-11-02"),
    ("- [ ] send deck (due 11/27/2026)", "11/27/2026", "📅 2026-11-27"),
    ("- [ ] send deck due: 27.11.2026", "27.11.2026", "📅 2026-11-27"),
    ("- [ ] send deck [due:: 2026/11/27]", "2026/11/27", "📅 2026-11-27"),
    ("- [ ] send deck due 2026-11-27", "2026-11-27", "📅 2026-11-27"),
    ("- [ ] send deck, Due: 2026-11-27", "2026-11-27", "📅 2026-11-27"),
    ("- [ ] send deck 📅 27/11/26", "27/11/26", "📅 YYYY-MM-DD"),
    ("- [ ] send deck 📅 Nov 27", "Nov 27", "📅 YYYY-MM-DD"),
    ("- [ ] send deck 📅 tomorrow", "tomorrow", "📅 YYYY-MM-DD"),
    ("- [ ] send deck 📅 [[2026-11-27]]", "[[2026-11-27]]", "📅 2026-11-27"),
    ("- [ ] send deck due by [[2026-11-27|Friday]]", "[[2026-11-27|Friday]]", "📅 2026-11-27"),
    ("- [ ] send deck (due on 27 November 2026)", "27 November 2026", "📅 YYYY-MM-DD"),
    ("- [ ] send deck (due 03.11.2026)", "03.11.2026",
     "📅 2026-11-03 if the day comes first, 📅 2026-03-11 if the month does"),
])
def test_a_due_date_not_read_is_named(make_vault, run, task, written, fix):
    files = {"People/Jane Doe.md": person("Jane Doe", body="## Log\n" + task)}
    jane = parse_note("People/Jane Doe.md", files["People/Jane Doe.md"])
    assert [t.due for t in jane.tasks] == [None]  # (a promise with no day: never due)
    code, problems = check(run, make_vault(files))
    assert code == 1
    assert [(p["path"], p["line"]) for p in problems] == [("People/Jane Doe.md", 6)]
    assert problems[0]["message"] == (f"`{written}` looks like a due date but is not written "
                                      "as 📅 YYYY-MM-DD, so the task has no due date")
    assert problems[0]["hint"] == f"write it as {fix}"


@pytest.mark.parametrize("task", [
    "- [ ] send deck 📅 2026-11-27",
    "- [ ] send deck (due 2026-11-27)",
    "- [ ] send deck [due:: 2026-11-27]",
    "- [ ] read chapter 2.1.3 by 27.11.2026",  # (no due word: a date, but not said to be one)
    "- [ ] ask why the train was due at 10.30",
    "- [ ] finish the due diligence for 2026",
    "- [ ] pay the dues: 25.00",
    "- [x] send deck 📅 2026-11-2",  # (done: its day no longer counts)
    "- [-] send deck (due 11/27/2026)",
    "- 2026-11-20 she said the report is due 27.11.2026 #reply",  # (a log line, not a task)
])
def test_due_words_that_are_no_unread_due_date_are_no_problem(task):
    assert messages(person("Jane Doe", body="## Log\n" + task)) == []


# -- a second frontmatter block ----------------------------------------------------------------

SECOND = "---\ntype: person\n---\n\n---\nrole: mentor\ncadence: 30d\ntopics:\n  - ml\n---\n# Jane\n"


@pytest.mark.parametrize("text", [SECOND, SECOND.replace("---\n\n---", "---\n---\n\n")])
def test_a_second_frontmatter_block_was_ignored_and_is_named(make_vault, run, text):
    jane = parse_note("People/Jane Doe.md", text)
    assert (jane.fields.role, jane.fields.cadence_days, jane.fields.topics) == (None, None, ())
    code, problems = check(run, make_vault({"People/Jane Doe.md": text}))
    rules = [at for at, line in enumerate(text.split("\n")) if line == "---"]
    assert code == 1
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        ("People/Jane Doe.md", rules[2] + 1, "a second frontmatter block starts here: its fields (`role`, "
         "`cadence`, `topics`) are not read, since only the block at the very top of a note is "
         "frontmatter", "move its fields into the frontmatter at the top, and remove this block")]


def test_frontmatter_below_a_blank_line_was_no_frontmatter_and_is_named(make_vault, run):
    text = "\n---\ntype: person\naliases: [Jane]\n---\n# Jane\n- 2026-11-20 Coffee #met\n"
    assert parse_note("Notes/Jane Doe.md", text).found_by == ""  # (no person, without a word)
    code, problems = check(run, make_vault({"Notes/Jane Doe.md": text,
                                            "People/Ann.md": person("Ann")}))
    assert code == 1
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        ("Notes/Jane Doe.md", 2, "a frontmatter block starts here, below the note's first line: "
         "its fields (`type`, `aliases`) are not read, since only a block at the very top of a "
         "note is frontmatter", "remove what comes before its first --- line")]


@pytest.mark.parametrize("text", [
    person("Jane Doe").replace("# Jane Doe", "---\n# Jane Doe\n---"),  # rules around a heading
    "---\ntype: person\n---\n---\nNote: she prefers email\n---\n",  # (one line of prose)
    "---\ntype: person\n---\n\n---\n\nSome prose: with a colon\n\n---\n",
    "\n---\nwhatever: here\n---\n",  # (no field of vaultnet's, in no person's note)
    "---\ntype: person\n---\n---\n- a list\n- below a rule\n---\n",
    person("Jane Doe", body="\n---\nrole: mentor\n---\n"),  # (below the heading: the body's text)
])
def test_rules_and_prose_below_the_frontmatter_are_no_second_block(text):
    assert messages(text, "Notes/Jane Doe.md") == []


# -- a list inside a list, and links nested in a field -----------------------------------------

FOLDED = "---\ntype: person\ntopics:\n  - ml\n    - deep learning\n  - climate\n---\n# Jane\n"


def test_a_list_item_indented_under_another_was_folded_into_it_and_is_named(make_vault, run):
    assert parse_note("People/Jane Doe.md", FOLDED).fields.topics == ("ml - deep learning",
                                                                     "climate")
    code, problems = check(run, make_vault({"People/Jane Doe.md": FOLDED}))
    assert code == 1
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        ("People/Jane Doe.md", 5, "`topics`: `- deep learning` is indented under the line above "
         "it, so YAML reads the two as one, `ml - deep learning`: vaultnet reads no list inside "
         "a list", "give each item its own line at the same indent, or quote the item if the "
         "` - ` is meant")]


@pytest.mark.parametrize("yaml", [
    "aliases:\n  - Sam\n    - Sammy",
    "knows:\n  - Ann\n     - Bob",
    "topics: ml\n  - deep learning",
])
def test_a_folded_item_of_any_field_read_is_named(yaml):
    found = messages(f"---\ntype: person\n{yaml}\n---\n# Jane\n")
    assert len(found) == 1 and "is indented under the line above it" in found[0][1]


NESTED_TIES = ('---\ntype: person\nparents:\n  - mother: "[[Ann Doe]]"\n  - father: "[[Bob Doe]]"\n'
               'spouse:\n  name: "[[Carl Doe]]"\nprojects:\n  - name: Flexoki\n---\n# Jane\n')


def test_links_nested_in_a_field_were_no_ties_and_are_named(make_vault, run):
    files = {"People/Jane Doe.md": NESTED_TIES, "People/Ann Doe.md": person("Ann Doe")}
    assert parse_note("People/Jane Doe.md", NESTED_TIES).fields.relations == ()
    code, problems = check(run, make_vault(files))
    assert code == 1
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        ("People/Jane Doe.md", 3, "`parents` holds its links inside a set of fields "
         "(`mother: [[Ann Doe]]`), where vaultnet reads no tie: [[Ann Doe]], [[Bob Doe]]",
         'list the links themselves: `parents: ["[[Ann Doe]]", "[[Bob Doe]]"]`'),
        ("People/Jane Doe.md", 6, "`spouse` holds its links inside a set of fields "
         "(`name: [[Carl Doe]]`), where vaultnet reads no tie: [[Carl Doe]]",
         'list the links themselves: `spouse: ["[[Carl Doe]]"]`')]


@pytest.mark.parametrize("text", [
    "---\ntype: person\ntopics:\n  - ml\n  - deep learning\nknows:\n  - [[Ann]]\n---\n",
    "---\ntype: person\ntopics: [ml, deep learning]\n---\n",
    "---\ntype: person\ntopics:\n  - 'ml - deep learning'\n  - ml - deep learning\n---\n",
    "---\ntype: person\nstory: |\n  Likes:\n    - cats\n    - dogs\n---\n",
    "---\ntype: person\ncontact:\n  phone: 555\n  site: example.org\n---\n",
    '---\ntype: project\nteam:\n  - lead: "[[Ann]]"\n---\n',  # (no person's note: no ties)
])
def test_flat_lists_and_nesting_without_links_are_no_problem(text):
    assert messages(text, "Notes/Jane.md") == []


def test_the_sample_vault_has_none_of_these(run):
    root = Path(__file__).resolve().parent.parent / "sample_vault"
    _, problems = check(run, root)
    assert [p["path"] for p in problems] == ["People/Broken Note.md", "People/Fatima Ndiaye.md",
                                             "People/Ravi Shah.md"]
