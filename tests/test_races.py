"""Races: the user saves a note in the moment between vaultnet reading it and replacing it.

vaultnet re-reads the target just before its atomic rename and replaces it only if it still holds
what was read; otherwise the user's edit wins, and is reported.
"""

from __future__ import annotations

from datetime import date

from conftest import person

import vaultnet.edits.lines as lines_module
import vaultnet.write.generated as generated

FILES = {
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-08-01 Coffee #met\n", role="mentor"),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n", role="peer"),
}


def test_a_generated_note_edited_while_it_is_replaced_keeps_the_edit(make_vault, run,
                                                                       monkeypatch):
    vault = make_vault(FILES)
    assert run("sync", "--vault", vault, "--today", "2026-11-25").exit_code == 0
    target = vault / "Network/Follow-ups.md"
    edited = target.read_text() + "\nMy own line, typed a moment ago.\n"
    real = generated.atomic_replace

    def user_saves_first(path: str, data: bytes, expected: bytes | None) -> None:
        if path.endswith("Follow-ups.md"):
            target.write_text(edited)  # the editor's save lands between read and rename
        real(path, data, expected)

    monkeypatch.setattr(generated, "atomic_replace", user_saves_first)
    result = run("sync", "--vault", vault, "--today", str(date(2026, 12, 30)), "--no-cache")
    assert result.exit_code == 1
    assert "Network/Follow-ups.md: changed while vaultnet was writing it; your change was kept" \
        in result.output
    assert target.read_text() == edited
    assert not list(vault.rglob(".vaultnet-*"))


def test_a_person_note_edited_while_log_writes_keeps_the_edit(make_vault, run, monkeypatch):
    vault = make_vault(FILES)
    note = vault / "People/Ann Lee.md"
    edited = note.read_text() + "- 2026-11-24 Typed in Obsidian #call\n"
    real = lines_module.atomic_replace

    def user_saves_first(path: str, data: bytes, expected: bytes | None) -> None:
        note.write_text(edited)
        real(path, data, expected)

    monkeypatch.setattr(lines_module, "atomic_replace", user_saves_first)
    result = run("log", "Ann Lee", "Coffee", "--vault", vault)
    assert result.exit_code == 1
    assert "changed while vaultnet was adding to it; nothing was written" in result.output
    assert note.read_text() == edited
