//! charta publishes a company's policies as a static, multilingual, versioned website.
//!
//! The build is a pipeline, one module per stage, data flowing one way
//! ([`pipeline`] runs them, the same way for every command):
//!
//! 1. [`sources`] reads the site's files into memory;
//! 2. [`model`] validates the YAML structure into a typed [`model::Site`];
//! 3. [`localize`] resolves every Fluent message for every language;
//! 4. [`plan`] decides every page, address and link of the site on the build date;
//! 5. [`render`] turns Markdown, structure and templates into pages;
//! 6. [`output`] writes the pages to a fresh folder and swaps it into place.
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
pub mod error;
pub mod frozen;
pub mod import;
pub mod ledger;
pub mod lifecycle;
pub mod localize;
pub mod model;
pub mod output;
mod parallel;
pub mod pipeline;
pub mod plan;
pub mod release;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod script;
pub mod serve;
pub mod sources;
pub mod timings;
pub mod translation;

pub use error::Error;
pub use pipeline::{Checked, RunOptions};
pub use timings::Timings;

use std::path::{Path, PathBuf};

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
    /// Ask search engines to leave every page out (a preview build).
    pub noindex: bool,
    /// Typeset the PDFs, when the site has them.
    pub pdf: bool,
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
    /// The next day the site changes by itself (an upcoming version takes
    /// effect), and the documents concerned: it must be built again then.
    pub next_change: Option<(date::EffectiveDate, Vec<String>)>,
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
    pipeline::Pipeline::run(root, &options, pages).map(|(checked, _)| checked)
}

/// Builds the site and writes it to `options.out`; on any problem nothing is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let render_options = RunOptions {
        today: options.date,
        drafts: options.drafts,
        base_url: options.base_url.clone(),
        noindex: options.noindex,
        pdf: options.pdf,
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
        next_change: checked.next_change,
    })
}
