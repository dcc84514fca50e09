"""The reference systems (floor, rules, crf) and their parts; `normalize_amount` is the rules baseline's
German/Dutch amount normaliser, exported here for users who want it on its own."""

from kiwi_bench.baselines.amounts import normalize_amount

__all__ = ["normalize_amount"]
