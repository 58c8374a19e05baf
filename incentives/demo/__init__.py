"""Generated data: the demo (`manage.py seed_demo`) and the building blocks that the demo, the
benchmarks (benchmarks/) and the test factories share (generator.py)."""

from .seed import DEFAULT_PASSWORD, SeedReport, seed_demo

__all__ = ["DEFAULT_PASSWORD", "SeedReport", "seed_demo"]
