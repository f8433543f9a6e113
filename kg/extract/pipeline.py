"""The extractor as a declared sequence of named stages over one shared context.

Every stage is a function of the :class:`~kg.extract.context.ArticleContext`, run in the
order of :data:`STAGES` by one loop (:func:`run_stages`), the way spaCy runs the components of
a pipeline. The reading stages fill the context under the reading budget; the builders turn
it into nodes and edges of ``ctx.out``. A stage can be switched off by name (evaluation of
one rule, a faster partial run) and timed with a hook; stages that later stages cannot do
without (``sentences``, ``mentions``) cannot be switched off.

>>> [s.name for s in STAGES][:3]
['sentences', 'mentions', 'names']
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from kg.errors import InvalidParameterError
from kg.extract.agreements import add_agreements
from kg.extract.budget import Budget, hard_stop
from kg.extract.context import ArticleContext
from kg.extract.events import add_events
from kg.extract.reading import (
    find_company_mentions,
    find_org_mentions,
    find_sentence_mentions,
    read_dateline,
    read_sentences,
    resolve_coreference,
    second_pass_names,
)
from kg.extract.relations import add_companies, add_orgs, add_persons, add_places, add_posts
from kg.extract.statements import add_statements
from kg.sources.model import Article

__all__ = [
    "STAGES",
    "Stage",
    "StageClock",
    "StageTimer",
    "analyse",
    "check_disable",
    "run",
    "run_stages",
    "stage_names",
]

#: Called after each stage that ran with its name and its wall-clock seconds.
StageTimer = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class Stage:
    """One named step of the extractor.

    ``builds``: a builder (skipped with a warning once the building budget is spent) rather
    than a reading stage. ``required``: later stages cannot run without it.
    """

    name: str
    run: Callable[[ArticleContext], object]
    builds: bool = False
    required: bool = False


#: The extractor, in order. Builder names appear in budget warnings ("events not built").
STAGES: tuple[Stage, ...] = (
    Stage("sentences", read_sentences, required=True),
    Stage("mentions", find_sentence_mentions, required=True),
    Stage("names", second_pass_names),
    Stage("coreference", resolve_coreference),
    Stage("org_mentions", find_org_mentions),
    Stage("company_mentions", find_company_mentions),
    Stage("dateline", read_dateline),
    Stage("places", add_places, builds=True),
    Stage("persons", add_persons, builds=True),
    Stage("posts", add_posts, builds=True),
    Stage("organisations", add_orgs, builds=True),
    Stage("companies", add_companies, builds=True),
    Stage("agreements", add_agreements, builds=True),
    Stage("events", add_events, builds=True),
    Stage("statements", add_statements, builds=True),
)


class StageClock:
    """A :data:`StageTimer` that adds up each stage's seconds over many articles.

    >>> clock = StageClock()
    >>> clock("mentions", 0.25); clock("mentions", 0.5)
    >>> clock.seconds
    {'mentions': 0.75}
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def rounded(self, digits: int = 3) -> dict[str, float]:
        """Seconds per stage, in the order the stages ran."""
        return {name: round(s, digits) for name, s in self.seconds.items()}


def stage_names(stages: Sequence[Stage] = STAGES) -> list[str]:
    return [s.name for s in stages]


def check_disable(disable: Collection[str], stages: Sequence[Stage] = STAGES) -> frozenset[str]:
    """``disable`` as a set of stage names, or an error naming the unknown or required one."""
    names = stage_names(stages)
    for name in disable:
        if name not in names:
            raise InvalidParameterError(
                f"no extraction stage {name!r} (stages: {', '.join(names)})"
            )
        if next(s for s in stages if s.name == name).required:
            raise InvalidParameterError(f"extraction stage {name!r} cannot be switched off")
    return frozenset(disable)


def run_stages(
    ctx: ArticleContext,
    stages: Sequence[Stage],
    *,
    disable: Collection[str] = (),
    on_stage: StageTimer | None = None,
    seconds: float | None = None,
) -> bool:
    """The one loop: run ``stages`` in order over ``ctx``, each unless switched off in
    ``disable``; ``False`` when the hard stop cut them short.

    ``seconds`` bounds the run with a timer (:func:`~kg.extract.budget.hard_stop`), by
    default the rest of the building budget. A builder is skipped with a note in
    ``ctx.budget`` once that budget is spent; when the timer stops a builder, it and every
    builder after it are noted as not built. ``on_stage`` gets each stage's name and
    seconds (``bikg bench`` and the benchmarks time the stages with it).
    """
    todo = [s for s in stages if s.name not in disable]
    builds = any(s.builds for s in todo)
    budget: Budget = ctx.budget
    current = ""
    with hard_stop(budget.left() if seconds is None else seconds) as stopped:
        for stage in todo:
            current = stage.name
            if stage.builds and budget.spent():
                budget.note(f"{stage.name} not built")
                continue
            started = time.perf_counter()
            stage.run(ctx)
            if on_stage is not None:
                on_stage(stage.name, time.perf_counter() - started)
    if stopped.hit and builds:
        budget.note(f"{current} stopped part way")
        names = stage_names(todo)
        for name in names[names.index(current) + 1 :]:
            budget.note(f"{name} not built")
    return not stopped.hit


def run(
    ctx: ArticleContext,
    seconds: float,
    stages: Sequence[Stage] = STAGES,
    *,
    disable: Collection[str] = (),
    on_stage: StageTimer | None = None,
) -> bool:
    """The reading stages within ``seconds``, then the builders within what is left of the
    building budget; ``False`` when reading was cut short (nothing is built then)."""
    reading = [s for s in stages if not s.builds]
    if not run_stages(ctx, reading, disable=disable, on_stage=on_stage, seconds=seconds):
        return False
    run_stages(ctx, [s for s in stages if s.builds], disable=disable, on_stage=on_stage)
    return True


def analyse(
    article: Article,
    lang: str,
    reading: Budget | None = None,
    building: Budget | None = None,
    *,
    disable: Collection[str] = (),
) -> ArticleContext:
    """Run the reading stages only: the context the builders would start from."""
    ctx = ArticleContext.start(article, lang, reading, building)
    stages = [s for s in STAGES if not s.builds]
    run_stages(ctx, stages, disable=check_disable(disable), seconds=ctx.reading.left())
    return ctx
