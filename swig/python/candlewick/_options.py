"""Chart options checked and converted for ``cw_chart_options``: names or
numbers of themes, types, presets and formats, colours, layout values.
Shared by :class:`~candlewick.Chart` and :class:`~candlewick.Renderer`."""

import operator

from . import lowlevel
from ._constants import (CHART_TYPES, FORMATS, MAX_DIMENSION, MIN_DIMENSION, PNG_PRESETS,
                         THEMES, ChartType, PngPreset, Status, Theme)
from ._errors import CandlewickError, _TextError


def _index(name, value, kind="an integer"):
    """operator.index(value), with a TypeError that names the argument
    (operator.index's "'NoneType' object cannot be interpreted as an
    integer" says neither which argument nor what it takes)."""
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError("%s must be %s, not %s" % (name, kind, type(value).__name__)) from None


def _float(name, value):
    """float(value), its TypeError or ValueError naming the argument
    (float()'s own messages name nothing)."""
    try:
        return float(value)
    except TypeError:
        raise TypeError("%s must be a number, not %s" % (name, type(value).__name__)) from None
    except ValueError:
        raise ValueError("%s must be a number, not %r" % (name, value)) from None
    except OverflowError:  # an int beyond any double
        raise CandlewickError(Status.INVALID_ARGUMENT, "%s=%s is out of range"
                              % (name, _short_repr(value, 40))) from None


def _lookup(enum_type, value, names, what):
    """A theme or preset given by name (any case) or by number.  Unknown
    numbers pass through so the library reports them (INVALID_ARGUMENT)."""
    if isinstance(value, str):
        try:
            return enum_type[value.upper()]
        except KeyError:
            raise ValueError("unknown %s %r; expected one of %s"
                             % (what, value, ", ".join(names))) from None
    value = _index(what, value, "a name (%s) or its number" % ", ".join(names))
    # The C field is an int32_t: a number it cannot hold is no known value.
    if not -2**31 <= value < 2**31:
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown %s %d" % (what, value))
    return value


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _color(name, value):
    """0xRRGGBBAA from an int or a '#RRGGBB' / '#RRGGBBAA' string."""
    if isinstance(value, str):
        digits = value[1:] if value.startswith("#") else value
        if len(digits) == 6:
            digits += "ff"
        # Hex digits only: int(x, 16) also takes a sign, a "0x" prefix,
        # underscores and surrounding blanks, so "0x1234" was read as
        # #001234 and "-12345" as a negative number the C field wrapped.
        if len(digits) != 8 or not all(c in _HEX_DIGITS for c in digits):
            raise ValueError("colour %r=%r is not '#RRGGBB' or '#RRGGBBAA'"
                             % (name, value))
        return int(digits, 16)
    value = _index("colour %r" % name, value, "0xRRGGBBAA or '#RRGGBB[AA]'")
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError("colour %r=%#x is not a 32-bit 0xRRGGBBAA value" % (name, value))
    return value


def _size_error(width, height):
    # cw_chart_create has no handle to hold a message, so the binding words it.
    return CandlewickError(Status.SIZE_OUT_OF_RANGE,
                           "width and height must be in [%d, %d], got %dx%d"
                           % (MIN_DIMENSION, MAX_DIMENSION, width, height))


# With custom colours the C API replaces all of the theme's colours, and the
# theme's own values cannot be queried, so every one must be given.
_COLOR_KEYS = ("background", "up", "down", "grid", "text", "axis")


# -- layout options ------------------------------------------------------------

_FLT_MAX = 3.4028234663852886e38
_INT32 = (-2**31, 2**31 - 1)
# Option name -> C field conversion: "float" (a C float), "double", "int32".
_LAYOUT_FIELDS = {
    "price_weight": "float",
    "volume_weight": "float",
    "panel_gap": "int32",
    "margin": "int32",
    "line_width": "float",
    "box_size": "double",
    "reversal": "int32",
    "label_size": "int32",
}


def _layout_value(name, kind, value):
    """A layout option converted for its C field.  Values the field cannot
    hold are INVALID_ARGUMENT, as the library says for values out of range;
    NaN goes through for the library to reject."""
    if kind == "int32":
        value = _index(name, value)
        if not _INT32[0] <= value <= _INT32[1]:
            raise CandlewickError(Status.INVALID_ARGUMENT,
                                  "%s=%d does not fit the option's int32 field" % (name, value))
        return value
    value = _float(name, value)
    if kind == "float" and abs(value) > _FLT_MAX:
        raise CandlewickError(Status.INVALID_ARGUMENT,
                              "%s=%r does not fit the option's float field" % (name, value))
    return value


# -- text the library borrows ---------------------------------------------------

def _c_string(name, value):
    """A str the library borrows as C text (a time zone, a title, a legend
    name), or None.  An interior NUL would cut it short, and a lone
    surrogate ("\\udcff", what os.fsdecode makes of undecodable bytes) has
    no UTF-8 form: INVALID_ARGUMENT for both (SWIG and PyArg_ParseTuple
    refused the latter with errors naming neither the argument nor, for a
    time zone, the problem)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("%s must be a str or None, not %s" % (name, type(value).__name__))
    problem = _c_text_problem(value)
    if problem:
        raise _TextError("%s=%s %s" % (name, _short_repr(value), problem))
    return value


def _c_text_problem(value):
    """Why the str `value` cannot be C text ("" when it can)."""
    if "\0" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return "is not UTF-8 text (%s at %d)" % (error.reason, error.start)
    return ""


def _short_repr(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "...(%d characters)" % len(
        value if isinstance(value, str) else text)


# -- output formats ------------------------------------------------------------

def _format(value):
    if isinstance(value, str):
        try:
            return FORMATS[value.lower()]
        except KeyError:
            raise ValueError("unknown format %r; expected one of %s"
                             % (value, ", ".join(FORMATS))) from None
    value = _index("format", value, "a name (%s) or a Format" % ", ".join(FORMATS))
    if not _INT32[0] <= value <= _INT32[1]:
        raise CandlewickError(Status.INVALID_ARGUMENT, "unknown format %d" % value)
    return value


# -- all of them: cw_chart_options ---------------------------------------------

def _chart_options(width=800, height=600, *, theme="classic", chart_type="candlestick",
                   show_volume=True, show_grid=True, show_axes=False, antialias=False,
                   png_preset="balanced", colors=None, price_weight=None, volume_weight=None,
                   panel_gap=None, margin=None, line_width=None, box_size=None, reversal=None,
                   label_size=None, time_zone=None):
    """A cw_chart_options from :class:`Chart`'s arguments (the same names,
    defaults and checks), the time zone (a str or None, passed next to the
    options: the struct does not keep the text) and the layout values
    given, for messages.  Raises as Chart does before the library sees the
    options."""
    time_zone = _c_string("time_zone", time_zone)
    width = _index("width", width, "an integer number of pixels")
    height = _index("height", height, "an integer number of pixels")
    theme = _lookup(Theme, theme, THEMES, "theme")
    chart_type = _lookup(ChartType, chart_type, CHART_TYPES, "chart type")
    png_preset = _lookup(PngPreset, png_preset, PNG_PRESETS, "PNG preset")
    # The C fields are uint32: anything beyond is out of range as well.
    if not (0 <= width <= 0xFFFFFFFF and 0 <= height <= 0xFFFFFFFF):
        raise _size_error(width, height)

    options = lowlevel.cw_chart_options()
    lowlevel.cw_chart_options_init(options)
    options.width = width
    options.height = height
    options.theme = theme
    options.type = chart_type
    options.show_volume = int(bool(show_volume))
    options.show_grid = int(bool(show_grid))
    options.show_axes = int(bool(show_axes))
    options.antialias = int(bool(antialias))
    options.png_preset = png_preset
    if colors is not None:
        missing = [key for key in _COLOR_KEYS if key not in colors]
        unknown = [key for key in colors if key not in _COLOR_KEYS]
        if missing or unknown:
            raise ValueError("colors needs exactly the keys %s (missing %s, unknown %s)"
                             % (", ".join(_COLOR_KEYS), missing, unknown))
        options.use_custom_colors = 1
        for key in _COLOR_KEYS:
            setattr(options, key, _color(key, colors[key]))

    layout = {"price_weight": price_weight, "volume_weight": volume_weight,
              "panel_gap": panel_gap, "margin": margin, "line_width": line_width,
              "box_size": box_size, "reversal": reversal, "label_size": label_size}
    given = {}
    for name, kind in _LAYOUT_FIELDS.items():
        if layout[name] is not None:
            given[name] = _layout_value(name, kind, layout[name])
            setattr(options, name, given[name])

    return options, time_zone, given
