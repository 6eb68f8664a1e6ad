"""The methods dataclasses write for vaultnet's values are compiled once and kept beside Python's
bytecode (`vaultnet.base.dataclass_code`): the code kept is the code dataclasses would compile,
a file that is damaged or not one of these is left aside, and where Python keeps no bytecode
nothing is written."""

from __future__ import annotations

import dataclasses
import importlib.util
import marshal
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vaultnet.base import dataclass_code
from vaultnet.base.dataclass_code import Compiled


@pytest.fixture(autouse=True)
def keeps_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    """As Python is by default (these machines set PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def make_values() -> dict[str, type]:
    """Classes of every kind vaultnet makes: frozen, with slots, with defaults and a factory,
    with `__post_init__`, without `__eq__`, and plain."""

    @dataclasses.dataclass(frozen=True)
    class Tie:
        name: str
        weight: int = 1
        topics: tuple[str, ...] = ()

    @dataclasses.dataclass(frozen=True, slots=True)
    class Row:
        path: str
        lines: list[str] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass
    class Count:
        seen: int = 0
        names: dict[str, int] = dataclasses.field(default_factory=dict)

        def __post_init__(self) -> None:
            self.seen += len(self.names)

    @dataclasses.dataclass(eq=False)
    class Handle:
        path: str

    return {"Tie": Tie, "Row": Row, "Count": Count, "Handle": Handle}


def made_with(compiled: Compiled | None, monkeypatch: pytest.MonkeyPatch) -> dict[str, type]:
    """`make_values`, with dataclasses taking their code from `compiled` (None: compiling as
    Python's own dataclasses do)."""
    with monkeypatch.context() as patched:
        patched.setattr(dataclasses, "exec", compiled.exec if compiled else exec, raising=False)
        return make_values()


def behaviour(kinds: dict[str, type]) -> list[Any]:
    """What a user of the classes sees of them."""
    tie, row, count, handle = (kinds[name] for name in ("Tie", "Row", "Count", "Handle"))
    seen: list[Any] = [
        repr(tie("Ada")), tie("Ada") == tie("Ada", 1, ()), tie("Ada") == tie("Ada", 2),
        hash(tie("Ada", 2, ("x",))) == hash(tie("Ada", 2, ("x",))), repr(row("p", ["a"])),
        row("p") == row("p", []), row("p").lines is not row("p").lines,
        repr(count(names={"a": 1, "b": 2})), count() == count(0, {}),
        handle("p") == handle("p"), [f.name for f in dataclasses.fields(tie)],
        tie.__match_args__, count.__hash__ is None,
    ]
    for frozen in (tie("Ada"), row("p")):
        for change in (lambda value: setattr(value, "name" if hasattr(value, "name") else "path",
                                             "x"),
                       lambda value: delattr(value, "name" if hasattr(value, "name") else "path")):
            with pytest.raises(dataclasses.FrozenInstanceError) as refused:
                change(frozen)
            seen.append(str(refused.value))
    with pytest.raises(TypeError) as unhashable:
        hash(count())
    seen.append(str(unhashable.value))
    return seen


def methods(kinds: dict[str, type]) -> dict[str, Any]:
    """The code of every method dataclasses wrote for the classes."""
    return {f"{name}.{method}": getattr(kind, method).__code__
            for name, kind in kinds.items()
            for method in ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__",
                           "__hash__")
            if isinstance(kind.__dict__.get(method), type(make_values))}


def test_the_code_kept_is_the_code_dataclasses_compile(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kept.dataclasses"
    compiling = Compiled(path)
    plain = made_with(None, monkeypatch)
    first = made_with(compiling, monkeypatch)
    assert compiling.made and not compiling.taken
    compiling.keep()
    assert path.is_file() and not compiling.made

    again = Compiled(path)
    second = made_with(again, monkeypatch)
    assert again.made == {} and again.taken == set(again.kept) == set(compiling.kept)
    assert behaviour(first) == behaviour(second) == behaviour(plain)
    assert methods(first) == methods(second) == methods(plain)
    # (Tie and Row: six each; Count: three, its __hash__ None; Handle: two)
    assert len(methods(plain)) == 17
    # (and a text the file does not hold is compiled, as before)
    assert again.exec("value = 40 + 2", namespace := {}) is None and namespace["value"] == 42
    assert list(again.made) == ["value = 40 + 2"]


def test_code_objects_and_options_pass_through(tmp_path: Path) -> None:
    compiled = Compiled(tmp_path / "kept")
    namespace: dict[str, Any] = {}
    compiled.exec(compile("value = 7", "<string>", "exec"), namespace)
    assert namespace["value"] == 7 and compiled.made == {}


def kept_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, bytes]:
    path = tmp_path / "kept.dataclasses"
    compiling = Compiled(path)
    made_with(compiling, monkeypatch)
    compiling.keep()
    return path, path.read_bytes()


MAGIC = importlib.util.MAGIC_NUMBER


@pytest.mark.parametrize("damage", [
    pytest.param(lambda good: good[: len(good) // 2], id="cut short"),
    pytest.param(lambda good: b"", id="empty"),
    pytest.param(lambda good: b"\0\0\0\0" + good[4:], id="another Python's"),
    pytest.param(lambda good: good[4:], id="no magic number"),
    pytest.param(lambda good: MAGIC + marshal.dumps(["def f(): pass"]), id="not a mapping"),
    pytest.param(lambda good: MAGIC + marshal.dumps({"x = 1": "x = 1"}), id="text, not code"),
    pytest.param(lambda good: MAGIC + marshal.dumps({1: compile("x = 1", "<string>", "exec")}),
                 id="code by a number"),
    pytest.param(lambda good: MAGIC + b"\xff" * 64, id="not marshal"),
])
def test_a_damaged_file_is_left_aside_and_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]) -> None:
    path, good = kept_file(tmp_path, monkeypatch)
    path.write_bytes(damage(good))
    compiled = Compiled(path)
    assert compiled.kept == {}
    kinds = made_with(compiled, monkeypatch)
    assert behaviour(kinds) == behaviour(made_with(None, monkeypatch))
    compiled.keep()
    assert path.read_bytes() == good


def test_a_file_too_large_or_a_folder_is_left_aside(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path, good = kept_file(tmp_path, monkeypatch)
    monkeypatch.setattr(dataclass_code, "LIMIT", len(good) - 1)
    assert Compiled(path).kept == {}
    monkeypatch.setattr(dataclass_code, "LIMIT", len(good))
    assert len(Compiled(path).kept) == len(methods(make_values()))
    (tmp_path / "folder").mkdir()
    assert Compiled(tmp_path / "folder").kept == {}


def test_nothing_is_written_where_python_keeps_no_bytecode(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kept.dataclasses"
    compiled = Compiled(path)
    made_with(compiled, monkeypatch)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compiled.keep()
    assert not path.exists() and compiled.made
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    Compiled(None).keep()  # (nowhere to keep it: nothing to do)
    compiled.keep()
    assert path.is_file()


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a file").write_text("not a folder")
    compiled = Compiled(tmp_path / "a file" / "kept.dataclasses")
    made_with(compiled, monkeypatch)
    compiled.keep()
    assert compiled.made and sorted(os.listdir(tmp_path)) == ["a file"]
    # (nor one where the file's place is a folder: the temporary file is taken away)
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "x").write_text("")
    compiled = Compiled(tmp_path / "kept")
    made_with(compiled, monkeypatch)
    compiled.keep()
    assert sorted(os.listdir(tmp_path)) == ["a file", "kept"]


def test_past_the_most_only_this_runs_texts_are_kept(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kept.dataclasses"
    old = {f"value = {number}": compile(f"value = {number}", "<string>", "exec")
           for number in range(30)}
    path.write_bytes(MAGIC + marshal.dumps(old))
    compiled = Compiled(path)
    compiled.exec("value = 3", {})  # (one of the old ones, taken)
    made_with(compiled, monkeypatch)
    made = set(compiled.made)
    monkeypatch.setattr(dataclass_code, "MOST", len(old) + len(made))
    compiled.keep()
    assert set(Compiled(path).kept) == set(old) | made
    compiled.exec("value = -1", {})
    compiled.keep()  # one more than the most
    assert set(Compiled(path).kept) == {"value = 3", "value = -1"} | made


def test_the_file_is_the_same_bytes_whatever_the_order(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    one, other = Compiled(tmp_path / "one"), Compiled(tmp_path / "other")
    for text in ("a = 1", "b = 2", "c = 3"):
        one.exec(text, {})
    for text in ("c = 3", "a = 1", "b = 2"):
        other.exec(text, {})
    one.keep()
    other.keep()
    assert (tmp_path / "one").read_bytes() == (tmp_path / "other").read_bytes()


_COUNT = textwrap.dedent("""
    import vaultnet.cli, vaultnet.pipeline.sync
    from vaultnet.base.dataclass_code import COMPILED
    print(len(COMPILED.kept), len(COMPILED.taken), len(COMPILED.made), COMPILED.path)
""")


def test_the_command_keeps_the_code_and_the_next_compiles_none(tmp_path: Path,
                                                              make_vault: Any) -> None:
    """Under PYTHONPYCACHEPREFIX, as Python keeps its bytecode: the first `vaultnet sync`
    compiles the texts and keeps them, the next process takes every one from the file."""
    vault = make_vault({"People/Ada.md": "---\ntype: person\n---\n"})
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPYCACHEPREFIX": str(tmp_path / "bytecode"),
            "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def count() -> list[str]:
        done = subprocess.run([sys.executable, "-c", _COUNT], env=env, capture_output=True,
                              text=True, check=True)
        return done.stdout.split()

    kept, taken, made, path = count()
    assert (kept, taken) == ("0", "0") and int(made) > 100
    assert Path(path).is_relative_to(tmp_path / "bytecode") and not Path(path).exists()
    subprocess.run([sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault)], env=env,
                   capture_output=True, check=True)
    assert Path(path).is_file()
    assert count() == [made, made, "0", path]
    # (where Python writes no bytecode, neither does vaultnet)
    Path(path).unlink()
    subprocess.run([sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault)],
                   env=env | {"PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, check=True)
    assert not Path(path).exists()


def test_vaultnet_installs_it_before_any_value_is_made() -> None:
    assert dataclasses.exec == dataclass_code.COMPILED.exec  # type: ignore[attr-defined]
    path = dataclass_code.code_file()
    assert path is not None and path.name.endswith(f".{sys.implementation.cache_tag}.dataclasses")
    assert path.parent == Path(importlib.util.cache_from_source(dataclass_code.__file__)).parent
