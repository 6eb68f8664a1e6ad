"""`vaultnet done NAME WORDS` with several open promises holding WORDS: the one whose text is just
WORDS is the one meant (a review: `Send her the paper` beside `Send her the paper draft` could be
ticked by no words at all); otherwise the candidates are listed, as before."""

from __future__ import annotations

from conftest import person, snapshot

TODAY = "2026-11-25"
NOTE = person("Jane", "## Tasks\n- [ ] Send her the paper 📅 2026-12-01\n"
                      "- [ ] Send her the paper draft (due 2026-11-20)\n", role="mentor")


def test_the_promise_whose_text_is_the_words_is_ticked(make_vault, run):
    vault = make_vault({"People/Jane.md": NOTE})
    result = run("done", "Jane", "send her the paper", "--today", TODAY, "--vault", vault)
    assert result.exit_code == 0, result.output
    text = (vault / "People/Jane.md").read_text()
    assert f"- [x] Send her the paper 📅 2026-12-01 ✅ {TODAY}\n" in text
    assert "- [ ] Send her the paper draft (due 2026-11-20)\n" in text


def test_words_in_several_and_no_text_of_them_alone_is_still_asked(make_vault, run):
    vault = make_vault({"People/Jane.md": NOTE})
    before = snapshot(vault)
    result = run("done", "Jane", "paper", "--today", TODAY, "--vault", vault)
    assert result.exit_code == 1 and "say more of the one you mean" in result.output
    assert snapshot(vault) == before


def test_a_block_id_stays_at_the_end_of_the_line_and_out_of_the_text(make_vault, run):
    """Obsidian reads `^task1` as the task's block id only at the line's end (`[[Jane#^task1]]`
    links to it): `done` dates the task before it, and keeps the line's other bytes."""
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Tasks\n- [ ] Send her the slides 📅 2026-12-01 ^task1  \n", role="mentor")})
    due = run("due", "--today", TODAY, "--vault", vault)
    assert "Jane  Send her the slides (due 2026-12-01)" in due.output and "^" not in due.output
    result = run("done", "Jane", "slides", "--today", TODAY, "--vault", vault)
    assert result.output == "People/Jane.md:7: done: Send her the slides\n"
    assert f"\n- [x] Send her the slides 📅 2026-12-01 ✅ {TODAY} ^task1  \n" in \
        (vault / "People/Jane.md").read_text()


def test_what_the_tasks_plugin_takes_for_no_block_id_stays_text(make_vault, run):
    """`^a_b` is no block id to the Tasks plugin (letters, digits and `-` alone): the ✅ date goes
    at the line's end, where the plugin reads its fields."""
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Tasks\n- [ ] Fix the figure ^a_b\n", role="mentor")})
    assert run("done", "Jane", "figure", "--today", TODAY, "--vault", vault).exit_code == 0
    assert f"\n- [x] Fix the figure ^a_b ✅ {TODAY}\n" in (vault / "People/Jane.md").read_text()


def test_of_a_promise_written_twice_the_one_due_first_is_ticked(make_vault, run):
    """The same text twice (a promise written again, or a recurring one): no words could tell
    them apart, so `done` ticks the one due first (the undated after the dated, then the first
    in the note), says so, and leaves the other open."""
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Tasks\n- [ ] Send her the paper\n- [ ] Send her the paper 📅 2026-12-09\n"
                "- [ ] Send her the paper (due 2026-12-02)\n- [ ] Read her draft\n",
        role="mentor")})
    result = run("done", "Jane", "paper", "--today", TODAY, "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output == ("People/Jane.md:9: done: Send her the paper (the first of 3 open "
                             "tasks of this very text, by due date, then line; the others stay "
                             "open)\n")
    text = (vault / "People/Jane.md").read_text()
    assert ("## Tasks\n- [ ] Send her the paper\n- [ ] Send her the paper 📅 "
                         f"2026-12-09\n- [x] Send her the paper (due 2026-12-02) ✅ {TODAY}\n"
                         "- [ ] Read her draft\n") in text
    again = run("done", "Jane", "send her the paper", "--today", TODAY, "--vault", vault)
    assert again.output.startswith("People/Jane.md:8: done:")
    last = run("done", "Jane", "send her the paper", "--today", TODAY, "--vault", vault)
    assert last.output == "People/Jane.md:7: done: Send her the paper\n"


def test_words_held_apart_find_the_promise(make_vault, run):
    """`done`'s own example, `done "Jane Doe" "send the paper"`, found no promise in `Send her
    the paper`: words the text holds one by one find it, when no text holds them together."""
    vault = make_vault({"People/Jane Doe.md": person(
        "Jane Doe", "## Tasks\n- [ ] Send her the paper 📅 2026-12-01\n- [ ] Read her draft\n",
        role="mentor")})
    result = run("done", "Jane Doe", "send the paper", "--today", TODAY, "--vault", vault)
    assert result.output == "People/Jane Doe.md:7: done: Send her the paper\n"
    missing = run("done", "Jane Doe", "send the draft", "--today", TODAY, "--vault", vault)
    assert missing.exit_code == 1 and "no open task holds 'send the draft'" in missing.output


def test_a_word_is_found_as_a_word_or_its_start_never_inside_another(make_vault, run):
    """`send paper` ticked `Read the newspaper and send thanks` (a review): a word given is one
    of the text's, or the start of one, never found inside another."""
    vault = make_vault({"People/Jane Doe.md": person(
        "Jane Doe", "## Tasks\n- [ ] Read the newspaper and send thanks\n"
                    "- [ ] Send her the paper\n", role="mentor")})
    example = run("done", "Jane Doe", "send the paper", "--today", TODAY, "--vault", vault)
    assert example.output == "People/Jane Doe.md:8: done: Send her the paper\n"
    before = snapshot(vault)
    inside = run("done", "Jane Doe", "send paper", "--today", TODAY, "--vault", vault)
    assert inside.exit_code == 1 and snapshot(vault) == before
    alone = run("done", "Jane Doe", "paper", "--today", TODAY, "--vault", vault)
    assert alone.exit_code == 1 and snapshot(vault) == before  # (the paper is done already)
    started = run("done", "Jane Doe", "read news", "--today", TODAY, "--vault", vault)
    assert started.output == "People/Jane Doe.md:7: done: Read the newspaper and send thanks\n"


def test_of_a_promise_shown_twice_alike_the_one_due_first_is_ticked(make_vault, run):
    """`due` shows `Send [[Paper X|the paper]]` as `Send the paper`: of it and a later `Send the
    paper`, `done` ticks the one due first, as the agenda lists them (it ticked the later one,
    and the overdue promise stayed)."""
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Tasks\n- [ ] Send [[Paper X|the paper]] 📅 2026-11-20\n"
                "* [ ] Send the paper 📅 2026-11-29\n", role="mentor")})
    due = run("due", "--today", TODAY, "--vault", vault).output
    assert "Jane  Send the paper (due 2026-11-20, 5 days overdue)" in due, due
    result = run("done", "Jane", "send the paper", "--today", TODAY, "--vault", vault)
    assert result.output.startswith("People/Jane.md:7: done: Send [[Paper X|the paper]] (the "
                                    "first of 2 open tasks of this very text"), result.output
    text = (vault / "People/Jane.md").read_text()
    assert f"- [x] Send [[Paper X|the paper]] 📅 2026-11-20 ✅ {TODAY}\n" in text
    assert "* [ ] Send the paper 📅 2026-11-29\n" in text
