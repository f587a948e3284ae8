"""The benchmark the project runs on itself: ``make bench`` (``python -m bench``).

It builds its own database, generates a synthetic regency (``demo.synthetic``), runs the scenarios
listed in ``bench.scenarios`` and writes ``bench/results.json``.  Every scenario is compared with a
lower bound measured in the same run, since absolute times vary from machine to machine.
"""
