"""Reads the project's one version number (the VERSION file at the root).

The repository `@candlewick_version` exposes it to BUILD files:

    load("@candlewick_version//:version.bzl", "VERSION", "VERSION_MAJOR")

It feeds the shared library's SONAME and the compile-time check of the
header's CW_VERSION_* macros; tools/install.sh and the Python package read the
same file. Bazel re-reads it whenever VERSION changes (a label attribute).
"""

def _candlewick_version_impl(ctx):
    text = ctx.read(ctx.path(ctx.attr.version_file)).strip()
    parts = text.split(".")
    if len(parts) != 3 or not all([p.isdigit() for p in parts]):
        fail("VERSION must read MAJOR.MINOR.PATCH (digits only), not %r" % text)
    ctx.file("BUILD.bazel", "exports_files([\"version.bzl\"])\n")
    ctx.file("version.bzl", "\n".join([
        "# Generated from //:VERSION by third_party/version/version.bzl.",
        "VERSION = %r" % text,
        "VERSION_MAJOR = %r" % parts[0],
        "VERSION_MINOR = %r" % parts[1],
        "VERSION_PATCH = %r" % parts[2],
        "",
    ]))

candlewick_version = repository_rule(
    implementation = _candlewick_version_impl,
    attrs = {"version_file": attr.label(allow_single_file = True, mandatory = True)},
    local = True,
)
