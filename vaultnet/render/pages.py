"""The entry point of the generated notes: `render_pages` gathers Network.md, Follow-ups.md, one
page per topic, Introductions.md, Mentors.md, Communities.md and Network.canvas, each rendered by
its own module.

Pure functions from the graph, agenda and index to `{vault-relative path: Markdown body}`. Every
list is sorted; nothing here reads the clock or the disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from vaultnet.base.settings import Settings
from vaultnet.insight.agenda import Agenda
from vaultnet.insight.suggestions import Insight
from vaultnet.network.graph import Graph
from vaultnet.network.index import VaultIndex
from vaultnet.render.canvas import render_canvas
from vaultnet.render.context import KeptPages, PageContext, PagesMemo
from vaultnet.render.follow_ups import render_follow_ups
from vaultnet.render.insight_pages import InsightPages, render_communities
from vaultnet.render.network_page import InsightSections, NetworkPage
from vaultnet.render.picture import Sources
from vaultnet.render.topic_pages import render_topic_pages

__all__ = ["KeptPages", "PagesMemo", "render_pages"]


def render_pages(index: VaultIndex, graph: Graph, agenda: Agenda, insight: Insight,
                 settings: Settings, memo: PagesMemo | None = None,
                 held_back: Mapping[str, str] | None = None,
                 taken: Iterable[tuple[str, Sequence[object]]] = ()) -> dict[str, str]:
    """Render every generated note's Markdown body, by vault-relative path.

    With a `memo` from the build before, text that depends only on the graph's structure (topic
    pages, each person's description) is reused while the graph is the same object. `held_back` are
    the generated notes this sync will not write afresh, with why (a hand edit, a file of the
    user's there): no page points at them as current. `taken` are the agenda's items made from
    the rows the parse cache kept, by person (see `PagesMemo.take_lines`).
    """
    context = PageContext(graph, settings.output_folder, memo if memo is not None else PagesMemo(),
                          held_back)
    context.memo.take_lines(taken)
    context.memo.take_problems(index.problems)
    paths = context.paths
    insight_pages = InsightPages(context, insight)
    sections = InsightSections(focus=insight_pages.focus_line(),
                               ties=insight_pages.ties(settings.quiet_days),
                               give_and_take=insight_pages.give_and_take(),
                               field=insight_pages.field())
    # The pictures follow your ties, which change without the graph: drawn afresh when a changed
    # tie could change them (see PictureMemo).
    sources = Sources.of(graph, insight, context.memo.pictures, index.merged)
    pages = {paths.network: NetworkPage(context, index, agenda, settings,
                                        sources).render(sections),
             paths.followups: render_follow_ups(context, agenda),
             paths.introductions: insight_pages.introductions(),
             paths.mentors: insight_pages.mentors(),
             paths.communities: render_communities(context, insight),
             paths.canvas: render_canvas(graph, insight.communities, sources, paths.network,
                                         context.memo.pictures),
             **render_topic_pages(context)}
    return dict(sorted(_held_topics_unlinked(pages, context).items()))


def _held_topics_unlinked(pages: dict[str, str], context: PageContext) -> dict[str, str]:
    """`pages`, where each link to a topic page this sync holds back (edited by hand, or a file
    of the user's there) says so in place of the link: no page points at it as if it were
    current (PRODUCT.md, promise 2). Done over the pages' text, so that what the memo keeps of
    them (the directory, the topic pages) stays what it is, whatever is held back; a sync
    holding none back (nearly every one) does nothing here."""
    held = [(context.topic_link(topic), context.page_link(path, context.label_of(topic)))
            for topic, path in context.paths.topics.items() if path in context.held_back]
    if not held:
        return pages
    changed = {}
    for path, text in pages.items():
        if path.endswith(".md"):
            for link, said in held:
                text = text.replace(link, said)
        changed[path] = text
    return changed
