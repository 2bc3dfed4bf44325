"""The C++ rule shapes the BUILD files repeat: a GoogleTest test and a
Google Benchmark binary, each built from the source file named after it."""

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
