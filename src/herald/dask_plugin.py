"""What a Dask worker runs when it joins a cluster that ingests for Herald.

A module of its own because it imports ``distributed`` at the top (the plugin must
subclass its ``WorkerPlugin``), which neither the CLI nor a pool worker needs.
"""

from __future__ import annotations

from distributed import WorkerPlugin

from herald import workers


class WarmUp(WorkerPlugin):
    """Each worker loads the stages' models once, as it joins (a pool's initializer)."""

    name = "herald-warm-up"

    def setup(self, worker: object) -> None:
        workers.start_worker()
