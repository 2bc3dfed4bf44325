"""Runs one test file under pytest so the py_test's exit status is pytest's."""

import os
import sys


def main(test_file):
    import pytest

    args = [test_file, "-v", "-p", "no:cacheprovider"]
    # Bazel collects JUnit XML from here when it is set.
    xml = os.environ.get("XML_OUTPUT_FILE")
    if xml:
        args.append("--junitxml=" + xml)
    sys.exit(pytest.main(args))
