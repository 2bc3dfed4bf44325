"""Runs one test file under pytest so the py_test's exit status is pytest's."""

import os
import sys


def main(test_file):
    import pytest

    # importlib mode: pytest must not put the test's directory on sys.path
    # either (see PYTHONSAFEPATH in BUILD.bazel).
    args = [test_file, "-v", "-p", "no:cacheprovider", "--import-mode=importlib",
            # Conversions are tested with pytest.warns; elsewhere they are noise.
            "-W", "ignore::candlewick.ConversionWarning"]
    # Bazel collects JUnit XML from here when it is set.
    xml = os.environ.get("XML_OUTPUT_FILE")
    if xml:
        args.append("--junitxml=" + xml)
    sys.exit(pytest.main(args))
