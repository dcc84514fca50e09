"""The KIWI scorer: pure functions from gold documents and predictions to a result (no file I/O).

Data flow: `load_gold` (gold documents -> columns) and `PredictionBuilder` (validated prediction
records -> columns) -> `align` (one order-independent alignment) -> `statistics` (per-sentence
sufficient statistics) -> `headline`/`metrics` (figures from sums) -> `bootstrap` (intervals,
paired tests) -> `result` (the JSON-ready report), all driven by `evaluate` and `compare`.
`StreamingBuilder` (in `stream`) replaces `PredictionBuilder` for large files: it aligns and sums
the statistics batch by batch, so memory does not grow with the number of predicted items.
"""

from kiwi_bench.scoring.evaluation import Evaluation, compare, compute_statistics, evaluate
from kiwi_bench.scoring.gold import Gold, load_gold
from kiwi_bench.scoring.predicted import SPAN, SPAN_FREE, PredictionBuilder, Predictions, item_mode
from kiwi_bench.scoring.registry import HEADLINE
from kiwi_bench.scoring.signature import SCORER_VERSION, data_hash, signature
from kiwi_bench.scoring.stream import BATCH_ITEMS, ScoredPredictions, StatisticsAccumulator, StreamingBuilder

__all__ = ["BATCH_ITEMS", "HEADLINE", "Evaluation", "Gold", "PredictionBuilder", "Predictions", "SCORER_VERSION", "SPAN",
           "SPAN_FREE", "ScoredPredictions", "StatisticsAccumulator", "StreamingBuilder", "compare",
           "compute_statistics", "data_hash", "evaluate", "item_mode", "load_gold", "signature"]
