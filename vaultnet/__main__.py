"""Run vaultnet as `python -m vaultnet`."""

from vaultnet.cli import main

if __name__ == "__main__":
    main()
