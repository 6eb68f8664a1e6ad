"""What a write pass did: a light module of its own, so that a sync with nothing to do (answered
from the parse cache) says so without importing the writer."""

from __future__ import annotations

from dataclasses import dataclass, field

from vaultnet.base.model import Problem

__all__ = ["WriteReport"]


@dataclass
class WriteReport:
    """What a write pass did, or would do on a dry run."""

    written: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    # Generated notes of an output folder before this one, deleted (see `generated.retire`).
    retired: list[str] = field(default_factory=list)
    kept: list[Problem] = field(default_factory=list)  # left alone, in the way: exit 1
    edited: list[str] = field(default_factory=list)  # of those, notes edited by hand (reclaimable)
    reclaimed: list[tuple[str, str]] = field(default_factory=list)  # (note, the edit kept as)
    notices: list[Problem] = field(default_factory=list)  # left alone, not in the way
    failed: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # sha256 of each note's intended bytes

    @property
    def ok(self) -> bool:
        return not (self.kept or self.failed)
