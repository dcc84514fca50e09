"""Baseline systems for KIWI, scored against the hand-made gold annotations."""
