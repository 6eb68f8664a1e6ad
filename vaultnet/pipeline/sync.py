"""One sync: read the vault, build the index and graph, compute the agenda, write the pages.

`load` runs the reading half of the pipe and `sync` the whole of it; the CLI and the watcher call
these, and nothing else drives the pipe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vaultnet.base.conventions import Reading
from vaultnet.base.errors import DamagedCache, VaultnetError
from vaultnet.base.model import Note, Problem
from vaultnet.base.settings import (
    SETTINGS_FILE,
    Settings,
    folder_problems,
    load_settings,
    refuse_overlap,
)
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import key, nfc, plural
from vaultnet.base.vault_root import but_for, marked_as_vault, twins
from vaultnet.insight.agenda import Agenda, NoteOf, agenda_rows, build_agenda
from vaultnet.insight.communities import (
    PersonTies,
    Shape,
    ShapeSoon,
    from_plain_ties,
    known_shape,
    plain_ties,
    retie_people,
    ties_between_people,
    work_out_shape,
)
from vaultnet.insight.suggestions import Insight, build_insight
from vaultnet.insight.ties import sent_ties, ties_to_send
from vaultnet.network.graph import Graph, build_graph, kept_structure
from vaultnet.network.index import SavedParts, VaultIndex, build_index
from vaultnet.parse.note import is_in_folder, parse_note, passed_over
from vaultnet.pipeline.aside import TIMEOUT, Aside, can_fork
from vaultnet.pipeline.cache import (
    Listing,
    Lookup,
    ParseCache,
    State,
    Unchanged,
    kept_ignored,
    look,
    output_signatures,
    settings_key,
    walk_afresh,
)
from vaultnet.pipeline.derived import Structure, structure_of
from vaultnet.pipeline.note_store import NoteStore, Progress, Refresh, holds_a_person
from vaultnet.pipeline.summary import Summary, summary_dict
from vaultnet.read.obsidian import (
    TEMPLATES_FOLDER,
    config_problems,
    daily_notes,
    read_conventions,
    skipped,
    template_sources,
)
from vaultnet.read.vault import NoteFile, ignored_notes, read_text, walk_vault
from vaultnet.render.context import fixed_pages, with_agenda_lines
from vaultnet.render.pages import render_pages
from vaultnet.write.files import MAX_GENERATED_BYTES, Signature, signature, unsafe_folder
from vaultnet.write.generated import (
    EDITED,
    Left,
    Sealed,
    WriteMemo,
    body_digest,
    held_back,
    is_generated,
    left_behind,
    retire,
    write_pages,
)
from vaultnet.write.report import WriteReport

# Tied people from whom on the communities and bridges are worked out on another core (a fork
# and the answer sent back cost some 10 ms; working them out, 0.15 s at 10,000 dense people);
# and people whose ties are to be worked out, from whom on those are (0.2 s for 10,000).
ASIDE_MIN = TIES_ASIDE_MIN = 2000
# The graph's structure kept beside the cache is taken up with its ties changed in place, and
# kept as it is, until this many relations differ from it: then it is kept anew.
MAX_RETIED = 64


@dataclass(frozen=True)
class Vault:
    """A vault read and understood for one day: its settings and index, and its graph, agenda and
    insight, each worked out when first asked for (with the store's memos, in that order of
    dependence: `vaultnet log` needs the index alone, `due` no insight)."""

    root: Path
    settings: Settings
    index: VaultIndex
    refresh: Refresh
    today: date
    # What it was read with, and builds the rest with; kept with it by a caller that leaves at
    # once (see `vaultnet.cli.main`), since a tenth of a second of a sync at 10,000 people goes to
    # freeing it object by object.
    store: NoteStore = field(repr=False, compare=False)
    # The notes `left_behind` that a sync deleted (on a dry run: would delete), by `retire`.
    retired: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The notes' problems, and what is out of date outside the output folder (see
        `left_behind_problems`)."""
        left = left_behind_problems(self)
        return (*self.index.problems, *left) if left else self.index.problems

    @functools.cached_property
    def left_behind(self) -> list[Left]:
        """The notes vaultnet generated that the walk found outside the output folder: an
        output folder before this one's (see `vaultnet.write.generated.left_behind`)."""
        found = self.refresh.generated
        if not found:
            return []
        return left_behind(self.root, self.settings.output_folder, found, self.store.written,
                           _home, lambda folder: [page for page in fixed_pages(folder)
                                                  if page.endswith(".canvas")])

    @functools.cached_property
    def graph(self) -> Graph:
        store = self.store
        with gc_paused():
            memo = store.graph_memo
            graph = build_graph(self.index, memo)
            ties = None
            if memo.from_kept:  # (the ties between people were kept with it, before `retie`)
                ties = from_plain_ties(next(iter(memo.kept_with), None))
                if ties is not None and memo.retie:
                    ties = retie_people(graph, ties, memo.retied)
            kept = ties is not None and len(memo.retie) <= MAX_RETIED
            if not kept:
                ties = ties_between_people(graph) if store.cache is not None else None
            store.insight_memo.ties_between = ties
            if ties is not None and store.cache is not None:
                # A sync that saves renders every page: the communities and bridges are worked
                # out on the other core meanwhile, if they must be.
                store.insight_memo.shape_soon = _shape_soon(ties[0], store.insight_memo.shape)
            if kept:
                store.kept_retied = memo.retie
            elif store.cache is not None and ties is not None:
                store.kept_resolved = _keep(store, store.cache, graph, ties)
                store.kept_retied = frozenset()
            store.derived.take_up(_structure(store) if kept else None, store.insight_memo)
        return graph

    @functools.cached_property
    def agenda(self) -> Agenda:
        graph = self.graph
        with gc_paused():
            return build_agenda(graph, self.today, self.settings, self.store.agenda_memo,
                                _with_plans(self.store))

    @functools.cached_property
    def insight(self) -> Insight:
        graph = self.graph
        with gc_paused():
            return build_insight(self.index, graph, self.today, self.settings.quiet_days,
                                 self.store.insight_memo)


def _with_plans(store: NoteStore) -> NoteOf:
    """The note at a path if it holds a plan, for the plan the agenda shows on a stay-in-touch
    line (see `build_agenda`); else None. Only the notes that hold one are read: of thousands
    of people due, unpickling every note's lines would take most of a second."""
    return store.index_memo.plan_note


def _shape_soon(tied: PersonTies, known: Shape | None) -> ShapeSoon:
    """The shape of `tied` as it will be: `known`, if it was worked out from them; else worked
    out on another core from now on, when there are enough people to pay for it and a core to
    be had (see `vaultnet.pipeline.aside`), or here when it is needed."""
    digest, found = known_shape(tied, known)
    if found is not None:
        return tied, lambda: found
    if len(tied.nodes) < ASIDE_MIN or not can_fork():
        return tied, functools.partial(work_out_shape, tied, digest)
    aside = Aside(lambda: work_out_shape(tied, digest).as_tuple())

    def shape() -> Shape:
        sent = Shape.from_tuple(aside.result())
        return sent if sent is not None and sent.is_of(digest, len(tied.nodes)) \
            else work_out_shape(tied, digest)

    return tied, shape


def _keep(store: NoteStore, cache: ParseCache, graph: Graph,
          ties: tuple[PersonTies, dict[str, list[str]]]) -> Callable[[], list[str] | None]:
    """Keep the structure of a new graph beside the parse cache (`store.kept_graph`), with the
    ties between people, which depend on it alone; return what gives the digests of the chunks
    of the resolved links kept already, if they are, for `ParseCache.save`.

    After a cold parse on several cores, the structure and the resolved links are pickled and
    written on another core while this process builds the pages (0.25 s there at 10,000 dense
    people), behind the communities' child (`_shape_soon`) when both want that core, as the
    notes were while it resolved their links (`NoteStore.kept_notes`). Else, or if that child
    fails, the structure is kept here now, while the sync holds least (pickling takes some 30 MB
    for a moment at 10,000 people), and `save` pickles the resolved links."""
    def structure() -> str:
        return cache.keep_graph(kept_structure(graph, plain_ties(ties)))

    if not store.pieces or not can_fork():
        store.kept_graph = structure()
        return lambda: None
    memo, paths = store.index_memo, list(store.as_read)

    def keep() -> list[object]:
        with contextlib.suppress(OSError):
            os.nice(5)  # (yields that core to the communities' child)
        return [structure(), cache.keep_resolved(paths, memo.resolved()[1])]

    aside = Aside(keep)

    def kept() -> list[str] | None:
        sent = aside.result()
        if not (isinstance(sent, list) and len(sent) == 2 and isinstance(sent[0], str)):
            store.kept_graph = structure()
            return None
        store.kept_graph = sent[0]
        return sent[1] if isinstance(sent[1], list) else None

    return kept


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building: the pipe makes many objects and no cycles, and
    repeated full collections over a large vault cost more than the parsing itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(root: Path, today: date, store: NoteStore | None = None,
         recheck: Collection[str] = (), walk: bool = True,
         progress: Progress | None = None, listing: Listing | None = None,
         walked_under: str = "") -> Vault:
    """Read and understand the vault at `root` for the day `today`: its notes are read and
    indexed now, its graph, agenda and insight worked out when first asked for (see `Vault`).

    With a `store`, notes unchanged since its last refresh are not read again (watch mode); with
    `walk=False` too, only those in `recheck` are looked at (see `NoteStore.refresh`). A
    `listing` is a walk of the vault just taken, under the settings whose key (`settings_key`)
    is `walked_under`: not taken again, unless the settings read now are others (changed
    meanwhile: what they leave out of a walk, or put in, may be another).
    """
    settings = load_settings(root)
    if listing is not None and settings_key(root, settings) != walked_under:
        listing = None
    with gc_paused():
        store = store or NoteStore()
        refreshed = store.refresh(root, settings, recheck, walk, progress, listing)
        index = build_index(refreshed.notes, today,
                            [*refreshed.problems, *config_problems(root),
                             *folder_problems(root, settings,
                                              (note.path for note in refreshed.notes))],
                            store.index_memo, ignored_notes(root, settings.ignore))
        store.insight_memo.ties.carry(store.index_memo.since_saved)
        store.agenda_memo.carry(store.index_memo.since_saved, index.people)
        _ties_soon(store, index, today, settings)
        store.graph_memo.carry(store.index_memo.since_saved)
    return Vault(root, settings, index, refreshed, today, store)


def _ties_soon(store: NoteStore, index: VaultIndex, today: date, settings: Settings) -> None:
    """For a sync that saves the parse cache (which always works out the insight), have the ties
    of the people whose tie the cache did not carry, nor can work out again from its basis
    (everyone's, on a cold sync) worked out on another core while this process builds the
    graph (0.2 s at 10,000 dense people), when there are enough of them to pay for it and a
    core to be had (`TieMemo.soon`); else they are worked out here, when they are needed.

    When they are everyone's, that child then pickles and writes the cache's chunks of people
    too (each one's tie, contacts and rows of the agenda, `keep_people`), while this process
    builds the pages:
    `store.kept_people` gives their digests if the ties this process ends with are the very ones
    it sent."""
    memo, cache = store.insight_memo.ties, store.cache
    # (On another day, those whose tie the cache kept a basis of are worked out here, from it.)
    based = memo.bases.keys() & memo.rebase.keys() if memo.rebase else set()
    missing = [person for person in index.people
               if person.path not in memo.carried and person.path not in based]
    if cache is None or len(missing) < TIES_ASIDE_MIN or not can_fork():
        return
    everyone = len(missing) == len(index.people)
    paths = list(store.as_read)

    def work() -> Iterator[object]:
        sent = ties_to_send(missing, index.relations, today)
        yield sent
        if everyone:
            with contextlib.suppress(OSError):
                os.nice(10)  # (needed at the save alone: the other children's needs come first)
            ties = sent_ties(sent)
            yield cache.keep_people(paths, ties, {p.path: p.contacts for p in index.people},
                                    agenda_rows(index.people, today, settings,
                                                _with_plans(store)))

    aside = Aside(work, answers=2 if everyone else 1)
    given: dict[str, object] = {}

    def soon() -> dict[str, object]:
        given.update(sent_ties(aside.result()))
        return given

    def kept(ties: Mapping[str, object]) -> list[str] | None:
        digests = aside.result(timeout=TIMEOUT if given and ties == given else 0)
        return digests if isinstance(digests, list) and ties == given else None

    memo.soon, store.kept_people = soon, kept


def summarize(vault: Vault) -> Summary:
    """What a sync tells the user about `vault`."""
    index, agenda = vault.index, vault.agenda
    follow = sum(1 for o in agenda.outreach if o.action == "follow-up")
    # (vaultnet's own output outside the output folder was read too, though not as input.)
    read = len(index.notes) + len(vault.refresh.generated)
    left = left_behind_problems(vault)
    return Summary(agenda.today, vault.settings.output_folder, read, len(index.people),
                   index.daily_notes, len(agenda.stay_in_touch), follow,
                   len(agenda.outreach) - follow, len(agenda.promises), len(agenda.birthdays),
                   (*index.problems, *left), reading(vault), len(agenda.replies),
                   (*vault.refresh.problems, *left))


def reading(vault: Vault) -> Reading:
    """How the vault was read: which rules found its people, which notes in a people folder are
    not people and why, its daily notes and templates. The top-level Templates folder is named
    only when the vault has one (in any case, as the walk skips it): it is no setting of the
    user's, and naming it in a vault without one would say what is not so."""
    index, root, settings = vault.index, vault.root, vault.settings
    conventions = vault.store.conventions  # (what the notes were read by: not read again)
    rules: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for note in index.notes:  # (one pass: a sync's summary asks at every edit)
        if note.found_by:
            if note.readable and note.fields.type == "person":
                rules[note.found_by] += 1
        elif why := passed_over(note, conventions):
            passed[why] += 1
    folders: set[str] = set()
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        folders = {key(entry.name) for entry in entries if entry.is_dir()}
    # (A folder from a setting names the setting's file as its source: `.obsidian/…`.)
    templates = tuple((folder, source) for folder, source in template_sources(root, settings)
                      if folder != TEMPLATES_FOLDER or source.startswith(".")
                      or key(folder) in folders)

    # (A note of a person's with a placeholder left in, `created: {{date}}`, is skipped: named.)
    skipped = sorted(note.path for note in index.notes if note.template)

    def most_first(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    return Reading(
        people_by=most_first(rules), passed_over=most_first(passed),
        daily=conventions.daily, daily_notes=index.daily_notes, meetings=index.meetings,
        templates=templates, template_notes=len(skipped), template_paths=tuple(skipped[:3]))


@dataclass(frozen=True)
class SyncResult:
    vault: Vault
    writes: WriteReport
    dry_run: bool

    @functools.cached_property
    def summary(self) -> Summary:  # (asked for by what is printed, and by the cache's state)
        return summarize(self.vault)

    def as_dict(self) -> dict[str, object]:
        return summary_dict(self.summary, self.writes, self.dry_run)


def sync(root: Path, today: date, dry_run: bool = False, store: NoteStore | None = None,
         recheck: Collection[str] = (), walk: bool = True,
         progress: Progress | None = None, reclaim: bool = False,
         listing: Listing | None = None, walked_under: str = "") -> SyncResult:
    """Read the vault and bring its generated notes up to date.

    With `reclaim`, each generated note edited by hand is kept under a name that says so and the
    day (`Follow-ups (edited 2026-11-25).md`) and written afresh. (`listing`, `walked_under`:
    see `load`.)
    """
    store = store or NoteStore(rounds=False)
    vault = load(root, today, store, recheck, walk, progress, listing, walked_under)
    refuse_a_folder_that_is_no_vault(root, vault)
    held = held_back_pages(root, vault.settings.output_folder, reclaim, store.write_memo)
    with gc_paused():
        graph, agenda, insight = vault.graph, vault.agenda, vault.insight
        if not store.rounds:  # (before the pages are rendered: the sync's fullest moment)
            store.forget_rounds()
        store.derived.offer_pages(store.pages_memo)
        pages = render_pages(vault.index, graph, agenda, insight, vault.settings,
                             store.pages_memo, held, store.agenda_memo.taken())
        if store.cache is not None:  # (the agenda's lines gathered when the cache is saved)
            store.derived.rendered = functools.partial(
                with_agenda_lines, store.pages_memo.kept(), store.pages_memo.lines,
                store.agenda_memo.rows.made())
            store.derived.communities = insight.communities
    if not store.rounds:  # (and the pages' memo the rendering filled)
        store.forget_rounds()
    refuse_an_output_folder_of_notes(root, vault.settings, pages, vault)
    writes = write_pages(root, vault.settings.output_folder, pages, dry_run=dry_run,
                         delete_stale=not vault.refresh.incomplete, memo=store.write_memo,
                         reclaim=today if reclaim else None, written=store.written)
    if not writes.failed:  # (the notes before go only once these are written)
        vault.retired.update(retire(root, vault.settings.output_folder, vault.left_behind,
                                    writes, dry_run, None if dry_run else store.write_memo))
    return SyncResult(vault, writes, dry_run)


def held_back_pages(root: Path, output: str, reclaim: bool,
                    memo: WriteMemo | None = None) -> dict[str, str]:
    """The pages other pages link (Network.md, the agenda, Introductions, Mentors, Communities,
    the canvas, the topic pages) that will not be written afresh, with why: they are named as out
    of date, never linked as current. `reclaim` writes the edited ones afresh; a file of the
    user's stays. A page whose file is as the last write left it (`memo`) is not read again."""
    held = {}
    for path in (*fixed_pages(output), *_topic_pages_there(root, output)):
        seen = memo.seen.get(path) if memo is not None else None
        if seen is not None and signature(str(root / path), follow_symlinks=False) == seen[1]:
            continue
        why = held_back(root, path, output)
        if why is not None and not (reclaim and why == EDITED):
            held[path] = why
    return held


def _topic_pages_there(root: Path, output: str) -> list[str]:
    """The notes in the output folder's `Topics/` now (vault paths): any of them may be a topic
    page the pages link (a folder that is not there holds none)."""
    folder = f"{output}/Topics"
    try:
        with os.scandir(os.path.join(root, *folder.split("/"))) as entries:
            return sorted(f"{folder}/{entry.name}" for entry in entries
                          if entry.name.endswith(".md"))
    except OSError:
        return []


def _home(rel: str) -> str:
    """The output folder a generated note at vault path `rel` sits in, as pages are laid out
    (a topic's page in its `Topics/`); none ("") for a note no output folder holds under that
    name: a copy of one, moved or renamed among the user's notes (`my agenda.md`), whose folder
    was never an output folder."""
    folder, _, _ = rel.rpartition("/")
    parent, _, name = folder.rpartition("/")
    if name == "Topics":
        return parent
    return folder if rel in fixed_pages(folder) else ""


def left_behind_problems(vault: Vault) -> list[Problem]:
    """What is out of date outside the output folder, and what to do about it: for each folder
    of notes vaultnet generated (an output folder before this one, or a copy of one), how many
    it holds, and which sync deletes (those the last sync wrote there, untouched since:
    `vaultnet sync` deletes them, so only `check` and a failed deletion name them); and each
    note of them edited or copied by hand, by name. Said on every run while they are there:
    nothing may pass for current that is not (PRODUCT.md, promise 2)."""
    left = [note for note in vault.left_behind if note.path not in vault.retired]
    output = vault.settings.output_folder
    problems = []
    for folder in sorted({note.folder for note in left}, key=lambda f: (not f, f)):
        notes = [note for note in left if note.folder == folder]
        if folder:
            problems.append(_folder_left_behind(folder, output, len(notes),
                                                sum(note.written is not None for note in notes)))
        for note in notes:
            if not note.edited:
                continue
            if folder:
                problems.append(Problem(
                    note.path, None, "was edited or copied by hand since vaultnet generated it "
                    f"in {folder}/; it is out of date, as the output folder is {output}/ now, and "
                    "vaultnet leaves it as it is", "keep what you need of it in a note of your own "
                    f'and delete it, or set output_folder = "{folder}" in {SETTINGS_FILE} again'))
            else:
                problems.append(Problem(
                    note.path, None, "is a note vaultnet generated, edited or copied by hand; it "
                    f"is out of date, as vaultnet keeps only the notes of its output folder "
                    f"{output}/ current, and leaves it as it is",
                    "keep what you need of it in a note of your own and delete it"))
    return problems


def _folder_left_behind(folder: str, output: str, count: int, deletes: int) -> Problem:
    """The problem of a folder of `count` notes vaultnet generated, `deletes` of which `sync`
    deletes."""
    def them(n: int) -> str:
        return "them" if n > 1 else "it"

    back = f'set output_folder = "{folder}" in {SETTINGS_FILE} again to keep {them(count)} current'
    if not deletes:
        what = f"delete {them(count)} (vaultnet does not), or set output_folder back"
        hint = (f'delete {them(count)}, or {back}, or add "{folder}" to `ignore` there to keep '
                f'{them(count)} as {"they are" if count > 1 else "it is"}')
    elif deletes == count:
        what = (f"`vaultnet sync` deletes {them(count)}, as nobody changed {them(count)} since "
                f"it wrote {them(count)}")
        hint = f"run `vaultnet sync`, or {back}"
    else:
        what = (f"`vaultnet sync` deletes the {deletes} nobody changed since it wrote "
                f"{them(deletes)}; delete the other {count - deletes} (vaultnet does not), or set "
                "output_folder back")
        hint = f"run `vaultnet sync` and delete the rest, or {back}"
    return Problem(f"{folder}/", None, f"holds {plural(count, 'note')} vaultnet generated, now "
                   f"out of date since the output folder is {output}/: {what}", hint)


def refuse_a_folder_that_is_no_vault(root: Path, vault: Vault) -> None:
    """A folder becomes a vault only when the user says so (PRODUCT.md): an Obsidian vault, a
    `.vaultnet.toml`, or at least one person note (one in the people folder that cannot be read
    counts too). Anything else (a code repository, a home folder) gets no output folder written
    into it."""
    if marked_as_vault(root) or vault.index.people \
            or _in_people_folder(vault.index.notes, vault.settings):
        return
    raise _no_vault(root)


def _in_people_folder(notes: Iterable[NoteFile | Note], settings: Settings) -> bool:
    """Whether any of `notes` is in the people folder: one that makes a folder a vault, read or
    not (see `refuse_a_folder_that_is_no_vault`)."""
    return any(is_in_folder(note.path, settings.people_folder) for note in notes)


def _no_vault(root: Path, done: str = "written") -> VaultnetError:
    """What `refuse_a_folder_that_is_no_vault` says of `root` (nothing `done`: written, or done
    at all)."""
    return VaultnetError(f"{root} does not look like a vault: it has no .obsidian folder, no "
                         f"{SETTINGS_FILE} and no person note, so nothing was {done}. Run "
                         f"`vaultnet init --vault {root}` to make it one, or pass the vault with "
                         "--vault")


def _walk_of_a_vault(root: Path, settings: Settings, done: str = "written") -> Listing:
    """The walk of `root`, a folder no sync kept a cache of and nobody marked as a vault, once it
    is found to hold a person note or a note in the people folder (as a sync would find it: see
    `refuse_a_folder_that_is_no_vault`), for the sync to take; else the sync is refused now, its
    notes read one at a time and none kept, rather than all of them read and indexed first (a
    developer's home folder, where `vaultnet sync` is run by mistake, may hold a great many
    READMEs: a folder of 100,000 notes and no person's is refused in 1.6 s, at a peak of 64 MB,
    where it took 2.1 s and 207 MB)."""
    files, problems = walk_afresh(root, settings)
    if _in_people_folder(files, settings) \
            or holds_a_person(files, settings, read_conventions(root, settings)):
        return files, problems, []
    raise _no_vault(root, done)


def refuse_an_output_folder_of_notes(root: Path, settings: Settings,
                                     pages: Collection[str] = (),
                                     vault: Vault | None = None) -> None:
    """Refuse to write into an output folder that holds notes of the user's that vaultnet uses
    (`output_folder = "Daily"`, `"Organisations"`): vaultnet reads no note in its output folder,
    so they would silently stop counting, and the pages would stop linking them.

    The rule, so that it can be explained in one sentence: the output folder must not be, hold or
    lie inside a folder where the vault keeps notes (Obsidian's daily notes folder, a template
    folder; `.vaultnet.toml`'s own folders are checked as it is read), and must hold no note that
    vaultnet did not write and would use if it were anywhere else: one it reads (a person, daily,
    meeting or profile note) or one the notes name as an organisation, a topic or a person. Other
    files of the user's there (a README nothing names, a canvas, a file where a generated note
    goes, which the writer reports and leaves alone) are no reason to refuse: vaultnet would not
    use them anywhere. `vault` is the vault as read (for the names its notes use; read from the
    cache if not given, and only if the output folder holds a note of the user's that needs it).
    """
    output = settings.output_folder
    daily = daily_notes(root, settings)
    folders = [("daily notes folder", daily.folder, daily.source)] if daily.folder else []
    folders += [("template folder", folder, source)
                for folder, source in template_sources(root, settings)]
    for what, folder, source in folders:
        refuse_overlap(output, what, folder, root, source if source.startswith(".") else "")
    counted = _notes_that_count(root, settings, set(pages), vault)
    if counted:
        raise VaultnetError(
            f"{root}: the output folder {output!r} holds notes of yours: {_these(counted)}. "
            "vaultnet reads no note in its output folder, so they would silently stop "
            f"counting; nothing was written. Move them out of {output}/, or give vaultnet a "
            f"folder of its own with `output_folder` in {SETTINGS_FILE}")
    # A folder named as the output folder but for case (`network/` beside `Network/`) is read
    # where the disk tells them apart; where it does not (a Mac's, Windows', where the vault may
    # well be synced too) it is the output folder, and its notes would stop counting there.
    for twin in twins(str(root), output):
        counted = _notes_that_count(root, settings, set(), vault, twin)
        if counted:
            shown, ignores = nfc(twin), _ignores(twin, output)
            raise VaultnetError(
                f"{root}: the folder {shown!r} holds notes of yours: {_these(counted)}. On this "
                f"disk it is another folder than the output folder {output!r}, whose name it has "
                f"but for {but_for(twin, output)}; on {ignores} the two are one folder, where "
                "vaultnet reads no note, so they would silently stop counting; nothing was "
                f"written. Rename {shown}/, or give vaultnet a folder of its own with "
                f"`output_folder` in {SETTINGS_FILE}")


def _these(counted: list[tuple[str, str]]) -> str:
    """The first of the notes `counted` and what it is, and how many more there are."""
    first, kind = counted[0]
    more = f", and {plural(len(counted) - 1, 'other note')} too" if len(counted) > 1 else ""
    return f"{first} is {kind}{more}"


def _ignores(twin: str, output: str) -> str:
    """The disks on which the folder `twin` is the output folder, named as `output` but for case
    or Unicode form (see `but_for`): NTFS ignores case, not Unicode form; APFS and HFS+ both."""
    differ = but_for(twin, output)
    where = "a Mac's" if "Unicode" in differ else "a Mac's, Windows'"
    return f"a disk that ignores {differ} ({where})"


def output_folder_problems(root: Path, settings: Settings,
                           vault: Vault | None = None) -> list[Problem]:
    """A problem for each note of the user's in the output folder that `sync` would refuse to
    write beside (see `refuse_an_output_folder_of_notes`): `check` lists what stops a sync."""
    output = settings.output_folder
    problems = [Problem(path, None, f"is {kind} in the output folder {output}/: vaultnet reads "
                        "no note there, and `vaultnet sync` writes nothing while it is there",
                        f"move it out of {output}/, or give vaultnet a folder of its own with "
                        f"`output_folder` in {SETTINGS_FILE}")
                for path, kind in _notes_that_count(root, settings, set(), vault)]
    for twin in twins(str(root), output):
        shown = nfc(twin)
        problems += [Problem(path, None, f"is {kind} in {shown}/, the output folder {output}/ "
                             f"on {_ignores(twin, output)}: vaultnet would read no note there, "
                             "and `vaultnet sync` writes nothing while it is there",
                             f"rename {shown}/, or give vaultnet a folder of its own with "
                             f"`output_folder` in {SETTINGS_FILE}")
                     for path, kind in _notes_that_count(root, settings, set(), vault, twin)]
    return problems


# What a note of the user's in the output folder is, that vaultnet would use anywhere else.
PERSON_NOTE, DAILY_NOTE, MEETING_NOTE = "a person note", "a daily note", "a meeting note"
PROFILE_NOTE = "your profile note (`type: me`)"
NAMED_AS = (("org:", "an organisation's note (person notes name it in `org`)"),
            ("topic:", "a topic's note (person notes name it in `topics`)"),
            ("mentioned:", "a note your notes name as a person"))


def _notes_that_count(root: Path, settings: Settings, pages: set[str],
                      vault: Vault | None, folder: str = "") -> list[tuple[str, str]]:
    """The notes in the output folder (or in `folder`, its twin: see `twins`) that vaultnet did
    not write and would use elsewhere (see `refuse_an_output_folder_of_notes`), by path, with
    what each is. (The generated pages' own paths are the writer's to report.) Only the folder's
    own files are read; the names the notes use are looked up in the graph, for a note that is
    none of the notes vaultnet reads."""
    output = settings.output_folder
    folder = folder or output
    if unsafe_folder(str(root), folder) is not None:
        return []  # a symlink or a file: the writer refuses it, and says so
    # What the user told vaultnet to ignore counts nowhere, so it cannot stop counting.
    ignored = skipped(root, settings)
    if folder != output and key(folder) in map(key, ignored):
        return []  # a twin the user told vaultnet to ignore
    inside = tuple(path[len(folder) + 1:] for path in ignored
                   if key(path).startswith(key(folder) + "/"))
    files, _ = walk_vault(root / folder, inside)
    conventions = read_conventions(root, settings)
    found = []
    graph: Graph | None = None
    shown = folder if folder == output else nfc(folder)
    for file in files:
        rel = f"{shown}/{file.path}"
        if rel in pages:
            continue
        text, _ = read_text(NoteFile(rel, file.disk), settings.max_note_bytes)
        if text is None or is_generated(text.encode("utf-8")):
            continue
        note = parse_note(rel, text, conventions)
        kind = PERSON_NOTE if note.found_by else DAILY_NOTE if note.daily is not None \
            else MEETING_NOTE if note.meeting is not None \
            else PROFILE_NOTE if note.fields.type == "me" else ""
        if not kind:
            if graph is None:
                graph = (vault or load_cached(root, date.today())).graph
            kind = _named_as(graph, rel)
        if kind:
            found.append((rel, kind))
    return found


def _named_as(graph: Graph, rel: str) -> str:
    """What the notes name the note at `rel` as, if anything (an organisation, a topic, a person
    without a note), by the node of the name a link to it would use: the note's name, or its
    path, or the end of it."""
    parts = (rel[:-3] if rel.lower().endswith(".md") else rel).split("/")
    names = [key("/".join(parts[start:])) for start in range(len(parts) - 1, -1, -1)]
    return next((kind for prefix, kind in NAMED_AS
                 if any(prefix + name in graph for name in names)), "")


def ensure_vault(root: Path, done: str = "written") -> None:
    """Refuse a folder that is no vault before watching it, or reading it for a command (see
    `refuse_a_folder_that_is_no_vault`), its notes read one at a time (`_walk_of_a_vault`);
    nothing was `done` (written, or done at all)."""
    if not marked_as_vault(root):
        _walk_of_a_vault(root, load_settings(root), done)


def _holding(root: Path, digests: Mapping[str, str], outputs: Mapping[str, Signature],
             sealed: Mapping[str, Sealed]) -> dict[str, Signature]:
    """The generated notes that hold the bytes of their digest, with their file's signature
    (`outputs`, taken before): each one read, unless the last sync found that very file to hold
    those very bytes (`sealed`)."""
    found = {}
    for rel, digest in digests.items():
        file, kept = outputs.get(rel), sealed.get(rel)
        known = kept is not None and kept[1:] == (file, digest)
        if file is not None and (known or _holds(root / rel, digest)):
            found[rel] = file
    return found


def _holds(path: Path, digest: str) -> bool:
    """Whether the file at `path` holds the bytes of `digest`."""
    try:  # bounded, regular files only: what replaced a note since may be a FIFO
        data = read_small_file(path, MAX_GENERATED_BYTES)
    except NotReadable:
        return False
    return data is not None and hashlib.sha256(data).hexdigest() == digest


def _primed(looked: Lookup, today: date, saves: bool = False) -> NoteStore:
    """A note store that starts from the notes the cache holds, if it holds any (and whose notes
    go into the cache afterwards, if it `saves`), for a sync on `today`."""
    store = NoteStore(rounds=False, cache=looked.cache if saves else None)
    if looked.stored is not None:
        with gc_paused(), looked.stored.reading_ahead():
            notes = looked.stored.notes()
            store.prime(Path(looked.cache.vault), notes, looked.settings)
            context, resolved = looked.stored.resolved()
            kept = looked.stored.people()
            store.index_memo.saved = (context, SavedParts(notes, resolved),
                                      kept.contacts if kept.digest == context else {},
                                      looked.stored.state.today, looked.stored.targets)
            # (A tie fades with the days, and the agenda moves on: those of another day are
            # worked out again, the ties from what they were worked out from.)
            same_day = looked.stored.state.today == today
            store.insight_memo.ties.saved = (kept.digest, kept.ties, looked.stored.bases,
                                             same_day)
            if same_day:
                store.agenda_memo.saved = kept.digest, (today, looked.settings), kept.rows
            graph = looked.stored.graph()
            if graph is not None:
                context, store.kept_graph, retied, read = graph
                store.graph_memo.saved = (context, retied, read)
            store.write_memo = WriteMemo(looked.stored.state.sealed)
        store.insight_memo.shape = Shape.from_tuple(looked.stored.state.shape)
        store.derived.prime(looked.stored)
    else:
        store.written_before = _sealed_before(looked)
    return store


def _sealed_before(looked: Lookup) -> Callable[[], Mapping[str, Sealed]]:
    """What the sync that kept the cache wrote where, when the cache is of other settings (an
    output folder changed since), read when first asked for: the proof that a note of the
    output folder before is the very one vaultnet wrote there (see `Vault.left_behind`)."""
    @functools.cache
    def sealed() -> Mapping[str, Sealed]:
        stored = looked.cache.load(looked.code)
        return stored.state.sealed if stored is not None else {}

    return sealed


def _still_left(vault: Vault, dry_run: bool) -> dict[str, Sealed]:
    """The record of the notes of an output folder before that vaultnet wrote there and that are
    still there untouched (not deleted yet: a dry run, a deletion that failed), kept for the
    next sync, which deletes them."""
    return {note.path: (body if isinstance(body, bytes) else body_digest(body), file, digest)
            for note in vault.left_behind
            if note.written is not None and (dry_run or note.path not in vault.retired)
            for body, file, digest in (note.written,)}


def _structure(store: NoteStore) -> Structure:
    return structure_of(store.kept_graph, store.kept_retied)


def load_cached(root: Path, today: date, looked: Lookup | None = None) -> Vault:
    """`load`, starting from the notes the last sync read (the cache is read, never written).
    `looked` is the cache already looked at (`look`, with `answer=False`), with the walk it
    took, if it took one (`vaultnet due` and the other commands that read the network have
    the vault walked by a child while they import the pipe)."""
    looked = looked if looked is not None else look(root, today, answer=False)
    loaded = functools.partial(load, root, today, listing=looked.listing,
                               walked_under=looked.walked_under)
    try:
        return loaded(_primed(looked, today))
    except DamagedCache:  # (see `cached_sync`)
        return loaded(_primed(_set_aside(looked), today))


def cached_sync(root: Path, today: date, dry_run: bool = False, progress: Progress | None = None,
                cache: ParseCache | None = None, looked: Lookup | None = None,
                reclaim: bool = False, save_later: list[Callable[[], None]] | None = None
                ) -> SyncResult | Unchanged:
    """`sync`, starting from what the last sync of this vault read (see vaultnet/cache.py).

    When no note, no file of the output folder, no setting and not the day changed since a sync
    that wrote everything it meant to, nothing is read, built or written (such a sync left no hand
    edit in the way, so there is nothing to reclaim either). `looked` is the cache already looked
    at (`vaultnet.cache.look`), so that it is not read twice. With `save_later`, the cache is not
    saved here: what saves it goes into that list, for the caller to do once it has said what
    was done (by a child that outlives it: `vaultnet.pipeline.one_at_a_time.after_this_sync`).
    """
    looked = looked if looked is not None else look(root, today, dry_run, cache)
    if looked.unchanged is not None:
        return looked.unchanged
    listing = looked.listing
    # (A cache is kept only of a folder a sync took for a vault.)
    if looked.stored is None and not marked_as_vault(root):
        listing = _walk_of_a_vault(root, looked.settings)
    synced = functools.partial(sync, root, today, dry_run, progress=progress, reclaim=reclaim,
                               listing=listing, walked_under=looked.walked_under)
    store = _primed(looked, today, saves=True)
    try:
        result = synced(store)
    except DamagedCache:
        # A part of the cache read only when needed could not be read (a cache changed by
        # hand): every note is read again, and the save keeps a whole cache. (Nothing was
        # written that this sync does not write again: the pages are rendered before any is.)
        looked = _set_aside(looked)
        store = _primed(looked, today, saves=True)
        result = synced(store)
    # (The racy rule's clock as the sync began to read notes, though the cache be saved later:
    # `_trusted`.)
    save = functools.partial(_save, root, today, dry_run, looked, store, result, store.read_since)
    if save_later is None:
        save()
    else:
        save_later.append(save)
    return result


def _set_aside(looked: Lookup) -> Lookup:
    """`looked` as if the cache held nothing usable (its state still says what the last sync
    wrote where: see `_sealed_before`)."""
    return dataclasses.replace(looked, stored=None)


def _save(root: Path, today: date, dry_run: bool, looked: Lookup, store: NoteStore,
          result: SyncResult, now_ns: int) -> None:
    """Save the parse cache after the sync that gave `result`, which `store` ran from what
    `looked` found (and which began to read notes at `now_ns`): the state of the vault as it read it and left
    it (`_state_after`), and the chunks of its notes, their resolved links and its people."""
    state = _state_after(root, today, dry_run, looked, store, result)
    with gc_paused():
        # (The `Tie`s themselves, which the cache keeps as plain tuples: copying them all into
        # tuples first took 1.5 ms at 10,000 people, for the one chunk of them pickled again.)
        ties = result.vault.insight.ties
        # (What the children kept, asked for first: the graph's digest is known once they said.)
        notes_kept, kept = store.kept_notes(), (store.kept_resolved(), store.kept_people(ties))
        # (The graph's digest is known by now.)
        state.candidates, state.pages = store.derived.kept(_structure(store), looked.cache,
                                                           store.insight_memo.candidates)
        looked.cache.save(looked.code, state, store.as_read,
                          now_ns=notes_kept[0] if notes_kept else now_ns,
                          pieces=store.pieces or (looked.stored.pieces if looked.stored else None),
                          resolved=store.index_memo.resolved(),
                          ties=ties,
                          contacts={person.path: person.contacts
                                    for person in result.vault.index.people},
                          rows=store.agenda_memo.kept,
                          bases=functools.partial(store.insight_memo.ties.bases_to_keep,
                                                  result.vault.index.people),
                          targets=store.index_memo.targets(),
                          graph=store.kept_graph, before=looked.stored,
                          kept=(notes_kept[1] if notes_kept else None, *kept),
                          also=(state.pages[1],) if isinstance(state.pages, tuple) else ())


def _state_after(root: Path, today: date, dry_run: bool, looked: Lookup, store: NoteStore,
                 result: SyncResult) -> State:
    """The state of the vault the cache keeps after the sync that gave `result`: each note's
    signature as read, the output folder as that sync wrote it (each note found to hold what
    was written; the state answers no sync with nothing to do if one does not, or if anything
    went wrong), what it said and what it worked out that the next sync may take up."""
    refresh, writes = result.vault.refresh, result.writes
    clean = writes.ok and not writes.notices and not refresh.incomplete and not refresh.unsettled \
        and not (dry_run and (writes.created or writes.written or writes.deleted))
    settings = result.vault.settings
    outputs = output_signatures(root, settings.output_folder)
    # The output as it is now must be what was just written: someone may have changed it already.
    holding = _holding(root, writes.digests, outputs,
                       looked.stored.state.sealed if looked.stored is not None else {})
    after = output_signatures(root, settings.output_folder)
    clean = clean and len(holding) == len(writes.digests) and after == outputs
    holding = {path: file for path, file in holding.items() if after.get(path) == file}
    return State(settings_key(root, settings), today, clean, store.signatures(),
                 list(refresh.problems), outputs,
                 sorted(writes.created + writes.written + writes.unchanged), result.summary,
                 shape.as_tuple() if (shape := store.insight_memo.shape) is not None else None,
                 tuple(sorted(store.kept_retied)),
                 {**(store.write_memo.sealed(holding) if not dry_run else {}),
                  **_still_left(result.vault, dry_run)},
                 ignored=kept_ignored(result.vault.index.ignored))

