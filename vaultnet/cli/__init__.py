"""The command line: each command parses options, calls one library function, formats the result.

This package holds the `cli` group and `main`, the `vaultnet` command; the commands live by
family in `syncing` (sync, check, watch), `queries` (due, people, intro, brief), `editing` (init,
add, log, promise, done) and `import_export` (import, export), over what they share in `options`.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys

import click

from vaultnet import __version__
from vaultnet.base import dataclass_code
from vaultnet.cli.editing import add, done, init, log_command, promise
from vaultnet.cli.import_export import export, import_group
from vaultnet.cli.options import PROGRESS_MIN, Group, Leaving
from vaultnet.cli.queries import brief, due, intro, people
from vaultnet.cli.syncing import check, sync, watch

__all__ = ["PROGRESS_MIN", "cli", "main"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vaultnet")
def cli() -> None:
    """Keep a professional network alive in plain Markdown.

    vaultnet reads the person notes in a vault (an Obsidian vault or any folder of Markdown),
    builds a graph of people, topics and organisations, and writes a network index, a daily
    follow-up agenda and topic pages into the vault's Network/ folder.

    Example:

    \b
        vaultnet sync --vault ~/Notes
    """


for command in (sync, check, due, people, intro, brief, watch, init, add, log_command, promise,
                done, import_group, export):
    cli.add_command(command)
del command  # (a loop's name, not one of the package's)


def main() -> None:
    """The `vaultnet` command: `cli`, without the cycle collector, and then leave at once.

    A sync of a large vault leaves millions of objects behind, and the interpreter would spend a
    quarter of a second freeing them one by one on the way out; like mypy, vaultnet flushes what
    it printed and skips that (and `sync` keeps its result until then: `Leaving`). Every note it
    writes is complete (and fsynced) by then; a sync's parse cache may still be being saved, by a
    child that outlives it (`vaultnet.pipeline.one_at_a_time.after_this_sync`).
    """
    # A command other than `watch` runs for seconds, and what it builds lives until it ends: the
    # cycle collector would only walk those objects again and again (half a second of a sync of
    # 10,000 people) to free next to nothing. `watch` turns it back on.
    gc.disable()
    Leaving.kept = []
    _output_that_never_fails()
    try:
        if not _file_names_in_utf8():
            sys.exit(1)
        cli(prog_name="vaultnet")
        code = 0
    except SystemExit as ended:  # (as Python itself ends on one)
        code = ended.code if isinstance(ended.code, int) else (0 if ended.code is None else 1)
        if ended.code is not None and not isinstance(ended.code, int):
            click.echo(str(ended.code), err=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a reader gone (`| head`) or a stream closed
            stream.flush()
    if (logging := sys.modules.get("logging")) is not None:  # (`watch` logs; nothing else does)
        logging.shutdown()
    dataclass_code.keep()
    os._exit(code)


def _file_names_in_utf8() -> bool:
    """Whether this Python names files in UTF-8, as Obsidian does whatever the locale; if not
    (a Latin-1 locale, `de_DE`; the C locale with Python's coercion turned off), say why and how
    to run vaultnet. Read in Latin-1, `Tomás Herrera.md` was another name, its links pointed
    nowhere, and a topic page the charset cannot name failed the sync halfway."""
    encoding = sys.getfilesystemencoding()
    if encoding == "utf-8":
        return True
    click.echo(f"Error: this Python names files in {encoding}, the locale's charset, and vaultnet "
               "reads a vault's file names as UTF-8, as Obsidian writes them; run it in a UTF-8 "
               "locale (such as LANG=C.UTF-8) or with PYTHONUTF8=1", err=True)
    return False


def _output_that_never_fails() -> None:
    """Standard output and error that take any text: UTF-8 where they are no terminal (a pipe, a
    file, Git Bash) and PYTHONIOENCODING names no encoding, as Python's UTF-8 mode writes them (the
    default from Python 3.15); and a character that the encoding still cannot hold shown as `?`.

    Python 3.11 on Windows writes what is no console in the ANSI code page (cp1252), which has no
    letter of 山田太郎 and no Ł: a name in the output would fail a command after it did its work
    (a `log` run again would log twice). A console is already UTF-8 there, and a terminal keeps the
    encoding it shows. An error handler PYTHONIOENCODING names is kept if it never fails
    (`latin-1:backslashreplace`); `:strict` is not.
    """
    named, _, errors = os.environ.get("PYTHONIOENCODING", "").partition(":")
    if errors not in _NEVER_FAIL:
        errors = "replace"
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # (None under pythonw)
            keep = named or stream.isatty()
            stream.reconfigure(encoding=None if keep else "utf-8", errors=errors)


# The error handlers that never raise: one PYTHONIOENCODING names is kept (`:backslashreplace`);
# any other (`:strict`, a name Python does not know) would fail a command after its work.
_NEVER_FAIL = frozenset({"replace", "backslashreplace", "xmlcharrefreplace", "namereplace",
                         "ignore"})
