"""Generate a deterministic, realistic Obsidian vault for benchmarking vaultnet.

The vault follows the note format of PRODUCT.md: a ``Me.md`` profile, ``People/`` person notes
with frontmatter, logs and promises, ``Organisations/``, ``Daily/`` notes and plain ``Notes/``.
Everything comes from one ``random.Random(seed)``, so a seed always gives the same bytes.

    python benchmarks/generate.py OUT_DIR --people 10000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import random
import time


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Ada Alan Alice Amara Ana Arjun Ben Bruno Carla Carol Chen Chloe Dan Diego Elena Emma Farah "
    "Felix Grace Hana Hugo Ines Ivan Jane Jonas Julia Kai Kofi Lara Leo Lina Luca Maya Mei Nadia "
    "Noah Omar Priya Rafael Rosa Sam Sara Tariq Tom Uma Vera Wei Yara Yusuf Zoe Aisha Anton Bea "
    "Clara David Eva Finn Gina Hector Ida Jamal Karin Lars Marta Nina Oscar Paula Quinn Ravi Sofia "
    "Theo Ursula Victor Wanda Xavier Yuki Zara Amir Beatriz Cyrus Daria Emil Freya Goran Helga"
)
LAST = _words(
    "Adams Baker Brown Chen Costa Diaz Evans Fischer Garcia Gupta Haddad Hansen Ito Jensen Kim "
    "Kowalski Lee Lopez Martin Meyer Moreau Nguyen Novak Okafor Olsen Patel Rossi Sato Schmidt "
    "Silva Singh Smith Suzuki Tanaka Taylor Wagner Walker Wang Weber Wilson Yilmaz Young Zhang "
    "Abe Bauer Carter Dubois Ekström Ferreira Grant Hughes Ibrahim Jovanović Khan Larsen Mensah "
    "Nakamura Ortiz Park Quinn Reyes Sandoval Torres Ueda Vargas Ward Xu Yamamoto Zimmermann"
)
AREAS = _words(
    "civic climate health education energy urban finance media security privacy biology robotics "
    "language music design logistics farming housing transit water space ocean labour open-source"
)
ASPECTS = ("tech", "policy", "research", "data", "design")
TOPICS = [f"{area} {aspect}" for area in AREAS for aspect in ASPECTS]  # 24 * 5 = 120
ROLES = ("mentor", "peer", "peer", "advisee", "friend", "colleague", "colleague", "prospect")
CADENCES = ("2w", "30d", "3m", "1y", "weekly", "monthly", "quarterly", "60d")
STATUSES = ("prospect", "active", "active", "dormant")
PLAIN_ORGS = ("Freelance", "Independent consultant", "City Council", "Stealth startup")
OFFERS = ("intro to my data team", "feedback on drafts", "a reference letter", "hosting a talk")
NEEDS = ("feedback on their grant", "a co-founder", "beta testers", "a job in research")
TAGS = ("#met", "#outreach", "#reply", "#call", "#gave", "#asked")
LOG_TEXT = {
    "#met": ("Coffee together, talked about {t}", "Met at a meetup on {t}"),
    "#outreach": ("Emailed about {t}", "Sent a message asking about {t}"),
    "#reply": ("Replied about {t}", "Got an answer on {t}"),
    "#call": ("Call about {t}", "Video chat on {t}"),
    "#gave": ("Sent notes on {t}", "Shared a reading list on {t}"),
    "#asked": ("Gave me advice on {t}", "Reviewed my draft on {t}"),
}
TASKS = ("Send the paper on {t}", "Introduce to a contact in {t}", "Follow up on {t}")
WORDS = _words(
    "the a of and to in network project team idea grant talk paper data city research plan "
    "meeting lab work open community event startup product policy story field coffee project "
    "conference draft review career advice friend course workshop funding partner question"
)
LOG_LINES = {False: (0, 12), True: (6, 36)}  # log lines in a person note: default, dense
CIRCLE = 7  # people besides those they know whom a person's log links, in the dense shape
END = dt.date(2026, 11, 24)
LOG_START, LOG_DAYS = dt.date(2025, 1, 1), 730  # log entries fall in 2025-2026


def _names(rng: random.Random, n: int) -> list[str]:
    """n unique 'First Last' names, with a numeric suffix once the combinations run out."""
    combos = [f"{f} {s}" for f in FIRST for s in LAST]
    rng.shuffle(combos)
    return [
        combos[i % len(combos)] + (f" {i // len(combos) + 1}" if i >= len(combos) else "")
        for i in range(n)
    ]


def _filler(rng: random.Random, k: int = 60) -> str:
    return " ".join(rng.choices(WORDS, k=k)).capitalize() + "."


def _links(names: list[str], rng: random.Random, k: int) -> list[str]:
    return [f"[[{n}]]" for n in rng.sample(names, min(len(names), k))]


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _write(path: pathlib.Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _person(rng: random.Random, name: str, names: list[str], orgs: list[str],
            dense: bool = False) -> str:
    fm = ["---", "type: person", f"role: {rng.choice(ROLES)}"]
    r = rng.random()
    if r < 0.7 and orgs:
        fm.append(f'org: "[[{rng.choice(orgs)}]]"')
    elif r < 0.85:
        fm.append(f"org: {rng.choice(PLAIN_ORGS)}")
    topics = rng.sample(TOPICS, rng.randint(1, 4))
    fm.append(f"topics: {_flow(topics)}")
    others = [n for n in rng.sample(names, min(len(names), 7)) if n != name]
    knows = [f'"[[{n}]]"' for n in others[: rng.randint(0, 6)]]
    fm.append(f"knows: {_flow(knows)}")
    if rng.random() < 0.3 and others:
        fm.append(f'met_via: "[[{others[-1]}]]"')
    if rng.random() < 0.4:
        fm.append(f"cadence: {rng.choice(CADENCES)}")
    if rng.random() < 0.3:
        y, m, d = rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28)
        year = str(y) if rng.random() < 0.8 else "-"  # sometimes no year: --04-12
        fm.append(f"birthday: {year}-{m:02d}-{d:02d}")
    if rng.random() < 0.25:
        fm.append(f"status: {rng.choice(STATUSES)}")
    if rng.random() < 0.2:
        fm.append(f"offers: {_flow(rng.sample(OFFERS, rng.randint(1, 2)))}")
    if rng.random() < 0.2:
        fm.append(f"needs: {_flow(rng.sample(NEEDS, rng.randint(1, 2)))}")
    body = ["---", f"# {name}", _filler(rng), "", "## Log"]
    # The dense shape's log links, every line, someone of the person's circle: those they know
    # and a few more (so the ties double while the links grow eightfold).
    circle = others[: len(knows)] + rng.sample(names, CIRCLE) if dense else []
    for day in sorted(rng.sample(range(LOG_DAYS), rng.randint(*LOG_LINES[dense]))):
        tag = rng.choice(TAGS)
        line = rng.choice(LOG_TEXT[tag]).format(t=rng.choice(topics))
        if dense:
            line += f" with [[{rng.choice(circle)}]]"
        elif rng.random() < 0.2:
            line += f" with [[{rng.choice(names)}]]"
        body.append(f"- {LOG_START + dt.timedelta(days=day)} {line} {tag}")
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        due = END + dt.timedelta(days=rng.randint(-30, 60))
        body.append(f"- [ ] {rng.choice(TASKS).format(t=rng.choice(topics))} 📅 {due}")
    return "\n".join(fm + body) + "\n"


def _daily_dates(rng: random.Random, count: int) -> list[dt.date]:
    """count distinct dates up to END: within 2025-2026, or further back when more are needed."""
    span = max(count, (END - LOG_START).days + 1)
    return sorted(END - dt.timedelta(days=k) for k in rng.sample(range(span), count))


def generate_vault(root: pathlib.Path, people: int = 10_000, seed: int = 1,
                   dense: bool = False) -> dict[str, int]:
    """Write a vault of ``people`` person notes (plus orgs, daily and other notes) under root.

    ``dense`` is the heavier shape of a well-kept vault: longer logs in which every line links
    someone of the person's circle (about twice the ties and eight times the body links)."""
    rng = random.Random(seed)
    root = pathlib.Path(root)
    for sub in ("People", "Organisations", "Daily", "Notes"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    names = _names(rng, people)
    orgs = [f"Org {k}" for k in range(1, people // 50 + 1)]
    _write(
        root / "Me.md",
        "---\ntype: me\n"
        f"goals: [find a mentor in {TOPICS[0]}, grow my {TOPICS[7]} network]\n"
        f"topics: {_flow(rng.sample(TOPICS, 6))}\n"
        f"offers: {_flow(list(OFFERS[:2]))}\n"
        "story: I build open tools for cities.\n---\n# Me\n" + _filler(rng) + "\n",
    )
    for name in names:
        _write(root / "People" / f"{name}.md", _person(rng, name, names, orgs, dense))
    for org in orgs:
        _write(
            root / "Organisations" / f"{org}.md",
            f"---\ntype: organisation\ntopics: {_flow(rng.sample(TOPICS, 2))}\n---\n"
            f"# {org}\n{_filler(rng, 25)}\n",
        )
    dailies = _daily_dates(rng, round(people * 0.25)) if people else []
    for day in dailies:
        lines = [f"# {day}"]
        for _ in range(rng.randint(2, 6)):
            tag = rng.choice(TAGS)
            line = f"- {rng.choice(LOG_TEXT[tag]).format(t=rng.choice(TOPICS))} "
            line += " and ".join(_links(names, rng, rng.randint(1, 2)))
            line += f" {tag}" if rng.random() < 0.4 else ""
            lines.append(line)
        _write(root / "Daily" / f"{day}.md", "\n".join(lines) + "\n")
    n_notes = round(people * 0.1)
    for k in range(1, n_notes + 1):
        links = ", ".join(_links(names, rng, rng.randint(1, 4)))
        _write(
            root / "Notes" / f"Note {k}.md",
            f"# Note {k}\n{_filler(rng, 40)}\n\nPeople: {links}\n"
            f"Topic: #{rng.choice(TOPICS).replace(' ', '-')}\n",
        )
    counts = {
        "me": 1,
        "people": people,
        "organisations": len(orgs),
        "daily": len(dailies),
        "notes": n_notes,
    }
    counts["files"] = sum(counts.values())
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dense", action="store_true",
                        help="every log line links someone: twice the ties, eight times the links")
    args = parser.parse_args()
    start = time.perf_counter()
    counts = generate_vault(args.out_dir, args.people, args.seed, args.dense)
    print(counts, f"in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
