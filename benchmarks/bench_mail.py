"""Benchmark: `vaultnet import mail` against the standard library reading every message.

A 60,000-message mbox is generated in a temporary folder (headers as mail programs write them,
Received lines included, bodies of a few hundred bytes to a few hundred kilobytes), with a vault of
300 people of whom a third write to you. Each side runs in its own process, alternating, and the
peak memory is that process's maximum resident size (`os.wait4`):

- the floor: `for key, message in mailbox.mbox(path).iteritems(): pass`;
- vaultnet: `vaultnet import mail PATH --dry-run`, which does everything an import does (reads
  the vault, every message's headers, threads, plans each line and prints it) except the writes.

    python benchmarks/bench_mail.py --messages 60000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 11, 25)
ME = "sam.rivera@example.org"
FLOOR = "import mailbox, sys\nfor key, message in mailbox.mbox(sys.argv[1]).iteritems():\n    pass\n"


def make_vault(root: Path, people: int) -> list[str]:
    """A vault of `people` person notes with an address each; their addresses."""
    (root / "People").mkdir(parents=True)
    (root / "Me.md").write_text(f"---\ntype: me\nemail: {ME}\n---\n# Sam\n", encoding="utf-8")
    addresses = []
    for n in range(people):
        address = f"person{n}@example.org"
        addresses.append(address)
        (root / "People" / f"Person {n}.md").write_text(
            f"---\ntype: person\nemail: {address}\ncadence: 30d\n---\n# Person {n}\n\n## Log\n"
            "- 2026-01-05 Met at a meetup #met\n", encoding="utf-8")
    return addresses


def write_mbox(path: Path, messages: int, people: list[str], seed: int = 7) -> int:
    """Write the mbox; its size in bytes."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    strangers = [f"stranger{n}@elsewhere.example" for n in range(3000)]
    lists = ["news@lists.example", "digest@groups.example"]
    paragraph = ("Thanks for the notes from last week; I read them twice and have a few questions "
                 "about the survey design and the sample sizes.\n")
    attachment = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo"
                  "K\n" * 2500)  # about 200 KB of base64
    with open(path, "wb") as out:
        for n in range(messages):
            when = start + timedelta(minutes=n * 15 + rng.randrange(10))
            kind = rng.random()
            if kind < 0.35:  # from someone of the vault
                sender, to, extra = rng.choice(people), ME, ""
            elif kind < 0.5:  # yours, to someone of the vault or a stranger
                sender, to, extra = ME, rng.choice(people if rng.random() < 0.7 else strangers), ""
            elif kind < 0.8:  # a mailing list
                sender, to = rng.choice(lists), ME
                extra = "List-Id: <weekly.lists.example>\nPrecedence: list\n"
            else:
                sender, to, extra = rng.choice(strangers), ME, ""
            parent = f"In-Reply-To: <m{n - 1}@bench>\nReferences: <m{n - 1}@bench>\n" \
                if n and rng.random() < 0.3 else ""
            body = paragraph * rng.randrange(2, 40)
            if rng.random() < 0.02:
                body += "\n--b\nContent-Transfer-Encoding: base64\n\n" + attachment
            stamp = when.strftime("%a %b %d %H:%M:%S %Y")
            date_header = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
            out.write((
                f"From {sender} {stamp}\n"
                f"Received: from mx{n % 7}.example.org (mx.example.org [192.0.2.{n % 250}])\n"
                f"\tby mail.example.org with ESMTPS id {n:08x}; {date_header}\n"
                f"Received: by 2002:a05:6000:{n % 9999:x} with SMTP id x{n}; {date_header}\n"
                f"X-Gmail-Labels: Inbox,Category Personal\n"
                f"From: Someone {n % 97} <{sender}>\nTo: <{to}>\n"
                f"Subject: {'Re: ' if parent else ''}Topic {n % 500}\nDate: {date_header}\n"
                f"Message-ID: <m{n}@bench>\n{parent}{extra}MIME-Version: 1.0\n"
                f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode())
    return path.stat().st_size


def timed(args: list[str]) -> tuple[float, float, int]:
    """Run `args` in a child process: its wall and CPU times in seconds and its peak resident
    memory in MB."""
    began = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024  # (KB on Linux)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=60_000)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vaultnet-mail-") as folder:
        root = Path(folder)
        people = make_vault(root / "vault", args.people)
        box = root / "all-mail.mbox"
        size = write_mbox(box, args.messages, people)
        print(f"{args.messages:,} messages, {size / 1e6:,.0f} MB; a vault of {args.people} people")
        floor_args = [sys.executable, "-c", FLOOR, str(box)]
        ours_args = [sys.executable, "-m", "vaultnet", "import", "mail", str(box), "--dry-run",
                     "--vault", str(root / "vault"), "--today", TODAY.isoformat()]
        floors, ours = [], []
        for _ in range(args.rounds):
            floors.append(timed(floor_args))
            ours.append(timed(ours_args))
        print(f"{'':32}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}")
        for label, runs in (("mailbox.mbox().iteritems()", floors),
                            ("vaultnet import mail --dry-run", ours)):
            print(f"{label:32}{statistics.median(r[0] for r in runs):8.2f}"
                  f"{statistics.median(r[1] for r in runs):8.2f}{max(r[2] for r in runs):9}")
        wall = statistics.median(r[0] for r in ours) / statistics.median(r[0] for r in floors)
        cpu = statistics.median(r[1] for r in ours) / statistics.median(r[1] for r in floors)
        print(f"ratio (import / floor): {wall:.2f} wall, {cpu:.2f} CPU  (medians of {args.rounds} "
              "rounds; target at most 2.00, peak under 250 MB)")


if __name__ == "__main__":
    main()
