"""cc_embedded_file: a cc_library whose generated source holds a file's bytes."""

def cc_embedded_file(name, src, hdr, function, namespace = "", **kwargs):
    """Embeds `src` into a cc_library named `name`.

    Args:
      name: the cc_library.
      src: the file to embed (any label, e.g. one exported from @system).
      hdr: a hand-written header in this package declaring
           `absl::Span<const uint8_t> <namespace>::<function>();`.
      function: the function's unqualified name.
      namespace: C++ namespace, "a::b" allowed.
      **kwargs: passed to the cc_library (visibility, testonly, ...).
    """
    out = name + "_embedded.cc"
    package = native.package_name()
    include = (package + "/" + hdr) if package else hdr
    native.genrule(
        name = name + "_gen",
        srcs = [src],
        outs = [out],
        tools = ["//tools/embed:embed_file"],
        cmd = ("$(location //tools/embed:embed_file) --input=$< --output=$@ " +
               "--header=%s --namespace=%s --function=%s") % (include, namespace, function),
        testonly = kwargs.get("testonly", False),
    )
    native.cc_library(
        name = name,
        srcs = [out],
        hdrs = [hdr],
        deps = ["@system//:absl"],
        **kwargs
    )
