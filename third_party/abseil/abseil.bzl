"""Abseil compiled from Debian's source package, for a self-contained library.

Debian's libabsl-dev ships static archives, but they are not
position-independent (TLS local-exec and PC32 relocations), so they cannot go
into libcandlewick.so or the Python extension; linking the shared libraries
instead would make every user depend on ~30 Abseil SONAMEs that change with
each Abseil release. tools/setup.sh therefore unpacks Debian's source package
of the very version whose headers are installed (`apt-get source abseil`) into
ABSEIL_SOURCE_DIR, and this repository rule exposes it to Bazel; abseil.BUILD
compiles the few parts candlewick calls into a static library that the
version scripts keep private.
"""

ABSEIL_SOURCE_DIR = "/usr/local/src/candlewick/abseil"

def _debian_abseil_impl(ctx):
    root = ctx.path(ctx.attr.path)
    stamp = root.get_child(".debian-version")
    installed = ctx.execute(["dpkg-query", "-W", "-f=${Version}", "libabsl-dev"])
    if installed.return_code != 0:
        fail("libabsl-dev is not installed: run tools/setup.sh")
    if not stamp.exists:
        fail("Abseil's source is missing from %s: run tools/setup.sh" % root)
    unpacked = ctx.read(stamp).strip()
    if unpacked != installed.stdout.strip():
        fail(("%s holds Abseil %s but libabsl-dev %s is installed: " +
              "run tools/setup.sh") % (root, unpacked, installed.stdout.strip()))
    # A copy without upstream's BUILD files, so abseil.BUILD's one package
    # owns every file.
    copied = ctx.execute([
        "sh",
        "-c",
        'cp -R "$1/absl" . && find absl -name BUILD.bazel -delete',
        "sh",
        str(root),
    ])
    if copied.return_code != 0:
        fail("copying Abseil's source failed: " + copied.stderr)
    ctx.symlink(root.get_child("LICENSE"), "LICENSE")
    ctx.symlink(ctx.attr.build_file, "BUILD.bazel")

debian_abseil = repository_rule(
    implementation = _debian_abseil_impl,
    attrs = {
        "path": attr.string(default = ABSEIL_SOURCE_DIR),
        "build_file": attr.label(allow_single_file = True, mandatory = True),
    },
    # Re-checked at every server start, so a libabsl-dev upgrade without a
    # new tools/setup.sh run is caught instead of mixing two versions.
    local = True,
)
