"""A libFuzzer target and the test that replays its committed corpus."""

def candlewick_fuzzer(name, deps):
    native.cc_library(
        name = name + "_lib",
        srcs = [name + ".cc"],
        deps = deps,
        alwayslink = True,
    )

    # The fuzzing engine: only --config=fuzz (clang-14) can link it.
    native.cc_binary(
        name = name,
        linkopts = ["-fsanitize=fuzzer"],
        deps = [name + "_lib"],
        tags = ["manual", "fuzzer"],
    )

    # The corpus replayed by a plain main(): a regression test in every
    # configuration.
    native.cc_test(
        name = name + "_corpus",
        args = ["fuzz/corpus/" + name],
        data = native.glob(["corpus/%s/*" % name]),
        deps = [
            name + "_lib",
            ":corpus_main",
        ],
        size = "small",
    )
