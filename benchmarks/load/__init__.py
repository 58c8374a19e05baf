"""The load and fault tests: python -m benchmarks.load --help (README: "Load and fault tests")."""
