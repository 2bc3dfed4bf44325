"""Builds the candlewick wheel: SWIG's wrapper, the C helpers (cwpy/) and
the native library, bundled inside the package.

    python3 -m pip install ./swig/python      # from a checkout of the repo
    python3 -m pip wheel ./swig/python

Where the native library comes from, first match wins:

1. ``CANDLEWICK_PREFIX=/usr/local`` (or any prefix ``tools/install.sh``
   filled): its ``lib/libcandlewick.so*`` and ``include/``.
2. A checkout of the repository around this directory: ``tools/install.sh``
   into the build directory when it exists, else ``bazel build
   --config=opt //:libcandlewick.so``.
3. ``pkg-config candlewick`` (an installed library).

The library is copied into the package under its SONAME and the extension
finds it through an rpath of ``$ORIGIN``, so the wheel needs no build tree
at run time (``auditwheel repair`` then bundles what the library itself
links, for a manylinux wheel).  The version is the project's one version
number (``VERSION`` at the repository's root, else the header's
``CW_VERSION_*``).  SWIG is the system's (``$SWIG`` or ``swig`` on the
PATH); nothing is downloaded but the build requirements from PyPI.
"""

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.sdist import sdist

HERE = os.path.dirname(os.path.abspath(__file__))
# What an sdist carries from outside this directory (see Sdist below).
VENDORED = os.path.join(HERE, "_inputs")
CWPY_SOURCES = sorted(os.path.relpath(p, HERE) for p in glob.glob(os.path.join(HERE, "cwpy", "*.c")))


def repo_root():
    """The repository around this directory, or None (an unpacked sdist)."""
    root = os.path.dirname(os.path.dirname(HERE))
    if os.path.isfile(os.path.join(root, "WORKSPACE")) and \
            os.path.isfile(os.path.join(root, "capi", "candlewick.h")):
        return root
    return None


def input_path(*parts):
    """A file from the repository (or the copy an sdist vendored)."""
    root = repo_root()
    if root is not None:
        return os.path.join(root, *parts)
    return os.path.join(VENDORED, *parts)


def project_version():
    """The project's one version number: VERSION, else the header."""
    version_file = input_path("VERSION")
    if os.path.isfile(version_file):
        with open(version_file) as f:
            return f.read().strip()
    with open(input_path("capi", "candlewick.h")) as f:
        header = f.read()
    parts = [re.search(r"#define CW_VERSION_%s (\d+)" % name, header).group(1)
             for name in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


def run(command, **kwargs):
    print("+", " ".join(shlex.quote(str(c)) for c in command), flush=True)
    subprocess.run(command, check=True, **kwargs)


def outside_build_env():
    """The environment without pip's isolated build environment on the PATH.
    Bazel keys its actions on PATH: building with pip's temporary folders on
    it would miss every cached action and rebuild the library from scratch."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(
        entry for entry in env.get("PATH", "").split(os.pathsep)
        if "pip-build-env-" not in entry)
    return env


def output(command, **kwargs):
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True,
                          **kwargs).stdout.strip()


def soname(library):
    """The SONAME recorded in a shared library (its file name if none)."""
    dynamic = output(["readelf", "-d", library])
    match = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
    return match.group(1) if match else os.path.basename(library)


class NativeLibrary:
    """libcandlewick: the header's folder, the library file to link and
    bundle, and the name to bundle it under."""

    def __init__(self, include_dir, library):
        self.include_dir = include_dir
        self.library = os.path.realpath(library)
        self.soname = soname(self.library)

    @classmethod
    def from_prefix(cls, prefix):
        headers = glob.glob(os.path.join(prefix, "include", "candlewick.h")) + \
            glob.glob(os.path.join(prefix, "include", "*", "candlewick.h"))
        libraries = [p for p in glob.glob(os.path.join(prefix, "lib*", "libcandlewick.so*"))
                     + glob.glob(os.path.join(prefix, "lib*", "*", "libcandlewick.so*"))
                     if not os.path.islink(p)]
        if not headers or not libraries:
            raise SystemExit("candlewick: no include/candlewick.h and lib/libcandlewick.so* "
                             "under the prefix %s" % prefix)
        return cls(os.path.dirname(headers[0]), libraries[0])

    @classmethod
    def locate(cls, build_temp):
        prefix = os.environ.get("CANDLEWICK_PREFIX")
        if prefix:
            return cls.from_prefix(prefix)
        root = repo_root()
        if root is not None:
            return cls.build_in_repo(root, build_temp)
        try:
            prefix = output(["pkg-config", "--variable=prefix", "candlewick"])
        except (OSError, subprocess.CalledProcessError):
            raise SystemExit("candlewick: the native library was not found: set "
                             "CANDLEWICK_PREFIX to where tools/install.sh installed it, "
                             "or make `pkg-config candlewick` find it") from None
        return cls.from_prefix(prefix)

    @classmethod
    def build_in_repo(cls, root, build_temp):
        install = os.path.join(root, "tools", "install.sh")
        if os.path.isfile(install):
            prefix = os.path.abspath(os.path.join(build_temp, "prefix"))
            run([install, prefix], cwd=root, env=outside_build_env())
            return cls.from_prefix(prefix)
        # No convenience symlinks: a pip build must not repoint the
        # checkout's bazel-bin at the optimized tree.
        flags = ["--config=opt", "--symlink_prefix=/"]
        env = outside_build_env()
        run(["bazel", "build"] + flags + ["//:libcandlewick.so"], cwd=root, env=env)
        bin_dir = output(["bazel", "info"] + flags + ["bazel-bin"], cwd=root, env=env)
        return cls(os.path.join(root, "capi"),
                   os.path.join(bin_dir, "capi", "libcandlewick.so"))


class BuildExt(build_ext):
    """SWIG, then the extension linked against the bundled native library."""

    def build_extension(self, ext):
        build_temp = os.path.abspath(self.build_temp)
        os.makedirs(build_temp, exist_ok=True)
        native = NativeLibrary.locate(build_temp)

        # The sources include "capi/candlewick.h", wherever it is installed.
        include = os.path.join(build_temp, "include")
        os.makedirs(os.path.join(include, "capi"), exist_ok=True)
        shutil.copyfile(os.path.join(native.include_dir, "candlewick.h"),
                        os.path.join(include, "capi", "candlewick.h"))

        package_dir = os.path.dirname(self.get_ext_fullpath(ext.name))
        os.makedirs(package_dir, exist_ok=True)
        wrapper = os.path.join(build_temp, "candlewick_wrap.c")
        swig = os.environ.get("SWIG") or shutil.which("swig") or "/usr/bin/swig"
        run([swig, "-python", "-I" + include, "-I" + os.path.dirname(input_path(
            "swig", "common", "candlewick_core.i")), "-I" + os.path.join(HERE, "cwpy"),
             "-o", wrapper, "-outdir", package_dir, os.path.join(HERE, "candlewick.i")])

        # The library goes into the package under its SONAME; -L points at a
        # folder holding it as libcandlewick.so for -lcandlewick.
        shutil.copyfile(native.library, os.path.join(package_dir, native.soname))
        link_dir = os.path.join(build_temp, "link")
        os.makedirs(link_dir, exist_ok=True)
        link_name = os.path.join(link_dir, "libcandlewick.so")
        if os.path.lexists(link_name):
            os.remove(link_name)
        os.symlink(native.library, link_name)

        ext.sources = [wrapper] + [os.path.join(HERE, p) for p in CWPY_SOURCES]
        ext.include_dirs = [include, os.path.join(HERE, "cwpy")]
        ext.library_dirs = [link_dir]
        ext.libraries = ["candlewick"]
        # No debugging sections in the wheel (the interpreter's CFLAGS say -g).
        ext.extra_compile_args = ["-fvisibility=hidden", "-fno-strict-aliasing", "-g0"]
        ext.extra_link_args = ["-Wl,-rpath,$ORIGIN",
                               "-Wl,--version-script=" + os.path.join(HERE, "lowlevel.lds")]
        # An interpreter built with an rpath of its own (pyenv's) would put
        # that build machine's folder into the wheel: $ORIGIN is the only one.
        self.compiler.linker_so = [arg for arg in self.compiler.linker_so
                                   if not arg.startswith(("-Wl,-rpath", "-Wl,-R"))]
        super().build_extension(ext)

        # The license texts, when the repository has them.
        for name in ("LICENSE", "NOTICE"):
            path = input_path(name)
            if os.path.isfile(path):
                shutil.copyfile(path, os.path.join(package_dir, name))


class Sdist(sdist):
    """Vendors what the build reads from outside this directory (the
    header, the shared SWIG interface, VERSION and the license texts) into
    _inputs/, so an sdist builds against an installed library."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        for parts in (("capi", "candlewick.h"), ("swig", "common", "candlewick_core.i"),
                      ("VERSION",), ("LICENSE",), ("NOTICE",)):
            source = input_path(*parts)
            if os.path.isfile(source):
                target = os.path.join(base_dir, "_inputs", *parts)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(source, target)


setup(
    version=project_version(),
    ext_modules=[Extension("candlewick._lowlevel", sources=CWPY_SOURCES)],
    cmdclass={"build_ext": BuildExt, "sdist": Sdist},
)
