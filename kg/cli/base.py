"""What every ``bikg`` command shares: the group, ``--store``, opening it, and :func:`main`.

Errors are printed as one line (a traceback only with ``--debug``) and mapped to exit
codes in :data:`EXIT_CODES`, here and nowhere else.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from kg.config import Settings, get_settings
from kg.errors import (
    ConfigError,
    InvalidParameterError,
    KGError,
    NotFoundError,
    PermissionDeniedError,
    QueryError,
    SourceError,
    StoreError,
)

__all__ = ["EXIT_CODES", "READING_COMMANDS", "cli", "main", "store_option"]

logger = logging.getLogger(__name__)

#: Exit codes by error class (the first matching class wins).
EXIT_CODES: list[tuple[type[KGError], int]] = [
    (QueryError, 2),
    (InvalidParameterError, 2),
    (ConfigError, 2),
    (SourceError, 1),
    (NotFoundError, 4),
    (PermissionDeniedError, 5),
    (StoreError, 3),
    (KGError, 1),
]

_STORE_HELP = (
    "Store: a folder, 'memory:' or an http(s) SPARQL endpoint [env BIKG_STORE; default var/store]."
)


#: Commands that only read: beside a running server they open the store read-only.
READING_COMMANDS = frozenset(
    {"search", "entity", "query", "stats", "export", "path", "bilateral", "central", "validate"}
)


class Context:
    def __init__(self, settings: Settings, debug: bool) -> None:
        self.settings = settings
        self.debug = debug

    def open(self, store: str | None, settings: Settings | None = None) -> Any:
        """The knowledge graph of ``store``; when another process (``bikg serve``) holds
        it, a read-only view for reading commands, else one line naming the holder."""
        from kg.graph.lock import is_lock_error, lock_holder
        from kg.knowledge import KnowledgeGraph

        settings = settings or self.settings
        try:
            return KnowledgeGraph.open(store, settings=settings)
        except StoreError as exc:
            if not is_lock_error(exc):
                raise
            command = click.get_current_context().info_name or ""
            if command in READING_COMMANDS:
                logger.debug("the store is held by another process: opening it read-only")
                return KnowledgeGraph.open(store, settings=settings, read_only=True)
            path = store or settings.store
            holder = lock_holder(path)
            who = str(holder) if holder else "another process"
            if command == "serve":
                instead = "use that server, or stop it"
            elif holder is None or holder.is_server:
                instead = (
                    "send the articles to it (POST /api/articles with the write token) or stop it"
                )
            else:
                instead = "wait for it to finish or stop it"
            raise StoreError(
                f"the store {path} is in use by {who}; {instead}, then run 'bikg {command}' again"
            ) from None


store_option = click.option("--store", "-s", default=None, help=_STORE_HELP)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("--quiet", "-q", is_flag=True, help="Only warnings and errors.")
@click.version_option(package_name="bilateral-kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """bilateral-kg: news about bilateral ties, as one RDF knowledge graph."""
    level = logging.DEBUG if debug else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    ctx.obj = Context(get_settings(), debug)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning our errors into one line and an exit code.

    >>> main(["--version"])
    bikg, version 0.1.0
    >>> main(["query", "--store", "memory:", "--format", "nope", "ASK {}"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="bikg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        if debug:
            raise
        # One line, even when a server's error page spans several.
        click.echo("error: " + " ".join(str(exc).split("\n")), err=True)
        sys.exit(next(code for cls, code in EXIT_CODES if isinstance(exc, cls)))
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(3)
