"""A stateful test: a vault lived in, step by step, with a sync between any two steps.

Hypothesis drives a rule-based state machine over a real folder: edit a note, create one, delete
one, rename one (also in case only), hand-edit a generated note, drop a file of one's own into the
output folder, sync. After every sync the promises hold: no byte of the user's notes changed,
every hand-edited note and every file of the user's in the output folder survives byte for byte,
every generated path is inside the output folder and valid everywhere, and a second sync writes
nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from conftest import person
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from test_random_vaults import valid_everywhere

from vaultnet.pipeline.sync import sync

TODAY = date(2026, 11, 25)
NAMES = ["Ann Lee", "Bo Chen", "Cy", "Zoë", "José", "李小龙", "a|b", "CON", "Dee"]
TOPICS = ["sensors", "grants", "policy", "Sensors"]


class LivedInVault(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="vaultnet-state-"))
        self.root = self.base / "vault"
        (self.root / "People").mkdir(parents=True)
        self.user: dict[str, bytes] = {}  # every file of the user's, outside the output folder
        self.kept: dict[str, bytes] = {}  # files in the output folder that must survive as they are
        self.counter = 0
        for name in NAMES[:3]:
            self._write(f"People/{name}.md", person(name, "## Log\n- 2026-09-01 Coffee #met\n",
                                                    role="peer", topics="[sensors]"))

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def _write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.user[rel] = path.read_bytes()

    def people(self) -> list[str]:
        return sorted(rel for rel in self.user if rel.startswith("People/"))

    @rule(data=st.data(), topic=st.sampled_from(TOPICS))
    @precondition(lambda self: self.people())
    def edit(self, data: st.DataObject, topic: str) -> None:
        rel = data.draw(st.sampled_from(self.people()))
        self.counter += 1
        text = (self.root / rel).read_text(encoding="utf-8")
        text = text.replace("[sensors", f"[{topic}", 1) + \
            f"- 2026-11-{1 + self.counter % 24:02d} Call {self.counter} #call\n"
        self._write(rel, text)

    @rule(name=st.sampled_from(NAMES), knows=st.sampled_from(NAMES))
    def create(self, name: str, knows: str) -> None:
        rel = f"People/{name}.md"
        if (self.root / rel).exists():
            return
        self._write(rel, person(name, role="mentor", topics="[grants]",
                                knows=f'["[[{knows}]]"]'))

    @rule(data=st.data())
    @precondition(lambda self: len(self.people()) > 1)
    def delete(self, data: st.DataObject) -> None:
        rel = data.draw(st.sampled_from(self.people()))
        (self.root / rel).unlink()
        del self.user[rel]

    @rule(data=st.data(), name=st.sampled_from(NAMES))
    @precondition(lambda self: self.people())
    def rename(self, data: st.DataObject, name: str) -> None:
        rel = data.draw(st.sampled_from(self.people()))
        new = f"People/{name}.md"
        if (self.root / new).exists():
            return
        os.rename(self.root / rel, self.root / new)
        self.user[new] = self.user.pop(rel)

    @rule(data=st.data())
    @precondition(lambda self: self.people())
    def rename_case_only(self, data: st.DataObject) -> None:
        rel = data.draw(st.sampled_from(self.people()))
        new = f"People/{Path(rel).stem.swapcase()}.md"
        if new == rel or (self.root / new).exists():
            return
        os.rename(self.root / rel, self.root / new)
        self.user[new] = self.user.pop(rel)

    @rule(data=st.data())
    def hand_edit_generated(self, data: st.DataObject) -> None:
        generated = sorted(p.relative_to(self.root).as_posix()
                           for p in (self.root / "Network").rglob("*.md")
                           if p.relative_to(self.root).as_posix() not in self.kept)
        if not generated:
            return
        rel = data.draw(st.sampled_from(generated))
        with open(self.root / rel, "a", encoding="utf-8") as stream:
            stream.write("\nMy own thought, typed here.\n")
        self.kept[rel] = (self.root / rel).read_bytes()

    @rule(name=st.sampled_from(["Network/My list.md", "Network/Topics/grants.md",
                                "Network/Follow-ups.md"]))
    def drop_own_file(self, name: str) -> None:
        if name in self.kept or (self.root / name).exists():
            return
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        (self.root / name).write_text("My own file, not vaultnet's.\n", encoding="utf-8")
        self.kept[name] = (self.root / name).read_bytes()

    @rule()
    def sync_twice(self) -> None:
        first = sync(self.root, TODAY)
        for rel in first.writes.created + first.writes.written:
            assert rel.startswith("Network/") and valid_everywhere(rel), rel
        again = sync(self.root, TODAY)
        assert again.writes.created == again.writes.written == again.writes.deleted == []

    @invariant()
    def nothing_of_the_users_changed(self) -> None:
        for rel, data in {**self.user, **self.kept}.items():
            assert (self.root / rel).read_bytes() == data, f"{rel} changed"


LivedInVault.TestCase.settings = settings(
    max_examples=int(os.environ.get("STATE_MACHINE_EXAMPLES", "100")), stateful_step_count=25,
    deadline=None, suppress_health_check=[HealthCheck.too_slow])
test_a_lived_in_vault = pytest.mark.slow(LivedInVault.TestCase)
