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
