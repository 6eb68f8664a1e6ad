from conftest import TODAY, person, snapshot


def test_sync_writes_the_generated_notes(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": person("Jane Doe", role="mentor",
                                                     topics="[civic tech]")})
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    files = snapshot(vault / "Network")
    assert sorted(files) == ["Communities.md", "Follow-ups.md", "Introductions.md", "Mentors.md",
                             "Network.canvas",
                             "Network.md", "Topics/civic tech.md"]
