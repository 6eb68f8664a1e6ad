"""Fault injection: every write of a sync fails in turn, with each of the errors a disk gives.

The writer's calls into the operating system go through a stand-in that fails the n-th of them
(creating the temporary file, writing it, fsyncing it, renaming it over the target, making a folder,
deleting a stale note) with ENOSPC, EACCES, EIO or EROFS. After each failure: a one-line error that
names the file and the cause, exit 1, not one byte of the user's notes changed, no torn generated
note and no temporary file left; and the next sync, with the disk healthy again, finishes the job.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import person, snapshot

import vaultnet.write.files as files
import vaultnet.write.generated as generated
from vaultnet.pipeline.sync import sync
from vaultnet.write.files import TEMP_PREFIX
from vaultnet.write.generated import is_own_unedited

FILES = {
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-08-01 Coffee #met\n", role="mentor",
                                topics="[sensors, grants]"),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n", role="peer",
                                topics="[sensors]", knows='["[[Ann Lee]]"]'),
    "People/Cy.md": person("Cy", status="prospect", topics="[grants]", knows='["[[Bo Chen]]"]'),
    "Daily/2026-11-24.md": "Lunch with [[Bo Chen]]\n",
}
ERRORS = [errno.ENOSPC, errno.EACCES, errno.EIO, errno.EROFS]

WRITERS = (files, generated)  # the modules that change files, each with its own `os`


class Disk:
    """`os` as the writer sees it, failing the `fail_at`-th call that changes the disk."""

    CHANGING = ("open", "fsync", "replace", "unlink", "makedirs", "link")

    def __init__(self, fail_at: int | None, code: int) -> None:
        self.fail_at, self.code, self.calls = fail_at, code, 0

    def _count(self, name: str, path: object) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise OSError(self.code, os.strerror(self.code), str(path))

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name == "open":
            def opened(path: Any, flags: int, *args: Any) -> int:
                if flags & (os.O_WRONLY | os.O_RDWR):
                    self._count(name, path)
                return real(path, flags, *args)
            return opened
        if name == "fdopen":
            def fdopen(fd: int, mode: str = "r", *args: Any) -> Any:
                stream = real(fd, mode, *args)
                return _Faulty(stream, self) if "w" in mode else stream
            return fdopen
        if name in self.CHANGING:
            def changing(*args: Any, **kwargs: Any) -> Any:
                # A folder's fsync failing is no lost write (some file systems refuse it): the
                # writer shrugs it off, so it is no fault point here.
                if not (name == "fsync" and stat.S_ISDIR(os.fstat(args[0]).st_mode)):
                    self._count(name, args[0] if args else "")
                return real(*args, **kwargs)
            return changing
        return real


class _Faulty:
    """A file whose writes count as disk changes."""

    def __init__(self, stream: Any, disk: Disk) -> None:
        self._stream, self._disk = stream, disk

    def write(self, data: Any) -> int:
        self._disk._count("write", getattr(self._stream, "name", ""))
        return int(self._stream.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __enter__(self) -> _Faulty:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()


def temporaries(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob(f"{TEMP_PREFIX}*"))


def check_generated(root: Path, before: dict[str, bytes]) -> None:
    """Each generated note holds either the bytes it had or whole new bytes vaultnet wrote."""
    for path in (root / "Network").rglob("*"):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            data = path.read_bytes()
            assert data == before.get(rel) or is_own_unedited(data, rel, "Network"), f"{rel} is torn"


def count_calls(root: Path, today: Any) -> int:
    disk = Disk(None, 0)
    with pytest.MonkeyPatch.context() as patch:
        for module in WRITERS:
            patch.setattr(module, "os", disk)
        sync(root, today)
    return disk.calls


@pytest.mark.parametrize("code", ERRORS, ids=[errno.errorcode[c] for c in ERRORS])
def test_every_write_fails_in_turn(make_vault, run, monkeypatch, tmp_path, code):
    from datetime import date

    root = make_vault(FILES)
    days = [date(2026, 11, 25), date(2026, 12, 30)]  # a first sync creates, a later one updates
    sync(root, days[0])
    for rel in ("People/Ann Lee.md", "People/Cy.md"):  # `grants` goes: its page is deleted
        (root / rel).write_text((root / rel).read_text().replace("grants", "policy"))
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    calls = count_calls(reference, days[1])
    assert calls >= 10  # the update touches several notes: each of its writes is a fault point
    for fail_at in range(1, calls + 1):
        case = tmp_path / f"case-{fail_at}"
        shutil.copytree(root, case)
        user = {k: v for k, v in snapshot(case).items() if not k.startswith("Network/")}
        generated = {k: v for k, v in snapshot(case).items() if k.startswith("Network/")}
        disk = Disk(fail_at, code)
        for module in WRITERS:
            monkeypatch.setattr(module, "os", disk)
        result = run("sync", "--vault", case, "--today", days[1].isoformat(), "--no-cache")
        for module in WRITERS:
            monkeypatch.setattr(module, "os", os)
        assert disk.calls >= fail_at, f"call {fail_at} never came: the sync made {disk.calls}"
        assert result.exit_code == 1, result.output
        errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, result.output
        assert os.strerror(code) in errors[0] and "Network/" in errors[0], errors[0]
        assert {k: v for k, v in snapshot(case).items() if not k.startswith("Network/")} == user
        check_generated(case, generated)
        assert temporaries(case) == []
        healed = run("sync", "--vault", case, "--today", days[1].isoformat(), "--no-cache")
        assert healed.exit_code == 0, healed.output
        assert snapshot(case / "Network") == snapshot(reference / "Network")
        shutil.rmtree(case)
    print(f"{errno.errorcode[code]}: {calls} faults injected, each survived")
