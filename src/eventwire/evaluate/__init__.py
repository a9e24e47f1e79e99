"""Scorers: gold files, PLOVER sentences and story labels.

`evaluate(gold_files, pipeline)` scores readings against gold files
(`load_gold`); `evaluate_plover` and `evaluate_stories` score the PLOVER
sentences and story grouping. Modules: `gold`, `events`, `parts`,
`plover`, `stories`, `text` (span and name matching).
"""

from .gold import evaluate, load_gold, render
from .plover import evaluate_plover

__all__ = ["evaluate", "evaluate_plover", "load_gold", "render"]
