"""``python -m kg.cli``: the same as the ``bikg`` script."""

from kg.cli import main

if __name__ == "__main__":  # not when a tool walks the package and imports this module
    main()
