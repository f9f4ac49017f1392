"""Benchmarks of the service (issue #9): throughput, capacity, the caseworkers' work queue.

Each runs as `python -m benchmarks.<name>` against its own embedded stack (`benchmarks.stack`),
apart from the test suite.
"""
