"""The parts of the rule-based amount recogniser `kiwi_bench.baselines.amounts`, one job each.

In import order: `fields` (the keys and types of a recognised amount), `patterns` (regex building
blocks), `numerals` (rules N1-N6: digits, number words, scales, fractions, exact values), `lexicon`
(the word lists: currencies, percent words, counted nouns, time units, ...), `grammar` (rules S1-S3,
S4 without context and R1: the amount patterns and what a match says by itself), `context` (rules S4
in context, S5, C1-C3: kind, qualifier, rate and unit from the surrounding words) and `exclusions`
(rules X1-X6: what the grammar matches but is no amount). Each module states the rules it implements.
"""
