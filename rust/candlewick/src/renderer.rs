//! The thread-safe renderer (`cw_renderer`) and batch rendering.

use std::ffi::c_char;
use std::fmt;
use std::mem::size_of;
use std::ptr::{self, NonNull};

use crate::buffer::{self, Buffer};
use crate::chart::RawChartData;
use crate::error::{Error, Result, Status, check, message_from_buffer};
use crate::sys;
use crate::{ChartData, ChartOptions, Format, Stats};

font_options! {
    /// Options of a [`Renderer`]: the library's defaults
    /// (`cw_renderer_options_init`: a 64 MiB cache, the embedded font), changed
    /// by the methods below. `'a` is the lifetime of a custom font's bytes
    /// (copied by the library at create).
    RendererOptions(cw_renderer_options) = cw_renderer_options_init;

    /// A TrueType/OpenType font for every chart's labels instead of the
    /// embedded DejaVu Sans (copied at create).
    fn font;
}

impl<'a> RendererOptions<'a> {
    /// The most memory idle charts may hold, measured through the allocator
    /// (0: keep nothing; every call makes and destroys its chart).
    pub fn max_cache_bytes(mut self, bytes: u64) -> Self {
        self.raw.max_cache_bytes = bytes;
        self
    }

    /// The C struct (`cw_renderer_options`).
    pub fn as_raw(&self) -> &sys::cw_renderer_options {
        &self.raw
    }
}

impl fmt::Debug for RendererOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RendererOptions")
            .field("max_cache_bytes", &self.raw.max_cache_bytes)
            .field("font_data_size", &self.raw.font_data_size)
            .finish()
    }
}

/// One chart for [`Renderer::render_batch`]: what to draw, borrowed for the
/// call. Many jobs may share options and data.
#[derive(Clone, Copy, Debug)]
pub struct RenderJob<'j> {
    options: &'j ChartOptions<'j>,
    data: &'j ChartData<'j>,
    format: Format,
    webp_quality: f32,
}

impl<'j> RenderJob<'j> {
    /// A job rendering `data` under `options` (without a font: the
    /// renderer's is used) in `format`.
    pub fn new(options: &'j ChartOptions<'j>, data: &'j ChartData<'j>, format: Format) -> Self {
        RenderJob { options, data, format, webp_quality: 90.0 }
    }

    /// Quality of [`Format::WebpLossy`], 0..=100 (default 90).
    pub fn webp_quality(mut self, quality: f32) -> Self {
        self.webp_quality = quality;
        self
    }

    /// The C job for the call, pointing at `data` (this job's data as the
    /// C API takes it, which must outlive the job's use), or the error of
    /// options or data the C structs cannot carry.
    fn raw(&self, data: &RawChartData<'_>) -> Result<sys::cw_render_job> {
        let mut job = raw_job(self.options, data, self.format)?;
        job.webp_quality = self.webp_quality;
        Ok(job)
    }
}

/// A C job of `options`, `data` and `format`, pointing at `options` and
/// `data`; errors as [`ChartOptions::checked_raw`].
fn raw_job(
    options: &ChartOptions<'_>,
    data: &RawChartData<'_>,
    format: Format,
) -> Result<sys::cw_render_job> {
    let mut job = sys::cw_render_job::default();
    // SAFETY: init writes a job we own; options and data are valid borrows
    // for as long as the job is used (the call that takes it).
    unsafe {
        sys::cw_render_job_init(&mut job, options.checked_raw()?, data.as_raw(), format.code())
    };
    Ok(job)
}

/// A job's result: its output, or its own status and message.
fn job_result(job: &sys::cw_render_job) -> Result<Buffer> {
    let message = || {
        // SAFETY: c_char and u8 have the same size and alignment; the
        // message field is a NUL-terminated array the job owns.
        let bytes = unsafe {
            std::slice::from_raw_parts(job.message.as_ptr().cast::<u8>(), job.message.len())
        };
        message_from_buffer(bytes)
    };
    check(job.status, message)?;
    buffer::take(job.output)
}

/// A reading of a renderer's cache and threads (`cw_renderer_info`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RendererInfo {
    /// The bound.
    pub max_cache_bytes: u64,
    /// Bytes held by idle charts now (at most the bound).
    pub cached_bytes: u64,
    /// Idle charts.
    pub cached_charts: u64,
    /// Charts lent to calls running now.
    pub charts_in_use: u64,
    /// Calls that found an idle chart.
    pub hits: u64,
    /// Calls that made a chart.
    pub misses: u64,
    /// Charts destroyed to respect the bound.
    pub evictions: u64,
    /// The renderer's own memory outside the bound.
    pub overhead_bytes: u64,
    /// Worker threads started.
    pub worker_threads: u32,
}

/// A renderer for many threads: one handle, shared (`&Renderer`, e.g. in an
/// `Arc`) by any number of threads rendering at once, each call naming its
/// own [`ChartOptions`], [`ChartData`] and [`Format`]. Behind it is a
/// bounded cache of charts per option set, so a warm call allocates only
/// its output. Outputs are byte for byte what a [`Chart`](crate::Chart) with
/// the same options renders.
///
/// ```
/// use candlewick::{ChartData, ChartOptions, Format, Ohlcv, RenderJob, Renderer, RendererOptions};
///
/// # fn main() -> candlewick::Result<()> {
/// let (open, high, low, close) = ([10.0, 10.5], [11.0, 11.2], [9.8, 10.1], [10.5, 10.9]);
/// let series = Ohlcv::new(&open, &high, &low, &close);
/// let data = ChartData::new(&series);
/// let renderer = Renderer::new(&RendererOptions::new().max_cache_bytes(64 << 20))?;
/// let small = ChartOptions::new().size(320, 200);
/// let png = renderer.render(&small, &data, Format::Png)?;
/// let jobs = [RenderJob::new(&small, &data, Format::Svg), RenderJob::new(&small, &data, Format::Png)];
/// let results = renderer.render_batch(&jobs, 0)?; // one Result per job
/// assert!(results[1].as_ref().unwrap()[..] == png[..]);
/// # Ok(())
/// # }
/// ```
pub struct Renderer {
    raw: NonNull<sys::cw_renderer>,
    // The stats handle attached, kept alive while attached.
    stats: Option<Stats>,
}

// SAFETY: the header: "any number of threads may call it at once" (render,
// render_batch, get_info, clear_cache, attach_stats are thread-safe), and
// destroy may run on any thread once no call is running (Drop has &mut).
unsafe impl Send for Renderer {}
// SAFETY: as above: every &self method is a thread-safe C call.
unsafe impl Sync for Renderer {}

impl Renderer {
    /// Creates a renderer.
    ///
    /// Errors: [`Status::InvalidArgument`] for font bytes FreeType cannot
    /// load (with the library's explanation), [`Status::OutOfMemory`].
    pub fn new(options: &RendererOptions<'_>) -> Result<Renderer> {
        let mut why = [0 as c_char; 256];
        // SAFETY: options is complete; the message buffer is ours.
        let status = unsafe {
            sys::cw_renderer_options_validate(options.as_raw(), why.as_mut_ptr(), why.len())
        };
        check(status, || {
            // SAFETY: as in job_result: a byte view of our own array.
            message_from_buffer(unsafe {
                std::slice::from_raw_parts(why.as_ptr().cast::<u8>(), why.len())
            })
        })?;
        let mut raw = ptr::null_mut();
        // SAFETY: options is complete; out is ours.
        let status = unsafe { sys::cw_renderer_create(options.as_raw(), &mut raw) };
        check(status, || "cannot create a renderer".to_owned())?;
        let raw = NonNull::new(raw).ok_or_else(|| {
            Error::new(Status::Internal, "cw_renderer_create returned CW_OK without a renderer")
        })?;
        Ok(Renderer { raw, stats: None })
    }

    /// Renders `data` under `options` in `format` (lossy WebP at quality
    /// 90; [`render_job`](Self::render_job) chooses). Thread-safe.
    ///
    /// Errors: the job's status and message: those of
    /// [`Chart::new`](crate::Chart::new) for the options (plus
    /// [`Status::InvalidArgument`] for options with a font) and of
    /// [`Chart::render`](crate::Chart::render) for the data.
    pub fn render(
        &self,
        options: &ChartOptions<'_>,
        data: &ChartData<'_>,
        format: Format,
    ) -> Result<Buffer> {
        let data = data.to_raw()?;
        self.run(&mut raw_job(options, &data, format)?)
    }

    /// Renders one [`RenderJob`]. Thread-safe; errors as
    /// [`render`](Self::render).
    pub fn render_job(&self, job: &RenderJob<'_>) -> Result<Buffer> {
        let data = job.data.to_raw()?;
        self.run(&mut job.raw(&data)?)
    }

    fn run(&self, job: &mut sys::cw_render_job) -> Result<Buffer> {
        // SAFETY: the renderer is live (thread-safe call); the job is ours
        // and its inputs are borrowed for the call.
        unsafe { sys::cw_renderer_render(self.raw.as_ptr(), job) };
        job_result(job)
    }

    /// Renders every job in parallel on `threads` threads, the calling one
    /// included (0: every CPU this process may run on), and returns one
    /// result per job, in order: one bad job never fails the others.
    /// Thread-safe (batches and single renders share the worker threads).
    ///
    /// Errors (the batch as a whole): [`Status::InvalidArgument`] for more
    /// than 256 threads.
    pub fn render_batch(
        &self,
        jobs: &[RenderJob<'_>],
        threads: u32,
    ) -> Result<Vec<Result<Buffer>>> {
        // Each job's data as C takes it, alive until the batch returns; a
        // job whose options or data C cannot carry is not sent, and fails
        // alone.
        let data: Vec<Result<RawChartData<'_>>> = jobs.iter().map(|j| j.data.to_raw()).collect();
        let prepared: Vec<Result<sys::cw_render_job>> = jobs
            .iter()
            .zip(&data)
            .map(|(job, data)| job.raw(data.as_ref().map_err(Clone::clone)?))
            .collect();
        let mut raw: Vec<sys::cw_render_job> =
            prepared.iter().filter_map(|j| j.as_ref().ok().copied()).collect();
        let mut options = sys::cw_batch_options::default();
        // SAFETY: init writes a struct we own.
        unsafe { sys::cw_batch_options_init(&mut options) };
        options.threads = threads;
        let mut failed = 0usize;
        // SAFETY: the renderer is live; the jobs array is ours, initialised
        // by cw_render_job_init, with inputs borrowed for the call.
        let status = unsafe {
            sys::cw_renderer_render_batch(
                self.raw.as_ptr(),
                raw.as_mut_ptr(),
                raw.len(),
                &options,
                &mut failed,
            )
        };
        check(status, || format!("the batch could not run ({threads} threads)"))?;
        let mut sent = raw.iter().map(job_result);
        Ok(prepared
            .into_iter()
            .map(|job| match job {
                Ok(_) => sent.next().expect("one result per job sent"),
                Err(e) => Err(e),
            })
            .collect())
    }

    /// The cache's figures now.
    pub fn info(&self) -> RendererInfo {
        let mut raw = sys::cw_renderer_info {
            struct_size: size_of::<sys::cw_renderer_info>(),
            ..Default::default()
        };
        // SAFETY: the renderer is live; info is ours with its size set. It
        // cannot fail then.
        unsafe { sys::cw_renderer_get_info(self.raw.as_ptr(), &mut raw) };
        RendererInfo {
            max_cache_bytes: raw.max_cache_bytes,
            cached_bytes: raw.cached_bytes,
            cached_charts: raw.cached_charts,
            charts_in_use: raw.charts_in_use,
            hits: raw.hits,
            misses: raw.misses,
            evictions: raw.evictions,
            overhead_bytes: raw.overhead_bytes,
            worker_threads: raw.worker_threads,
        }
    }

    /// Destroys every idle chart; calls running now keep theirs.
    pub fn clear_cache(&self) {
        // SAFETY: the renderer is live; thread-safe.
        unsafe { sys::cw_renderer_clear_cache(self.raw.as_ptr()) };
    }

    /// Makes every call record itself in `stats` (`None` detaches): single
    /// renders as render/encode, each batch job as batch. `&mut self`: no
    /// call runs meanwhile, so the previous stats handle, released here, is
    /// written by no one afterwards. The renderer keeps a clone of `stats`.
    pub fn attach_stats(&mut self, stats: Option<&Stats>) -> Result<()> {
        // SAFETY: the renderer is live; the stats handle lives at least as
        // long as the clone kept below.
        let attach = |raw| unsafe { sys::cw_renderer_attach_stats(self.raw.as_ptr(), raw) };
        self.stats = Stats::attach_with(stats, attach, || "cannot attach stats".to_owned())?;
        Ok(())
    }

    /// The `cw_renderer` handle, for calling `candlewick_sys` directly (it
    /// stays owned by this `Renderer`).
    pub fn as_ptr(&self) -> *mut sys::cw_renderer {
        self.raw.as_ptr()
    }
}

impl Drop for Renderer {
    fn drop(&mut self) {
        // SAFETY: we own the handle and no call on it is running (&mut).
        // The stats clone is dropped after this.
        unsafe { sys::cw_renderer_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Renderer").field("info", &self.info()).finish()
    }
}
