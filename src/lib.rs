//! charta publishes a company's policies as a static, multilingual, versioned website.
//!
//! The build is a pipeline, one module per stage, data flowing one way:
//!
//! 1. [`sources`] reads the site's files into memory;
//! 2. [`model`] validates the YAML structure into a typed [`model::Site`];
//! 3. [`localize`] resolves every Fluent message for every language;
//! 4. [`render`] turns Markdown, structure and templates into pages;
//! 5. [`output`] writes the pages to a fresh folder and swaps it into place.
//!
//! Each stage reports problems in the user's files as
//! [`Diagnostic`](diagnostic::Diagnostic)s, collected across the whole site.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod check;
pub mod compare;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod frozen;
pub mod ledger;
pub mod lifecycle;
pub mod localize;
pub mod model;
pub mod output;
mod parallel;
pub mod release;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod sources;
pub mod translation;

use std::path::{Path, PathBuf};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's files have problems; each one is reported.
    #[error("the site has {} problem(s)", .0.counts().0)]
    Problems(diagnostic::Diagnostics),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The command was used wrongly.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}

/// What `charta build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// Where the site is written.
    pub out: PathBuf,
    /// The day that stands for today (which version is current).
    pub date: date::Today,
    /// Whether to publish the working drafts at `/<lang>/<doc>/draft/`.
    pub drafts: bool,
    /// Publish at this address instead of the site's `base_url`.
    pub base_url: Option<String>,
}

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// How many files were written.
    pub files: usize,
    /// Warnings found on the way (translations still to do, unused or stale words).
    pub warnings: diagnostic::Diagnostics,
    /// How long each stage took.
    pub timings: Timings,
}

/// How long each stage of a build took, in order (`build --timings`).
#[derive(Debug, Clone, Default)]
pub struct Timings(Vec<(&'static str, std::time::Duration)>);

impl Timings {
    /// Adds time to a phase, creating it at the end if new.
    pub fn add(&mut self, phase: &'static str, took: std::time::Duration) {
        match self.0.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, total)) => *total += took,
            None => self.0.push((phase, took)),
        }
    }

    /// Appends another set of timings.
    pub fn extend(&mut self, other: Timings) {
        for (phase, took) in other.0 {
            self.add(phase, took);
        }
    }

    /// The phases and their durations, in order.
    pub fn phases(&self) -> &[(&'static str, std::time::Duration)] {
        &self.0
    }
}

/// Everything the pipeline found, with the pages it could render.
#[derive(Debug)]
pub struct Checked {
    /// The rendered site, in memory.
    pub pages: render::Pages,
    /// Every problem and warning of every stage.
    pub diagnostics: diagnostic::Diagnostics,
    /// The state of each language's translation of the drafts.
    pub translations: Vec<translation::LanguageStatus>,
    /// How long each stage took.
    pub timings: Timings,
}

/// Runs the whole pipeline in memory and reports everything it finds;
/// nothing is written. Only an unreadable site is an `Err`.
///
/// Each stage goes as far as the sources allow, so one run reports every
/// problem: a broken document does not hide a missing translation in another.
///
/// With `out`, pages are written into that folder as they are rendered
/// (nothing is kept in memory); without it, they are kept in `pages`.
pub fn check_site(root: &Path, options: RunOptions, out: Option<&Path>) -> Result<Checked, Error> {
    let pages = match out {
        Some(dir) => render::Pages::writing_to(dir),
        None => render::Pages::in_memory(),
    };
    run(root, options, pages).map(|(checked, _)| checked)
}

/// What the whole pipeline is asked to do.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The day that stands for today; read in the site's legal time zone
    /// when it comes from the clock.
    pub today: date::Today,
    /// Whether to publish the working drafts.
    pub drafts: bool,
    /// An address to publish at instead of `base_url` (a fork, a preview
    /// deployment), already checked by [`model::base_url`].
    pub base_url: Option<String>,
}

/// What the pipeline made on the way to the pages, kept by `serve` to
/// preview the next edit quickly.
pub(crate) struct Products {
    pub(crate) sources: sources::SiteSources,
    pub(crate) site: model::Site,
    pub(crate) localized: localize::Localized,
}

/// The whole pipeline: [`check_site`], also handing back its products when
/// the site could be modelled.
pub(crate) fn run(
    root: &Path,
    options: RunOptions,
    pages: render::Pages,
) -> Result<(Checked, Option<Products>), Error> {
    let mut timings = Timings::default();
    let mut clock = std::time::Instant::now();
    let mut lap = |timings: &mut Timings, phase: &'static str| {
        timings.add(phase, clock.elapsed());
        clock = std::time::Instant::now();
    };
    let sources = sources::read(root)?;
    lap(&mut timings, "read");
    let (mut site, mut diagnostics) = model::validate(&sources);
    lap(&mut timings, "parse and check");
    if let (Some(site), Some(url)) = (&mut site, &options.base_url) {
        site.settings.base_url = url.clone();
    }
    let Some(site) = site else {
        let checked = Checked {
            pages,
            diagnostics,
            translations: Vec::new(),
            timings,
        };
        return Ok((checked, None));
    };
    let (localized, found) = localize::localize(&site, &sources);
    diagnostics.extend(found);
    lap(&mut timings, "resolve messages");
    let options = render::RenderOptions {
        today: options.today.resolve(&site.settings.time_zone),
        drafts: options.drafts,
    };
    let (pages, found, render_timings) =
        render::render(&site, &localized, &sources, options, pages);
    diagnostics.extend(found);
    let (translations, found) = translation::translation_status(&site, &sources, &localized);
    diagnostics.extend(found);
    diagnostics.extend(release::renamed_ids(&site, &sources, &localized));
    lap(&mut timings, "render");
    // The render stage's own split, within "render".
    timings.extend(render_timings);
    let checked = Checked {
        pages,
        diagnostics,
        translations,
        timings,
    };
    let products = Products {
        sources,
        site,
        localized,
    };
    Ok((checked, Some(products)))
}

/// Builds the site and writes it to `options.out`; on any problem nothing is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let render_options = RunOptions {
        today: options.date,
        drafts: options.drafts,
        base_url: options.base_url.clone(),
    };
    // Pages go straight into a fresh folder beside the output, which
    // replaces the output only when the whole build succeeded.
    let staging = output::Staging::begin(&options.out)?;
    let mut checked = match check_site(&options.root, render_options, Some(staging.dir())) {
        Ok(checked) => checked,
        Err(e) => {
            staging.discard();
            return Err(e);
        }
    };
    if checked.diagnostics.has_errors() {
        staging.discard();
        return Err(Error::Problems(checked.diagnostics));
    }
    if let Some(e) = checked.pages.take_error() {
        staging.discard();
        return Err(e);
    }
    let started = std::time::Instant::now();
    staging.commit()?;
    let mut timings = checked.timings;
    timings.add("write (swap into place)", started.elapsed());
    Ok(BuildReport {
        files: checked.pages.len(),
        warnings: checked.diagnostics,
        timings,
    })
}
