"""`vaultnet watch`: the loop that keeps the generated notes current while the user edits."""
