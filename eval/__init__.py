"""Danish ROUGE and the benchmark runner.

`eval.rouge.Scorer` scores one reference/prediction pair; `eval.stats` and `eval.significance`
turn per-article scores into intervals and paired tests; `python -m eval` runs engines over a
data set and writes a results folder. Every reported number carries a signature.
"""

__version__ = "0.1.0"
