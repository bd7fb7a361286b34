"""minigrad's speed and memory benchmarks, against hand-written numpy, PyTorch and micrograd.

    python -m benchmarks                 # every workload, with the peers that are installed
    python -m benchmarks --quick         # tiny sizes, one run each (what the smoke test does)
    python -m benchmarks --with-peers    # require PyTorch and micrograd (see peers.py)

One module per workload family (mlp, scalar_chain, micrograd_demo, deep_chain, memory), each
with a run() returning the printed rows; timing.py holds the shared measuring helper and
peers.py finds the optional baselines. grade_50.py, the course grader's benchmark, runs on its
own: `python benchmarks/grade_50.py`.
"""
