"""KIWI: an annotated German/Dutch AI-industry news benchmark and its scorer.

    import kiwi_bench
    result = kiwi_bench.evaluate("predictions.jsonl", split="test")
    print(result["entities.strict.f1"], result.signature)

Importing the package loads the scorer only: no baseline, model or dataset library.
"""

from kiwi_bench.api.evaluate import compare, evaluate
from kiwi_bench.api.gold import load_gold
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.version import __version__
from kiwi_bench.scoring.evaluation import Comparison, Evaluation

__all__ = ["Comparison", "Evaluation", "KiwiError", "__version__", "compare", "evaluate", "load_gold"]
