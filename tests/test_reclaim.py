"""A generated note edited by hand (PRODUCT.md, promise 2), with real files in tmp_path.

It is kept and reported on every run, sync and watch alike, and nothing points at it as if it were
current; `vaultnet sync --reclaim` keeps the edited bytes under a name that says so and writes the
note afresh, never over a file that exists, always inside the output folder.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot, write_files
from test_watch import BASE, FOLLOWUPS, NETWORK, wait_quiet, wait_until, watch  # noqa: F401
from test_writer import SMALL, WEIRD_TOPICS, obsidian_rename, weird_vault, windows_problem

import vaultnet.write.generated as generated

OUT = "Network"
AGENDA = f"{OUT}/Follow-ups.md"
KEPT_AS = f"{OUT}/Follow-ups (edited {TODAY.isoformat()}).md"
TYPED = b"- [ ] Call the bank, typed here by mistake\n"
POINTER = "(see Network/Follow-ups.md)"


def sync(run, vault: Path, *extra: object, today=TODAY):
    return run("sync", "--vault", vault, "--today", today, *extra)


def edited_vault(make_vault, run, rel: str = AGENDA) -> tuple[Path, bytes]:
    """SMALL, synced, with a line typed by hand into the generated note at `rel`."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    target = vault / rel
    edited = target.read_bytes() + TYPED
    target.write_bytes(edited)
    os.utime(target, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    return vault, edited


# -- kept and reported, on every run -----------------------------------------------------------


@pytest.mark.parametrize("extra", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_hand_edit_is_reported_on_every_run_and_never_pointed_at_as_current(make_vault, run,
                                                                             extra):
    vault, edited = edited_vault(make_vault, run)
    for today in (TODAY, TODAY, TODAY + timedelta(days=1)):  # the same day twice: no cache answer
        result = sync(run, vault, *extra, today=today)
        assert result.exit_code == 1, result.output
        assert (vault / AGENDA).read_bytes() == edited
        assert "Left alone: Network/Follow-ups.md: was edited by hand" in result.output
        assert "vaultnet sync --reclaim" in result.output
        assert POINTER not in result.output
        agenda_line = next(line for line in result.output.splitlines()
                           if line.startswith("Agenda for"))
        assert "Network/Follow-ups.md is out of date" in agenda_line
        assert "vaultnet sync --reclaim" in agenda_line
        network = (vault / NETWORK).read_text()  # the home page does not point at it either
        assert "[[Network/Follow-ups|Follow-ups]]" not in network
        assert "Follow-ups.md was edited by hand, so it is out of date" in network


def test_a_users_own_file_in_the_agendas_place_is_not_pointed_at_either(make_vault, run):
    vault = make_vault({**SMALL, AGENDA: "# My own agenda\n"})
    result = sync(run, vault)
    assert result.exit_code == 1
    assert POINTER not in result.output
    assert "Network/Follow-ups.md is out of date: it could not be written" in result.output


def test_json_lists_the_hand_edit_as_kept_on_every_run(make_vault, run):
    vault, _ = edited_vault(make_vault, run)
    for _ in range(2):
        result = sync(run, vault, "--json")
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        assert [k["path"] for k in data["kept"]] == [AGENDA] and data["reclaimed"] == []


# -- --reclaim ---------------------------------------------------------------------------------


def test_reclaim_keeps_the_edit_under_a_new_name_and_writes_afresh(make_vault, run):
    vault, edited = edited_vault(make_vault, run)
    mtime = (vault / AGENDA).stat().st_mtime_ns
    others = {rel: data for rel, data in snapshot(vault).items() if rel != AGENDA}
    tomorrow = TODAY + timedelta(days=1)
    kept_as = f"{OUT}/Follow-ups (edited {tomorrow.isoformat()}).md"

    result = sync(run, vault, "--reclaim", today=tomorrow)

    assert result.exit_code == 0, result.output
    assert f"Kept your edit of {AGENDA} as {kept_as}" in result.output
    assert f"Updated {AGENDA}" in result.output
    assert (vault / kept_as).read_bytes() == edited  # the user's bytes, every one
    assert (vault / kept_as).stat().st_mtime_ns == mtime  # and when they were typed
    fresh = (vault / AGENDA).read_bytes()
    assert generated.is_own_unedited(fresh, AGENDA, OUT)
    assert f"# Follow-ups for {tomorrow.isoformat()}".encode() in fresh and TYPED not in fresh
    assert "Left alone" not in result.output and "out of date" not in result.output
    assert "[[Network/Follow-ups|Follow-ups]]" in (vault / NETWORK).read_text()  # current again
    after = snapshot(vault)
    assert all(after[rel] == data for rel, data in others.items()
               if not rel.startswith(f"{OUT}/"))  # no note of the user's changed

    # From now on the kept version is the user's note: never reported, touched or deleted.
    for today in (tomorrow, tomorrow + timedelta(days=1)):
        again = sync(run, vault, today=today)
        assert again.exit_code == 0, again.output
        assert "Follow-ups (edited" not in again.output
        assert (vault / kept_as).read_bytes() == edited
    assert sync(run, vault, today=tomorrow + timedelta(days=1)).output.count("Nothing to write") == 1


def test_reclaim_json(make_vault, run):
    vault, _ = edited_vault(make_vault, run)
    result = sync(run, vault, "--reclaim", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["reclaimed"] == [{"path": AGENDA, "kept_as": KEPT_AS}]
    assert data["kept"] == [] and AGENDA in data["written"]


def test_reclaim_never_overwrites_a_file_and_numbers_the_name(make_vault, run):
    vault, edited = edited_vault(make_vault, run)
    taken = {KEPT_AS: b"# Mine, by this very name\n",
             f"{OUT}/Follow-ups (edited {TODAY.isoformat()}) 2.md": b"",
             f"{OUT}/Follow-ups (edited {TODAY.isoformat()}) 3.md/inside.md": b"a folder\n"}
    write_files(vault, taken)
    (vault / f"{OUT}/Follow-ups (edited {TODAY.isoformat()}) 4.md").symlink_to("../Me.md")
    me = (vault / "Me.md").read_bytes()

    result = sync(run, vault, "--reclaim")

    assert result.exit_code == 0, result.output
    numbered = f"{OUT}/Follow-ups (edited {TODAY.isoformat()}) 5.md"
    assert f"Kept your edit of {AGENDA} as {numbered}" in result.output
    assert (vault / numbered).read_bytes() == edited
    for rel, data in taken.items():
        assert (vault / rel).read_bytes() == data
    assert (vault / "Me.md").read_bytes() == me


def test_reclaim_a_second_time_the_same_day_keeps_both_edits(make_vault, run):
    vault, first = edited_vault(make_vault, run)
    assert sync(run, vault, "--reclaim").exit_code == 0
    second = (vault / AGENDA).read_bytes() + b"- another line of mine\n"
    (vault / AGENDA).write_bytes(second)
    result = sync(run, vault, "--reclaim")
    assert result.exit_code == 0, result.output
    assert (vault / KEPT_AS).read_bytes() == first
    assert (vault / f"{OUT}/Follow-ups (edited {TODAY.isoformat()}) 2.md").read_bytes() == second


def test_reclaim_dry_run_changes_nothing(make_vault, run):
    vault, _ = edited_vault(make_vault, run)
    before = snapshot(vault)
    times = {p: p.stat().st_mtime_ns for p in vault.rglob("*")}

    result = sync(run, vault, "--reclaim", "--dry-run")

    assert f"Would keep your edit of {AGENDA} as {KEPT_AS}" in result.output
    assert f"Would update {AGENDA}" in result.output
    assert snapshot(vault) == before
    assert {p: p.stat().st_mtime_ns for p in vault.rglob("*")} == times
    # and a real sync afterwards still finds the edit in the way
    assert sync(run, vault).exit_code == 1


def test_reclaim_leaves_a_users_own_file_alone(make_vault, run):
    """A file without vaultnet's marker is no generated note edited by hand: nothing to reclaim."""
    mine = b"# My own agenda, no marker\n"
    vault = make_vault({**SMALL, AGENDA: mine})
    result = sync(run, vault, "--reclaim")
    assert result.exit_code == 1
    assert "Left alone: Network/Follow-ups.md: is not a note vaultnet wrote" in result.output
    assert (vault / AGENDA).read_bytes() == mine
    assert not (vault / KEPT_AS).exists()


def test_reclaim_takes_an_edited_canvas_too(make_vault, run):
    vault, edited = edited_vault(make_vault, run, f"{OUT}/Network.canvas")
    result = sync(run, vault, "--reclaim")
    assert result.exit_code == 0, result.output
    kept_as = vault / f"{OUT}/Network (edited {TODAY.isoformat()}).canvas"
    assert kept_as.read_bytes() == edited
    assert generated.is_own_unedited((vault / f"{OUT}/Network.canvas").read_bytes(),
                                     f"{OUT}/Network.canvas", OUT)
    assert sync(run, vault).exit_code == 0


def test_a_note_changed_while_it_is_reclaimed_loses_no_version(make_vault, run, monkeypatch):
    """The user saves again between the copy and the replacement: the copy holds the edit that
    was read, the note the newest one, and the sync says so."""
    vault, edited = edited_vault(make_vault, run)
    newest = edited + b"- typed a moment later\n"
    real = generated.create_new

    def user_saves_meanwhile(path: str, data: bytes) -> None:
        real(path, data)
        (vault / AGENDA).write_bytes(newest)

    monkeypatch.setattr(generated, "create_new", user_saves_meanwhile)
    result = sync(run, vault, "--reclaim", "--no-cache")
    assert result.exit_code == 1
    assert f"changed while vaultnet was writing it; your change was kept, and the version " \
        f"before it is kept as {KEPT_AS}" in result.output
    assert (vault / KEPT_AS).read_bytes() == edited
    assert (vault / AGENDA).read_bytes() == newest


def test_reclaimed_names_of_hostile_topics_stay_inside_the_output_folder(make_vault, run):
    vault = make_vault(weird_vault())
    assert sync(run, vault).exit_code == 0
    topics = vault / OUT / "Topics"
    pages = sorted(p for p in topics.iterdir() if p.suffix == ".md")
    assert len(pages) >= len(WEIRD_TOPICS) - 3  # (some names fold together)
    edits = {}
    for page in pages:
        edits[page.name] = page.read_bytes() + TYPED
        page.write_bytes(edits[page.name])
    outside = {rel: data for rel, data in snapshot(vault).items() if not rel.startswith(OUT)}

    result = sync(run, vault, "--reclaim")

    assert result.exit_code == 0, result.output
    kept = {p.name: p.read_bytes() for p in topics.iterdir() if "(edited " in p.name}
    assert sorted(kept.values()) == sorted(edits.values())  # each edit, under a name of its own
    for name in kept:
        assert windows_problem(name) is None, name
        assert name.endswith(f" (edited {TODAY.isoformat()}).md")
    assert {rel: data for rel, data in snapshot(vault).items()
            if not rel.startswith(OUT)} == outside
    for page in pages:
        assert generated.is_own_unedited(page.read_bytes(), f"{OUT}/Topics/{page.name}", OUT)


def test_a_long_name_is_shortened_to_fit(tmp_path):
    """Every name a note may be kept under fits every file system, and says what it is."""
    rel = f"{OUT}/Topics/{'é' * 120}.md"
    names = generated._aside_names(rel, TODAY)
    first, second = next(names), next(names)
    for name in (first, second):
        folder, _, base = name.rpartition("/")
        assert folder == f"{OUT}/Topics" and len(base.encode()) <= 255
        assert windows_problem(base) is None
    assert first.endswith(f" (edited {TODAY.isoformat()}).md")
    assert second.endswith(f" (edited {TODAY.isoformat()}) 2.md")


# -- a rename in Obsidian, then reclaim ---------------------------------------------------------


def test_after_a_rename_only_a_real_edit_is_left_for_reclaim(make_vault, run, tmp_path):
    vault, edited = edited_vault(make_vault, run)
    obsidian_rename(vault, "People/Jane Doe.md", "People/Jane Roe.md")
    edited = (vault / AGENDA).read_bytes()  # the edit, its links rewritten too
    result = sync(run, vault)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("Left alone")] == \
        [line for line in result.output.splitlines() if "Left alone: Network/Follow-ups.md" in line]
    result = sync(run, vault, "--reclaim")
    assert result.exit_code == 0, result.output
    assert (vault / KEPT_AS).read_bytes() == edited
    fresh = tmp_path / "fresh"
    shutil.copytree(vault, fresh, ignore=shutil.ignore_patterns(OUT))
    assert sync(run, fresh).exit_code == 0
    ours = {rel: data for rel, data in snapshot(vault / OUT).items() if "(edited " not in rel}
    assert ours == snapshot(fresh / OUT)


# -- watch ---------------------------------------------------------------------------------------


def test_watch_reports_a_hand_edit_on_every_round(make_vault, watch, caplog):  # noqa: F811
    caplog.set_level(logging.WARNING, logger="vaultnet.watch")
    vault = make_vault(BASE)
    watcher = watch(vault)
    (vault / FOLLOWUPS).write_bytes((vault / FOLLOWUPS).read_bytes() + TYPED)

    def reported() -> int:
        return sum(1 for r in caplog.records if r.levelno == logging.WARNING
                   and r.getMessage().startswith(f"{FOLLOWUPS}: was edited by hand"))

    wait_until(watcher, lambda: reported() >= 1, what="the hand edit reported")
    wait_quiet(watcher)
    first = reported()
    write_files(vault, {"People/New Friend.md": "---\ntype: person\nrole: friend\n---\n"})
    wait_until(watcher, lambda: reported() > first, what="the hand edit reported again")
    assert "vaultnet sync --reclaim" in next(r.getMessage() for r in caplog.records
                                             if r.getMessage().startswith(FOLLOWUPS))
    assert (vault / FOLLOWUPS).read_bytes().endswith(TYPED)


def test_watch_takes_back_a_note_whose_links_alone_were_rewritten(make_vault, watch):  # noqa: F811
    vault = make_vault(BASE)
    watcher = watch(vault)
    wait_quiet(watcher)
    obsidian_rename(vault, "People/Pat Peer.md", "People/Pat Parker.md")
    wait_until(watcher, lambda: b"[[People/Pat Parker|Pat Parker]]" in
               (vault / NETWORK).read_bytes(), what="Network.md written afresh")
    wait_quiet(watcher)
    for rel in (NETWORK, FOLLOWUPS):
        assert generated.is_own_unedited((vault / rel).read_bytes(), rel, OUT)
    result = watcher.last_result
    assert result is not None and result.writes.kept == []


@pytest.mark.parametrize("held", ["Communities.md", "Network.canvas", "Mentors.md",
                                  "Introductions.md"])
@pytest.mark.parametrize("how", ["edited", "yours"])
def test_no_page_links_a_held_back_note_as_current(make_vault, run, held, how):
    """A generated note edited by hand, or a file of the user's where one goes, is named as out of
    date wherever Network.md would link it (PRODUCT.md, promise 2)."""
    vault = make_vault({"People/Ann.md": person("Ann", role="mentor", topics="[x]",
                                                knows='["[[Bo]]"]'),
                        "People/Bo.md": person("Bo", role="peer", topics="[x]")})
    target = vault / "Network" / held
    if how == "edited":
        assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
        target.write_text(target.read_text(encoding="utf-8") + "\n%% mine %%\n", encoding="utf-8")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("my own notes\n", encoding="utf-8")
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 1
    network = (vault / "Network/Network.md").read_text(encoding="utf-8")
    link = f"[[Network/{held.removesuffix('.md')}|"
    assert link not in network
    why = "was edited by hand, so it is out of date" if how == "edited" else "is a file of yours"
    assert f"({held} {why}" in network
    if how == "edited":  # --reclaim writes it afresh, and the links come back
        assert run("sync", "--vault", vault, "--today", TODAY, "--reclaim").exit_code == 0
        assert link in (vault / "Network/Network.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["edited", "yours"])
def test_no_page_links_a_held_back_topic_page_as_current(make_vault, run, how):
    """A topic page edited by hand, or a file of the user's where one goes, is named as out of
    date wherever a page would link it (Network.md's topics and focus, Mentors.md's shared
    topics), through the cache's kept pages too; the other topic pages are linked as ever."""
    vault = make_vault({"People/Ann.md": person("Ann", role="mentor", topics="[x, y]",
                                                knows='["[[Bo]]"]'),
                        "People/Bo.md": person("Bo", role="peer", topics="[x, y]")})
    target = vault / "Network/Topics/x.md"
    if how == "edited":
        assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
        assert "[[Network/Topics/x|x]]" in (vault / "Network/Network.md").read_text("utf-8")
        target.write_text(target.read_text(encoding="utf-8") + "\n%% mine %%\n", encoding="utf-8")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("my own notes\n", encoding="utf-8")
    before = target.read_bytes()
    for _ in range(2):  # (the second from what the cache kept of the pages)
        assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 1
        why = "was edited by hand, so it is out of date" if how == "edited" else "is a file of yours"
        for page in ("Network.md", "Mentors.md"):
            text = (vault / "Network" / page).read_text(encoding="utf-8")
            assert "[[Network/Topics/x|" not in text and f"x (x.md {why}" in text, page
            assert "[[Network/Topics/y|y]]" in text, page
    assert target.read_bytes() == before
    if how == "edited":  # --reclaim writes it afresh, and the links come back
        assert run("sync", "--vault", vault, "--today", TODAY, "--reclaim").exit_code == 0
        assert "[[Network/Topics/x|x]]" in (vault / "Network/Network.md").read_text("utf-8")


def test_watch_sees_a_hand_edit_of_a_linked_page_through_its_memo(make_vault):
    """Watch keeps a memo of what it wrote and reads a linked page again only when its file
    changed: an edit between two rounds is still found, and Network.md stops linking the page."""
    from vaultnet.pipeline.note_store import NoteStore
    from vaultnet.pipeline.sync import sync as run_sync

    vault = make_vault({"People/Ann.md": person("Ann", role="mentor", topics="[x]",
                                                knows='["[[Bo]]"]'),
                        "People/Bo.md": person("Bo", role="peer", topics="[x]")})
    store, day = NoteStore(), TODAY
    run_sync(vault, day, store=store)
    network = vault / "Network/Network.md"
    assert "[[Network/Communities|Communities]]" in network.read_text(encoding="utf-8")
    run_sync(vault, day, store=store)  # a round with nothing new: the memo answers
    page = vault / "Network/Communities.md"
    page.write_text(page.read_text(encoding="utf-8") + "my own line\n", encoding="utf-8")
    (vault / "People/Bo.md").write_text(person("Bo", role="friend", topics="[x]"))
    run_sync(vault, day, store=store, recheck=["People/Bo.md"])
    text = network.read_text(encoding="utf-8")
    assert "[[Network/Communities|" not in text
    assert "Communities (Communities.md was edited by hand" in text
