"""A vault whose generated notes the version before today wrote (signed with their vault path
under `Network/`), whose output folder was then renamed and set (`output_folder`): the notes are
still vaultnet's, taken over with no "edited by hand" (a review: 7 notes reported, exit 1).
The note below is the bytes 4827f7e wrote for this vault, pinned.
"""

from __future__ import annotations

import pytest
from conftest import TODAY

ANN = "---\ntype: person\nrole: friend\ntopics: [Jazz]\n---\n# Ann\n"
JAZZ_BY_4827F7E = (
    '---\n'
    'generated_by: vaultnet\n'
    'note: Made by vaultnet from your notes. Edit those, not this; vaultnet stops updating a '
    'note that was edited by hand, until you run vaultnet sync --reclaim.\n'
    'vaultnet_digest: ecb8b4b5170bef7640162b965790c60b9477e5ce6b8262a888d96f66b2b8b737\n'
    'vaultnet_link_digest: 872c6801f67b46ebaa7bd50ee7fba1de3de85731c2510952f46e3d0e069f9b1a\n'
    '---\n'
    '# Jazz\n'
    '\n'
    '1 person in your network works on or cares about Jazz. Back to [[Network/Network|Network]].\n'
    '\n'
    '## Friend\n'
    '\n'
    '- [[People/Ann|Ann]] — friend\n'
)


@pytest.mark.parametrize("links", ["as written", "rewritten by Obsidian"])
def test_a_note_of_the_version_before_in_a_renamed_output_folder_is_vaultnets(make_vault, run,
                                                                              links):
    page = JAZZ_BY_4827F7E if links == "as written" else \
        JAZZ_BY_4827F7E.replace("[[Network/Network|", "[[Net2/Network|")
    root = make_vault({".vaultnet.toml": 'output_folder = "Net2"\n', "People/Ann.md": ANN,
                       "Net2/Topics/Jazz.md": page})
    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "edited by hand" not in result.output and "Left alone" not in result.output
    assert "Updated Net2/Topics/Jazz.md" in result.output
    assert "[[Net2/Network|Network]]" in (root / "Net2/Topics/Jazz.md").read_text()
