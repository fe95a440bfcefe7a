"""Helpers the tests share, importable from any test folder as `support.<module>`.

pyproject.toml puts tests/ on the import path (`pythonpath = ["tests"]`) and imports test
modules with `--import-mode=importlib`, so test modules of the same name may live in two
folders and never import one another: what two of them share lives here. Fixtures do not:
they are defined in conftest.py files (tests/README.md, "Imports and fixtures").

    policy          skip_or_fail, corpus_path, IN_CI: the one rule for what is missing
    offsets         assert_offsets, assert_record_offsets: every span points at its text
    samples         made-up inputs tests in several folders share
    records         make_record: a Record from the JSON dicts of its entities, times, events
    meantime        a MEANTIME-style XML document builder
    spark           the made-up Spark corpus and the check that Spark can run
    store           PostgreSQL for the store's tests, hand-built records, input writers
    store_content   what a store holds, without row ids
    sources_corpus  a small corpus for the sources report
    web             the web app's made-up articles and ingesting them
    browser         a served app and a real headless Chromium
    benchmarks      a module of benchmarks/, imported by its path
"""
