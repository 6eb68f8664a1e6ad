"""Shared fixtures: small vaults built from a dict of real files, and a CLI runner."""

from __future__ import annotations

import contextlib
import importlib.util
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import IO

import pytest
from click.testing import CliRunner, Result

from vaultnet.cli import cli

TODAY = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parent.parent


def benchmark_script(name: str) -> ModuleType:
    """`benchmarks/<name>.py`, loaded once (benchmarks/ is a folder of scripts, not a package):
    the generators the tests share with the benchmarks and the README's session."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]

VaultFactory = Callable[[dict[str, str | bytes]], Path]


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write each file byte for byte; str content is written as UTF-8 without newline changes."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder (XDG_CACHE_HOME), never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def utc_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The vault's local zone is UTC unless a test sets another (mail and calendar days)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def make_vault(tmp_path: Path) -> VaultFactory:
    """Build a vault in tmp_path from {relative path: content}; return its root."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "vault"
        root.mkdir(exist_ok=True)
        write_files(root, files)
        return root

    return make


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the vaultnet CLI in-process; `run("sync", "--vault", path)`."""

    def invoke(*args: object) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def person(name: str = "", body: str = "", **fields: object) -> str:
    """A person note's text: `type: person` plus the given fields, then the body."""
    lines = ["---", "type: person"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines += ["---", f"# {name}" if name else "", body]
    return "\n".join(lines) + "\n"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def add_refused(run, vault: Path, *args: str) -> str:
    """Run `vaultnet add` with `args` on `TODAY`: it must refuse with one line, exit 1, and leave
    every byte of the vault as it was; its message."""
    before = snapshot(vault)
    result = run("add", *args, "--vault", vault, "--today", TODAY.isoformat())
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(vault) == before
    return result.output


# Other processes that sync a vault (see `vaultnet.pipeline.one_at_a_time`).

WAIT = 60.0  # seconds: what a condition on another process may take on a loaded machine, at most
# Holds the lock of the vault given until its input closes, saying `held` once it does.
HOLD = ("import sys\nfrom pathlib import Path\n"
        "from vaultnet.pipeline.one_at_a_time import one_sync_at_a_time\n"
        "with one_sync_at_a_time(Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        "    sys.stdin.read()\n")


def sigint_as_in_a_terminal() -> None:
    """For a child process (`preexec_fn`): SIGINT as a terminal delivers it, so that Python raises
    KeyboardInterrupt on it. A test run started in the background by a script (`(pytest &)`)
    ignores SIGINT, and a child inherits that: it would never see the signal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def line_from(stream: IO[str] | None, timeout: float = WAIT) -> str:
    """The next line of a child's output, waiting for it at most `timeout` seconds."""
    assert stream is not None
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, f"no line within {timeout} s"
    return stream.readline()


@contextlib.contextmanager
def held(vault: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the lock of `vault` (until its input is closed, or it is
    killed)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(vault)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert line_from(holder.stdout) == "held\n"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=WAIT)
