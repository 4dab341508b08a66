"""Benchmarks that print tables (not tests). Run with `make bench` (`python -m bench`)."""
