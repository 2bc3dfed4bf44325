"""The C++ rule shapes the BUILD files repeat: a GoogleTest test and a
Google Benchmark binary, each built from the source file named after it, and
a library of Highway-dispatched kernels."""

def cc_gtest(name, srcs = [], deps = [], **kwargs):
    """A cc_test of `name`.cc on GoogleTest's main().

    Args:
      name: the test; its source is `name`.cc.
      srcs: more sources (headers only the test reads).
      deps: what the test uses; @system//:gtest_main is added.
      **kwargs: passed to the cc_test (data, tags, copts, linkopts, ...).
    """
    native.cc_test(
        name = name,
        srcs = [name + ".cc"] + srcs,
        deps = deps + ["@system//:gtest_main"],
        **kwargs
    )

def cc_benchmark(name, deps = [], **kwargs):
    """A cc_binary of `name`.cc linked with Google Benchmark.

    Args:
      name: the binary; its source is `name`.cc.
      deps: what it measures; @system//:benchmark is added (a binary
        without its own main() adds @system//:benchmark_main too).
      **kwargs: passed to the cc_binary (testonly, tags, ...).
    """
    native.cc_binary(
        name = name,
        srcs = [name + ".cc"],
        deps = deps + ["@system//:benchmark"],
        **kwargs
    )

def cc_highway_library(name, dispatched, srcs = [], textual_hdrs = [], deps = [], **kwargs):
    """A cc_library whose `dispatched` sources use Highway dynamic dispatch.

    Each dispatched source re-includes itself once per Highway target
    (hwy/foreach_target.h), so it is a textual header as well as a source.
    Every target this compiler can build is compiled
    (HWY_COMPILE_ALL_ATTAINABLE): the dispatcher picks the best at run time,
    and the tests force each one in turn.

    Args:
      name: the library.
      dispatched: the sources that include themselves through foreach_target.h.
      srcs: its other sources and private headers.
      textual_hdrs: more files the dispatched sources re-include (-inl.h).
      deps: what it uses; @system//:hwy is added.
      **kwargs: passed to the cc_library (hdrs, copts, visibility, ...).
    """
    native.cc_library(
        name = name,
        srcs = dispatched + srcs,
        local_defines = ["HWY_COMPILE_ALL_ATTAINABLE"],
        textual_hdrs = dispatched + textual_hdrs,
        deps = deps + ["@system//:hwy"],
        **kwargs
    )
