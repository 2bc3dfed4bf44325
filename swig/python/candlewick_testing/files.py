"""Files the tests read from the system (Debian's /usr)."""

import os


def system_file(path):
    """/usr/<path>, through Bazel's @system repository in the runfiles when
    the test runs under Bazel (TEST_SRCDIR), else from /usr itself (the
    suite run against a pip-installed package)."""
    runfiles = os.environ.get("TEST_SRCDIR")
    if runfiles:
        candidate = os.path.join(runfiles, "system", path)
        if os.path.exists(candidate):
            return candidate
    return os.path.join("/usr", path)


#: The second font the tests load (DejaVu Sans Mono, fonts-dejavu-core).
MONO_FONT = system_file("share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
