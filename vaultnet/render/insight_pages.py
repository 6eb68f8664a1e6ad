"""The insight as Markdown: Introductions.md, Mentors.md, Communities.md and the insight sections
of Network.md (Communities.md through `render_communities`, which needs the groups alone).

Pure text from an `Insight`, using the shared lookups of a `PageContext`; every list arrives sorted.
"""

from __future__ import annotations

from vaultnet.base.model import Person
from vaultnet.base.text import key, plural, sort_key
from vaultnet.insight.communities import plain_communities
from vaultnet.insight.suggestions import Insight
from vaultnet.insight.ties import FADING_DAYS, STRONG_TIE
from vaultnet.insight.warm_paths import advice
from vaultnet.network.graph import PREFIX, TOPIC, person_node, standing
from vaultnet.render.context import COMMUNITIES, PageContext
from vaultnet.render.markdown import inline, label, note_link, person_link

COMMUNITY_LIMIT, MEMBERS_SHOWN = 8, 6
GROUPS_NAMED = 3  # per bridge: a bridge in a dense vault reaches a dozen
NO_COMMUNITIES = "None yet: add `knows` and `met_via` to person notes."


class InsightPages:
    """Renders the insight for one sync, with the lookups of `context`."""

    def __init__(self, context: PageContext, insight: Insight) -> None:
        self.context = context
        self.insight = insight
        self.paths = context.paths

    def node_link(self, node: str) -> str:
        """Link the person of `node`."""
        return person_link(self.context.person_of(node))

    def topic_text(self, shown: str) -> str:
        """Name a topic, linked to its page when it has one."""
        node = PREFIX[TOPIC] + key(shown)
        return self.context.topic_link(node) if node in self.paths.topics else label(shown)

    def path_line(self, path: list[str]) -> str:
        """`[[A]] → [[B]] → [[C]]: ask A to introduce you to B, then ask B to introduce you to C.`"""
        names = [self.context.person_of(node).name for node in path]
        chain = " → ".join(self.node_link(node) for node in path)
        return f"{chain}: {label(advice(names))}"

    # -- Network.md -----------------------------------------------------------------------

    def focus_line(self) -> list[str]:
        """Say what the suggestions rank against, and where to find them."""
        focus = self.insight.focus
        shown = ", ".join(self.topic_text(focus.labels[k]) for k in sorted(
            focus.weights, key=lambda k: (-focus.weights[k], sort_key(focus.labels[k]), k)))
        page = self.context.page_link
        pages = (f"{page(self.paths.introductions, 'Introductions')}, "
                 f"{page(self.paths.mentors, 'Mentors')} and the picture in "
                 f"{page(self.paths.canvas, 'Network.canvas')}")
        if focus.profile is None:
            return [f"No profile note yet (a note with `type: me`, `goals`, `topics` and `offers`): "
                    f"suggestions rank against the network's most common topics, "
                    f"{shown or 'none yet'}. See {pages}.", ""]
        profile = note_link(focus.profile.path, focus.profile.name)
        fields = focus.profile.fields
        if not shown:  # (goals that name no topic of the network's rank nothing either)
            shown = ("no topic of your network's is named in its `goals` or `topics` yet: add "
                     "`topics` to it" if fields.goals or fields.topics
                     else "add `goals` and `topics` to it")
        return [f"Suggestions rank against your profile {profile}: {shown}. See {pages}.", ""]

    def ties(self, quiet_days: int) -> list[str]:
        """List the strongest ties, then the strong ones fading (those quiet for `quiet_days`
        are Network.md's Gone quiet)."""
        today, ties = self.insight.today, self.insight.ties

        def tie(person: Person) -> str:
            return f"- {person_link(person)} — {ties[person.path].describe(today)}"

        def fading(person: Person) -> str:  # (with the weight they are sorted by)
            found = ties[person.path]
            return f"- {person_link(person)} — weight {found.lifetime:g}, {found.describe(today)}"

        lines = ["## Strongest ties", ""]
        lines += [tie(p) for p in self.insight.strongest]
        lines += [""] if self.insight.strongest else [
            f"None yet: a tie is strong from {STRONG_TIE} (a coffee in the last ten days, or two "
            "in the last three months); log your meetings and calls.", ""]
        # (A tie quiet for `quiet_days` is under Gone quiet: with 60 or fewer, none can fade.)
        until = f", but fewer than {quiet_days} (those are under Gone quiet)" \
            if quiet_days > FADING_DAYS else f" (none while `quiet_days` is {quiet_days}: " \
            "Gone quiet lists them)"
        lines += ["## Fading ties", "",
                  "Ties with the weight of a coffee and a call or more (a meeting counts 3, a "
                  "call 2, an outreach alone 0.5, anything else 1, however long ago) that have "
                  f"had no contact for {FADING_DAYS} days or more{until}, the weightiest first; "
                  "beside the weight, the tie's score, which fades with time.", ""]
        lines += [fading(p) for p in self.insight.fading]
        lines += [""] if self.insight.fading else [
            "None: your strong ties are in touch." if self.insight.strongest else
            "Nobody: no tie of that weight is fading.", ""]
        return lines

    def give_and_take(self) -> list[str]:
        """List whom you could help now, and who helped you without help back (rendered again
        only when those lists or your offers change: the insight keeps them while they hold)."""
        profile = self.insight.focus.profile
        key = (self.insight.could_help, self.insight.only_asked,
               profile.fields.offers if profile is not None else None)
        return self.context.block("give and take", self._give_and_take, key)

    def _give_and_take(self) -> list[str]:
        lines = ["## Give and take", "", "### You could help now", ""]
        for help_ in self.insight.could_help:
            lines.append(f"- {person_link(help_.person)} needs “{inline(help_.need)}”: you offer "
                         f"“{inline(help_.offer)}”")
        if not self.insight.could_help:
            lines.append("Nothing matches yet: list what you can give as `offers` in your "
                         "profile, and what people look for as `needs` in their notes."
                         if self.insight.focus.profile is None or
                         not self.insight.focus.profile.fields.offers
                         else "No need in your notes matches your offers.")
        lines += ["", "### Only asked of", ""]
        for balance in self.insight.only_asked:
            times = "once" if balance.asked == 1 else f"{balance.asked} times"
            lines.append(f"- {person_link(balance.person)} helped you {times} (last "
                         f"{balance.last_asked.isoformat()}), and you have not logged helping "
                         "back (`#gave`)")
        if not self.insight.only_asked:
            lines.append("Nobody: everyone who helped you (`#asked`) got something back (`#gave`).")
        return [*lines, ""]

    def field(self) -> list[str]:
        """List focus topics without a warm tie, the bridges between groups and the groups."""
        lines = ["## Know the field", "", "### Focus topics without a warm tie", ""]
        for cold in self.insight.cold_topics:
            if cold.people:
                who = ", ".join(person_link(p) + (" (prospect)" if p.is_prospect else
                                                f" (tie {self.insight.ties[p.path].score})")
                                for p in cold.people[:MEMBERS_SHOWN])
                rest = f" and {len(cold.people) - MEMBERS_SHOWN} more" \
                    if len(cold.people) > MEMBERS_SHOWN else ""
                lines.append(f"- {self.topic_text(cold.label)}: only cold ties, {who}{rest}")
            else:
                lines.append(f"- {self.topic_text(cold.label)}: nobody in your notes yet")
        if not self.insight.cold_topics:
            lines.append("Every focus topic has a warm tie.")
        lines += ["", "### Bridges", "",
                  "People who tie groups together: they sit on many of the shortest ways between "
                  "others.", ""]
        for bridge in self.insight.bridges:
            groups = [_group(c) for c in bridge.communities[:GROUPS_NAMED]]
            more = len(bridge.communities) - GROUPS_NAMED
            last = groups.pop() if more <= 0 else plural(more, "more group")
            lines.append(f"- {person_link(bridge.person)} ties together {', '.join(groups)} "
                         f"and {last}")
        if not self.insight.bridges:
            lines.append("Nobody ties two groups together yet.")
        everyone, page = self.paths.communities, self.context.page_link
        lines += ["", "### Communities", "", "Groups of people tied to each other, named by "
                  f"their most common topic; everyone in each on {page(everyone, 'Communities')}.",
                  ""]
        for community in self.insight.communities[:COMMUNITY_LIMIT]:
            names = ", ".join(self.node_link(n) for n in community.members[:MEMBERS_SHOWN])
            more = len(community.members) - MEMBERS_SHOWN
            lines.append(f"- {label(community.name)} ({len(community.members)}): {names}"
                         + (f" and {more} more" if more > 0 else ""))
        smaller = len(self.insight.communities) - COMMUNITY_LIMIT
        if smaller > 0:
            words = plural(smaller, 'smaller community', 'smaller communities')
            lines.append(f"- and {words}")
        if not self.insight.communities:
            lines.append(NO_COMMUNITIES)
        return [*lines, ""]

    # -- Introductions.md -----------------------------------------------------------------

    def introductions(self) -> str:
        """Render Introductions.md: warm paths to prospects, and introductions you could make."""
        prospects = self.context.prospects()
        # ("the 0 people" says nothing: the section below says why there is nobody.)
        counted = plural(len(prospects), "person", "people") if prospects else "people"
        lines = ["# Introductions", "",
                 f"Warm paths to the {counted} you want to meet, "
                 "through who knows whom in your notes (`knows`, `met_via`, `spouse`, `manager`, …), "
                 "and introductions you "
                 f"could make. Back to {self.context.page_link(self.paths.network, 'Network')}.", "",
                 "## Warm paths", ""]
        known = self.context.memo.prospects
        for person in prospects:
            node = person_node(person.path)
            paths = self.insight.warm.paths(node)
            # The warm paths hand back the same list while a prospect's paths hold, and the same
            # list gives the same lines.
            if node not in known or known[node][0] is not paths:
                known[node] = (paths, self.prospect(node, paths))
            lines += known[node][1]
        if not prospects:
            lines += [self.nobody_to_meet(), ""]
        lines += ["## Introductions you could make", "",
                  "People you know who share topics and are not tied in your notes yet.", ""]
        for pairing in self.insight.pairings:
            shared = ", ".join(self.topic_text(t) for t in pairing.shared)
            lines.append(f"- {person_link(pairing.a)} and {person_link(pairing.b)}: both work on "
                         f"{shared}")
        if not self.insight.pairings:
            lines.append("None yet: nobody you know shares two topics with someone they are not "
                         "tied to.")
        return "\n".join(lines).rstrip("\n") + "\n"

    def nobody_to_meet(self) -> str:
        """Why no prospect has warm paths: none is marked, or everyone marked has been met
        (PRODUCT.md, Met), who are then named: "mark people as prospects" alone would puzzle
        someone whose notes do mark some."""
        _, prospects, roles = standing(self.context.graph)
        # (Told from each person's role and status as the graph's standing holds them, the
        # few pairs a vault has looked at once: 1 ms at 10,000 people, against 4 asking each.)
        declared = {pair for pair in set(roles.values()) if "prospect" in pair}
        met = [self.context.person_of(node) for node in self.context.memo.person_nodes
               if roles[node] in declared and node not in prospects]
        if not met:
            return "Nobody to meet yet: mark people you want to meet with `status: prospect`."
        names = ", ".join(person_link(p) for p in met[:MEMBERS_SHOWN])
        more = f" and {len(met) - MEMBERS_SHOWN} more" if len(met) > MEMBERS_SHOWN else ""
        return (f"Nobody left to meet: you have met everyone marked as a prospect ({names}{more}). "
                "Mark someone else you want to meet with `status: prospect`.")

    def prospect(self, node: str, paths: list[list[str]]) -> list[str]:
        """List the warm paths to the prospect `node`."""
        lines = [f"### {self.context.describe(node)}", ""]
        lines += [f"{i}. {self.path_line(path)}" for i, path in enumerate(paths, start=1)]
        if not paths:
            lines.append("No warm path yet: nobody you know is tied to them in your notes "
                         "(`knows`, `met_via`, `spouse`, …). Reach out directly, or note who "
                         "knows them.")
        return [*lines, ""]

    # -- Mentors.md -----------------------------------------------------------------------

    def mentors(self) -> str:
        """Render Mentors.md: who could mentor you, best first."""
        focus = self.insight.focus
        against = (f"your profile {note_link(focus.profile.path, focus.profile.name)}"
                   if focus.profile is not None else "the network's most common topics (no "
                   "profile note yet)")
        lines = ["# Mentors", "",
                 f"People who could mentor you, ranked against {against}: the focus topics you "
                 "share (rare ones count more, goals twice), their role, your tie and how "
                 f"reachable they are. Back to {self.context.page_link(self.paths.network, 'Network')}.",
                 ""]
        for i, mentor in enumerate(self.insight.mentors, start=1):
            shares = ", ".join(self.topic_text(t) for t in mentor.shared)
            node = person_node(mentor.person.path)
            tie = "not met yet" if mentor.person.is_prospect else f"tie {mentor.tie.score}"
            lines.append(f"{i}. {self.context.describe(node)}: shares {shares}; {tie}.")
            if mentor.person.is_prospect:
                lines.append(f"   Warm path: {self.path_line(list(mentor.path))}" if mentor.path
                             else "   No warm path yet: reach out directly.")
        if not self.insight.mentors:
            lines.append("Nobody shares your focus topics yet.")
        return "\n".join(lines).rstrip("\n") + "\n"


def render_communities(context: PageContext, insight: Insight) -> str:
    """Render Communities.md: every community with all its members, biggest first (Network.md
    shows the first few of the biggest). The groups and their people's names depend on the
    graph's structure alone: rendered once per graph, groups and link to Network.md."""
    network = context.page_link(context.paths.network, "Network")
    # (In plain values: the parse cache keeps the page with its key, `PagesMemo.kept`.)
    key = (plain_communities(insight.communities), network)
    return context.block(COMMUNITIES, lambda: _communities(context, insight, network), key)[0]


def _communities(context: PageContext, insight: Insight, network: str) -> list[str]:
    groups = insight.communities
    lines = ["# Communities", "",
             f"{plural(len(groups), 'group', 'groups')} of people tied to each other in your "
             f"notes, biggest first, each named by its most common topic. Back to {network}.", ""]
    for number, community in enumerate(groups, start=1):
        lines += [f"## {number}. {label(community.name)} ({len(community.members)})", ""]
        lines += [f"- {person_link(context.person_of(node))}" for node in community.members]
        lines.append("")
    if not groups:
        lines.append(NO_COMMUNITIES)
    return ["\n".join(lines).rstrip("\n") + "\n"]


def _group(name: str) -> str:
    """A community as a sentence names it: `the accessibility group`, or, for one named by a
    member (no topic is common to it), `the group around Ann`."""
    return f"the group {label(name)}" if name.startswith("around ") else f"the {label(name)} group"
