"""The C API's enums, the names and limits that go with them, and the
library's version, all read from the generated module so that they match
the header the extension was compiled against."""

import enum

from . import lowlevel


def _enum_from_lowlevel(name, prefix, **extra):
    """An IntEnum of the C constants named prefix + MEMBER, plus `extra`.

    Built from the generated module so it always matches the header the
    extension was compiled against."""
    members = dict(extra)
    for key in dir(lowlevel):
        if key.startswith(prefix):
            members[key[len(prefix):]] = getattr(lowlevel, key)
    return enum.IntEnum(name, sorted(members.items(), key=lambda item: item[1]),
                        module=__name__)


#: Status codes of the C API (stable numbers); ``Status.OK == 0``.
Status = _enum_from_lowlevel("Status", "CW_ERR_", OK=lowlevel.CW_OK)
#: Colour themes: CLASSIC, MODERN, TRADINGVIEW, LIGHT.
Theme = _enum_from_lowlevel("Theme", "CW_THEME_")
#: PNG compression presets (all lossless): FASTEST, BALANCED, SMALLEST.
PngPreset = _enum_from_lowlevel("PngPreset", "CW_PNG_")
#: Chart types: CANDLESTICK, HOLLOW, OHLC, LINE, AREA, HEIKIN_ASHI, RENKO,
#: POINT_FIGURE.
ChartType = _enum_from_lowlevel("ChartType", "CW_CHART_")

#: Output formats of :meth:`Chart.render`: RGBA8, RGB8, INDEXED8 (raw frames),
#: PNG, WEBP_LOSSLESS, WEBP_LOSSY, SVG (encoded files).
Format = _enum_from_lowlevel("Format", "CW_FORMAT_")
#: Kinds of operation a :class:`Stats` handle counts (RENDER, ENCODE,
#: INDICATOR, AGGREGATE, BATCH; labels are LABEL_0 + i).
StatsKind = enum.IntEnum("StatsKind", [
    (name, getattr(lowlevel, "CW_STATS_" + name))
    for name in ("RENDER", "ENCODE", "INDICATOR", "AGGREGATE", "BATCH", "LABEL_0")],
    module=__name__)
#: SIMD instruction sets an operation can report (NONE, SCALAR, AVX2, ...).
SimdTarget = enum.IntEnum("SimdTarget", sorted(
    ((key[len("CW_SIMD_"):], getattr(lowlevel, key)) for key in dir(lowlevel)
     if key.startswith("CW_SIMD_") and key != "CW_SIMD_TARGET_SLOTS"),
    key=lambda item: item[1]), module=__name__)

#: Format names accepted by :meth:`Chart.render` (besides :class:`Format`).
FORMATS = {
    "png": Format.PNG,
    "webp": Format.WEBP_LOSSLESS,
    "webp-lossless": Format.WEBP_LOSSLESS,
    "webp-lossy": Format.WEBP_LOSSY,
    "svg": Format.SVG,
    "rgba": Format.RGBA8,
    "rgb": Format.RGB8,
    "indexed": Format.INDEXED8,
}
#: The most extra panels one render takes.
MAX_PANELS = lowlevel.CW_MAX_PANELS

#: Theme names accepted by ``Chart(theme=...)``.
THEMES = tuple(theme.name.lower() for theme in Theme)
#: Preset names accepted by ``Chart(png_preset=...)``.
PNG_PRESETS = tuple(preset.name.lower() for preset in PngPreset)
#: Chart type names accepted by ``Chart(chart_type=...)``.
CHART_TYPES = tuple(chart_type.name.lower() for chart_type in ChartType)

#: Frame width and height limits in pixels, inclusive.
MIN_DIMENSION = lowlevel.CW_MIN_DIMENSION
MAX_DIMENSION = lowlevel.CW_MAX_DIMENSION

#: The version of the loaded library as a (major, minor, patch) tuple of ints.
version_info = tuple(lowlevel.cw_version() // scale % 1000 for scale in (1000000, 1000, 1))
