//! Stage 4 of the build: turn the localized site into pages.
//!
//! Takes the [`Site`] and its [`Localized`] words and produces every file of
//! the site: for each language and document the current version, a permalink
//! per released version, the version history, the draft (when asked), an
//! Atom feed and a JSON export per version; then the language chooser, the
//! document indexes, `sitemap.xml`, `robots.txt` and `404.html`.
//!
//! Message Markdown is rendered by [`markdown`], the document body by
//! [`body`], and pages by the theme's Tera templates, which see only the
//! template views of [`views`]. Hands [`Pages`] (path → bytes) to the output
//! stage.

mod body;
mod diff_page;
pub mod markdown;
mod outline;
mod syndication;
mod views;

use crate::date::EffectiveDate;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::{Catalog, Chrome, Localized, NumberKind};
use crate::model::{Document, Locale, Site, Version, VersionKey};
use crate::sources::{SiteSources, ThemeSources};
pub use body::escape;
use body::{DocumentBody, plain, plain_with, section_targets};
use markdown::Flow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use views::{
    Alternate, DocumentLink, DocumentView, LanguageChoice, PageView, SectionView, TocEntry,
    VersionLink, VersionView,
};

/// The rendered site: every output file by its path relative to the site's
/// root. Kept in memory (for `serve`), written to a folder as each page is
/// rendered (for `build`), so memory does not grow with the site, or only
/// counted (for `check`, which needs the problems, not the pages).
#[derive(Debug, Default)]
pub struct Pages {
    /// File contents by `/`-separated relative path (`ja/privacy/index.html`), in memory.
    files: BTreeMap<String, Vec<u8>>,
    /// Where pages are written instead, if they are not kept.
    dir: Option<PathBuf>,
    /// Whether pages are only counted.
    discard: bool,
    /// How many files were written to `dir`, or counted.
    written: usize,
    /// The first write that failed.
    error: Option<crate::Error>,
}

impl Pages {
    /// Pages kept in memory.
    pub fn in_memory() -> Pages {
        Pages::default()
    }

    /// Pages written into `dir` as they come.
    pub fn writing_to(dir: &Path) -> Pages {
        Pages {
            dir: Some(dir.to_path_buf()),
            ..Pages::default()
        }
    }

    /// Pages only counted, not kept.
    pub fn discarding() -> Pages {
        Pages {
            discard: true,
            ..Pages::default()
        }
    }

    /// More pages of the same kind (in memory, into the same folder, or counted).
    fn alike(&self) -> Pages {
        Pages {
            dir: self.dir.clone(),
            discard: self.discard,
            ..Pages::default()
        }
    }

    /// Adds a file.
    pub fn insert(&mut self, path: String, bytes: Vec<u8>) {
        if self.discard {
            self.written += 1;
            return;
        }
        let Some(dir) = &self.dir else {
            self.files.insert(path, bytes);
            return;
        };
        if self.error.is_some() {
            return;
        }
        let target = dir.join(&path);
        let written = match target.parent() {
            Some(parent) => {
                std::fs::create_dir_all(parent).map_err(|e| crate::Error::io(parent, e))
            }
            None => Ok(()),
        }
        .and_then(|()| std::fs::write(&target, &bytes).map_err(|e| crate::Error::io(&target, e)));
        match written {
            Ok(()) => self.written += 1,
            Err(e) => self.error = Some(e),
        }
    }

    /// Takes in the pages of another part of the site.
    fn absorb(&mut self, other: Pages) {
        self.files.extend(other.files);
        self.written += other.written;
        if self.error.is_none() {
            self.error = other.error;
        }
    }

    /// A file kept in memory.
    pub fn get(&self, path: &str) -> Option<&Vec<u8>> {
        self.files.get(path)
    }

    /// Whether a file is kept in memory.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The files kept in memory, by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Vec<u8>)> {
        self.files.iter().map(|(p, b)| (p.as_str(), b))
    }

    /// How many files there are (kept or written).
    pub fn len(&self) -> usize {
        self.files.len() + self.written
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first write that failed, if one did.
    pub fn take_error(&mut self) -> Option<crate::Error> {
        self.error.take()
    }
}

/// What to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// The day that stands for today: it decides which version is current.
    pub today: EffectiveDate,
    /// Whether to publish the working drafts at `/<lang>/<doc>/draft/`.
    pub drafts: bool,
}

/// Renders every page of the site, with every problem found.
pub fn render(
    site: &Site,
    localized: &Localized,
    sources: &SiteSources,
    options: RenderOptions,
    mut pages: Pages,
) -> (Pages, Diagnostics, crate::Timings) {
    let mut diags = Diagnostics::new();
    let theme_name = &site.settings.theme;
    let (theme, templates) = match load_theme(site, sources) {
        Ok(loaded) => loaded,
        Err(d) => return (pages, d, crate::Timings::default()),
    };
    for (path, bytes) in &theme.assets {
        pages.insert(format!("assets/{path}"), bytes.clone());
    }

    let new_renderer = || Renderer::new(site, localized, &templates, theme_name, options);
    let renderer = new_renderer();
    renderer.language_chooser(&mut pages, &mut diags);
    renderer.not_found(&mut pages, &mut diags);
    // Languages render independently: one thread each, merged in a fixed
    // order so the output stays deterministic. (Sub-phase timings are then
    // summed over the threads.)
    let locales: Vec<(&Locale, &Chrome)> = renderer.locales().collect();
    let pages_kind = pages.alike();
    let per_language = crate::parallel::each(locales, |(locale, chrome)| {
        let renderer = new_renderer();
        let (mut pages, mut diags) = (pages_kind.alike(), Diagnostics::new());
        renderer.document_index(locale, chrome, &mut pages, &mut diags);
        for doc in &site.documents {
            renderer.document(doc, locale, chrome, &mut pages, &mut diags);
        }
        (pages, diags, renderer.timings.into_inner())
    });
    let mut timings = renderer.timings.into_inner();
    for (language_pages, language_diags, language_timings) in per_language {
        pages.absorb(language_pages);
        diags.extend(language_diags);
        timings.extend(language_timings);
    }
    let started = std::time::Instant::now();
    syndication::sitemap(site, localized, options.today, &mut pages);
    syndication::robots(site, &mut pages);
    timings.add("render: feeds, sitemap, JSON", started.elapsed());
    (pages, diags, timings)
}

/// Renders again, in memory, only the pages that show a document's draft
/// words: its draft page and its comparisons with the draft, in every
/// language (`serve`'s quick preview of an edit; a full build follows).
pub fn render_draft(
    site: &Site,
    localized: &Localized,
    sources: &SiteSources,
    options: RenderOptions,
    slug: &str,
) -> (Pages, Diagnostics) {
    let mut pages = Pages::in_memory();
    let mut diags = Diagnostics::new();
    let Some(doc) = site.documents.iter().find(|d| d.slug == slug) else {
        return (pages, diags);
    };
    let templates = match load_theme(site, sources) {
        Ok((_, templates)) => templates,
        Err(d) => return (pages, d),
    };
    let renderer = Renderer::new(site, localized, &templates, &site.settings.theme, options);
    let locales: Vec<(&Locale, &Chrome)> = renderer.locales().collect();
    for (locale, chrome) in locales {
        renderer.draft(doc, locale, chrome, &mut pages, &mut diags);
        let with_draft = |&(from, to): &(VersionKey, VersionKey)| {
            from == VersionKey::Draft || to == VersionKey::Draft
        };
        renderer.comparisons(doc, locale, chrome, with_draft, &mut pages, &mut diags);
    }
    (pages, diags)
}

/// A CSS string literal, with every character that could end it or the
/// `<style>` element escaped, for words from the page wording.
pub(crate) fn css_string(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", c as u32);
        }
    }
    out.push('"');
    out
}

/// The outline of a version of a document in one language, for comparisons;
/// `None` when the version does not exist or has no words in that language.
pub fn outline_of(
    localized: &Localized,
    doc: &Document,
    key: VersionKey,
    locale: &Locale,
) -> Option<crate::diff::Outline> {
    let version = doc.version(key)?;
    let catalog = localized
        .catalog(&doc.slug, key, locale)
        .filter(|c| c.is_complete())?;
    let chrome = localized.chrome.get(locale)?;
    Some(outline::outline(
        version,
        catalog,
        chrome,
        &mut markdown::Memo::default(),
    ))
}

/// The site's theme and its templates, loaded.
fn load_theme<'s>(
    site: &Site,
    sources: &'s SiteSources,
) -> Result<(&'s ThemeSources, tera::Tera), Diagnostics> {
    let theme_name = &site.settings.theme;
    let Some(theme) = sources.themes.get(theme_name) else {
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::error(
            "missing-theme",
            format!("theme `{theme_name}` does not exist"),
        ));
        return Err(diags);
    };
    Ok((theme, load_templates(theme_name, theme)?))
}

fn load_templates(theme_name: &str, theme: &ThemeSources) -> Result<tera::Tera, Diagnostics> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, file)| (name.as_str(), file.text.as_str()))
        .collect();
    tera.add_raw_templates(sources).map_err(|e| {
        let mut diags = Diagnostics::new();
        diags.push(
            Diagnostic::error(
                "template",
                format!("the theme's templates do not load:\n{e}"),
            )
            .in_file(format!("themes/{theme_name}/templates"))
            .with_help("fix the template syntax at the place named above"),
        );
        diags
    })?;
    Ok(tera)
}

/// Where a page of a document lives, as a folder path under the root.
fn document_dir(locale: &Locale, doc: &str, key: Option<VersionKey>) -> String {
    match key {
        None => format!("{locale}/{doc}/"),
        Some(key) => format!("{locale}/{doc}/{key}/"),
    }
}

/// A version's status on the build date.
fn status(doc: &Document, version: &Version, today: EffectiveDate) -> &'static str {
    status_given(doc.current(today).map(|c| c.key), version, today)
}

/// A version's status, when the current version is already known.
fn status_given(
    current: Option<VersionKey>,
    version: &Version,
    today: EffectiveDate,
) -> &'static str {
    match version.key {
        VersionKey::Draft => "draft",
        VersionKey::Released(_) if version.effective > today => "upcoming",
        VersionKey::Released(_) if current == Some(version.key) => "current",
        VersionKey::Released(_) => "archived",
    }
}

/// Pairs of versions (older, newer) that get a comparison page.
type Pairs = std::collections::BTreeSet<(VersionKey, VersionKey)>;

/// How many versions a policy page lists itself; the history page lists all.
const LISTED_VERSIONS: usize = 12;

/// The last day a released version was in force: the day before the next one took effect.
fn in_force_until(doc: &Document, version: &Version) -> Option<EffectiveDate> {
    let i = doc.released.iter().position(|v| v.key == version.key)?;
    doc.released
        .get(i + 1)
        .map(|next| next.effective.previous_day())
}

/// A comparison kept for the next one with the same newer version.
struct Earlier {
    /// The older version's outline.
    outline: crate::diff::Outline,
    /// The comparison.
    diff: crate::diff::DocumentDiff,
    /// Its changed sections' HTML, by section id.
    html: BTreeMap<String, String>,
}

struct Renderer<'a> {
    site: &'a Site,
    localized: &'a Localized,
    templates: &'a tera::Tera,
    theme: &'a str,
    options: RenderOptions,
    /// Time spent in each part of rendering, for `--timings`.
    timings: std::cell::RefCell<crate::Timings>,
    /// Inline comparisons already made in this build.
    text_cache: std::cell::RefCell<crate::diff::TextCache>,
    /// Markdown already rendered in this build (by this thread).
    memo: std::cell::RefCell<markdown::Memo>,
    /// Each language's page wording, as templates see it.
    labels: std::cell::RefCell<BTreeMap<Locale, tera::Value>>,
    /// The pairs of versions with a comparison page, by document.
    pairs: std::cell::RefCell<BTreeMap<String, std::rc::Rc<Pairs>>>,
}

impl<'a> Renderer<'a> {
    /// A renderer with nothing remembered yet; each thread has its own.
    fn new(
        site: &'a Site,
        localized: &'a Localized,
        templates: &'a tera::Tera,
        theme: &'a str,
        options: RenderOptions,
    ) -> Self {
        Renderer {
            site,
            localized,
            templates,
            theme,
            options,
            timings: std::cell::RefCell::new(crate::Timings::default()),
            pairs: std::cell::RefCell::new(BTreeMap::new()),
            text_cache: std::cell::RefCell::new(crate::diff::TextCache::default()),
            memo: std::cell::RefCell::new(markdown::Memo::default()),
            labels: std::cell::RefCell::new(BTreeMap::new()),
        }
    }

    /// The page wording of a language for templates, made once.
    fn labels(&self, chrome: &Chrome) -> tera::Value {
        self.labels
            .borrow_mut()
            .entry(chrome.locale().clone())
            .or_insert_with(|| tera::Value::from_serializable(chrome.labels()))
            .clone()
    }

    /// Adds the time since `started` to a part of rendering.
    fn time(&self, part: &'static str, started: std::time::Instant) {
        self.timings.borrow_mut().add(part, started.elapsed());
    }

    /// The languages whose page wording is usable (a broken `site.ftl` has
    /// been reported; its pages are skipped).
    fn locales(&self) -> impl Iterator<Item = (&Locale, &Chrome)> {
        self.site
            .settings
            .locales
            .iter()
            .filter_map(|l| Some((l, self.localized.chrome.get(l)?)))
    }

    /// The words of a version in a language, when it has them all (a draft
    /// with translations still to do is not published in that language).
    fn catalog(&self, doc: &Document, key: VersionKey, locale: &Locale) -> Option<&Catalog> {
        self.localized
            .catalog(&doc.slug, key, locale)
            .filter(|c| c.is_complete())
    }

    fn page_view(
        &self,
        chrome: &Chrome,
        path: &str,
        canonical_dir: &str,
        title: String,
        alternates: Vec<Alternate>,
    ) -> PageView {
        PageView {
            lang: chrome.locale().to_string(),
            root: "../".repeat(path.matches('/').count()),
            title,
            site_title: chrome.label("site-title").to_owned(),
            canonical: format!("{}{canonical_dir}", self.site.settings.base_url),
            feed: None,
            print_css: None,
            noindex: false,
            labels: self.labels(chrome),
            alternates,
        }
    }

    /// The same folder (`<lang>/<rest>`) in every language that has it.
    fn alternates(
        &self,
        current: &Locale,
        rest: &str,
        root: &str,
        has: impl Fn(&Locale) -> bool,
    ) -> Vec<Alternate> {
        self.locales()
            .filter(|(l, _)| has(l))
            .map(|(l, chrome)| Alternate {
                lang: l.to_string(),
                name: chrome.label("language-name").to_owned(),
                href: format!("{root}{l}/{rest}"),
                absolute: format!("{}{l}/{rest}", self.site.settings.base_url),
                current: l == current,
            })
            .collect()
    }

    fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
        path: String,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let started = std::time::Instant::now();
        // Rendered straight into bytes: the page is not needed as a `String`.
        let mut html = Vec::with_capacity(64 * 1024);
        let rendered = self.templates.render_to(name, context, &mut html);
        self.time("render: templates", started);
        match rendered {
            Ok(()) => {
                pages.insert(path, html);
            }
            Err(e) => diags.push(
                Diagnostic::error(
                    "template",
                    format!("template `{name}` failed for {path}:\n{e}"),
                )
                .in_file(format!("themes/{}/templates/{name}", self.theme))
                .with_help("fix the template at the place named above"),
            ),
        }
    }

    fn language_choices(&self, prefix: &str) -> Vec<LanguageChoice> {
        self.locales()
            .map(|(l, chrome)| LanguageChoice {
                lang: l.to_string(),
                name: chrome.label("language-name").to_owned(),
                prompt: chrome.label("choose-language").to_owned(),
                site_title: chrome.label("site-title").to_owned(),
                not_found_title: chrome.label("not-found-title").to_owned(),
                not_found_text: chrome.label("not-found-text").to_owned(),
                href: format!("{prefix}{l}/"),
            })
            .collect()
    }

    fn language_chooser(&self, pages: &mut Pages, diags: &mut Diagnostics) {
        let Some((first, chrome)) = self.locales().next() else {
            return;
        };
        let alternates = self.alternates(first, "", "", |_| true);
        let page = self.page_view(
            chrome,
            "index.html",
            "",
            chrome.label("site-title").to_owned(),
            alternates,
        );
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("languages", &self.language_choices(""));
        self.render_template(
            "languages.html",
            &context,
            "index.html".to_owned(),
            pages,
            diags,
        );
    }

    /// `404.html` is served at any depth, so its links start from the site's
    /// base path instead of being relative.
    fn not_found(&self, pages: &mut Pages, diags: &mut Diagnostics) {
        let Some((_, chrome)) = self.locales().next() else {
            return;
        };
        let base_path = syndication::base_path(&self.site.settings.base_url);
        let mut page = self.page_view(
            chrome,
            "404.html",
            "404.html",
            chrome.label("not-found-title").to_owned(),
            Vec::new(),
        );
        page.root = base_path.clone();
        page.noindex = true;
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("languages", &self.language_choices(&base_path));
        self.render_template("404.html", &context, "404.html".to_owned(), pages, diags);
    }

    fn document_index(
        &self,
        locale: &Locale,
        chrome: &Chrome,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let today = self.options.today;
        let mut documents = Vec::new();
        for doc in &self.site.documents {
            let Some(current) = doc.current(today) else {
                continue;
            };
            let Some(catalog) = self.catalog(doc, current.key, locale) else {
                continue;
            };
            documents.push(DocumentLink {
                title: plain(&current.title, catalog),
                href: format!("{}/", doc.slug),
                versions_href: format!("{}/versions/", doc.slug),
                effective_iso: current.effective.to_string(),
                effective_text: chrome.date(current.effective),
            });
        }
        let path = format!("{locale}/index.html");
        let alternates = self.alternates(locale, "", "../", |_| true);
        let page = self.page_view(
            chrome,
            &path,
            &format!("{locale}/"),
            chrome.label("site-title").to_owned(),
            alternates,
        );
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("documents", &documents);
        self.render_template("index.html", &context, path, pages, diags);
    }

    /// Every page of one document in one language.
    fn document(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let today = self.options.today;
        let current = doc.current(today);
        for version in &doc.released {
            let Some(rendered) = self.version_body(doc, version, locale, chrome, diags) else {
                continue;
            };
            let dir = document_dir(locale, &doc.slug, Some(version.key));
            let is_current = current.is_some_and(|c| c.key == version.key);
            // The current version's permalink names the document's main address as canonical.
            let canonical = if is_current {
                document_dir(locale, &doc.slug, None)
            } else {
                dir.clone()
            };
            self.document_page(
                doc, version, locale, chrome, &rendered, &dir, &canonical, pages, diags,
            );
            if is_current {
                let main = document_dir(locale, &doc.slug, None);
                self.document_page(
                    doc, version, locale, chrome, &rendered, &main, &main, pages, diags,
                );
            }
            if let Some(catalog) = self.catalog(doc, version.key, locale) {
                let json = syndication::version_json(doc, version, locale, catalog, &rendered);
                pages.insert(format!("{locale}/{}/{}.json", doc.slug, version.key), json);
            }
        }
        self.draft(doc, locale, chrome, pages, diags);
        self.comparisons(doc, locale, chrome, |_| true, pages, diags);
        if !doc.released.is_empty() {
            self.version_history(doc, locale, chrome, pages, diags);
            if let Some(feed) =
                syndication::feed(self.site, doc, locale, chrome, self.localized, today)
            {
                pages.insert(format!("{locale}/{}/feed.xml", doc.slug), feed);
            }
        }
    }

    /// The draft's page. The draft is always rendered, so that a problem in
    /// it fails the build even when it is not published.
    fn draft(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        if let Some(rendered) = self.version_body(doc, &doc.draft, locale, chrome, diags)
            && self.options.drafts
        {
            let dir = document_dir(locale, &doc.slug, Some(VersionKey::Draft));
            self.document_page(
                doc, &doc.draft, locale, chrome, &rendered, &dir, &dir, pages, diags,
            );
        }
    }

    /// The pairs of versions of a document that get a comparison page.
    /// Computed once per document: every page links some of them.
    fn pairs(&self, doc: &Document) -> std::rc::Rc<Pairs> {
        let mut cache = self.pairs.borrow_mut();
        let pairs = cache.entry(doc.slug.clone()).or_insert_with(|| {
            std::rc::Rc::new(diff_page::pairs(
                doc,
                self.site.settings.diffs,
                self.options.today,
                self.options.drafts,
            ))
        });
        std::rc::Rc::clone(pairs)
    }

    /// The link, from a page at `root`, to the comparison of two versions in
    /// a language, when that page exists.
    fn diff_href(
        &self,
        doc: &Document,
        locale: &Locale,
        root: &str,
        from: VersionKey,
        to: VersionKey,
    ) -> Option<String> {
        let exists = self.pairs(doc).contains(&(from, to))
            && self.catalog(doc, from, locale).is_some()
            && self.catalog(doc, to, locale).is_some();
        exists.then(|| format!("{root}{}", diff_page::diff_dir(locale, &doc.slug, from, to)))
    }

    /// The version released just before `key` (for the draft: the latest).
    fn previous_key(doc: &Document, key: VersionKey) -> Option<VersionKey> {
        doc.released.iter().rev().map(|v| v.key).find(|k| *k < key)
    }

    /// The comparison pages of a document in one language, of the pairs
    /// that `wanted` accepts.
    fn comparisons(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        wanted: impl Fn(&(VersionKey, VersionKey)) -> bool,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let pairs: Vec<(VersionKey, VersionKey)> =
            self.pairs(doc).iter().copied().filter(&wanted).collect();
        // Each version's outline is made once, when first compared, and
        // dropped after its last comparison: pairs come in order, so only a
        // few outlines are alive at a time however long the history is.
        let mut last_use: BTreeMap<VersionKey, usize> = BTreeMap::new();
        for (i, &(from, to)) in pairs.iter().enumerate() {
            last_use.insert(from, i);
            last_use.insert(to, i);
        }
        let mut outlines: BTreeMap<VersionKey, Option<crate::diff::Outline>> = BTreeMap::new();
        // The last comparison with each newer version, reused section by
        // section when the next older version says the same.
        let mut earlier: BTreeMap<VersionKey, Earlier> = BTreeMap::new();
        for (i, &(from, to)) in pairs.iter().enumerate() {
            let started = std::time::Instant::now();
            for key in [from, to] {
                outlines.entry(key).or_insert_with(|| {
                    let version = doc.version(key)?;
                    let catalog = self.catalog(doc, key, locale)?;
                    let memo = &mut self.memo.borrow_mut();
                    Some(outline::outline(version, catalog, chrome, memo))
                });
            }
            self.time("render: outlines", started);
            if let (Some(Some(old)), Some(Some(new))) = (outlines.get(&from), outlines.get(&to)) {
                let started = std::time::Instant::now();
                let before = earlier.get(&to);
                let diff = crate::diff::compare_after(
                    old,
                    new,
                    &mut self.text_cache.borrow_mut(),
                    before.map(|e| (&e.outline, &e.diff)),
                );
                self.time("render: comparisons", started);
                let html = self.diff_page(
                    doc,
                    locale,
                    chrome,
                    (from, to),
                    &new.title,
                    (&diff, before),
                    pages,
                    diags,
                );
                // The older outline is not needed again, except by the next
                // comparison with the same newer version.
                if last_use[&from] == i
                    && let Some(Some(outline)) = outlines.remove(&from)
                {
                    earlier.insert(
                        to,
                        Earlier {
                            outline,
                            diff,
                            html,
                        },
                    );
                }
            }
            outlines.retain(|key, _| last_use[key] > i);
            earlier.retain(|key, _| last_use[key] > i);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn diff_page(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        (from, to): (VersionKey, VersionKey),
        title: &str,
        (diff, earlier): (&crate::diff::DocumentDiff, Option<&Earlier>),
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) -> BTreeMap<String, String> {
        let dir = diff_page::diff_dir(locale, &doc.slug, from, to);
        let path = format!("{dir}index.html");
        let root = "../../../../";
        let date_text = |key: VersionKey| match key {
            VersionKey::Released(date) => chrome.date(date),
            VersionKey::Draft => chrome.label("status-draft").to_owned(),
        };
        let heading = chrome.format_with(
            "diff-title",
            &[("from", &date_text(from)), ("to", &date_text(to))],
        );
        let rest = dir.split_once('/').map_or("", |(_, r)| r);
        let alternates = self.alternates(locale, rest, root, |l| {
            self.catalog(doc, from, l).is_some() && self.catalog(doc, to, l).is_some()
        });
        let mut page = self.page_view(
            chrome,
            &path,
            &dir,
            format!("{heading} — {title}"),
            alternates,
        );
        page.noindex = to == VersionKey::Draft;
        page.feed = Some(format!("{root}{locale}/{}/feed.xml", doc.slug));
        let counts = diff.counts();
        let interesting: Vec<&crate::diff::SectionDiff> = diff
            .sections
            .iter()
            .filter(|s| s.is_interesting())
            .collect();
        let summary: Vec<views::DiffSummaryEntry> = interesting
            .iter()
            .map(|s| views::DiffSummaryEntry {
                anchor: diff_page::anchor(s),
                number: diff_page::number_text(s),
                title_html: diff_page::title_html(s, chrome),
                status: format!("{:?}", s.status).to_lowercase(),
                moved: s.moved,
                renumbered: s.old_number.is_some()
                    && s.new_number.is_some()
                    && s.old_number != s.new_number,
            })
            .collect();
        // Each section's HTML, taken from the earlier comparison when that
        // section compared the same way there.
        let section_html: BTreeMap<String, String> = interesting
            .iter()
            .map(|s| {
                let same = earlier.and_then(|e| {
                    e.diff
                        .sections
                        .iter()
                        .find(|d| d.id == s.id && d == s)
                        .and_then(|_| e.html.get(&s.id).cloned())
                });
                let html = same.unwrap_or_else(|| diff_page::section_html(s, chrome));
                (s.id.clone(), html)
            })
            .collect();
        let sections_html: String = interesting
            .iter()
            .filter_map(|s| section_html.get(&s.id).map(String::as_str))
            .collect();
        let link = |key: VersionKey| views::DiffEnd {
            key: key.to_string(),
            text: date_text(key),
            href: format!("{root}{}", document_dir(locale, &doc.slug, Some(key))),
        };
        let view = views::DiffView {
            document_title: title.to_owned(),
            heading,
            from: link(from),
            to: link(to),
            counts,
            unchanged: diff.sections.len() - interesting.len(),
            unchanged_text: chrome.format_with(
                "diff-unchanged",
                &[(
                    "count",
                    &(diff.sections.len() - interesting.len()).to_string(),
                )],
            ),
            same_wording: diff_page::same_wording(diff),
            title_changes_html: (!diff
                .title
                .iter()
                .all(|c| matches!(c, crate::diff::text::Change::Equal(_))))
            .then(|| diff_page::changes_html(&diff.title)),
            summary,
            sections_html,
            marker_style: diff_page::marker_style(chrome),
        };
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("diff", &view);
        context.insert(
            "history_href",
            &format!("{root}{locale}/{}/versions/", doc.slug),
        );
        self.render_template("diff.html", &context, path, pages, diags);
        section_html
    }

    /// Renders a version's body in one language, or `None` when the version
    /// has no words in it (a language added after its release).
    fn version_body(
        &self,
        doc: &Document,
        version: &Version,
        locale: &Locale,
        chrome: &Chrome,
        diags: &mut Diagnostics,
    ) -> Option<DocumentView> {
        let started = std::time::Instant::now();
        let body = self.version_body_untimed(doc, version, locale, chrome, diags);
        self.time("render: Markdown and bodies", started);
        body
    }

    fn version_body_untimed(
        &self,
        doc: &Document,
        version: &Version,
        locale: &Locale,
        chrome: &Chrome,
        diags: &mut Diagnostics,
    ) -> Option<DocumentView> {
        let catalog = self.catalog(doc, version.key, locale)?;
        let memo = &mut *self.memo.borrow_mut();
        let mut body = DocumentBody {
            doc: version,
            locale,
            chrome,
            catalog,
            targets: section_targets(version, catalog, chrome, memo),
            memo,
            diags: Diagnostics::new(),
            fallback_used: None,
        };
        let title_html = body.text(&version.title, Flow::Title);
        let preamble_html = body.blocks(&version.preamble, 0);
        let mut sections = Vec::new();
        for (i, section) in version.sections.iter().enumerate() {
            sections.push(SectionView {
                id: section.id.clone(),
                aliases: section.aliases.clone(),
                number: chrome.number(NumberKind::Section, i + 1),
                title: plain_with(&section.title, catalog, body.memo),
                title_html: body.text(&section.title, Flow::Title),
                body_html: body.blocks(&section.body, 0),
            });
        }
        let summary_html = catalog.summary().and_then(|m| match summary_html(m) {
            Ok(html) => Some(html),
            Err(problems) => {
                for p in problems {
                    body.diags.push(
                        Diagnostic::error(
                            p.code,
                            format!(
                                "message `{}` in {locale}: {}",
                                crate::localize::RELEASE_SUMMARY,
                                p.message
                            ),
                        )
                        .at(m.origin())
                        .with_help(p.help),
                    );
                }
                None
            }
        });
        let fallback_notice = body.fallback_used.as_ref().map(|lang| {
            let name = self
                .localized
                .chrome
                .get(lang)
                .map_or(lang.as_str(), |c| c.label("language-name"));
            chrome.format_with("fallback-notice", &[("language", name)])
        });
        let failed = body.diags.has_errors();
        diags.extend(body.diags);
        if failed {
            return None;
        }
        let toc = sections
            .iter()
            .map(|s| TocEntry {
                id: s.id.clone(),
                number: s.number.clone(),
                title_html: s.title_html.clone(),
            })
            .collect();
        Some(DocumentView {
            slug: doc.slug.clone(),
            title: plain(&version.title, catalog),
            title_html,
            preamble_html,
            sections,
            toc,
            summary_html,
            fallback_notice,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn document_page(
        &self,
        doc: &Document,
        version: &Version,
        locale: &Locale,
        chrome: &Chrome,
        rendered: &DocumentView,
        dir: &str,
        canonical: &str,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let today = self.options.today;
        let path = format!("{dir}index.html");
        let root = "../".repeat(path.matches('/').count());
        let rest = dir.split_once('/').map_or("", |(_, rest)| rest);
        let alternates = self.alternates(locale, rest, &root, |l| {
            self.catalog(doc, version.key, l).is_some()
        });
        let mut page = self.page_view(chrome, &path, canonical, rendered.title.clone(), alternates);
        page.noindex = version.key == VersionKey::Draft;
        page.feed =
            (!doc.released.is_empty()).then(|| format!("{root}{locale}/{}/feed.xml", doc.slug));
        // Every printed page names the document, its effective date and version.
        let footer = format!(
            "{} · {}: {} · {}",
            rendered.title,
            chrome.label("effective-label"),
            chrome.date(version.effective),
            version.key
        );
        page.print_css = Some(format!(
            "@page {{ margin: 18mm 16mm 20mm; @bottom-left {{ content: {}; font-size: 8pt; }} @bottom-right {{ content: counter(page) \" / \" counter(pages); font-size: 8pt; }} }}",
            css_string(&footer)
        ));

        let status = status(doc, version, today);
        let until = in_force_until(doc, version);
        let version_view = VersionView {
            key: version.key.to_string(),
            status: status.to_owned(),
            effective_iso: version.effective.to_string(),
            effective_text: chrome.date(version.effective),
            period_text: until.map(|until| {
                chrome.format_with(
                    "in-force-period",
                    &[
                        ("from", &chrome.date(version.effective)),
                        ("until", &chrome.date(until)),
                    ],
                )
            }),
            upcoming_text: (status == "upcoming").then(|| {
                chrome.format_with(
                    "upcoming-banner",
                    &[("date", &chrome.date(version.effective))],
                )
            }),
            digest: version.digest.clone(),
            summary_html: rendered.summary_html.clone(),
            backdated: backdated_note(doc, version.effective, chrome),
        };
        let versions = self.version_links(doc, locale, chrome, &root, Some(version.key));
        let current_href = (status != "current")
            .then(|| doc.current(today))
            .flatten()
            .map(|_| format!("{root}{}", document_dir(locale, &doc.slug, None)));
        // The current page announces what comes next.
        let upcoming = if status == "current" {
            doc.upcoming(today)
                .find(|v| self.catalog(doc, v.key, locale).is_some())
                .map(|v| views::Upcoming {
                    diff_href: self.diff_href(doc, locale, &root, version.key, v.key),
                    text: chrome
                        .format_with("upcoming-notice", &[("date", &chrome.date(v.effective))]),
                    href: format!("{root}{}", document_dir(locale, &doc.slug, Some(v.key))),
                })
        } else {
            None
        };
        let previous_diff_href = Self::previous_key(doc, version.key)
            .and_then(|prev| self.diff_href(doc, locale, &root, prev, version.key));
        let current_diff_href = doc
            .current(today)
            .filter(|c| c.key > version.key && version.key != VersionKey::Draft)
            .and_then(|c| self.diff_href(doc, locale, &root, version.key, c.key));
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("previous_diff_href", &previous_diff_href);
        context.insert("current_diff_href", &current_diff_href);
        context.insert("document", rendered);
        context.insert("version", &version_view);
        context.insert("versions", &versions);
        context.insert("current_href", &current_href);
        context.insert("upcoming", &upcoming);
        context.insert(
            "history_href",
            &(!doc.released.is_empty()).then(|| format!("{root}{locale}/{}/versions/", doc.slug)),
        );
        self.render_template("document.html", &context, path, pages, diags);
    }

    /// Released versions, newest first, as links from a page at `root`.
    /// Released versions, newest first. A policy page (`this` is its version)
    /// lists the newest few and itself, so that its size does not grow with
    /// the history; the history page (`this` is `None`) lists all, with summaries.
    fn version_links(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        root: &str,
        this: Option<VersionKey>,
    ) -> Vec<VersionLink> {
        let today = self.options.today;
        let current = doc.current(today).map(|c| c.key);
        let newest: Vec<(usize, &Version)> = doc.released.iter().enumerate().rev().collect();
        newest
            .iter()
            .enumerate()
            .filter(|(rank, (_, v))| {
                this.is_none() || *rank < LISTED_VERSIONS || Some(v.key) == this
            })
            .filter_map(|(_, &(i, v))| {
                let catalog = self.catalog(doc, v.key, locale)?;
                // Problems in a summary are reported where its version is rendered.
                let summary_html = if this.is_none() {
                    catalog.summary().and_then(|m| summary_html(m).ok())
                } else {
                    None
                };
                let diff_href = i
                    .checked_sub(1)
                    .and_then(|p| self.diff_href(doc, locale, root, doc.released[p].key, v.key));
                Some(VersionLink {
                    diff_href,
                    key: v.key.to_string(),
                    status: status_given(current, v, today).to_owned(),
                    effective_iso: v.effective.to_string(),
                    effective_text: chrome.date(v.effective),
                    href: format!("{root}{}", document_dir(locale, &doc.slug, Some(v.key))),
                    is_this: this == Some(v.key),
                    summary_html,
                    backdated: backdated_note(doc, v.effective, chrome),
                })
            })
            .collect()
    }

    fn version_history(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let today = self.options.today;
        let dir = format!("{locale}/{}/versions/", doc.slug);
        let path = format!("{dir}index.html");
        let root = "../../../";
        // The title names the document as it reads now (or as first released).
        let shown = doc.current(today).or(doc.released.first());
        let title = shown
            .and_then(|v| self.catalog(doc, v.key, locale).map(|c| plain(&v.title, c)))
            .unwrap_or_else(|| doc.slug.clone());
        let rest = format!("{}/versions/", doc.slug);
        let alternates = self.alternates(locale, &rest, root, |l| {
            doc.released
                .iter()
                .any(|v| self.catalog(doc, v.key, l).is_some())
        });
        let mut page = self.page_view(
            chrome,
            &path,
            &dir,
            format!("{} — {}", chrome.label("versions-heading"), title),
            alternates,
        );
        page.feed = Some(format!("{root}{locale}/{}/feed.xml", doc.slug));
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("document_title", &title);
        context.insert(
            "versions",
            &self.version_links(doc, locale, chrome, root, None),
        );
        context.insert(
            "current_href",
            &doc.current(today)
                .map(|_| format!("{root}{}", document_dir(locale, &doc.slug, None))),
        );
        let record: Vec<String> = record_notes(doc, chrome)
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        context.insert("record", &record);
        context.insert(
            "time_zone_note",
            &chrome.format_with(
                "time-zone-note",
                &[("zone", self.site.settings.time_zone.name())],
            ),
        );
        self.render_template("versions.html", &context, path, pages, diags);
    }
}

/// What the ledger says happened to versions that are no longer where they
/// were announced: postponed and withdrawn ones, oldest first, in words.
pub(crate) fn record_notes(doc: &Document, chrome: &Chrome) -> Vec<(EffectiveDate, String)> {
    doc.ledger
        .events()
        .filter_map(|event| match event {
            crate::ledger::Event::Postponed {
                version,
                to,
                on,
                reason,
                ..
            } => Some((
                *on,
                chrome.format_with(
                    "record-postponed",
                    &[
                        ("from", &chrome.date(*version)),
                        ("to", &chrome.date(*to)),
                        ("on", &chrome.date(*on)),
                        ("reason", reason),
                    ],
                ),
            )),
            crate::ledger::Event::Withdrawn {
                version,
                on,
                reason,
            } => Some((
                *on,
                chrome.format_with(
                    "record-withdrawn",
                    &[
                        ("version", &chrome.date(*version)),
                        ("on", &chrome.date(*on)),
                        ("reason", reason),
                    ],
                ),
            )),
            _ => None,
        })
        .collect()
}

/// Why a version was released with an effective date in the past, in words.
fn backdated_note(doc: &Document, version: EffectiveDate, chrome: &Chrome) -> Option<String> {
    doc.ledger.events().find_map(|event| match event {
        crate::ledger::Event::Released {
            version: v,
            on,
            backdated: Some(reason),
            ..
        } if *v == version => Some(chrome.format_with(
            "backdated-note",
            &[("on", &chrome.date(*on)), ("reason", reason)],
        )),
        _ => None,
    })
}

/// A change summary is shown on several pages, so it cannot link to a
/// section of one of them.
fn summary_html(
    message: &crate::localize::Message,
) -> Result<String, Vec<markdown::MarkdownProblem>> {
    markdown::to_html(&message.text, Flow::Block, &markdown::NoTargets)
}
