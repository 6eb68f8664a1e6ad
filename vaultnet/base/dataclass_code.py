"""The methods `dataclasses` writes for vaultnet's values, compiled once rather than at every start.

Python 3.11's dataclasses write each class's `__init__`, `__repr__`, `__eq__` and `__hash__` (and a
frozen class's `__setattr__` and `__delattr__`) as source text and compile it as the class is made,
some 120 µs a method: a one-line `vaultnet sync` makes 43 classes and compiles 239 such texts on
its way, 28 ms of its 100 ms of imports. A text compiles to the same code every time, so the code
is kept beside Python's own bytecode of this module (in `__pycache__`, or under
`PYTHONPYCACHEPREFIX`), keyed by the very text it was compiled from: a text the file holds is not
compiled again, and one it does not hold is compiled as dataclasses would have compiled it, and
kept when the command ends (`keep`). The file holds code, as the `.pyc` files beside it do, and is
trusted as they are; where Python would write no bytecode (`PYTHONDONTWRITEBYTECODE`, a folder it
cannot write to) nothing is written, and a file that cannot be read or is not one of these is left
aside: dataclasses compile as they always did.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import importlib.util
import marshal
import os
import sys
import types
from pathlib import Path
from typing import Any

from vaultnet.base.small_files import NotReadable, read_small_file

LIMIT = 8 << 20  # the file is some 300 KB for every command's classes
MOST = 2_000  # texts kept at most; past that (an upgrade after another), this run's alone


class Compiled:
    """The code of the texts kept in `path` (None: nowhere), and of those compiled since."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.kept = _read(path) if path is not None else {}
        self.made: dict[str, types.CodeType] = {}
        self.taken: set[str] = set()

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /,
             **options: Any) -> None:
        """`exec`, as dataclasses calls it, with a text's code taken from those kept."""
        if type(source) is str:
            code = self.kept.get(source)
            if code is not None:
                self.taken.add(source)
            else:
                code = self.made.get(source)
                if code is None:
                    # (as `exec` would compile it, called in dataclasses, which asks for no
                    # `from __future__` feature)
                    code = self.made[source] = compile(source, "<string>", "exec",
                                                       dont_inherit=True)
            source = code
        builtins.exec(source, globals, locals, **options)

    def keep(self) -> None:
        """Keep the code of the texts compiled in this process beside the ones kept before (only
        this run's, taken and compiled, past `MOST`), if any was compiled and Python would write
        bytecode; quietly not, if the file cannot be written."""
        if not self.made or self.path is None or sys.dont_write_bytecode:
            return
        held = {**self.kept, **self.made}
        if len(held) > MOST:
            held = {text: held[text] for text in self.taken | self.made.keys()}
        data = importlib.util.MAGIC_NUMBER + marshal.dumps(dict(sorted(held.items())))
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return
        self.kept, self.taken, self.made = held, self.taken | self.made.keys(), {}


def _read(path: Path) -> dict[str, types.CodeType]:
    """The code kept in `path`: none if there is no such file, or it cannot be read, or it was
    written by another Python, or holds anything but texts and their code."""
    try:
        data = read_small_file(path, LIMIT)
    except NotReadable:
        return {}
    magic = importlib.util.MAGIC_NUMBER
    if data is None or not data.startswith(magic):
        return {}
    try:
        held = marshal.loads(memoryview(data)[len(magic):])
    except (EOFError, ValueError, TypeError):
        return {}
    if type(held) is not dict or not all(type(text) is str and type(code) is types.CodeType
                                         for text, code in held.items()):
        return {}
    return held


def code_file() -> Path | None:
    """Where the code is kept: beside this module's bytecode, as Python places it (None if this
    Python keeps no bytecode by tag)."""
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_suffix(".dataclasses")
    except (NotImplementedError, ValueError):
        return None


COMPILED = Compiled(code_file())


def install() -> None:
    """Have dataclasses take a text's code from `COMPILED` (their module's `exec`, which they call
    by name, is `COMPILED.exec`: the same code, compiled once)."""
    dataclasses.exec = COMPILED.exec  # type: ignore[attr-defined]


def keep() -> None:
    """Keep what this process compiled (`Compiled.keep`): the command's last step."""
    COMPILED.keep()
