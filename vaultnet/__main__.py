"""Run vaultnet as `python -m vaultnet`."""

from vaultnet.cli import cli

if __name__ == "__main__":
    cli(prog_name="vaultnet")
