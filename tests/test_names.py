"""Issue 16, names: every generated file gets a name of its own (F7), one that shows what it is and
that every common file system accepts (F22)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import TODAY, person
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.base import filenames

# Windows' rules (Microsoft's "Naming Files, Paths, and Namespaces"): no <>:"/\|?* or control
# characters, no trailing dot or space, and no device name before the first dot, spaces ignored.
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
           *(f"{dev}{n}" for dev in ("COM", "LPT") for n in "0123456789¹²³")}
# What a file manager does not show, or shows reordered.
INVISIBLE = re.compile("[\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                       "\ufeff]")


def problem(stem: str) -> str | None:
    """Why `stem` (and `stem.md`) would not make a good file name, or None."""
    for name in (stem, f"{stem}.md"):
        if not name or name.startswith(".") or name[-1] in " .":
            return f"{name!r} is empty, hidden, or ends in a dot or a space"
        if FORBIDDEN.search(name) or re.search(r"[#^\[\]|%\x7f]", name):
            return f"{name!r} has a character Windows or Obsidian's links refuse"
        if name.split(".")[0].rstrip(" ").upper() in DEVICES:
            return f"{name!r} is a Windows device"
        if INVISIBLE.search(name):
            return f"{name!r} has an invisible or reordering character"
    if len(stem.encode("utf-8")) > filenames.MAX_STEM_BYTES:
        return f"{stem!r} is too long"
    return None


def folded(stem: str) -> str:
    return unicodedata.normalize("NFC", stem).casefold()


# -- F22: what a name shows is what it is ------------------------------------------------------

@pytest.mark.parametrize("name, stem", [
    ("ab\u202etxt.exe", "abtxt.exe"),  # shown as "abexe.txt" with the override kept
    ("\u2066Jane\u2069 \u200bDoe\ufeff", "Jane Doe"),
    ("soft\u00adhyphen\u2060", "softhyphen"),
    ("\u202e", "untitled"),
    ("CONIN$", "CONIN$_"),
    ("conout$.log", "conout$_.log"),
    ("AUX .txt", "AUX_ .txt"),
    ("COM¹", "COM¹_"),
    ("lpt² ", "lpt²_"),
    ("name ending in a dot.", "name ending in a dot"),
    ("name ending in a space ", "name ending in a space"),
    ("CON." + "x" * 200, "CON_." + "x" * (filenames.MAX_STEM_BYTES - 5)),
    ("👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"),  # the joiners make one emoji: kept
])
def test_safe_stem_drops_what_hides_and_avoids_devices(name, stem):
    assert filenames.safe_stem(name) == stem
    assert problem(stem) is None


def test_a_topic_named_with_a_bidi_override_gets_a_page_named_as_shown(make_vault, run):
    root = make_vault({"People/Jane.md": person("Jane", topics="['ab\u202etxt.exe', 'CONIN$']")})
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    pages = sorted(p.name for p in (root / "Network/Topics").iterdir())
    assert pages == ["CONIN$_.md", "abtxt.exe.md"]


def test_the_note_offered_for_a_mentioned_person_has_a_name_without_hidden_characters(
        make_vault, run):
    root = make_vault({"People/Jane.md": person("Jane", knows='["[[Eve\u202egpj.exe]]"]')})
    run("sync", "--vault", root, "--today", TODAY)
    network = (root / "Network/Network.md").read_text("utf-8")
    assert "[[People/Evegpj.exe|create the note]]" in network


# -- F7: every topic its own page ------------------------------------------------------------

def test_topics_whose_names_meet_after_suffixing_get_a_page_each(make_vault, run):
    # "." is "untitled" once made safe; its suffix from its hash is "untitled ~8d1bf3", which
    # is the third topic's own name: all three once shared one page.
    root = make_vault({
        "People/A.md": person("A", topics="['.']", role="peer"),
        "People/B.md": person("B", topics="['untitled']", role="peer"),
        "People/C.md": person("C", topics="['untitled ~8d1bf3']", role="peer"),
    })
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    pages = {p.name: p.read_text("utf-8") for p in (root / "Network/Topics").iterdir()}
    assert len(pages) == 3
    titles = sorted(line for text in pages.values() for line in text.splitlines()
                    if line.startswith("# "))
    assert titles == ["# .", "# untitled", "# untitled \\~8d1bf3"]
    people = sorted(re.findall(r"\[\[People/(\w)", "".join(pages.values())))
    assert people == ["A", "B", "C"]


def test_a_suffix_that_a_name_already_has_grows_until_it_is_free():
    stems = filenames.unique_stems({"topic:.": ".", "topic:untitled": "untitled",
                                    "topic:untitled ~8d1bf3": "untitled ~8d1bf3"})
    assert stems == {"topic:untitled": "untitled", "topic:untitled ~8d1bf3": "untitled ~8d1bf3",
                     "topic:.": "untitled ~8d1bf344"}


_PIECES = st.sampled_from([".", " ", "untitled", "~", "8d1bf3", "8d1bf344", "a", "A", "ä",
                           "a\u0308", "CON", "con", "conin$", ":", "/", "#", "é" * 70, "\u202e",
                           "\u200b", "-", "_", "1"])
_NAMES = st.lists(_PIECES, min_size=0, max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), _NAMES, max_size=12), st.randoms())
def test_unique_stems_are_distinct_safe_and_independent_of_order(names, random):
    stems = filenames.unique_stems(names)

    assert set(stems) == set(names)
    assert len({folded(s) for s in stems.values()}) == len(stems), stems
    for stem in stems.values():
        assert problem(stem) is None, problem(stem)
        assert filenames.safe_stem(stem) == stem  # already safe: a name of its own
    shuffled = list(names.items())
    random.shuffle(shuffled)
    assert filenames.unique_stems(dict(shuffled)) == stems
    for k, name in names.items():  # a safe name that no other name meets is kept as it is
        if filenames.safe_stem(name) == name and all(
                folded(filenames.safe_stem(other)) != folded(name) for o, other in names.items()
                if o != k):
            assert stems[k] == name


@settings(max_examples=300, deadline=None)
@given(_NAMES | st.text(max_size=40))
def test_safe_stem_of_anything_is_a_good_name(name):
    stem = filenames.safe_stem(name)
    assert problem(stem) is None, problem(stem)
    assert filenames.safe_stem(stem) == stem


def test_files_written_for_adversarial_topics_are_distinct_on_disk(make_vault, run, tmp_path):
    topics = [".", "untitled", "untitled ~8d1bf3", "untitled ~8d1bf344", "..", "...", "con",
              "CON_", "con:", "a\u202eb", "ab", "-", "a\u0308", "\u00e4 "]
    files = {f"People/P{i}.md": person(f"P{i}", topics=json.dumps([t])) for i, t in enumerate(topics)}
    root = make_vault(files)
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    names = [p.name for p in Path(root / "Network/Topics").iterdir()]
    assert len({folded(n) for n in names}) == len(names)
    pages = "".join((root / "Network/Topics" / n).read_text("utf-8") for n in names)
    linked = set(re.findall(r"\[\[People/(P\d+)", pages))
    assert linked == {f"P{i}" for i in range(len(topics))}
    assert len(names) == len(topics) - 1  # "ä" written in two Unicode forms is one topic


def test_names_and_lines_show_without_invisible_characters_in_generated_notes(make_vault, run):
    """A bidi override in a name or a log line cannot reorder what a generated note shows."""
    evil = "Eve\u202egpj.exe"
    vault = make_vault({"People/Ann.md": (
        "---\ntype: person\nrole: mentor\nknows: [\"[[" + evil + "]]\"]\n---\n"
        "- [ ] Send \u202eslides 📅 2026-11-26\n")})
    assert run("sync", "--vault", vault, "--today", "2026-11-25").exit_code == 0
    for page in (vault / "Network").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "\u202e" not in text, page
    network = (vault / "Network/Network.md").read_text(encoding="utf-8")
    assert "Evegpj.exe" in network
    assert "Send slides" in (vault / "Network/Follow-ups.md").read_text(encoding="utf-8")


def test_a_name_of_backticks_is_linked_without_opening_a_code_span(make_vault, run):
    """`[[People/```|```]]` would pair its backticks into a code span that swallows the link (and,
    on a line of its own, close the Mermaid block): such a name is a Markdown link, escaped."""
    vault = make_vault({"People/```.md": "---\ntype: person\n---\n# x\n\n## Log\n"
                                         "- 2026-11-01 Coffee #met\n"})
    assert run("sync", "--vault", vault, "--today", "2026-11-25").exit_code == 0
    network = (vault / "Network/Network.md").read_text(encoding="utf-8")
    assert "[[People/```" not in network
    assert "[\\`\\`\\`](People/%60%60%60.md)" in network
    fences = [line for line in network.splitlines() if line.startswith("```")]
    assert fences == ["```mermaid", "```"]


def test_two_mentioned_people_with_the_same_safe_name_are_offered_two_notes(make_vault, run):
    vault = make_vault({"People/Ann.md": '---\ntype: person\nknows: ["[[a:b]]", "[[a/b]]"]\n---\n'})
    assert run("sync", "--vault", vault, "--today", "2026-11-25").exit_code == 0
    network = (vault / "Network/Network.md").read_text(encoding="utf-8")
    offered = re.findall(r"\[\[(People/[^|\]]+)\|create the note\]\]", network)
    assert len(offered) == 2 and len({o.casefold() for o in offered}) == 2, offered
