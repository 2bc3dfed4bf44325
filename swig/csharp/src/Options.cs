using System;
using Candlewick.Native;

namespace Candlewick
{
    // The public enumerations take their values from the SWIG-generated enums
    // of the header (cw_theme, ...): no number is copied by hand.

    public enum Theme
    {
        Classic = cw_theme.CW_THEME_CLASSIC,          // black background, green up, red down (default)
        Modern = cw_theme.CW_THEME_MODERN,            // #1E1E1E, #26A69A, #EF5350
        TradingView = cw_theme.CW_THEME_TRADINGVIEW,  // #131722, #089981, #F23645
        Light = cw_theme.CW_THEME_LIGHT,              // white, #26A69A, #EF5350
    }

    public enum ChartType
    {
        Candlestick = cw_chart_type.CW_CHART_CANDLESTICK,
        Hollow = cw_chart_type.CW_CHART_HOLLOW,
        Ohlc = cw_chart_type.CW_CHART_OHLC,
        Line = cw_chart_type.CW_CHART_LINE,
        Area = cw_chart_type.CW_CHART_AREA,
        HeikinAshi = cw_chart_type.CW_CHART_HEIKIN_ASHI,
        Renko = cw_chart_type.CW_CHART_RENKO,
        PointFigure = cw_chart_type.CW_CHART_POINT_FIGURE,
    }

    public enum PngPreset
    {
        Fastest = cw_png_preset.CW_PNG_FASTEST,
        Balanced = cw_png_preset.CW_PNG_BALANCED,
        Smallest = cw_png_preset.CW_PNG_SMALLEST,
    }

    /// <summary>Output formats of Chart.Render.</summary>
    public enum Format
    {
        Rgba = cw_format.CW_FORMAT_RGBA8,       // raw frame, 4 bytes per pixel, rows top to bottom
        Rgb = cw_format.CW_FORMAT_RGB8,         // raw frame, 3 bytes per pixel
        Indexed = cw_format.CW_FORMAT_INDEXED8, // raw frame, palette indices (crisp charts; Chart.Palette)
        Png = cw_format.CW_FORMAT_PNG,
        WebP = cw_format.CW_FORMAT_WEBP_LOSSLESS,
        WebPLossy = cw_format.CW_FORMAT_WEBP_LOSSY,
        Svg = cw_format.CW_FORMAT_SVG,
    }

    /// <summary>The six colours that replace a theme's (0xRRGGBBAA, opaque).</summary>
    public sealed class Colors
    {
        public uint Background, Up, Down, Grid, Text, Axis;

        /// <summary>The default theme's (Classic's) colours, to change some of them.</summary>
        public static Colors Default()
        {
            using (cw_chart_options o = ChartOptions.NativeDefaults())
            {
                return new Colors { Background = o.background, Up = o.up, Down = o.down, Grid = o.grid,
                                    Text = o.text, Axis = o.axis };
            }
        }
    }

    /// <summary>Options of a chart; a new instance holds the library's defaults
    /// (cw_chart_options_init): 800 x 600 crisp candlesticks, classic theme, volume
    /// and grid.  Read, not retained, by the Chart constructor.</summary>
    public sealed class ChartOptions
    {
        public int Width { get; set; }
        public int Height { get; set; }
        public ChartType Type { get; set; }
        public Theme Theme { get; set; }
        public bool ShowVolume { get; set; }
        public bool ShowGrid { get; set; }
        public bool ShowAxes { get; set; }
        /// <summary>Blend lines and text by coverage; off, every pixel is a palette colour.</summary>
        public bool Antialias { get; set; }
        public PngPreset PngPreset { get; set; }
        /// <summary>null: the theme's colours.</summary>
        public Colors CustomColors { get; set; }
        public float PriceWeight { get; set; }
        public float VolumeWeight { get; set; }
        public int PanelGap { get; set; }
        public int Margin { get; set; }
        public float LineWidth { get; set; }
        /// <summary>Renko and point-and-figure box; 0 = ATR(14).</summary>
        public double BoxSize { get; set; }
        public int Reversal { get; set; }
        public int LabelSize { get; set; }
        /// <summary>A TrueType/OpenType file for the labels (copied at create); null: DejaVu Sans.</summary>
        public byte[] Font { get; set; }
        /// <summary>The IANA zone the time axis is labelled in ("America/New_York",
        /// "Europe/London"; Series.Time stays UTC seconds), read from the system's
        /// zoneinfo; null or "" (default): UTC.  Loaded by the Chart constructor (and by a
        /// Renderer for each job), where an unknown name throws InvalidArgument with a
        /// message naming it; a name containing a NUL character throws InvalidArgument.</summary>
        public string TimeZone { get; set; }

        public ChartOptions()
        {
            using (cw_chart_options o = NativeDefaults())
            {
                Width = checked((int)o.width);
                Height = checked((int)o.height);
                Type = (ChartType)o.type;
                Theme = (Theme)o.theme;
                ShowVolume = o.show_volume != 0;
                ShowGrid = o.show_grid != 0;
                ShowAxes = o.show_axes != 0;
                Antialias = o.antialias != 0;
                PngPreset = (PngPreset)o.png_preset;
                PriceWeight = o.price_weight;
                VolumeWeight = o.volume_weight;
                PanelGap = o.panel_gap;
                Margin = o.margin;
                LineWidth = o.line_width;
                BoxSize = o.box_size;
                Reversal = o.reversal;
                LabelSize = o.label_size;
            }
        }

        internal static cw_chart_options NativeDefaults()
        {
            cw_chart_options o = new cw_chart_options();
            NativeMethods.cw_chart_options_init(o);
            return o;
        }

        /// <summary>The C struct, filled field by field through SWIG's setters, with the
        /// font and the time zone's name pinned by `pins` for the create call.</summary>
        internal cw_chart_options ToNative(Pins pins)
        {
            if (Width < 0 || Height < 0)
                throw new CandlewickException("Chart", Status.SizeOutOfRange,
                                              string.Format("{0}x{1}: negative size", Width, Height));
            cw_chart_options o = NativeDefaults();
            o.width = (uint)Width;
            o.height = (uint)Height;
            o.type = (int)Type;
            o.theme = (int)Theme;
            o.show_volume = ShowVolume ? 1 : 0;
            o.show_grid = ShowGrid ? 1 : 0;
            o.show_axes = ShowAxes ? 1 : 0;
            o.antialias = Antialias ? 1 : 0;
            o.png_preset = (int)PngPreset;
            if (CustomColors != null)
            {
                o.use_custom_colors = 1;
                o.background = CustomColors.Background;
                o.up = CustomColors.Up;
                o.down = CustomColors.Down;
                o.grid = CustomColors.Grid;
                o.text = CustomColors.Text;
                o.axis = CustomColors.Axis;
            }
            o.price_weight = PriceWeight;
            o.volume_weight = VolumeWeight;
            o.panel_gap = PanelGap;
            o.margin = Margin;
            o.line_width = LineWidth;
            o.box_size = BoxSize;
            o.reversal = Reversal;
            o.label_size = LabelSize;
            if (Font != null && Font.Length > 0)
            {
                o.font_data = pins.Pin(Font);
                o.font_data_size = (ulong)Font.Length;
            }
            o.time_zone = pins.CheckedText(TimeZone, "Chart", "time zone");
            return o;
        }
    }
}
