"""One sync of a vault at a time (`vaultnet.pipeline.one_at_a_time`), between real processes: a
sync waits for another process's sync of the same vault, and for nothing else."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, WAIT, held, line_from, person, sigint_as_in_a_terminal, snapshot

from vaultnet.pipeline.sync import sync

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX record locks")

FILES = {
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-10-01 Coffee [[Bo Chen]] #met\n",
                                cadence=30),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n"),
}


def start_sync(vault: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault),
                             "--today", TODAY.isoformat()],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=sigint_as_in_a_terminal)


def test_a_sync_waits_while_another_process_syncs_the_same_vault(make_vault, tmp_path):
    """Two syncs of one vault at once would each replace the notes the other writes, and say a
    change of yours was kept when it was the other's: the second waits, says so, and then does
    what a sync alone does."""
    vault = make_vault(FILES)
    sync(vault, TODAY)
    before = snapshot(vault / "Network")
    with (vault / "People/Ann Lee.md").open("a", encoding="utf-8") as note:
        note.write("- 2026-11-25 Lunch [[Bo Chen]] #met\n")
    with held(vault) as holder:
        waiting = start_sync(vault)
        try:
            assert "waiting for it to finish" in line_from(waiting.stderr)
            assert waiting.poll() is None  # (still waiting)
            assert snapshot(vault / "Network") == before  # nothing written meanwhile
            assert holder.stdin is not None
            holder.stdin.close()  # the other sync ends
            out, err = waiting.communicate(timeout=WAIT)
        finally:
            waiting.kill()
    assert waiting.returncode == 0, err
    assert "Updated Network/Network.md" in out and "Left alone" not in out + err
    alone = tmp_path / "alone"
    shutil.copytree(vault, alone, ignore=shutil.ignore_patterns("Network"))
    sync(alone, TODAY)
    assert snapshot(vault / "Network") == snapshot(alone / "Network")


def test_a_sync_killed_while_it_holds_the_lock_leaves_the_vault_unlocked(make_vault):
    """However the other sync ends (here, killed), the lock goes with it: the next sync does not
    wait."""
    vault = make_vault(FILES)
    with held(vault) as holder:
        holder.kill()
        holder.wait(timeout=WAIT)
        started = start_sync(vault)
        out, err = started.communicate(timeout=WAIT)
    assert started.returncode == 0, err
    assert "waiting" not in err and "Read 2 notes" in out


def test_a_sync_of_another_vault_does_not_wait(make_vault, tmp_path):
    """The lock is the vault's: a sync of another vault goes on meanwhile."""
    vault = make_vault(FILES)
    other = tmp_path / "other"
    shutil.copytree(vault, other)
    with held(vault):
        started = start_sync(other)
        out, err = started.communicate(timeout=WAIT)
    assert started.returncode == 0 and "waiting" not in err, err
    assert "Read 2 notes" in out


def test_ctrl_c_while_a_sync_waits_ends_it_quietly(make_vault):
    """Ctrl-C while the sync waits for another: it ends at once, as Ctrl-C ends any command (exit
    130, no traceback), having written nothing."""
    vault = make_vault(FILES)
    with held(vault):
        waiting = start_sync(vault)
        try:
            assert "waiting for it to finish" in line_from(waiting.stderr)
            waiting.send_signal(signal.SIGINT)
            _, err = waiting.communicate(timeout=WAIT)
        finally:
            waiting.kill()
    assert waiting.returncode == 130 and "Traceback" not in err, err
    assert not (vault / "Network").exists()
