"""``python -m kg.cli``: the same as the ``bikg`` script."""

from kg.cli import main

main()
