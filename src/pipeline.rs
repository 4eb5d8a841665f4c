//! The one way through the stages, shared by every command: read → model →
//! localize → plan → render. `build`, `check` and `serve` go all the way;
//! `diff`, `review` and `release` stop where they have what they need.
//!
//! Each stage goes as far as the sources allow, so one run reports every
//! problem: a broken document does not hide a missing translation in another.

use crate::date::{EffectiveDate, Today};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::localize::Localized;
use crate::model::Site;
use crate::plan::{Plan, PlanOptions};
use crate::render::{Pages, Theme};
use crate::sources::SiteSources;
use crate::timings::Timings;
use crate::translation::LanguageStatus;
use std::path::Path;
use std::time::Instant;

/// What the whole pipeline is asked to do.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The day that stands for today; read in the site's legal time zone
    /// when it comes from the clock.
    pub today: Today,
    /// Whether to publish the working drafts.
    pub drafts: bool,
    /// An address to publish at instead of `base_url` (a fork, a preview
    /// deployment), already checked by [`crate::model::base_url`].
    pub base_url: Option<String>,
    /// Ask search engines to leave every page out (a preview build).
    pub noindex: bool,
    /// Typeset the PDFs, when the site has them (`build`; `check`, `serve`
    /// and the other commands leave them out).
    pub pdf: bool,
}

/// Everything the pipeline found, with the pages it could render.
#[derive(Debug)]
pub struct Checked {
    /// The rendered site.
    pub pages: Pages,
    /// Every problem and warning of every stage.
    pub diagnostics: Diagnostics,
    /// The state of each language's translation of the drafts.
    pub translations: Vec<LanguageStatus>,
    /// How long each stage took.
    pub timings: Timings,
    /// The next day the site changes by itself (an upcoming version takes
    /// effect), and the documents concerned: it must be built again then.
    pub next_change: Option<(EffectiveDate, Vec<String>)>,
}

/// A site on its way through the stages: what each stage made so far, and
/// every problem found.
pub struct Pipeline {
    /// Every source file, read.
    pub sources: SiteSources,
    /// The typed site, when its structure is sound.
    pub site: Option<Site>,
    /// Every message resolved, once [`Pipeline::localize`] ran.
    pub localized: Option<Localized>,
    /// Problems and warnings of every stage run.
    pub diagnostics: Diagnostics,
    /// How long each stage took.
    pub timings: Timings,
    /// The next day the site changes by itself, once planned.
    pub next_change: Option<(EffectiveDate, Vec<String>)>,
    clock: Instant,
}

impl Pipeline {
    /// Reads the site and validates it into the typed model. Only an
    /// unreadable site is an `Err`; problems are in `diagnostics`.
    pub fn model(root: &Path, base_url: Option<&str>) -> Result<Pipeline, Error> {
        let mut timings = Timings::default();
        let mut clock = Instant::now();
        let sources = crate::sources::read(root)?;
        timings.add("read", clock.elapsed());
        clock = Instant::now();
        let (mut site, diagnostics) = crate::model::validate(&sources);
        if let (Some(site), Some(url)) = (&mut site, base_url) {
            site.settings.base_url = url.to_owned();
        }
        let mut pipeline = Pipeline {
            sources,
            site,
            localized: None,
            diagnostics,
            timings,
            next_change: None,
            clock,
        };
        pipeline.lap("parse and check");
        Ok(pipeline)
    }

    /// Adds the time since the last lap to a phase.
    fn lap(&mut self, phase: &'static str) {
        self.timings.add(phase, self.clock.elapsed());
        self.clock = Instant::now();
    }

    /// Resolves every message (once); `None` when the site could not be modelled.
    pub fn localize(&mut self) -> Option<&Localized> {
        if self.localized.is_none() {
            let site = self.site.as_ref()?;
            let (localized, found) = crate::localize::localize(site, &self.sources);
            self.diagnostics.extend(found);
            self.localized = Some(localized);
            self.lap("resolve messages");
        }
        self.localized.as_ref()
    }

    /// Plans and renders the site into `pages`, adding what rendering finds.
    /// Returns the pages unchanged when the site could not be modelled.
    pub fn render(&mut self, options: PlanOptions, pages: Pages) -> Pages {
        self.localize();
        let (Some(site), Some(localized)) = (&self.site, &self.localized) else {
            return pages;
        };
        let rendered = plan_and_render(site, &self.sources, localized, options, pages);
        let (pages, found, timings) = (rendered.pages, rendered.diagnostics, rendered.timings);
        self.next_change = rendered.next_change;
        self.diagnostics.extend(found);
        self.lap("render");
        // The render stage's own split, within "render".
        self.timings.extend(timings);
        pages
    }

    /// The whole pipeline: every stage and every check of the drafts.
    pub fn run(
        root: &Path,
        options: &RunOptions,
        pages: Pages,
    ) -> Result<(Checked, Pipeline), Error> {
        let mut pipeline = Pipeline::model(root, options.base_url.as_deref())?;
        let Some(time_zone) = pipeline.site.as_ref().map(|s| s.settings.time_zone.clone()) else {
            let checked = Checked {
                pages,
                diagnostics: std::mem::take(&mut pipeline.diagnostics),
                translations: Vec::new(),
                timings: pipeline.timings.clone(),
                next_change: None,
            };
            return Ok((checked, pipeline));
        };
        let plan_options = PlanOptions {
            today: options.today.resolve(&time_zone),
            drafts: options.drafts,
            noindex: options.noindex,
            pdf: options.pdf,
        };
        let pages = pipeline.render(plan_options, pages);
        let mut translations = Vec::new();
        if let (Some(site), Some(localized)) = (&pipeline.site, &pipeline.localized) {
            let (status, found) =
                crate::translation::translation_status(site, &pipeline.sources, localized);
            translations = status;
            pipeline.diagnostics.extend(found);
            let renamed = crate::release::renamed_ids(site, &pipeline.sources, localized);
            pipeline.diagnostics.extend(renamed);
            pipeline.lap("check translations");
        }
        let checked = Checked {
            pages,
            diagnostics: std::mem::take(&mut pipeline.diagnostics),
            translations,
            timings: pipeline.timings.clone(),
            next_change: pipeline.next_change.clone(),
        };
        Ok((checked, pipeline))
    }
}

/// What the stages after localizing made.
pub struct Rendered {
    /// The files.
    pub pages: Pages,
    /// What planning and rendering found.
    pub diagnostics: Diagnostics,
    /// How long the parts of rendering took.
    pub timings: Timings,
    /// The next day the site changes by itself, and the documents concerned.
    pub next_change: Option<(EffectiveDate, Vec<String>)>,
}

/// Plans the site and renders every page of the plan: the stages after
/// localizing, for a caller that holds the earlier stages' products.
pub fn plan_and_render(
    site: &Site,
    sources: &SiteSources,
    localized: &Localized,
    options: PlanOptions,
    pages: Pages,
) -> Rendered {
    let theme = match Theme::load(site, sources) {
        Ok(theme) => theme,
        Err(found) => {
            return Rendered {
                pages,
                diagnostics: found,
                timings: Timings::default(),
                next_change: None,
            };
        }
    };
    let mut plan = Plan::new(site, localized, options);
    let mut diagnostics = plan.add_files(theme.assets.keys(), theme.files.keys());
    diagnostics.extend(plan.findings().clone());
    let (pages, found, timings) = crate::render::render(site, localized, &theme, &plan, pages);
    diagnostics.extend(found);
    let next_change = plan
        .next_change()
        .map(|(date, docs)| (date, docs.into_iter().map(str::to_owned).collect()));
    Rendered {
        pages,
        diagnostics,
        timings,
        next_change,
    }
}
