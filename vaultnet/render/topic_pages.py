"""Topics/<topic>.md: one page per topic, listing the people who work on or care about it by role.

A topic page depends only on the graph's structure, so each is rendered once per graph and kept in
the memo.
"""

from __future__ import annotations

from vaultnet.base.text import plural
from vaultnet.network.graph import PERSON, neighbours_of
from vaultnet.render.context import PageContext
from vaultnet.render.markdown import label, note_link


def render_topic_pages(context: PageContext) -> dict[str, str]:
    """Render every topic's page, by its path, reusing those rendered for this graph before."""
    known = context.memo.topics
    pages = {}
    for topic, path in context.paths.topics.items():
        if topic not in known:
            known[topic] = topic_page(context, topic)
        pages[path] = known[topic]
    return pages


def topic_page(context: PageContext, topic: str) -> str:
    """Render the page of the topic node `topic`."""
    g = context.graph
    shown = label(g.nodes[topic]["label"])
    members = sorted(neighbours_of(g, topic, PERSON), key=context.order)
    lines = [f"# {shown}", "",
             f"{plural(len(members), 'person', 'people')} in your network "
             f"{'works on or cares' if len(members) == 1 else 'work on or care'} "
             f"about {shown}. Back to {note_link(context.paths.network, 'Network')}.", ""]
    for role, people_with_role in context.by_role(members):
        lines += [f"## {role}", ""]
        lines += [f"- {context.describe(n)}" for n in people_with_role] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
