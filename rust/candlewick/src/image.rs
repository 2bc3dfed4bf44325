//! The `image` feature: render straight into an `image::RgbaImage`.

use image::RgbaImage;

use crate::{Chart, ChartData, Format, Result};

impl Chart {
    /// Renders `data` into a new [`RgbaImage`] of the chart's size. The
    /// pixels are written once, by the library, into the image's own
    /// buffer.
    ///
    /// ```no_run
    /// use candlewick::{Chart, ChartData, ChartOptions, Ohlcv};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let (open, high, low, close) = ([10.0, 10.5], [11.0, 11.2], [9.8, 10.1], [10.5, 10.9]);
    /// let mut chart = Chart::new(&ChartOptions::new().size(320, 200))?;
    /// let image = chart.render_image(&ChartData::new(&Ohlcv::new(&open, &high, &low, &close)))?;
    /// assert_eq!(image.dimensions(), (320, 200));
    /// # Ok(())
    /// # }
    /// ```
    pub fn render_image(&mut self, data: &ChartData<'_>) -> Result<RgbaImage> {
        let info = self.frame_info();
        let mut image = RgbaImage::new(info.width, info.height);
        self.render_into_image(data, &mut image)?;
        Ok(image)
    }

    /// Renders `data` into the top-left corner of `image`, which must be at
    /// least as large as the chart (pixels outside the chart's frame are
    /// left alone).
    ///
    /// Errors: [`Status::BufferTooSmall`](crate::Status::BufferTooSmall) for
    /// a smaller image, and [`Chart::render_frame`]'s.
    pub fn render_into_image(&mut self, data: &ChartData<'_>, image: &mut RgbaImage) -> Result<()> {
        let row_stride = image.width() as usize * 4;
        self.render_frame(data, Format::Rgba8, image, row_stride)
    }
}
