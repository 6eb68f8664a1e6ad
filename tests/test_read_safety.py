"""Issue 16, the read side: every file vaultnet reads that is not a note is read the way notes are
(regular files only, bounded, named when refused), so that no FIFO hangs a command and no
/dev/zero fills the memory (F4, F5, F6); sizes are told in words that never say "0 KB" (F19).

Each command runs in its own process with a timeout and a memory ceiling: a regression fails the
test instead of hanging the run or the machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import TODAY, person

import vaultnet.pipeline.cache as cache_module
from vaultnet.base.small_files import human_size, over_limit
from vaultnet.pipeline.cache import ParseCache, cache_folder
from vaultnet.pipeline.sync import _holds, cached_sync
from vaultnet.watch.events import OwnOutput

TIMEOUT = 60  # seconds for a whole scenario; each command takes about one
MEMORY = 1 << 30  # bytes of address space: reading /dev/zero fails fast instead of swapping

# Runs each command in turn in one process (importing vaultnet once) and prints one JSON line per
# command, so that a hang shows which command hung.
DRIVER = """
import json, resource, sys
from click.testing import CliRunner
from vaultnet.cli import cli
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(cli, args)
    print(json.dumps({"args": args, "code": result.exit_code, "output": result.output,
                      "error": repr(result.exception) if result.exit_code not in (0, 1) else "",
                      "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}),
          flush=True)
"""
PEAK_KB = 400 * 1024  # far above a command on these small vaults (about 60 MB)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_commands(commands: list[list[str]], env: dict[str, str] | None = None) -> list[dict]:
    """Run vaultnet commands in a new process under a timeout and a memory ceiling; their
    results, or a failure naming the first command that did not finish."""
    try:
        done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands)],
                              capture_output=True, text=True, timeout=TIMEOUT,
                              preexec_fn=_limit_memory, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired as err:
        finished = (err.stdout or b"").count(b"\n") if isinstance(err.stdout, bytes) else \
            (err.stdout or "").count("\n")
        pytest.fail(f"`vaultnet {' '.join(commands[finished])}` hung")
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(commands), done.stderr[-2000:]
    return results


def vault_files(root: Path) -> None:
    """A small vault: a profile, one person with a log and a promise, one Obsidian folder."""
    files = {
        ".obsidian/app.json": "{}",
        "Me.md": "---\ntype: me\ntopics: [data]\n---\n",
        "People/Jane Doe.md": person("Jane Doe", "## Log\n- 2026-11-01 Coffee\n\n"
                                     "- [ ] send the deck 📅 2026-11-27\n", topics="[data]"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")


def every_command(root: Path, contacts: Path) -> list[list[str]]:
    """Every command that reads the vault, in an order where each can do its work."""
    vault, today = ["--vault", str(root)], ["--today", TODAY.isoformat()]
    return [["sync", *vault, *today], ["check", *vault, *today], ["due", *vault, *today],
            ["people", *vault], ["brief", "Jane Doe", *vault, *today],
            ["intro", "Jane Doe", *vault, *today], ["log", "Jane Doe", "Called", *vault, *today],
            ["done", "Jane Doe", "deck", *vault, *today], ["add", "Ann Lee", *vault, *today],
            ["export", "--format", "json", "-o", str(root.parent / "graph.json"), *vault],
            ["import", str(contacts), *vault, *today], ["sync", *vault, *today]]


def make_hostile(path: Path, kind: str) -> None:
    """Put a FIFO, a link to /dev/zero or a 120 MB (sparse) file where `path` should be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        os.symlink("/dev/zero", path)
    else:
        with open(path, "wb") as stream:
            stream.truncate(120 * 1024 * 1024)


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Other\nEND:VCARD\n", "utf-8")
    return path


def assert_no_crash(result: dict) -> None:
    """The command ended as a command should, without reading something endless into memory
    (even when it caught the MemoryError: the cache's reader once did)."""
    assert result["code"] in (0, 1), (result["args"], result["error"], result["output"])
    assert "internal error" not in result["output"] and "Traceback" not in result["output"]
    assert result["peak_kb"] < PEAK_KB, (result["args"], result["peak_kb"])


# -- F4, F6: the settings file ---------------------------------------------------------------

@pytest.mark.parametrize("kind, reason", [
    ("fifo", "is a named pipe (FIFO), not a regular file"),
    ("zero", "is a device, not a regular file"),
    ("huge", "is 120.0 MB, larger than the 256 KB vaultnet reads"),
])
def test_every_command_names_a_settings_file_it_cannot_read(tmp_path, contacts, kind, reason):
    root = tmp_path / "vault"
    vault_files(root)
    make_hostile(root / ".vaultnet.toml", kind)
    # 120 MB once took 33 s a command, twelve commands: run_commands fails after TIMEOUT.
    results = run_commands(every_command(root, contacts))
    for result in results:
        assert_no_crash(result)
        assert result["code"] == 1, result
        assert f".vaultnet.toml: the settings file {reason}" in result["output"], result
    assert not (root / "Network").exists()


# -- F4, F6: Obsidian's own settings ---------------------------------------------------------

OBSIDIAN_FILES = [".obsidian/templates.json", ".obsidian/plugins/templater-obsidian/data.json",
                  ".obsidian/daily-notes.json", ".obsidian/plugins/periodic-notes/data.json"]


@pytest.mark.parametrize("config", OBSIDIAN_FILES)
@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_no_command_hangs_on_obsidian_settings_and_check_names_them(tmp_path, contacts, config,
                                                                     kind):
    root = tmp_path / "vault"
    vault_files(root)
    make_hostile(root / config, kind)
    make_hostile(root / ".obsidian/app.json", kind)  # read by no command: nothing to say
    results = run_commands(every_command(root, contacts))
    for result in results:
        assert_no_crash(result)
        expected = 1 if result["args"][0] == "check" else 0
        assert result["code"] == expected, result
    check = next(r["output"] for r in results if r["args"][0] == "check")
    assert f"{config}: Obsidian's settings file is " in check
    assert "app.json" not in check
    assert (root / "People/Ann Lee.md").is_file() and (root / "People/Ann Other.md").is_file()


def test_obsidian_settings_that_can_be_read_again_are_no_problem_any_more(tmp_path, contacts):
    root = tmp_path / "vault"
    vault_files(root)
    make_hostile(root / ".obsidian/templates.json", "fifo")
    vault, today = ["--vault", str(root)], ["--today", TODAY.isoformat()]
    first = run_commands([["sync", *vault, *today]])[0]["output"]
    (root / ".obsidian/templates.json").unlink()
    (root / ".obsidian/templates.json").write_text('{"folder": "Meta"}', "utf-8")
    second = run_commands([["sync", *vault, *today]])[0]["output"]  # the cache must not hide it
    assert "Obsidian's settings file" in first and "Obsidian's settings file" not in second


# -- F5: the parse cache ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_cache_file_that_is_not_a_file_is_ignored_and_replaced(tmp_path, contacts, kind):
    root = tmp_path / "vault"
    vault_files(root)
    folder = tmp_path / "cache"
    cache = ParseCache(root, cache_folder({"XDG_CACHE_HOME": str(folder)}))
    assert cache.path is not None
    make_hostile(cache.path, kind)
    vault, today = ["--vault", str(root)], ["--today", TODAY.isoformat()]
    results = run_commands([["sync", *vault, *today], ["check", *vault, *today],
                            ["sync", *vault, *today]], env={"XDG_CACHE_HOME": str(folder)})
    for result in results:
        assert_no_crash(result)
    assert results[0]["code"] == 0 and "Created Network/Network.md" in results[0]["output"]
    assert cache.path.is_file() and not cache.path.is_symlink()  # the next save replaced it
    assert "Nothing to write: Network/ is up to date." in results[2]["output"]


@pytest.mark.parametrize("kind", ["file", "fifo", "symlink to a folder"])
def test_what_is_put_where_the_caches_chunks_go_is_replaced_never_followed(make_vault, tmp_path,
                                                                           kind):
    """The chunks' folder is the cache's own: a file or a FIFO at its name is replaced by the
    next save, and a symlink too, never followed (a save removes old chunks from its folder: a
    file named like one in a folder the link leads to stays)."""
    root = make_vault({"People/Jane Doe.md": person("Jane Doe")})
    cache = ParseCache(root)
    assert cache.path is not None
    chunks = cache_module.chunk_folder(cache.path)
    chunks.parent.mkdir(parents=True, exist_ok=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    theirs = elsewhere / ("a" * 64)
    theirs.write_bytes(b"not a chunk")
    os.utime(theirs, (1, 1))  # (old: a chunk this old that no cache names is removed)
    if kind == "file":
        chunks.write_bytes(b"x")
    elif kind == "fifo":
        os.mkfifo(chunks)
    else:
        chunks.symlink_to(elsewhere, target_is_directory=True)
    cached_sync(root, TODAY)
    assert chunks.is_dir() and not chunks.is_symlink()
    assert theirs.read_bytes() == b"not a chunk" and os.listdir(elsewhere) == [theirs.name]
    stored = cache.load(cache_code())
    assert stored is not None and "People/Jane Doe.md" in stored.notes()


def test_a_fifo_where_the_cache_is_written_first_does_not_hang_the_save(make_vault):
    root = make_vault({"People/Jane Doe.md": person("Jane Doe")})
    cache = ParseCache(root)
    assert cache.path is not None
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    fifo = cache.path.with_name(f".{cache.path.name}.{os.getpid()}.tmp")
    os.mkfifo(fifo)
    worker = threading.Thread(target=cached_sync, args=(root, TODAY), daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    try:
        assert not worker.is_alive(), "saving the cache waited for a reader of a FIFO"
    finally:
        if worker.is_alive():  # let the stuck writer go
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
    assert cache.load(cache_code()) is not None


def cache_code() -> str:
    from vaultnet.pipeline.cache import code_key
    return code_key()


# In this process, FIFOs only: a regression would hang a thread that the test gives up on, where
# /dev/zero would fill this process's memory.

def test_a_generated_note_replaced_by_a_fifo_does_not_hold_what_was_written(tmp_path):
    make_hostile(tmp_path / "Network.md", "fifo")
    found: list[bool] = []
    worker = threading.Thread(target=lambda: found.append(_holds(tmp_path, {"Network.md": "0"})),
                              daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    assert found == [False]


def test_watch_does_not_hang_on_a_fifo_put_where_a_generated_note_was(tmp_path):
    output = OwnOutput(tmp_path, "Network")
    output.digests["Network/Mentors.md"] = "0" * 64
    make_hostile(tmp_path / "Network/Mentors.md", "fifo")
    found: list[bool] = []
    worker = threading.Thread(target=lambda: found.append(output.changed("Network/Mentors.md")),
                              daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    assert found == [True]  # changed by someone else: the next round leaves it alone and says so


# -- F6: files given to `import`, and the person template ------------------------------------

@pytest.mark.parametrize("kind, reason", [
    ("fifo", "is a named pipe (FIFO), not a regular file; give the exported file itself"),
    ("zero", "is a device, not a regular file; give the exported file itself"),
])
def test_import_names_a_contacts_file_that_is_not_a_file(tmp_path, kind, reason):
    root = tmp_path / "vault"
    vault_files(root)
    given = tmp_path / "contacts.vcf"
    make_hostile(given, kind)
    commands = [["import", str(given), "--vault", str(root)]]
    if kind == "zero":
        commands.append(["import", "/dev/zero", "--vault", str(root)])
    for result in run_commands(commands):
        assert_no_crash(result)
        assert result["code"] == 1 and f"the contacts file {reason}" in result["output"]
    assert not (root / "People/Ann Other.md").exists()


def test_import_names_a_contacts_file_too_large_without_reading_it(tmp_path):
    root = tmp_path / "vault"
    vault_files(root)
    given = tmp_path / "Connections.csv"
    with open(given, "wb") as stream:
        stream.truncate(129 * 1024 * 1024)
    result = run_commands([["import", str(given), "--vault", str(root)]])[0]
    assert result["code"] == 1
    assert "the contacts file is 129.0 MB, larger than the 128.0 MB vaultnet reads; export it " \
           "again without photos, or in parts" in result["output"]


@pytest.mark.parametrize("kind, reason", [
    ("fifo", "is a named pipe (FIFO), not a regular file"),
    ("zero", "is a device, not a regular file"),
])
def test_import_calendar_names_a_calendar_file_that_is_not_a_file(tmp_path, kind, reason):
    root = tmp_path / "vault"
    vault_files(root)
    given = tmp_path / "calendar.ics"
    make_hostile(given, kind)
    result = run_commands([["import", "calendar", str(given), "--vault", str(root),
                            "--me", "me@example.org"]])[0]
    assert_no_crash(result)
    assert result["code"] == 1 and f"the calendar file {reason}" in result["output"]


MBOX = ("From jane@example.org Mon Nov 02 10:00:00 2026\nFrom: Jane Doe <jane@example.org>\n"
        "To: me@example.org\nSubject: Hello\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n\nHi\n")


def test_import_mail_passes_over_fifos_and_devices_in_a_mail_folder(tmp_path):
    root = tmp_path / "vault"
    vault_files(root)
    note = root / "People/Jane Doe.md"
    note.write_text(note.read_text("utf-8").replace("type: person", "type: person\n"
                                                    "email: jane@example.org"), "utf-8")
    mail = tmp_path / "mail"
    (mail / "Maildir/cur").mkdir(parents=True)
    (mail / "Maildir/new").mkdir()
    (mail / "inbox.mbox").write_text(MBOX, "utf-8")
    for folder in (mail, mail / "Maildir/cur"):
        make_hostile(folder / "pipe", "fifo")
        make_hostile(folder / "zero", "zero")
    result = run_commands([["import", "mail", str(mail), "--vault", str(root),
                            "--me", "me@example.org", "--today", TODAY.isoformat()]])[0]
    assert_no_crash(result)
    assert result["code"] == 0, result["output"]
    assert "2026-11-02" in note.read_text("utf-8")


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_add_names_a_person_template_that_is_not_a_small_file(tmp_path, kind):
    root = tmp_path / "vault"
    vault_files(root)
    make_hostile(root / "Templates/Person.md", kind)
    result = run_commands([["add", "Ann Lee", "--vault", str(root)]])[0]
    assert_no_crash(result)
    assert result["code"] == 1 and "Templates/Person.md: the person template" in result["output"]
    assert not (root / "People/Ann Lee.md").exists()


# -- F19: sizes in words ---------------------------------------------------------------------

@pytest.mark.parametrize("n, shown", [
    (0, "0 bytes"), (1, "1 byte"), (10, "10 bytes"), (1023, "1,023 bytes"), (1024, "1 KB"),
    (1536, "2 KB"), (256 * 1024, "256 KB"), (4 * 1024 * 1024, "4.0 MB"),
    (120 * 1024 * 1024, "120.0 MB"), (3 * 1024 ** 3, "3.0 GB"),
])
def test_human_size(n, shown):
    assert human_size(n) == shown


def test_sizes_that_round_alike_are_told_in_bytes():
    assert over_limit(4 * 1024 * 1024 + 1, 4 * 1024 * 1024) == \
        "4,194,305 bytes, larger than the 4,194,304 bytes vaultnet reads"
    assert over_limit(12, 10) == "12 bytes, larger than the 10 bytes vaultnet reads"


def test_a_small_note_limit_is_told_in_bytes(make_vault, run):
    """The smallest limit settings take (`MIN_NOTE_BYTES`), and a note a byte larger."""
    root = make_vault({".vaultnet.toml": "max_note_bytes = 65536\n",
                       "People/Jane Doe.md": "# Jane Doe\n\nMet at the fair.\n" + "x" * 65508})
    output = run("check", "--vault", root).output
    assert "People/Jane Doe.md: is 65,537 bytes, larger than the 65,536 bytes vaultnet reads" \
        in output
    assert "0 KB" not in output


# -- F12: an output folder of the user's notes -------------------------------------------------

JANE = person("Jane Doe", cadence="7d")
DAILY = {"People/Jane Doe.md": JANE, "Daily/2026-11-20.md": "Lunch with [[Jane Doe]]\n",
         "Daily/2026-11-21.md": "Call with [[Jane Doe]]\n"}


@pytest.mark.parametrize("files, settings, named", [
    (DAILY, 'output_folder = "Daily"', "Daily/2026-11-20.md is a daily note, and 1 other note too"),
    ({**DAILY, ".obsidian/daily-notes.json": '{"folder": "Daily"}'}, 'output_folder = "Daily"',
     "the daily notes folder 'Daily' (from .obsidian/daily-notes.json) overlap"),
    ({**DAILY, ".obsidian/templates.json": '{"folder": "Meta/Templates"}'},
     'output_folder = "Meta"', "the template folder 'Meta/Templates' (from "
     ".obsidian/templates.json) overlap"),
    ({"People/Jane Doe.md": JANE, "Templates/Person.md": "---\ntype: person\n---\n"},
     'output_folder = "Templates/Out"', "the person template's folder 'Templates' overlap"),
    ({"People/Jane Doe.md": JANE, "Crew/Sam.md": "# Sam\n"},
     'output_folder = "Crew"\n[person]\nfolders = ["Crew"]', "the folder of people 'Crew' overlap"),
    ({"People/Jane Doe.md": JANE, "Journal/Days/2026-11-20.md": "x\n"},
     'output_folder = "Journal"\n[daily_notes]\nfolder = "Journal/Days"',
     "the daily notes folder 'Journal/Days' overlap"),
    ({"People/Jane Doe.md": JANE, "Contacts/Sam Roe.md": "# Sam\n"}, 'output_folder = "Contacts"',
     "Contacts/Sam Roe.md is a person note"),
    ({"People/Jane Doe.md": JANE, "Notes/Ann.md": "---\ntype: person\n---\n"},
     'output_folder = "Notes"', "Notes/Ann.md is a person note"),
    ({"People/Jane Doe.md": JANE,
      "Notes/Standup.md": '---\ndate: 2026-11-02\npeople: ["[[Jane Doe]]"]\n---\n'},
     'output_folder = "Notes"', "Notes/Standup.md is a meeting note"),
], ids=["daily-by-name", "obsidian-daily-folder", "obsidian-templates", "person-template",
        "person-rule-folder", "settings-daily-folder", "contacts-convention", "person-note",
        "meeting-note"])
def test_an_output_folder_of_the_users_notes_is_refused(make_vault, run, files, settings, named):
    root = make_vault({**files, ".vaultnet.toml": settings + "\n"})
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    for dry_run in (["--dry-run"], []):
        result = run("sync", "--vault", root, "--today", TODAY, *dry_run)
        assert result.exit_code == 1, result.output
        assert named in result.output and "output_folder" in result.output, result.output
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_check_names_a_person_note_in_the_output_folder(make_vault, run):
    """What stops `sync` is a problem `check` lists (a review: `check` said "No problems", then
    `sync` refused to write)."""
    root = make_vault({"People/Jane Doe.md": JANE,
                       "Network/Tom Ray.md": "---\ntype: person\nrole: mentor\n---\n# Tom\n"})
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1, checked.output
    assert "Network/Tom Ray.md: is a person note in the output folder Network/: vaultnet reads " \
           "no note there, and `vaultnet sync` writes nothing while it is there" in checked.output
    assert "fix: move it out of Network/, or give vaultnet a folder of its own" in checked.output
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 1


def test_the_vault_itself_is_no_output_folder(make_vault, run):
    for folder in (".", "./", "/", "Network/.."):
        root = make_vault({"People/Jane Doe.md": JANE,
                           ".vaultnet.toml": f'output_folder = "{folder}"\n'})
        result = run("sync", "--vault", root, "--today", TODAY)
        assert result.exit_code == 1 and "output_folder" in result.output, (folder, result.output)
        assert sorted(p.name for p in root.iterdir()) == [".vaultnet.toml", "People"]


def test_an_output_folder_with_the_users_other_files_is_still_written(make_vault, run):
    """Notes that count for nothing lose nothing there: a note of one's own, a canvas, and the
    generated notes of an earlier sync, edited or copied."""
    root = make_vault({**DAILY, "Network/My own notes.md": "# Mine\n\nNothing dated.\n",
                       "Network/board.canvas": '{"nodes": [], "edges": []}\n'})
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    (root / "Network/Follow-ups 2026-11-25.md").write_bytes(
        (root / "Network/Follow-ups.md").read_bytes())  # kept by the user: has a date in its name
    result = run("sync", "--vault", root, "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "Updated Network/Follow-ups.md" in result.output


def test_notes_the_user_ignores_in_the_output_folder_stop_nothing(make_vault, run):
    """They count for nothing anyway (`ignore`), so they cannot stop counting."""
    root = make_vault({**DAILY, ".vaultnet.toml": 'ignore = ["Network/Archive"]\n',
                       "Network/Archive/Old Friend.md": "---\ntype: person\n---\n# Old\n"})
    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output


def test_an_output_folder_that_is_a_symlink_is_refused_as_one_not_walked(make_vault, run,
                                                                        tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "Daily").mkdir(parents=True)
    (elsewhere / "Daily/2020-01-21.md").write_text("- walked\n")
    root = make_vault(DAILY)
    (root / "Network").symlink_to(elsewhere, target_is_directory=True)
    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert "is a symlink or a file" in result.output and "is a daily note" not in result.output
    assert "(see Network/Follow-ups.md)" not in result.output  # it was not written


def test_a_daily_note_put_into_the_output_folder_later_stops_the_sync(make_vault, run):
    root = make_vault(DAILY)
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    (root / "Daily/2026-11-21.md").rename(root / "Network/2026-11-21.md")
    result = run("sync", "--vault", root, "--today", TODAY)  # the cache must not answer
    assert result.exit_code == 1
    assert "Network/2026-11-21.md is a daily note" in result.output
