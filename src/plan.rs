//! Stage 4 of the build: the plan of the site.
//!
//! Between localizing and rendering, the plan decides once per build what
//! the site is on the build date: each document's [`Timeline`] (which
//! version is current, upcoming, archived, and when each was in force) and
//! every [`Page`] the site has, in which languages. Rendering, links,
//! language switches, `hreflang`, the sitemap, feeds and `serve`'s preview
//! all read it, so they cannot disagree: a link is made only by
//! [`Plan::href`], which refuses a page that is not in the plan.
//!
//! Adding a page kind means a [`Page`] variant (its address), a line in
//! [`Plan::new`] (when it exists) and the code that renders it.

use crate::date::EffectiveDate;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::Localized;
use crate::model::{DiffPairs, Document, Locale, Site, VersionKey};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Where a version stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In force.
    Current,
    /// Released, taking effect later.
    Upcoming,
    /// Replaced by a later version.
    Archived,
    /// The working draft.
    Draft,
}

/// A released version on its document's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The version.
    pub key: VersionKey,
    /// The day it takes effect.
    pub effective: EffectiveDate,
    /// Where it stands on the build date.
    pub status: Status,
    /// The last day it is in force: the day before the next version takes
    /// effect (`None` for the newest).
    pub until: Option<EffectiveDate>,
}

/// A document's versions as they stand on the build date.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Released versions, oldest first.
    released: Vec<Period>,
    /// The version in force, if one is.
    current: Option<VersionKey>,
}

impl Timeline {
    /// The timeline of `doc` on `today`.
    pub fn new(doc: &Document, today: EffectiveDate) -> Timeline {
        let current = doc.current(today).map(|v| v.key);
        let released = doc
            .released
            .iter()
            .enumerate()
            .map(|(i, v)| Period {
                key: v.key,
                effective: v.effective,
                status: if v.effective > today {
                    Status::Upcoming
                } else if Some(v.key) == current {
                    Status::Current
                } else {
                    Status::Archived
                },
                until: doc
                    .released
                    .get(i + 1)
                    .map(|next| next.effective.previous_day()),
            })
            .collect();
        Timeline { released, current }
    }

    /// The version in force.
    pub fn current(&self) -> Option<VersionKey> {
        self.current
    }

    /// Released versions, oldest first.
    pub fn released(&self) -> &[Period] {
        &self.released
    }

    /// A version's period; `None` for the draft or an unknown version.
    pub fn period(&self, key: VersionKey) -> Option<&Period> {
        self.released.iter().find(|p| p.key == key)
    }

    /// Where a version stands.
    pub fn status(&self, key: VersionKey) -> Status {
        self.period(key).map_or(Status::Draft, |p| p.status)
    }

    /// Released versions that take effect later, soonest first.
    pub fn upcoming(&self) -> impl Iterator<Item = &Period> {
        self.released
            .iter()
            .filter(|p| p.status == Status::Upcoming)
    }

    /// The version released just before `key` (for the draft: the latest).
    pub fn previous(&self, key: VersionKey) -> Option<VersionKey> {
        self.released.iter().rev().map(|p| p.key).find(|k| *k < key)
    }
}

/// A document's id, as its addresses spell it. Shared with its
/// [`Document`](crate::model::Document): every page of the plan names one.
pub type Slug = std::sync::Arc<str>;

/// Every kind of file the site has, with what names it. Its address follows
/// from the variant alone ([`Page::address`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    /// `/`: the language chooser; on a one-language site, that language's
    /// list of documents.
    Home,
    /// `404.html`, served at any depth.
    NotFound,
    /// `<lang>/`: a language's documents.
    Index(Locale),
    /// `<lang>/<doc>/`: the version in force.
    Document(Locale, Slug),
    /// `<lang>/<doc>/<date>/` (`draft/` for the draft): one version.
    Version(Locale, Slug, VersionKey),
    /// `<lang>/<doc>/versions/`: every version.
    History(Locale, Slug),
    /// `<lang>/<doc>/feed.xml`: the Atom feed of versions.
    Feed(Locale, Slug),
    /// `<lang>/<doc>/<date>.json`: a version for machines.
    Export(Locale, Slug, VersionKey),
    /// `<lang>/<doc>/<date>.pdf`: a version to print, send and file (when
    /// the site asks for PDFs).
    Pdf(Locale, Slug, VersionKey),
    /// `<lang>/<doc>/diff/<from>...<to>/`: what changed between two versions.
    Comparison(Locale, Slug, VersionKey, VersionKey),
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `charta.json`: what the site was built for and when it next changes.
    Status,
    /// `assets/<path>`: a file of the theme.
    Asset(String),
    /// `<path>`: a file of the site's `static/` folder, at the root.
    Static(String),
}

impl Page {
    /// The page's address relative to the site's base URL: a folder
    /// (`ja/privacy/`) for HTML pages, a file name otherwise.
    pub fn address(&self) -> String {
        match self {
            Page::Home => String::new(),
            Page::NotFound => "404.html".to_owned(),
            Page::Index(l) => format!("{l}/"),
            Page::Document(l, d) => format!("{l}/{d}/"),
            Page::Version(l, d, k) => format!("{l}/{d}/{k}/"),
            Page::History(l, d) => format!("{l}/{d}/versions/"),
            Page::Feed(l, d) => format!("{l}/{d}/feed.xml"),
            Page::Export(l, d, k) => format!("{l}/{d}/{k}.json"),
            Page::Pdf(l, d, k) => format!("{l}/{d}/{k}.pdf"),
            Page::Comparison(l, d, from, to) => format!("{l}/{d}/diff/{from}...{to}/"),
            Page::Sitemap => "sitemap.xml".to_owned(),
            Page::Robots => "robots.txt".to_owned(),
            Page::Status => "charta.json".to_owned(),
            Page::Asset(path) => format!("assets/{path}"),
            Page::Static(path) => path.clone(),
        }
    }

    /// The file that holds the page, relative to the output folder.
    pub fn file(&self) -> String {
        let address = self.address();
        if address.is_empty() || address.ends_with('/') {
            address + "index.html"
        } else {
            address
        }
    }

    /// The page's language, for pages that have one.
    pub fn locale(&self) -> Option<&Locale> {
        match self {
            Page::Index(l)
            | Page::Document(l, _)
            | Page::Version(l, _, _)
            | Page::History(l, _)
            | Page::Feed(l, _)
            | Page::Export(l, _, _)
            | Page::Pdf(l, _, _)
            | Page::Comparison(l, _, _, _) => Some(l),
            _ => None,
        }
    }

    /// The same page in another language (whether it exists or not).
    pub fn in_language(&self, other: &Locale) -> Option<Page> {
        let l = other.clone();
        Some(match self {
            Page::Index(_) => Page::Index(l),
            Page::Document(_, d) => Page::Document(l, d.clone()),
            Page::Version(_, d, k) => Page::Version(l, d.clone(), *k),
            Page::History(_, d) => Page::History(l, d.clone()),
            Page::Feed(_, d) => Page::Feed(l, d.clone()),
            Page::Export(_, d, k) => Page::Export(l, d.clone(), *k),
            Page::Pdf(_, d, k) => Page::Pdf(l, d.clone(), *k),
            Page::Comparison(_, d, a, b) => Page::Comparison(l, d.clone(), *a, *b),
            _ => return None,
        })
    }

    /// Whether the page is HTML for people (what hreflang and the
    /// sitemap are about).
    fn is_reading_page(&self) -> bool {
        matches!(
            self,
            Page::Home
                | Page::Index(_)
                | Page::Document(..)
                | Page::Version(..)
                | Page::History(..)
                | Page::Comparison(..)
        )
    }
}

/// Pairs of versions (older, newer) that get a comparison page.
pub type Pairs = BTreeSet<(VersionKey, VersionKey)>;

/// Every page of the site on the build date, and each document's timeline.
#[derive(Debug)]
pub struct Plan {
    base_url: String,
    /// Languages with something to read, in the site's order.
    languages: Vec<Locale>,
    timelines: BTreeMap<Slug, Timeline>,
    pairs: BTreeMap<Slug, Pairs>,
    /// Sorted, each once: a site of many versions has tens of thousands,
    /// which a set's nodes would take half as much room again to hold.
    pages: Vec<Page>,
    /// What readers of a language miss (warnings for `check` and `build`).
    findings: Diagnostics,
    /// The build date.
    today: EffectiveDate,
    /// Whether no page is to be indexed.
    noindex: bool,
}

/// What decides the plan beyond the site itself.
#[derive(Debug, Clone, Copy)]
pub struct PlanOptions {
    /// The build date: it decides which version is current.
    pub today: EffectiveDate,
    /// Whether the working drafts are published.
    pub drafts: bool,
    /// Whether every page asks search engines to leave it out (a preview).
    pub noindex: bool,
    /// Whether the site's PDFs are made (when it has them).
    pub pdf: bool,
}

impl Plan {
    /// Plans the site. A version has pages in a language only when every
    /// one of its messages is in that language; a language is offered only
    /// when it has something to read.
    pub fn new(site: &Site, localized: &Localized, options: PlanOptions) -> Plan {
        let mut pages = BTreeSet::new();
        let mut timelines = BTreeMap::new();
        let mut pairs = BTreeMap::new();
        for doc in &site.documents {
            let timeline = Timeline::new(doc, options.today);
            let found = comparison_pairs(&timeline, site.settings.diffs, options.drafts);
            pairs.insert(doc.slug.clone(), found);
            timelines.insert(doc.slug.clone(), timeline);
        }
        let usable: Vec<&Locale> = site
            .settings
            .locales
            .iter()
            .filter(|l| localized.chrome.contains_key(*l))
            .collect();
        let mut languages = Vec::new();
        let mut findings = Diagnostics::new();
        for &locale in &usable {
            let before = pages.len();
            for doc in &site.documents {
                let slug = &doc.slug;
                let has = |key: VersionKey| {
                    localized
                        .catalog(slug, key, locale)
                        .is_some_and(|c| c.is_complete())
                };
                let l = || locale.clone();
                let timeline = &timelines[slug];
                for period in timeline.released() {
                    if has(period.key) {
                        pages.insert(Page::Version(l(), slug.clone(), period.key));
                        pages.insert(Page::Export(l(), slug.clone(), period.key));
                        if site.settings.pdf && options.pdf {
                            pages.insert(Page::Pdf(l(), slug.clone(), period.key));
                        }
                    }
                }
                if timeline.current().is_some_and(has) {
                    pages.insert(Page::Document(l(), slug.clone()));
                }
                if options.drafts && has(VersionKey::Draft) {
                    pages.insert(Page::Version(l(), slug.clone(), VersionKey::Draft));
                }
                if timeline.released().iter().any(|p| has(p.key)) {
                    pages.insert(Page::History(l(), slug.clone()));
                    pages.insert(Page::Feed(l(), slug.clone()));
                }
                for &(from, to) in &pairs[slug] {
                    if has(from) && has(to) {
                        pages.insert(Page::Comparison(l(), slug.clone(), from, to));
                    }
                }
            }
            if pages.len() > before {
                languages.push(locale.clone());
            }
            for doc in &site.documents {
                language_gaps(doc, locale, &timelines[&doc.slug], &pages, &mut findings);
            }
        }
        // A site with nothing released yet still has its languages' (empty)
        // lists, so that a first build shows where documents will appear.
        if languages.is_empty() {
            languages = usable.into_iter().cloned().collect();
        }
        for locale in &languages {
            pages.insert(Page::Index(locale.clone()));
        }
        if !languages.is_empty() {
            pages.extend([
                Page::Home,
                Page::NotFound,
                Page::Sitemap,
                Page::Robots,
                Page::Status,
            ]);
        }
        Plan {
            base_url: site.settings.base_url.clone(),
            languages,
            timelines,
            pairs,
            pages: pages.into_iter().collect(),
            findings,
            today: options.today,
            noindex: options.noindex,
        }
    }

    /// Adds the files copied as they are: the theme's assets, and the
    /// site's `static/` files, which may not take the place of a page.
    pub fn add_files<'f>(
        &mut self,
        assets: impl Iterator<Item = &'f String>,
        files: impl Iterator<Item = &'f String>,
    ) -> Diagnostics {
        let mut diags = Diagnostics::new();
        self.pages.extend(assets.map(|a| Page::Asset(a.clone())));
        self.pages.sort_unstable();
        self.pages.dedup();
        let taken: BTreeSet<String> = self.pages.iter().map(Page::file).collect();
        for file in files {
            if taken.contains(file) || file == crate::output::MARKER {
                diags.push(
                    Diagnostic::error(
                        "static-file-replaces-page",
                        format!("static/{file} would take the place of a file charta makes"),
                    )
                    .in_file(format!("static/{file}"))
                    .with_help("remove it from static/; to change how a page looks, override its template in templates/"),
                );
            } else {
                self.pages.push(Page::Static(file.clone()));
            }
        }
        self.pages.sort_unstable();
        self.pages.dedup();
        self.pages.shrink_to_fit();
        diags
    }

    /// What the readers of a language miss: a document not published in
    /// it, or an upcoming version without it.
    pub fn findings(&self) -> &Diagnostics {
        &self.findings
    }

    /// Whether the site has this page.
    pub fn contains(&self, page: &Page) -> bool {
        self.pages.binary_search(page).is_ok()
    }

    /// Every page, in address order of their kinds.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter()
    }

    /// Languages with something to read, in the site's order.
    pub fn languages(&self) -> &[Locale] {
        &self.languages
    }

    /// The site has one language: `/` shows its documents rather than a
    /// choice of one.
    pub fn is_one_language(&self) -> bool {
        self.languages.len() == 1
    }

    /// A document's timeline on the build date.
    pub fn timeline(&self, doc: &str) -> Option<&Timeline> {
        self.timelines.get(doc)
    }

    /// The pairs of a document's versions that get a comparison page (in
    /// the languages that have both versions).
    pub fn pairs(&self, doc: &str) -> Option<&Pairs> {
        self.pairs.get(doc)
    }

    /// The relative path from a page to the site's root (`../../`); from
    /// `404.html`, which is served at any depth, the base URL's path.
    pub fn root(&self, from: &Page) -> String {
        match from {
            Page::NotFound => base_path(&self.base_url),
            _ => "../".repeat(from.file().matches('/').count()),
        }
    }

    /// A link from one page to another, or `None` when the site does not
    /// have the other page: the only way links to pages are made.
    pub fn href(&self, from: &Page, to: &Page) -> Option<String> {
        self.contains(to)
            .then(|| format!("{}{}", self.root(from), to.address()))
    }

    /// Like [`Plan::href`], but a page inside the linking page's folder is
    /// linked from that folder (`privacy/` on `ja/`), as lists of documents do.
    pub fn href_inside(&self, from: &Page, to: &Page) -> Option<String> {
        let href = self.href(from, to)?;
        let (folder, target) = (from.address(), to.address());
        let is_folder = folder.is_empty() || folder.ends_with('/');
        Some(match target.strip_prefix(&folder) {
            Some(rest) if is_folder && !rest.is_empty() => rest.to_owned(),
            _ => href,
        })
    }

    /// A page's absolute address, when the site has it.
    pub fn absolute(&self, page: &Page) -> Option<String> {
        self.contains(page)
            .then(|| format!("{}{}", self.base_url, page.address()))
    }

    /// The page search engines should index instead of this one: the
    /// current version's permalink names the document's main address, and
    /// a one-language site's `/` names that language's list.
    pub fn canonical(&self, page: &Page) -> Page {
        match page {
            Page::Version(l, d, k)
                if self.timelines.get(d).and_then(Timeline::current) == Some(*k) =>
            {
                Page::Document(l.clone(), d.clone())
            }
            Page::Home if self.is_one_language() => Page::Index(self.languages[0].clone()),
            _ => page.clone(),
        }
    }

    /// The same page in every language that has it, in the site's order.
    pub fn alternates(&self, page: &Page) -> Vec<Page> {
        self.languages
            .iter()
            .filter_map(|l| page.in_language(l))
            .filter(|p| self.contains(p))
            .collect()
    }

    /// The pages a sitemap lists: reading pages that are their own
    /// canonical address and not drafts, grouped by address after the
    /// language (in address order), each with the languages it exists in.
    pub fn sitemap_groups(&self) -> BTreeMap<String, Vec<&Locale>> {
        let mut groups: BTreeMap<String, Vec<&Locale>> = BTreeMap::new();
        for locale in &self.languages {
            for page in self.pages.iter().filter(|p| p.locale() == Some(locale)) {
                let draft = matches!(page, Page::Version(_, _, VersionKey::Draft))
                    || matches!(page, Page::Comparison(_, _, from, to)
                        if *from == VersionKey::Draft || *to == VersionKey::Draft);
                let listed = page.is_reading_page() && !draft && self.canonical(page) == *page;
                if listed {
                    let address = page.address();
                    let rest = address.split_once('/').map_or("", |(_, r)| r);
                    groups.entry(rest.to_owned()).or_default().push(locale);
                }
            }
        }
        groups
    }

    /// The site's base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The build date.
    pub fn today(&self) -> EffectiveDate {
        self.today
    }

    /// Whether every page asks search engines to leave it out (a preview build).
    pub fn is_noindex(&self) -> bool {
        self.noindex
    }

    /// The next day the site changes by itself: the soonest effective date
    /// of an upcoming version, with the documents it concerns.
    pub fn next_change(&self) -> Option<(EffectiveDate, Vec<&str>)> {
        let next = self
            .timelines
            .values()
            .filter_map(|t| t.upcoming().next().map(|p| p.effective))
            .min()?;
        let documents = self
            .timelines
            .iter()
            .filter(|(_, t)| t.upcoming().next().is_some_and(|p| p.effective == next))
            .map(|(slug, _)| &**slug)
            .collect();
        Some((next, documents))
    }
}

/// Warns when a document with released versions has none in a language,
/// or when an upcoming version lacks a language its current one has.
fn language_gaps(
    doc: &Document,
    locale: &Locale,
    timeline: &Timeline,
    pages: &BTreeSet<Page>,
    findings: &mut Diagnostics,
) {
    let slug = &doc.slug;
    let has = |key: VersionKey| pages.contains(&Page::Version(locale.clone(), slug.clone(), key));
    let Some(latest) = timeline.released().last() else {
        return;
    };
    if !timeline.released().iter().any(|p| has(p.key)) {
        let target = timeline.current().unwrap_or(latest.key);
        findings.push(
            Diagnostic::warning(
                "language-unpublished",
                format!("`{slug}` has no published version in {locale}: nothing offers {locale} for it yet"),
            )
            .in_file(format!("locales/{locale}/{slug}.ftl"))
            .with_help(format!(
                "release a version with the {locale} words, or freeze a {locale} translation of version {target} \
                 without a new release: `charta add-translation {slug} {locale} --version {target} --from <folder>`"
            )),
        );
        return;
    }
    if timeline.current().is_none_or(|c| !has(c)) {
        return;
    }
    for next in timeline.upcoming().filter(|p| !has(p.key)) {
        findings.push(
            Diagnostic::warning(
                "language-gap",
                format!(
                    "version {} of `{slug}` has no {locale} translation: from {}, when it takes effect, \
                     {locale} readers have no version in force",
                    next.key, next.effective
                ),
            )
            .in_file(format!("versions/{slug}/{}", next.key))
            .with_help(format!(
                "freeze its {locale} translation: `charta add-translation {slug} {locale} --version {} --from <folder>`",
                next.key
            )),
        );
    }
}

/// The pairs of versions (older, newer) that get a comparison page, as the
/// site's `diffs` setting asks.
fn comparison_pairs(timeline: &Timeline, settings: DiffPairs, drafts: bool) -> Pairs {
    let keys: Vec<VersionKey> = timeline.released().iter().map(|p| p.key).collect();
    let mut out = Pairs::new();
    for (i, &a) in keys.iter().enumerate() {
        for &b in &keys[i + 1..] {
            if settings.all {
                out.insert((a, b));
            }
        }
        if settings.adjacent
            && let Some(&b) = keys.get(i + 1)
        {
            out.insert((a, b));
        }
    }
    if settings.current
        && let Some(current) = timeline.current()
    {
        for &a in keys.iter().filter(|k| **k < current) {
            out.insert((a, current));
        }
    }
    if drafts && let Some(&latest) = keys.last() {
        out.insert((latest, VersionKey::Draft));
    }
    out
}

/// The path part of a base URL (`/` or `/policies/`), for links that must
/// work from any depth, such as those of `404.html`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_owned(),
        None => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ja() -> Locale {
        Locale::from_tag("ja")
    }

    #[test]
    fn every_page_has_one_address_and_file() {
        let date = VersionKey::Released(EffectiveDate::parse("2026-04-01").unwrap());
        let cases = [
            (Page::Home, "", "index.html"),
            (Page::Index(ja()), "ja/", "ja/index.html"),
            (
                Page::Version(ja(), "privacy".into(), date),
                "ja/privacy/2026-04-01/",
                "ja/privacy/2026-04-01/index.html",
            ),
            (
                Page::Export(ja(), "privacy".into(), date),
                "ja/privacy/2026-04-01.json",
                "ja/privacy/2026-04-01.json",
            ),
            (
                Page::Comparison(ja(), "privacy".into(), date, VersionKey::Draft),
                "ja/privacy/diff/2026-04-01...draft/",
                "ja/privacy/diff/2026-04-01...draft/index.html",
            ),
        ];
        for (page, address, file) in cases {
            assert_eq!(page.address(), address);
            assert_eq!(page.file(), file);
        }
    }

    #[test]
    fn base_path_is_the_path_of_the_base_url() {
        assert_eq!(base_path("https://example.com/"), "/");
        assert_eq!(base_path("https://example.com/policies/"), "/policies/");
        assert_eq!(base_path("https://example.com"), "/");
    }
}
