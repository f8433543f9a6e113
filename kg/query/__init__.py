"""Evaluating SPARQL queries where they can be stopped: killable worker processes.

::

    worker.py   one spawned process over a read-only store: answer(), Worker, Job
    pool.py     QueryPool: the API's workers, fair between clients; evaluate()
    threads.py  ThreadRunner (memory: and remote stores), Evaluation, timeout_error
    oneshot.py  run_once(): one query in a fresh worker, for ``bikg query``
    protocol.py content negotiation, using-graph-uri, the Service Description

See docs/reliability.md for the limits and what happens when one is hit.
"""
