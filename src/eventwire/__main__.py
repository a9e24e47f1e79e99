"""`python -m eventwire`: the same as the `eventwire` command."""

from .cli import main

main()
