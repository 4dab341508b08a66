"""`make loadtest` (`python -m bench.loadtest`): locust against serve-prod, with faults."""
