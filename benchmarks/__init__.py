"""Benchmarks of the portal: not part of the product (never installed into the image).

Run each with the benchmark settings, which add this app and its reference URLs:

    .venv/bin/python manage.py bench_details --settings=benchmarks.settings --runs 100
"""
