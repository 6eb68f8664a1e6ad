"""The writer's promises (PRODUCT.md, "Promises to the user" 2, 4, 5 and 6), with real files.

Every test builds a vault in tmp_path, runs vaultnet on it (in-process through the CLI, or as a
subprocess where the environment matters) and looks at the bytes, names, modes and times of the
files it left. Nothing here mocks the file system.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import unicodedata
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from conftest import TODAY, person, snapshot, write_files
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vaultnet.base import filenames
from vaultnet.render import markdown
from vaultnet.write import files, generated

OUT = "Network"
OLD_NS = 1_000_000_000 * 10**9  # 2001-09-09: a time no write made during a test can have

# -- vaults -------------------------------------------------------------------------------------

SMALL = {
    "Me.md": "---\ntype: me\ngoals: [learn robotics]\ntopics: [robotics]\n---\n# Me\n",
    "People/Jane Doe.md": person(
        "Jane Doe",
        "## Log\n- 2026-10-01 Coffee at Acme #met\n- [ ] Send her the paper 📅 2026-11-28\n",
        role="mentor", org='"[[Acme]]"', topics="[civic tech, robotics]",
        knows='["[[Bob Smith]]", "[[Carol Diaz]]"]', birthday="1980-12-01"),
    "People/Carol Diaz.md": person("Carol Diaz", "## Log\n- 2026-11-02 Emailed her #outreach\n",
                                   role="peer", org="Acme", topics="[robotics]"),
    "People/Dan Li.md": person("Dan Li", role="prospect", topics="[machine learning]",
                               met_via='"[[Jane Doe]]"'),
    "Orgs/Acme.md": "# Acme\n",
    "Daily/2026-11-20.md": "Lunch with [[Jane Doe]] and [[Carol Diaz]]\n",
}

# Names from notes that must not escape, break a file system, or break Markdown.
LONG = "z" * 300
WEIRD_TOPICS = ["../../x", "CON", "aux.txt", "a:b", "a/b", "C#", LONG, "x]]y", "p|q", "h#i",
                "c^d", "a\nb", "café", unicodedata.normalize("NFD", "café"), "nul.tar.gz"]
# Person names come from file names, so they cannot hold "/" or a newline; topics carry those.
WEIRD_PEOPLE = ["CON", "aux.txt", "a:b", "C#", "x]]y", "p|q", "h#i", "c^d", "Jane Doe"]


def yaml_list(items: list[str]) -> str:
    """A YAML flow list of double-quoted strings (a newline is written as the escape \\n)."""
    quoted = (item.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
              for item in items)
    return "[" + ", ".join(f'"{q}"' for q in quoted) + "]"


def weird_vault() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for name in WEIRD_PEOPLE:
        files[f"People/{name}.md"] = person(
            name, "## Log\n- 2026-10-01 Met at the fair #met\n", role="peer",
            topics=yaml_list(WEIRD_TOPICS), knows='["[[Jane Doe]]"]')
    return files


def many_vault(n: int = 40) -> dict[str, str | bytes]:
    """Enough people, topics, organisations and ties that set and dict order would show."""
    pool = ["civic tech", "robotics", "machine learning", "sensors", "policy", "design",
            "grants", "open data", "Robotics", "ethics"]
    roles = ["mentor", "peer", "advisee", "friend", "colleague", "prospect"]
    files: dict[str, str | bytes] = dict(SMALL)
    for i in range(n):
        name = f"Person {i:02d}"
        topics = sorted({pool[i % 10], pool[(i * 7) % 10], pool[(i * 3 + 1) % 10]})
        knows = [f'"[[Person {(i * 11 + k) % n:02d}]]"' for k in (1, 5)]
        body = (f"## Log\n- 2026-{(i % 11) + 1:02d}-{(i % 27) + 1:02d} Talked #met\n"
                f"- 2026-11-{(i % 20) + 1:02d} Wrote to them #outreach\n"
                f"- [ ] Promise {i} 📅 2026-11-{(i % 28) + 1:02d}\n")
        files[f"People/{name}.md"] = person(
            name, body, role=roles[i % len(roles)], topics=yaml_list(topics),
            knows="[" + ", ".join(knows) + "]", org=f"Org {i % 4}",
            birthday=f"19{60 + i % 30}-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}")
    return files


# -- helpers ------------------------------------------------------------------------------------


def sync(run, vault: Path, *extra: object, today=TODAY):
    return run("sync", "--vault", vault, "--today", today, *extra)


def out_files(vault: Path) -> dict[str, bytes]:
    return snapshot(vault / OUT) if (vault / OUT).is_dir() else {}


def times(folder: Path) -> dict[str, tuple[int, int]]:
    """(mtime_ns, inode) of every file under folder: a rewrite changes one or the other."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def age(folder: Path) -> None:
    """Set every file's mtime far into the past, so that any later write shows."""
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            os.utime(p, ns=(OLD_NS, OLD_NS))


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"{files.TEMP_PREFIX}*{files.TEMP_SUFFIX}"))


def listed(output: str, verbs: str) -> set[tuple[str, str]]:
    """The (verb, path) pairs a sync printed, for verbs such as "Created|Updated|Deleted"."""
    return set(re.findall(rf"^({verbs}) ({OUT}/\S.*)$", output, re.MULTILINE))


WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL",
                    *(f"{dev}{n}" for dev in ("COM", "LPT") for n in "0123456789¹²³")}


def windows_problem(name: str) -> str | None:
    """Why a file or folder name is not valid on Windows, or None.

    Microsoft's rules: no <>:"/\\|?* or control characters, no trailing dot or space, and no
    reserved device name, "also followed immediately by an extension; for example, NUL.txt and
    NUL.tar.gz are both equivalent to NUL" (so the part before the first dot must not be one).
    """
    if not name or name in (".", ".."):
        return "empty or a dot name"
    if WINDOWS_FORBIDDEN.search(name):
        return "forbidden character"
    if name[-1] in " .":
        return "trailing dot or space"
    if len(name.encode("utf-8")) > 255:
        return "longer than 255 bytes"
    if name.split(".")[0].upper() in WINDOWS_RESERVED:
        return "reserved device name"
    return None


WIKILINK = re.compile(r"!?\[\[([^\[\]\r\n]*)\]\]")
MD_LINK = re.compile(r"\[((?:\\.|[^\\\[\]\r\n])*)\]\(([^()\s]*)\)")


def links_of(text: str) -> list[tuple[str, str]]:
    """Every link in generated Markdown as (vault path of its target, shown text)."""
    found = []
    for inner in WIKILINK.findall(text):
        target, _, shown = inner.partition("|")
        # A link to a note leaves out `.md`; one to another kind of file (the canvas) keeps its own.
        found.append((target if target.endswith(".canvas") else target + ".md", shown or target))
    for shown, url in MD_LINK.findall(text):
        found.append((unquote(url), shown))
    return found


def link_problems(text: str) -> list[str]:
    """Lines of generated Markdown whose links are not well formed."""
    bad = []
    for line in text.splitlines():
        for inner in WIKILINK.findall(line):
            target = inner.partition("|")[0]
            if inner.count("|") > 1 or re.search(r"[#^]", target) or not target:
                bad.append(line)
        rest = MD_LINK.sub("", WIKILINK.sub("", line))
        if "[[" in rest or "]]" in rest:
            bad.append(line)
    return bad


# == Promise 2: never overwrite a file vaultnet did not write, nor a hand edit ===================


@pytest.mark.parametrize("rel, content", [
    ("Network/Network.md", b"# My network\n\nMy own index, written by hand.\n"),
    ("Network/Follow-ups.md", b""),
    ("Network/Topics/civic tech.md", b"---\ntags: [topic]\n---\n# Civic tech, my notes\n"),
    ("Network/Topics/robotics.md", b"---\ngenerated_by: someone else\n---\nNot vaultnet's.\n"),
    ("Network/Network.md", b"\xff\xfe\x00binary bytes, not UTF-8\x00"),
], ids=["index", "empty-agenda", "topic-with-frontmatter", "other-marker", "binary"])
def test_a_users_file_at_a_generated_path_is_left_alone(make_vault, run, rel, content):
    vault = make_vault({**SMALL, rel: content})

    for _ in range(2):  # and again: a second run still does not take it over
        result = sync(run, vault)
        assert result.exit_code == 1, result.output
        assert f"Left alone: {rel}: is not a note vaultnet wrote" in result.output
        assert (vault / rel).read_bytes() == content
    others = out_files(vault)
    assert {"Network.md", "Follow-ups.md"} - {rel.removeprefix(OUT + "/")} <= set(others)
    assert all(generated.is_own_unedited(data, f"{OUT}/{name}", OUT)
               for name, data in others.items()
               if name != rel.removeprefix(OUT + "/"))


def test_a_symlink_at_a_generated_path_is_left_alone_with_its_target(make_vault, run):
    vault = make_vault(SMALL)
    me = (vault / "Me.md").read_bytes()
    (vault / OUT).mkdir()
    (vault / OUT / "Network.md").symlink_to("../Me.md")

    result = sync(run, vault)

    assert result.exit_code == 1, result.output
    assert "Left alone: Network/Network.md: is a symlink" in result.output
    assert (vault / OUT / "Network.md").is_symlink()
    assert (vault / "Me.md").read_bytes() == me


def _body_char(data: bytes) -> bytes:
    return data.replace(b"# Follow-ups for", b"# Follow-ups For", 1)


def _note_line(data: bytes) -> bytes:
    return data.replace(b"note: Made by vaultnet", b"note: made by vaultnet", 1)


def _add_field(data: bytes) -> bytes:
    return data.replace(b"generated_by: vaultnet\n", b"generated_by: vaultnet\ntags: [mine]\n", 1)


def _drop_digest(data: bytes) -> bytes:
    return re.sub(rb"vaultnet_digest: [0-9a-f]{64}\n", b"", data, count=1)


def _other_digest(data: bytes) -> bytes:
    """Both digests (of the note, and of it with its link targets blanked) wrong."""
    return re.sub(rb"(vaultnet_(?:link_)?digest: )[0-9a-f]{64}", rb"\g<1>" + b"0" * 64, data)


def _other_link_digest(data: bytes) -> bytes:
    return re.sub(rb"(vaultnet_link_digest: )[0-9a-f]{64}", rb"\g<1>" + b"0" * 64, data, count=1)


def _drop_marker(data: bytes) -> bytes:
    return data.replace(b"generated_by: vaultnet\n", b"", 1)


@pytest.mark.parametrize("edit", [
    lambda data: data + b"- [ ] My own line, added by hand\n",
    _body_char,
    _note_line,
    _add_field,
    _drop_digest,
    _other_digest,
    _other_link_digest,
    _drop_marker,
    lambda data: data.replace(b"\n", b"\r\n").replace(b"Follow-ups", b"Follow ups", 1),
], ids=["append-line", "one-body-char", "frontmatter-note", "frontmatter-field", "no-digest",
        "wrong-digest", "wrong-link-digest", "no-marker", "crlf-and-edit"])
def test_a_hand_edited_note_is_kept_byte_for_byte_until_deleted(make_vault, run, edit):
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    target = vault / OUT / "Follow-ups.md"
    edited = edit(target.read_bytes())
    assert edited != target.read_bytes()
    target.write_bytes(edited)

    # The next day vaultnet has a new agenda to write, and must not write it over the edit.
    result = sync(run, vault, today=TODAY + timedelta(days=1))

    assert result.exit_code == 1, result.output
    assert "Left alone: Network/Follow-ups.md:" in result.output
    assert target.read_bytes() == edited
    assert ("Updated", "Network/Network.md") in listed(result.output, "Updated")

    target.unlink()
    result = sync(run, vault, today=TODAY + timedelta(days=1))
    assert result.exit_code == 0, result.output
    assert ("Created", "Network/Follow-ups.md") in listed(result.output, "Created")
    assert generated.is_own_unedited(target.read_bytes(), "Network/Follow-ups.md", OUT)
    assert b"# Follow-ups for 2026-11-26\n" in target.read_bytes()


def test_line_endings_converted_by_git_or_a_sync_tool_are_not_a_hand_edit(make_vault, run):
    """A generated note whose LF became CRLF (git autocrlf, a sync client) is still vaultnet's:
    unchanged content is not rewritten, and new content replaces it."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    target = vault / OUT / "Follow-ups.md"
    converted = target.read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(converted)
    result = sync(run, vault)
    assert result.exit_code == 0 and target.read_bytes() == converted, result.output
    result = sync(run, vault, today=TODAY + timedelta(days=1))
    assert result.exit_code == 0, result.output
    assert ("Updated", "Network/Follow-ups.md") in listed(result.output, "Updated")
    assert b"\r\n" not in target.read_bytes()


def obsidian_rename(vault: Path, old: str, new: str, shortest: bool = False) -> None:
    """Rename a note as Obsidian does with "Automatically update internal links" on: the file
    moves, and every link to it in every note, generated ones included, gets the new target while
    its shown text stays; `shortest` writes targets as "Shortest path when possible" does."""
    os.rename(vault / old, vault / new)
    old_target, new_target = old.removesuffix(".md"), new.removesuffix(".md")
    old_name = old_target.rpartition("/")[2]
    target = new_target.rpartition("/")[2] if shortest else new_target
    wikilink = re.compile(rf"\[\[(?:{re.escape(old_target)}|{re.escape(old_name)})(#[^|\]]*)?"
                          r"(?=\||\]\])", re.IGNORECASE)
    for note in sorted(vault.rglob("*.md")):
        text = note.read_text(encoding="utf-8")
        changed = wikilink.sub(lambda m: f"[[{target}{m[1] or ''}", text)
        changed = changed.replace(f"]({quote(old)})", f"]({quote(new)})")
        if changed != text:
            note.write_text(changed, encoding="utf-8")  # in place, as Obsidian saves


def fresh_output(run, vault: Path, where: Path) -> dict[str, bytes]:
    """What a first sync of a copy of the vault (without its output) writes."""
    shutil.copytree(vault, where, ignore=shutil.ignore_patterns(OUT))
    assert sync(run, where).exit_code == 0
    return out_files(where)


RENAMED = "People/Jane Roe.md"


@pytest.mark.parametrize("shortest", [False, True], ids=["full-path", "shortest-path"])
def test_links_rewritten_by_a_rename_in_obsidian_are_not_a_hand_edit(make_vault, run, tmp_path,
                                                                     shortest):
    """Promise 2: Obsidian rewrites the links in every note when one is renamed, the generated
    notes included; they stay vaultnet's, and the next sync writes them afresh."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    before = out_files(vault)
    obsidian_rename(vault, "People/Jane Doe.md", RENAMED, shortest)
    rewritten = {name for name, data in out_files(vault).items() if data != before[name]}
    assert {"Network.md", "Follow-ups.md"} <= rewritten  # Obsidian changed them
    assert b"[[People/Jane Doe|" not in (vault / OUT / "Follow-ups.md").read_bytes()

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert "Left alone" not in result.output and "edited by hand" not in result.output
    for name in ("Network.md", "Follow-ups.md"):
        assert ("Updated", f"{OUT}/{name}") in listed(result.output, "Updated")
        data = (vault / OUT / name).read_bytes()
        assert generated.is_own_unedited(data, f"{OUT}/{name}", OUT)
        assert b"[[People/Jane Roe|Jane Roe]]" in data and b"Jane Doe" not in data
    assert "(see Network/Follow-ups.md)" in result.output
    assert out_files(vault) == fresh_output(run, vault, tmp_path / "fresh")  # the same bytes


def _shown_text(data: bytes) -> bytes:
    return data.replace(b"|Jane Doe]]", b"|Jane]]", 1)


def _typed_into_a_line(data: bytes) -> bytes:
    return data.replace(b"Send her the paper", b"Send her the papers", 1)


@pytest.mark.parametrize("edit", [
    lambda data: data + b"- [ ] My own line, added by hand\n",
    _shown_text,
    _typed_into_a_line,
    lambda data: data.replace(b"[[People/Jane Doe|Jane Doe]]", b"Jane Doe", 1),
], ids=["append-line", "shown-text", "typed-into-a-line", "link-removed"])
def test_a_typed_edit_beside_rewritten_links_is_still_a_hand_edit(make_vault, run, edit):
    """Only link targets may differ: any other change, made with a rename or not, is the user's."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    target = vault / OUT / "Follow-ups.md"
    target.write_bytes(edit(target.read_bytes()))
    obsidian_rename(vault, "People/Jane Doe.md", RENAMED)
    edited = target.read_bytes()
    assert b"[[People/Jane Roe" in edited or b"[[People/Jane" not in edited

    for attempt in range(2):
        result = sync(run, vault)
        assert result.exit_code == 1, result.output
        assert "Left alone: Network/Follow-ups.md: was edited by hand" in result.output
        assert target.read_bytes() == edited
        # Network.md, whose links alone were rewritten, is vaultnet's: written afresh at once.
        assert "Left alone: Network/Network.md" not in result.output
        assert (("Updated", f"{OUT}/Network.md") in listed(result.output, "Updated")) \
            == (attempt == 0)


OLD_HEADER = ("---\ngenerated_by: vaultnet\nnote: Made by vaultnet from your notes. Edit those, "
              "not this; vaultnet stops updating a note that was edited by hand.\n"
              "vaultnet_digest: {digest}\n---\n")


def old_stamp(body: str, path: str) -> bytes:
    """A note as vaultnet wrote it before its header held a link digest."""
    unsigned = OLD_HEADER.replace("{digest}", "") + body
    digest = hashlib.sha256(f"{path.casefold()}\n{unsigned}".encode()).hexdigest()
    return (OLD_HEADER.replace("{digest}", digest) + body).encode()


def test_notes_written_before_the_link_digest_are_still_vaultnets(make_vault, run):
    """A vault synced by an older vaultnet: its notes are recognised and written afresh; a hand
    edit of one is still kept."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    old = {}
    for name in ("Network.md", "Follow-ups.md"):
        body = (vault / OUT / name).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        old[name] = old_stamp(body, f"{OUT}/{name}")
        assert generated.is_own_unedited(old[name], f"{OUT}/{name}", OUT)
    (vault / OUT / "Network.md").write_bytes(old["Network.md"])
    edited = old["Follow-ups.md"] + b"- my own line\n"
    (vault / OUT / "Follow-ups.md").write_bytes(edited)

    result = sync(run, vault)

    assert result.exit_code == 1, result.output
    assert ("Updated", f"{OUT}/Network.md") in listed(result.output, "Updated")
    assert generated.is_own_unedited((vault / OUT / "Network.md").read_bytes(), f"{OUT}/Network.md",
                                     OUT)
    assert (vault / OUT / "Follow-ups.md").read_bytes() == edited
    assert "Left alone: Network/Follow-ups.md: was edited by hand" in result.output


def test_the_link_digest_forgives_link_targets_and_nothing_else():
    path = "Network/Topics/x.md"
    body = ("# x\n\n- [[People/Ann|Ann]] and [[People/Bo]] work on it; see "
            "[[Network/Network#Topics|all]]\n- [a|b](People/C%7Cd.md) too\n")
    data = generated.stamp(body, path, OUT)
    assert generated.is_own(data, path, OUT)
    renamed = [data.replace(b"People/Ann|", b"Friends/Ann Lee|"),
               data.replace(b"[[People/Bo]]", b"[[Bo Chen]]"),
               data.replace(b"Network/Network#Topics|", b"Index#Topics|"),
               data.replace(b"(People/C%7Cd.md)", b"(<People/C and d.md>)"),
               data.replace(b"(People/C%7Cd.md)", b"(People/C%20(d).md)")]
    for changed in renamed:
        assert changed != data
        assert generated.is_own(changed, path, OUT)
        assert not generated.is_own_unedited(changed, path, OUT)
        assert not generated.is_own(changed, "Network/Topics/y.md", OUT)  # a copy is still not ours
    forgiven = {i for m in re.finditer(rb"\[\[([^|\]]*)|\]\(([^)]*)\)", data)
                for i in range(*m.span(1 if m[1] is not None else 2))}
    # The first digest's own value is not under the link digest (it covers the link digest): a
    # note changed there alone holds nothing but vaultnet's text, and is written afresh.
    first = re.search(rb"vaultnet_digest: ([0-9a-f]{64})", data)
    forgiven |= set(range(first.start(1), first.end(1)))
    for i in range(len(data)):  # every other byte is covered
        if i in forgiven:
            continue
        flipped = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
        assert not generated.is_own(flipped, path, OUT), (i, flipped[i - 20:i + 20])


STALE = "Network/Topics/civic tech.md"


@pytest.mark.parametrize("make_stale, kept, note", [
    (lambda data: data, False, False),
    (lambda data: data + b"\nMy own notes on civic tech.\n", True, True),
    (lambda data: b"# Civic tech\n\nMy own page, no marker.\n", True, False),
], ids=["unedited-is-deleted", "edited-is-kept-and-mentioned", "users-file-is-kept-silently"])
def test_a_topic_page_no_longer_used(make_vault, run, make_stale, kept, note):
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    page = vault / STALE
    before = make_stale(page.read_bytes())
    page.write_bytes(before)
    # Nobody is interested in civic tech any more.
    write_files(vault, {"People/Jane Doe.md": SMALL["People/Jane Doe.md"].replace(
        "topics: [civic tech, robotics]", "topics: [robotics]")})

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert page.exists() == kept
    if kept:
        assert page.read_bytes() == before
        assert ("Deleted", STALE) not in listed(result.output, "Deleted")
    else:
        assert ("Deleted", STALE) in listed(result.output, "Deleted")
    notice = f"Note: {STALE}: is no longer generated, and was edited or copied here by hand"
    assert (notice in result.output) \
        == note
    if kept and not note:
        assert STALE not in result.output


USERS_OWN = {
    "Network/My own notes.md": b"# Mine\n\nvaultnet must not touch this.\n",
    "Network/Topics/reading list.md": b"---\ntags: [reading]\n---\n- a book\n",
    "Network/board.canvas": b'{"nodes": [], "edges": []}\n',
    "Network/.keep": b"",
    "Network/.syncthing.Network.md.tmp": b"a sync tool's own temporary file\n",
}


def test_a_users_file_that_collides_with_nothing_is_left_alone_silently(make_vault, run):
    vault = make_vault({**SMALL, **USERS_OWN})
    age(vault / OUT)
    before = times(vault / OUT)

    for _ in range(2):
        result = sync(run, vault)
        assert result.exit_code == 0, result.output
        for rel, content in USERS_OWN.items():
            assert (vault / rel).read_bytes() == content
            name = rel.removeprefix(OUT + "/")
            assert times(vault / OUT)[name] == before[name]
            assert name not in result.output


def test_a_copy_of_a_generated_note_made_by_the_user_is_not_deleted(make_vault, run):
    """The user keeps yesterday's agenda by copying it; vaultnet did not write that file."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    archive = vault / OUT / "Follow-ups 2026-11-25.md"
    kept = (vault / OUT / "Follow-ups.md").read_bytes()
    archive.write_bytes(kept)

    result = sync(run, vault, today=TODAY + timedelta(days=1))

    assert archive.exists(), result.output
    assert archive.read_bytes() == kept


# == Promise 4: no write is half done ==========================================================

# As a crashed run leaves them: its name (a process that is gone) and a note cut short.
LEFTOVERS = ["Network/.vaultnet-999999999-0123456789ab.tmp",
             "Network/Topics/.vaultnet-999999999-fedcba987654.tmp"]


def test_leftover_temporary_files_of_a_crashed_run_are_removed(make_vault, run):
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    write_files(vault, {rel: b"---\ngenerated_by: vaultnet\nnote: Made" for rel in LEFTOVERS})
    assert len(temporaries(vault / OUT)) == len(LEFTOVERS)

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert temporaries(vault / OUT) == []
    assert "Nothing to write" in result.output


def test_no_temporary_file_remains_after_a_sync(make_vault, run):
    vault = make_vault(many_vault(12))
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert temporaries(vault) == []
    assert not any(p.name.endswith(".tmp") for p in vault.rglob("*"))


@pytest.mark.parametrize("on_disk, expected", [
    (b"the user's bytes", b"what vaultnet read"),  # changed since it was read
    (b"a new file by someone else", None),         # appeared since it was read
    (None, b"what vaultnet read"),                 # deleted since it was read
    (b"", b"what vaultnet read"),                  # emptied since it was read
], ids=["changed", "appeared", "deleted", "emptied"])
def test_atomic_replace_refuses_when_the_target_changed(tmp_path, on_disk, expected):
    target = tmp_path / "note.md"
    if on_disk is not None:
        target.write_bytes(on_disk)

    with pytest.raises(files.Conflict):
        files.atomic_replace(str(target), b"vaultnet's new bytes", expected)

    assert (target.read_bytes() if target.exists() else None) == on_disk
    assert sorted(p.name for p in tmp_path.iterdir()) == (["note.md"] if on_disk is not None
                                                          else [])


def test_atomic_replace_refuses_to_replace_a_symlink(tmp_path):
    (tmp_path / "real.md").write_bytes(b"real")
    (tmp_path / "note.md").symlink_to("real.md")

    with pytest.raises(files.Conflict):
        files.atomic_replace(str(tmp_path / "note.md"), b"new", b"real")

    assert (tmp_path / "note.md").is_symlink()
    assert (tmp_path / "real.md").read_bytes() == b"real"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md", "real.md"]


@pytest.mark.parametrize("on_disk", [None, b"old bytes"], ids=["create", "replace"])
def test_atomic_replace_writes_when_the_target_is_as_expected(tmp_path, on_disk):
    target = tmp_path / "note.md"
    if on_disk is not None:
        target.write_bytes(on_disk)
        inode = target.stat().st_ino

    files.atomic_replace(str(target), b"new bytes", on_disk)

    assert target.read_bytes() == b"new bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]
    if on_disk is not None:
        assert target.stat().st_ino != inode  # renamed into place, not written in place


def _sync_subprocess(vault: Path, *, env: dict[str, str] | None = None, umask: int | None = None,
                     today: str = TODAY.isoformat()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault), "--today", today],
        env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120,
        preexec_fn=None if umask is None else (lambda: os.umask(umask)))


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o027, 0o640)])
def test_generated_notes_have_the_mode_the_umask_gives(make_vault, umask, mode):
    vault = make_vault(SMALL)
    done = _sync_subprocess(vault, umask=umask)
    assert done.returncode == 0, done.stderr
    files = [p for p in (vault / OUT).rglob("*") if p.is_file()]
    assert len(files) >= 3
    assert {p.relative_to(vault).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in files} \
        == {p.relative_to(vault).as_posix(): mode for p in files}


def test_generated_notes_are_not_private_in_process(make_vault, run):
    current = os.umask(0)
    os.umask(current)
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    expected = 0o666 & ~current
    assert expected != 0o600  # the mode mkstemp gives, which must not leak through
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (vault / OUT).rglob("*.md")}
    assert modes == {expected}


# == Promise 5: same vault, same day, same bytes; nothing changed, nothing written ============


def test_a_second_sync_with_nothing_changed_writes_nothing(make_vault, run):
    vault = make_vault(many_vault(12))
    assert sync(run, vault).exit_code == 0
    age(vault / OUT)
    before_times, before_bytes = times(vault / OUT), out_files(vault)
    before_listing = sorted(p.name for p in (vault / OUT).iterdir())

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert f"Nothing to write: {OUT}/ is up to date." in result.output
    assert listed(result.output, "Created|Updated|Deleted") == set()
    assert times(vault / OUT) == before_times
    assert out_files(vault) == before_bytes
    assert sorted(p.name for p in (vault / OUT).iterdir()) == before_listing


def test_same_vault_written_in_different_orders_gives_the_same_bytes(tmp_path, run):
    files = many_vault()
    first, second = tmp_path / "first", tmp_path / "copy of the vault"
    for root, order in ((first, sorted(files)), (second, sorted(files, reverse=True))):
        root.mkdir()
        for rel in order:
            write_files(root, {rel: files[rel]})
        assert sync(run, root).exit_code == 0

    assert len(out_files(first)) > 5
    assert out_files(first) == out_files(second)


ENVIRONMENTS = [
    {"PYTHONHASHSEED": "0", "TZ": "UTC"},
    {"PYTHONHASHSEED": "1", "TZ": "UTC"},
    {"PYTHONHASHSEED": "12345", "TZ": "UTC"},
    {"PYTHONHASHSEED": "0", "TZ": "Pacific/Auckland"},
    {"PYTHONHASHSEED": "0", "TZ": "America/Los_Angeles"},
    {"PYTHONHASHSEED": "12345", "TZ": "Pacific/Auckland"},
]


@pytest.mark.slow  # new processes, one per hash seed or time zone
def test_hash_seed_and_time_zone_do_not_change_the_bytes(tmp_path, run):
    files = {**many_vault(), **weird_vault()}
    baseline = tmp_path / "baseline"
    write_files(baseline, files)
    assert sync(run, baseline).exit_code == 0
    expected = out_files(baseline)

    for number, env in enumerate(ENVIRONMENTS):
        vault = tmp_path / f"run-{number}"
        write_files(vault, files)
        done = _sync_subprocess(vault, env=env)
        assert done.returncode == 0, (env, done.stderr)
        assert out_files(vault) == expected, env


def test_a_new_day_changes_the_agenda(make_vault, run):
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    agenda = (vault / OUT / "Follow-ups.md").read_bytes()

    result = sync(run, vault, today=TODAY + timedelta(days=4))

    assert result.exit_code == 0, result.output
    assert ("Updated", "Network/Follow-ups.md") in listed(result.output, "Updated")
    new = (vault / OUT / "Follow-ups.md").read_bytes()
    assert new != agenda
    assert b"# Follow-ups for 2026-11-29\n" in new
    assert generated.is_own_unedited(new, "Network/Follow-ups.md", OUT)


# == --dry-run ==================================================================================


def test_dry_run_on_a_new_vault_writes_nothing_and_lists_what_it_would_create(make_vault, run):
    vault = make_vault(SMALL)
    before = snapshot(vault)

    dry = sync(run, vault, "--dry-run")

    assert dry.exit_code == 0, dry.output
    assert snapshot(vault) == before
    assert not (vault / OUT).exists()
    # Nine notes: more than sync lists one by one.
    assert "Would create 9 notes in Network/\n" in dry.output

    real = sync(run, vault)
    assert "Created 9 notes in Network/\n" in real.output
    assert len(snapshot(vault / OUT)) == 9


def test_dry_run_lists_updates_and_deletions_and_changes_nothing(make_vault, run):
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    write_files(vault, {
        "People/Jane Doe.md": SMALL["People/Jane Doe.md"].replace(
            "topics: [civic tech, robotics]", "topics: [robotics, sensors]"),
        "Network/.vaultnet-crashed.tmp": b"left by a crash",
    })
    age(vault)
    before, before_times = snapshot(vault), times(vault)

    dry = sync(run, vault, "--dry-run", today=TODAY + timedelta(days=1))

    assert dry.exit_code == 0, dry.output
    assert snapshot(vault) == before
    assert times(vault) == before_times
    would = listed(dry.output, "Would create|Would update|Would delete")
    assert {("Would create", "Network/Topics/sensors.md"),
            ("Would update", "Network/Follow-ups.md"),
            ("Would delete", "Network/Topics/civic tech.md")} <= would

    real = sync(run, vault, today=TODAY + timedelta(days=1))
    done = {"Would create": "Created", "Would update": "Updated", "Would delete": "Deleted"}
    assert {(done[v], p) for v, p in would} == listed(real.output, "Created|Updated|Deleted")


# == Promise 6 and names: names cannot escape ==================================================


@pytest.mark.parametrize("name", [
    "Jane Doe", "../../x", "..", ".", "/etc/passwd", "CON", "con", "PRN", "Aux", "NUL",
    "aux.txt", "nul.tar.gz", "COM1", "LPT9", "COM¹", "a:b", "a/b", "a\\b", "C#", "x]]y",
    "[[x]]", "p|q", "h#i", "c^d", "50%% off", 'say "hi"', "what?", "<tag>", "star*",
    "a\nb", "tab\there", "\x00nul\x7f", "trailing dot.", "trailing space ", "  ", "",
    ".hidden", "z" * 300, "é" * 300, "🙂" * 100, "a" * 119 + "é",
    unicodedata.normalize("NFD", "café"),
])
def test_safe_stem_makes_a_file_name_valid_everywhere(name):
    stem = filenames.safe_stem(name)

    assert windows_problem(stem + ".md") is None, (stem, windows_problem(stem + ".md"))
    assert windows_problem(stem) is None, (stem, windows_problem(stem))
    assert len(stem.encode("utf-8")) <= filenames.MAX_STEM_BYTES
    assert not re.search(r"[#^\[\]|%\x00-\x1f\x7f]", stem)  # unsafe in Obsidian links
    assert not stem.startswith(".")
    assert stem == unicodedata.normalize("NFC", stem)
    assert filenames.safe_stem(name) == stem  # stable
    assert filenames.safe_stem(stem) == stem  # already safe: kept as it is


@pytest.mark.parametrize("name, stem", [
    ("Jane Doe", "Jane Doe"),
    ("civic tech", "civic tech"),
    ("CON", "CON_"),
    ("a:b", "a-b"),
    ("C#", "C-"),
    ("../../x", "-..-x"),
    ("a\nb", "a-b"),
    ("  spaced   out. ", "spaced out"),
    ("...", "untitled"),
    (unicodedata.normalize("NFD", "café"), unicodedata.normalize("NFC", "café")),
])
def test_safe_stem_examples(name, stem):
    assert filenames.safe_stem(name) == stem


@pytest.mark.parametrize("given", [
    {"t:a:b": "a:b", "t:a/b": "a/b"},
    {"t:a-b": "a-b", "t:a:b": "a:b", "t:a/b": "a/b"},
    {"t:Civic": "Civic", "t:civic": "civic", "t:CIVIC": "CIVIC"},
    {"t:nfc": unicodedata.normalize("NFC", "café"), "t:nfd": unicodedata.normalize("NFD", "café")},
    {"t:long1": "x" * 300, "t:long2": "x" * 300 + "y", "t:long3": "X" * 301},
    {"t:con": "CON", "t:con_": "CON_", "t:con:": "con:"},
    {"t:dots": "...", "t:untitled": "untitled", "t:spaces": "   "},
    {"t:x]]y": "x]]y", "t:x||y": "x||y", "t:x##y": "x##y", "t:x^^y": "x^^y", "t:x--y": "x--y"},
], ids=["sanitised-alike", "clean-and-sanitised", "case", "normalisation", "truncated-alike",
        "reserved", "empty", "link-syntax"])
def test_unique_stems_are_distinct_valid_and_stable(given):
    stems = filenames.unique_stems(given)

    assert set(stems) == set(given)
    folded = [unicodedata.normalize("NFC", s).casefold() for s in stems.values()]
    assert len(set(folded)) == len(folded), stems
    for stem in stems.values():
        assert windows_problem(stem + ".md") is None, stem
        assert len(stem.encode("utf-8")) <= filenames.MAX_STEM_BYTES
    # Stable: the same names in another order give the same stems.
    assert filenames.unique_stems(dict(reversed(list(given.items())))) == stems
    assert filenames.unique_stems(dict(given)) == stems


def test_unique_stems_keep_a_clean_name_and_suffix_the_other():
    stems = filenames.unique_stems({"t:a-b": "a-b", "t:a:b": "a:b"})
    assert stems["t:a-b"] == "a-b"
    assert stems["t:a:b"].startswith("a-b ~") and stems["t:a:b"] != "a-b"


@pytest.mark.parametrize("path, shown, expected", [
    ("People/Jane Doe.md", "Jane Doe", "[[People/Jane Doe|Jane Doe]]"),
    ("Network/Follow-ups.md", "Network/Follow-ups", "[[Network/Follow-ups]]"),
    ("People/C#.md", "C#", "[C\\#](People/C%23.md)"),
    ("People/x]]y.md", "x]]y", "[x\\]\\]y](People/x%5D%5Dy.md)"),
    ("People/p|q.md", "p|q", "[p\\|q](People/p%7Cq.md)"),
    ("People/c^d.md", "c^d", "[c^d](People/c%5Ed.md)"),
    ("People/Jane.md", "a|b", "[a\\|b](People/Jane.md)"),
    ("People/Jane.md", "a]]b", "[a\\]\\]b](People/Jane.md)"),
])
def test_note_link_examples(path, shown, expected):
    assert markdown.note_link(path, shown) == expected


@pytest.mark.parametrize("path, shown", [
    ("People/Jane Doe.md", "Jane Doe"),
    ("People/C#.md", "C#"),
    ("People/x]]y.md", "x]]y"),
    ("People/[[x]].md", "[[x]]"),
    ("People/p|q.md", "p|q"),
    ("People/h#i.md", "h#i"),
    ("People/c^d.md", "c^d"),
    ("People/a (b).md", "a (b)"),
    ("People/a\nb.md", "a\nb"),
    ("People/back\\slash.md", "back\\slash"),
    ("People/Jane.md", "shown with ]] and | and #"),
    ("People/Jane.md", "new\nline"),
])
def test_note_link_is_one_well_formed_link_to_the_path(path, shown):
    link = markdown.note_link(path, shown)

    assert "\n" not in link and "\r" not in link
    assert link_problems(link) == []
    found = links_of(link)
    assert len(found) == 1, link
    assert found[0][0] == path


def _all_paths(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


def test_weird_names_stay_inside_the_output_folder_and_are_distinct(tmp_path, make_vault,
                                                                       run):
    vault = make_vault(weird_vault())
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    notes_before = {k: v for k, v in snapshot(vault).items() if not k.startswith(OUT + "/")}

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    assert {k: v for k, v in snapshot(vault).items() if not k.startswith(OUT + "/")} \
        == notes_before
    root = (vault / OUT).resolve()
    paths = _all_paths(vault / OUT)
    assert len([p for p in paths if p.parent.name == "Topics"]) >= 12
    for path in paths:
        assert path.resolve().is_relative_to(root)
        assert ".." not in path.relative_to(vault / OUT).parts
    for folder in {p.parent for p in paths}:
        folded = [unicodedata.normalize("NFC", p.name).casefold() for p in folder.iterdir()]
        assert len(folded) == len(set(folded)), folder
    # Each distinct topic (after NFC and case) has its own page.
    topics = {" ".join(unicodedata.normalize("NFC", t).casefold().split()) for t in WEIRD_TOPICS}
    assert len(list((vault / OUT / "Topics").iterdir())) == len(topics)


def test_weird_names_give_file_names_valid_on_windows(make_vault, run):
    vault = make_vault(weird_vault())
    assert sync(run, vault).exit_code == 0

    invalid = {p.relative_to(vault).as_posix(): windows_problem(p.name)
               for p in _all_paths(vault / OUT) if windows_problem(p.name)}
    assert invalid == {}


def test_weird_names_are_stable_across_runs_and_copies(tmp_path, run):
    files = weird_vault()
    first, second = tmp_path / "first", tmp_path / "second"
    write_files(first, files)
    write_files(second, dict(reversed(list(files.items()))))
    assert sync(run, first).exit_code == 0
    assert sync(run, second).exit_code == 0
    assert sorted(out_files(first)) == sorted(out_files(second))
    assert out_files(first) == out_files(second)

    again = sync(run, first)
    assert again.exit_code == 0, again.output
    assert "Nothing to write" in again.output
    assert out_files(first) == out_files(second)


def test_generated_markdown_links_stay_well_formed_with_weird_names(make_vault, run):
    vault = make_vault(weird_vault())
    assert sync(run, vault).exit_code == 0

    pages = {rel: data.decode("utf-8") for rel, data in out_files(vault).items()
             if rel.endswith(".md")}
    canvas = json.loads(out_files(vault)["Network.canvas"])
    for node in canvas["nodes"]:  # every file node of the picture finds its note
        assert node["type"] != "file" or (vault / node["file"]).is_file(), node
    for rel, text in pages.items():
        assert link_problems(text) == [], rel
        for target, _shown in links_of(text):
            assert (vault / target).is_file(), (rel, target)
    # Every person, whatever their name, is linked from the index, and the link finds their note.
    index_targets = {target for target, _ in links_of(pages["Network.md"])}
    for name in WEIRD_PEOPLE:
        assert f"People/{name}.md" in index_targets, name


# -- the output folder must be an ordinary folder inside the vault -------------------------------


@pytest.mark.parametrize("settings, linked", [
    ("", "Network"),
    ("", "Network/Topics"),
    ('output_folder = "Out/Net"\n', "Out"),
    ('output_folder = "Out/Net"\n', "Out/Net"),
])
def test_a_symlinked_output_folder_is_refused(tmp_path, make_vault, run, settings, linked):
    files = dict(SMALL)
    if settings:
        files[".vaultnet.toml"] = settings
    vault = make_vault(files)
    outside = tmp_path / "outside"
    def stale(rel: str) -> bytes:  # what vaultnet would have written there
        return generated.stamp("# An old generated note\n", f"{linked}/{rel}", linked)

    write_files(outside, {"Old.md": stale("Old.md"), "Topics/Old.md": stale("Topics/Old.md"),
                          "Net/Old.md": stale("Net/Old.md"),
                          ".vaultnet-left.tmp": b"x", "Topics/.vaultnet-left.tmp": b"x",
                          "Topics/civic tech.md": b"# My own\n"})
    (vault / linked).parent.mkdir(parents=True, exist_ok=True)
    (vault / linked).symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)

    for extra in (("--dry-run",), ()):
        result = sync(run, vault, *extra)
        assert result.exit_code == 1, result.output
        assert f"{linked} is a symlink or a file, not a folder" in result.output
        assert snapshot(outside) == before
        assert (vault / linked).is_symlink()


def test_an_output_folder_that_is_a_file_is_refused(make_vault, run):
    vault = make_vault({**SMALL, "Network": b"a file named Network\n"})

    result = sync(run, vault)

    assert result.exit_code == 1, result.output
    assert "Network is a symlink or a file, not a folder" in result.output
    assert (vault / "Network").read_bytes() == b"a file named Network\n"


# -- every link in the generated notes leads somewhere -------------------------------------------


def test_every_link_in_the_generated_notes_resolves(make_vault, run):
    vault = make_vault(SMALL)
    result = sync(run, vault)
    assert result.exit_code == 0, result.output

    checked = 0
    create_links = []
    for rel, data in out_files(vault).items():
        if not rel.endswith(".md"):
            continue
        text = data.decode("utf-8")
        assert link_problems(text) == [], rel
        for target, shown in links_of(text):
            if shown == "create the note":
                create_links.append(target)
                continue
            assert (vault / target).is_file(), (rel, target)
            checked += 1
    assert create_links == ["People/Bob Smith.md"]
    assert not (vault / "People/Bob Smith.md").exists()
    assert checked >= 15
    # The links cover people, the organisation's note, the topic pages and the agenda.
    targets = {t for data in out_files(vault).values() for t, _ in links_of(data.decode())}
    assert {"People/Jane Doe.md", "People/Carol Diaz.md", "People/Dan Li.md", "Orgs/Acme.md",
            "Network/Follow-ups.md", "Network/Network.md",
            "Network/Topics/robotics.md"} <= targets


def test_the_digest_covers_the_whole_note():
    """The marker and digest are what lets vaultnet tell its own output from an edit."""
    path = "Network/Topics/x.md"
    data = generated.stamp("# Body\n\n- a line\n", path, OUT)
    assert generated.is_generated(data) and generated.is_own_unedited(data, path, OUT)
    digest = re.search(rb"vaultnet_digest: ([0-9a-f]{64})", data)[1].decode()
    unsigned = data.decode().replace(digest, "", 1).encode()
    # (signed for its path in the output folder)
    assert hashlib.sha256(b"path\0output\0Topics/x.md\n" + unsigned).hexdigest() == digest
    assert not generated.is_own_unedited(data, "Network/Topics/y.md", OUT)  # a copy is not ours
    for i in range(len(data)):  # flipping any one byte is noticed
        flipped = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
        assert not generated.is_own_unedited(flipped, path, OUT), i


BODY_TEXT = st.text(st.sampled_from(list("ab é\n[]|()<>#\u00a0\u2003"))
                    | st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(BODY_TEXT, st.sampled_from(["Network/Network.md", "Network/Topics/Ré sumé.md"]))
def test_a_page_is_signed_as_its_header_and_body_joined(body, path):
    """`stamp` hashes the header and the body in turn, each encoded once, for speed: the digests
    are those of the whole text joined, link targets blanked in all of it, as notes signed
    before were (a link cannot cross the header's last line end)."""
    def digest(text: str) -> str:  # (signed for its path in the output folder)
        signed = "output\0" + path.removeprefix(f"{OUT}/")
        return hashlib.sha256(f"path\0{signed}\n{text}".encode()).hexdigest()

    blank = generated._HEADER.replace("{digest}", "")
    masked = generated._MARKDOWN_TARGET.sub("](", generated._WIKILINK_TARGET.sub(
        "[[", blank.replace("{links}", "") + body))
    links = digest("links\n" + masked)
    whole = generated._HEADER.replace("{digest}", digest(blank.replace("{links}", links) + body))
    assert generated.stamp(body, path, OUT) == (whole.replace("{links}", links) + body).encode()


_LINKY = st.text(st.sampled_from(["[", "]", "(", ")", "|", "<", ">", "\r", "\n", " ", "\t", "\u00a0",
                                  "\u2003", "\u3000", "a", "é", "名", "😀", "#", "/"]), max_size=80)


@settings(max_examples=500, deadline=None)
@given(text=_LINKY)
@example(text="[[a\rb]] [[c\nd|e]] [[f]]")
@example(text="[x](a\u00a0b) [y](c\u3000d) [z](e\x85f) [w](g h) [v](<i j>)")
def test_links_are_blanked_in_utf8_as_in_the_text(text):
    """A page's link digest is taken over its UTF-8 (`_masked_utf8`, as `stamp` signs it): the
    same bytes as the text blanked (`_masked`, as `is_own` checks it) and encoded, whatever
    the brackets, lines, spaces (Unicode's too) and characters of many bytes."""
    assert generated._masked_utf8(text.encode()) == generated._masked(text).encode()


@pytest.mark.parametrize(("body", "targets"), [
    ("See [[People/Ann Lee|Ann]] and [Bo](People/Bo%C2%A0Chen.md).\n",
     [b"People/Ann Lee", b"People/Bo%C2%A0Chen.md"]),
    ("[[Zo\u00e9 \u540d]], [Cy](<People/Cy Dee.md>) and [Di](People/Di(x)Eng.md) \u00a0\n",
     [b"Zo\xc3\xa9 \xe5\x90\x8d", b"<People/Cy Dee.md>", b"People/Di(x)Eng.md"]),
])
def test_a_page_whose_link_targets_were_rewritten_is_still_vaultnets(body, targets):
    """What `stamp` signs is what `is_own` checks: a page whose link targets change (as Obsidian
    rewrites them when a note is renamed) is still vaultnet's, one whose shown text changes is
    not."""
    path = f"{OUT}/Network.md"
    data = generated.stamp(body, path, OUT)
    assert generated.is_own_unedited(data, path, OUT)
    renamed = data
    for target in targets:
        assert target in renamed
        renamed = renamed.replace(target, b"Elsewhere/Someone.md")
    assert generated.is_own(renamed, path, OUT) and not generated.is_own_unedited(renamed, path, OUT)
    shown = data.replace(b"[Cy]", b"[Cyd]").replace(b"|Ann]]", b"|Anne]]")
    assert shown != data and not generated.is_own(shown, path, OUT)
