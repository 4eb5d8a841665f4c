//! Stage 5 of the build: turn the planned site into files.
//!
//! Renders every page of the [`Plan`] from the [`Site`] and its
//! [`Localized`] words: for each language and document the current version,
//! a permalink per released version, the version history, the draft (when
//! asked), an Atom feed and a JSON export per version, the comparisons; then
//! the home page, the language indexes, `sitemap.xml`, `robots.txt` and
//! `404.html`. Which of these exist, and every link between them, come from
//! the plan.
//!
//! Message Markdown is rendered by [`markdown`], the document body by
//! [`body`], and pages by the [`theme`]'s Tera templates, which see only the
//! template views of [`views`]. Hands [`Pages`] (path → bytes) to the output
//! stage.

mod body;
mod diff_page;
mod document;
mod links;
pub mod markdown;
mod outline;
mod pages;
pub mod pdf;
mod syndication;
pub mod theme;
mod views;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::{Chrome, Localized};
use crate::model::{Document, Locale, Site, VersionKey};
use crate::plan::{Page, Plan};
use crate::timings::Timings;
pub use body::escape;
use body::plain;
pub use pages::Pages;
use std::cell::RefCell;
use std::collections::BTreeMap;
pub use theme::Theme;
use views::{Alternate, DocumentLink, LanguageChoice, PageView};

/// Renders every page of the plan, with every problem found.
pub fn render(
    site: &Site,
    localized: &Localized,
    theme: &Theme<'_>,
    plan: &Plan,
    mut pages: Pages,
) -> (Pages, Diagnostics, Timings) {
    let mut out = Produced::new(pages.alike());
    for (file, bytes) in theme_files(theme, plan) {
        pages.insert(file, bytes.to_vec());
    }
    let renderer = Renderer::new(site, localized, theme, plan);
    renderer.home(&mut out);
    renderer.not_found(&mut out);
    // Pages render in shares, each language's and each document's apart,
    // spread over the cores and merged in a fixed order so the output stays
    // deterministic. (Sub-phase timings are then summed over the threads.)
    // A long history is cut into shares of a hundred versions, so that the
    // threads stay evenly busy; a thread's caches pass from each share it
    // renders to the next (texts repeat across versions, languages' pages
    // and documents). A language without published pages still renders
    // its drafts, whose problems fail the build.
    let languages: Vec<Language<'_>> = renderer.languages().collect();
    let shares = render_shares(&site.documents, &languages);
    let per_share =
        crate::parallel::each_with(shares, Caches::default, |caches, (lang, doc, share)| {
            let renderer = Renderer::new(site, localized, theme, plan);
            renderer.take_caches(caches);
            let mut out = Produced::new(pages.alike());
            match doc {
                None => renderer.index(lang, &mut out),
                Some(doc) => renderer.document(lang, doc, share, &mut out),
            }
            renderer.give_caches(caches);
            (out, renderer.timings.into_inner())
        });
    let mut timings = renderer.timings.into_inner();
    for (share_out, share_timings) in per_share {
        out.absorb(share_out);
        timings.extend(share_timings);
    }
    let (made, diags) = out.finish();
    pages.absorb(made);
    let started = std::time::Instant::now();
    syndication::sitemap(plan, &mut pages);
    syndication::robots(plan, &mut pages);
    syndication::status(site, plan, &mut pages);
    timings.add("render: feeds, sitemap, JSON", started.elapsed());
    (pages, diags, timings)
}

/// At most how many versions of a document one share renders.
const VERSIONS_PER_SHARE: usize = 100;

/// What rendering is cut into, in the order of the output: each language's
/// list of documents (no document), then each document's shares.
fn render_shares<'a>(
    documents: &'a [Document],
    languages: &[Language<'a>],
) -> Vec<(Language<'a>, Option<&'a Document>, Share)> {
    // Enough shares for every core to have work until the end.
    let wanted = 2 * crate::parallel::cores();
    let per_document = wanted.div_ceil((documents.len() * languages.len()).max(1));
    let mut shares = Vec::new();
    for &lang in languages {
        shares.push((lang, None, Share { index: 0, of: 1 }));
        for doc in documents {
            let of = share_count(doc.released.len(), per_document);
            shares.extend((0..of).map(|index| (lang, Some(doc), Share { index, of })));
        }
    }
    shares
}

/// How many shares a document with `versions` released versions is cut
/// into: at least `at_least`, each of at most [`VERSIONS_PER_SHARE`]
/// versions, none empty (but for one share when there are no versions:
/// the draft and history still render).
fn share_count(versions: usize, at_least: usize) -> usize {
    versions
        .div_ceil(VERSIONS_PER_SHARE)
        .max(at_least)
        .clamp(1, versions.max(1))
}

/// One of `of` equal shares of a document's released versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Share {
    index: usize,
    of: usize,
}

impl Share {
    /// This share of `items`, in order; the shares of a slice cover it
    /// once.
    fn of_slice<T>(self, items: &[T]) -> &[T] {
        let bound = |i: usize| items.len() * i / self.of;
        &items[bound(self.index)..bound(self.index + 1)]
    }

    /// Whether this is the last share.
    fn is_last(self) -> bool {
        self.index + 1 == self.of
    }
}

/// The files published as they are: the theme's assets and the site's
/// `static/` files the plan keeps, by their path in the site.
pub fn theme_files<'t>(
    theme: &'t Theme<'_>,
    plan: &'t Plan,
) -> impl Iterator<Item = (String, &'t [u8])> + 't {
    let assets = theme
        .assets
        .iter()
        .map(|(path, bytes)| (Page::Asset(path.clone()).file(), bytes.as_ref()));
    let files = theme.files.iter().filter_map(|(path, bytes)| {
        let file = Page::Static(path.clone());
        plan.contains(&file).then(|| (file.file(), *bytes))
    });
    assets.chain(files)
}

/// Renders again, in memory, only the pages that show a document's draft
/// words: its draft page and its comparisons with the draft, in every
/// language (`serve`'s quick preview of an edit; a full build follows).
pub fn render_draft(
    site: &Site,
    localized: &Localized,
    theme: &Theme<'_>,
    plan: &Plan,
    slug: &str,
) -> (Pages, Diagnostics) {
    let mut out = Produced::new(Pages::in_memory());
    let Some(doc) = site.documents.iter().find(|d| &*d.slug == slug) else {
        return out.finish();
    };
    let renderer = Renderer::new(site, localized, theme, plan);
    let languages: Vec<Language<'_>> = renderer.languages().collect();
    for lang in languages {
        renderer.draft(lang, doc, &mut out);
        let with_draft = |&(from, to): &(VersionKey, VersionKey)| {
            from == VersionKey::Draft || to == VersionKey::Draft
        };
        renderer.comparisons(lang, doc, with_draft, &mut out);
    }
    out.finish()
}

/// Renders again, in memory, only the given pages people read, and the
/// files made with them (`serve`'s quick preview of an edit that shows on
/// every page: the pages open in a browser). Pages the plan does not have
/// are left out.
pub fn render_pages(
    site: &Site,
    localized: &Localized,
    theme: &Theme<'_>,
    plan: &Plan,
    wanted: &[Page],
) -> (Pages, Diagnostics) {
    let mut out = Produced::new(Pages::in_memory());
    let renderer = Renderer::new(site, localized, theme, plan);
    for page in wanted.iter().filter(|page| plan.contains(page)) {
        renderer.reading_page(page, &mut out);
    }
    out.finish()
}

/// "Effective date: …" in the language's words, the date in a `<time>`
/// element where the sentence puts it.
pub(crate) fn effective_html(date: crate::date::EffectiveDate, chrome: &Chrome) -> String {
    escape(&chrome.format_with("effective-on", &[("date", "\u{E000}")])).replace(
        '\u{E000}',
        &format!(
            "<time datetime=\"{date}\">{}</time>",
            escape(&chrome.date(date))
        ),
    )
}

/// The print style's page footer: `footer` on the left, "page n of m" in
/// the language's words on the right.
pub(crate) fn print_css(footer: &str, chrome: &Chrome) -> String {
    let pattern = chrome.format_with("pdf-page", &[("page", "\u{E000}"), ("total", "\u{E001}")]);
    let mut content = Vec::new();
    let mut words = String::new();
    for c in pattern.chars() {
        let counter = match c {
            '\u{E000}' => "counter(page)",
            '\u{E001}' => "counter(pages)",
            _ => {
                words.push(c);
                continue;
            }
        };
        if !words.is_empty() {
            content.push(css_string(&std::mem::take(&mut words)));
        }
        content.push(counter.to_owned());
    }
    if !words.is_empty() {
        content.push(css_string(&words));
    }
    format!(
        "@page {{ margin: 18mm 16mm 20mm; @bottom-left {{ content: {}; font-size: 8pt; }} @bottom-right {{ content: {}; font-size: 8pt; }} }}",
        css_string(footer),
        content.join(" ")
    )
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
    site: &Site,
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
    // Outside a build, links to other documents read as on the day the
    // version takes effect.
    let links = links::SiteLinks {
        site,
        plan: None,
        localized,
        locale,
        chrome,
        on: version.effective,
    };
    Some(outline::outline(
        version,
        catalog,
        chrome,
        &mut markdown::Memo::default(),
        Some(links),
    ))
}

/// One language being rendered: its tag and its page wording.
#[derive(Clone, Copy)]
struct Language<'a> {
    locale: &'a Locale,
    chrome: &'a Chrome,
}

/// What rendering produces: files, and problems in the sources.
struct Produced {
    pages: Pages,
    diags: Diagnostics,
    /// Template failures, each reported once with the first page it broke
    /// and how many it broke: a mistake in a template breaks every page
    /// made with it.
    failures: BTreeMap<String, (Diagnostic, String, usize)>,
}

impl Produced {
    fn new(pages: Pages) -> Produced {
        Produced {
            pages,
            diags: Diagnostics::new(),
            failures: BTreeMap::new(),
        }
    }

    /// A template failed to make `page`.
    fn failed(&mut self, problem: Diagnostic, page: String) {
        let entry = self
            .failures
            .entry(problem.to_string())
            .or_insert((problem, page, 0));
        entry.2 += 1;
    }

    /// Takes in what another part of the site produced.
    fn absorb(&mut self, other: Produced) {
        self.pages.absorb(other.pages);
        self.diags.extend(other.diags);
        for (key, (problem, page, count)) in other.failures {
            let entry = self.failures.entry(key).or_insert((problem, page, 0));
            entry.2 += count;
        }
    }

    /// The pages and every problem, each template failure once.
    fn finish(mut self) -> (Pages, Diagnostics) {
        for (_, (mut problem, page, count)) in self.failures {
            problem.message = match count {
                1 => format!("{} (making {page})", problem.message),
                n => format!(
                    "{} (making {page} and {} other pages)",
                    problem.message,
                    n - 1
                ),
            };
            self.diags.push(problem);
        }
        (self.pages, self.diags)
    }
}

/// What a thread rendering pages remembers from one share to the next:
/// inline comparisons, which depend on the two texts alone and are bounded
/// (Markdown already rendered is not: it stays with its share). They live
/// for one build, so nothing in them can go stale: the sources do not
/// change during a build.
#[derive(Default)]
struct Caches {
    text: crate::diff::TextCache,
}

/// Renders pages; one per share of the work, with the caches of the thread
/// rendering it.
struct Renderer<'a> {
    site: &'a Site,
    localized: &'a Localized,
    theme: &'a Theme<'a>,
    plan: &'a Plan,
    /// Time spent in each part of rendering, for `--timings`.
    timings: RefCell<Timings>,
    /// Inline comparisons of text pairs already made, keyed by both texts.
    text_cache: RefCell<crate::diff::TextCache>,
    /// Markdown already rendered, keyed by the message text and its flow.
    memo: RefCell<markdown::Memo>,
    /// Each language's page wording as templates see it, made once per
    /// language and share: the same for every page of that language.
    labels: RefCell<BTreeMap<Locale, tera::Value>>,
}

impl<'a> Renderer<'a> {
    /// The rest of the site as `version`'s words in `lang` link to it: the
    /// other documents as they stood on the last day the version is in
    /// force (the build date while it is current or a draft).
    fn site_links(
        &self,
        lang: Language<'a>,
        doc: &Document,
        version: &crate::model::Version,
    ) -> links::SiteLinks<'a> {
        let today = self.plan.today();
        let on = self
            .plan
            .timeline(&doc.slug)
            .and_then(|t| t.period(version.key))
            .map_or(today, |period| match period.status {
                crate::plan::Status::Upcoming => period.effective,
                crate::plan::Status::Archived => period.until.unwrap_or(today),
                crate::plan::Status::Current | crate::plan::Status::Draft => today,
            });
        links::SiteLinks {
            site: self.site,
            plan: Some(self.plan),
            localized: self.localized,
            locale: lang.locale,
            chrome: lang.chrome,
            on,
        }
    }

    /// A renderer with nothing remembered yet.
    fn new(site: &'a Site, localized: &'a Localized, theme: &'a Theme<'a>, plan: &'a Plan) -> Self {
        Renderer {
            site,
            localized,
            theme,
            plan,
            timings: RefCell::new(Timings::default()),
            text_cache: RefCell::new(crate::diff::TextCache::default()),
            memo: RefCell::new(markdown::Memo::default()),
            labels: RefCell::new(BTreeMap::new()),
        }
    }

    /// Uses a thread's caches.
    fn take_caches(&self, caches: &mut Caches) {
        *self.text_cache.borrow_mut() = std::mem::take(&mut caches.text);
    }

    /// Hands the caches back to the thread, for its next share.
    fn give_caches(&self, caches: &mut Caches) {
        caches.text = self.text_cache.take();
    }

    /// The page wording of a language for templates.
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
    fn languages(&self) -> impl Iterator<Item = Language<'a>> + use<'a> {
        let localized = self.localized;
        self.site.settings.locales.iter().filter_map(|locale| {
            Some(Language {
                locale,
                chrome: localized.chrome.get(locale)?,
            })
        })
    }

    /// A language with content, by tag.
    fn language(&self, locale: &Locale) -> Option<Language<'a>> {
        self.languages().find(|l| l.locale == locale)
    }

    /// The words of a version in a language, when it has them all.
    fn catalog(
        &self,
        doc: &Document,
        key: VersionKey,
        locale: &Locale,
    ) -> Option<&'a crate::localize::Catalog> {
        self.localized
            .catalog(&doc.slug, key, locale)
            .filter(|c| c.is_complete())
    }

    /// A link from one page to another, when the plan has the other.
    fn href(&self, from: &Page, to: &Page) -> Option<String> {
        self.plan.href(from, to)
    }

    /// What every page shows: language, title, canonical address, the
    /// same page in other languages.
    fn page_view(&self, lang: Language<'_>, page: &Page, title: String) -> PageView {
        let root = self.plan.root(page);
        // `/` offers each language's list of documents.
        let switch_from = match page {
            Page::Home => Page::Index(lang.locale.clone()),
            _ => page.clone(),
        };
        let alternates = self
            .plan
            .alternates(&switch_from)
            .into_iter()
            .filter_map(|alt| {
                let other = self.language(alt.locale()?)?;
                Some(Alternate {
                    lang: other.locale.to_string(),
                    dir: crate::script::direction(other.locale.as_str()).as_str(),
                    name: other.chrome.label("language-name").to_owned(),
                    href: format!("{root}{}", alt.address()),
                    absolute: self.plan.absolute(&alt)?,
                    current: other.locale == lang.locale,
                })
            })
            .collect();
        let canonical = self.plan.canonical(page);
        let print = print_css(&title, lang.chrome);
        PageView {
            lang: lang.locale.to_string(),
            dir: crate::script::direction(lang.locale.as_str()).as_str(),
            root,
            title,
            site_title: lang.chrome.label("site-title").to_owned(),
            canonical: format!("{}{}", self.plan.base_url(), canonical.address()),
            feed: None,
            // Every printed page names what it is and counts its pages; a
            // version's page says more (its date and version).
            print_css: Some(print),
            noindex: self.plan.is_noindex(),
            labels: self.labels(lang.chrome),
            alternates,
        }
    }

    fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
        page: &Page,
        out: &mut Produced,
    ) {
        let started = std::time::Instant::now();
        // Rendered straight into bytes: the page is not needed as a `String`.
        let mut html = Vec::with_capacity(64 * 1024);
        let rendered = self.theme.templates.render_to(name, context, &mut html);
        self.time("render: templates", started);
        let path = page.file();
        match rendered {
            Ok(()) => out.pages.insert(
                path,
                markdown::bytes_with_site_root(html, &self.plan.root(page)),
            ),
            Err(e) => out.failed(self.theme.problem(name, &e), path),
        }
    }

    /// Each language with something to read, as the chooser and `404.html` offer it.
    fn language_choices(&self, from: &Page) -> Vec<LanguageChoice> {
        self.plan
            .languages()
            .iter()
            .filter_map(|locale| {
                let lang = self.language(locale)?;
                let chrome = lang.chrome;
                Some(LanguageChoice {
                    lang: locale.to_string(),
                    dir: crate::script::direction(locale.as_str()).as_str(),
                    name: chrome.label("language-name").to_owned(),
                    prompt: chrome.label("choose-language").to_owned(),
                    site_title: chrome.label("site-title").to_owned(),
                    not_found_title: chrome.label("not-found-title").to_owned(),
                    not_found_text: chrome.label("not-found-text").to_owned(),
                    href: self.href(from, &Page::Index(locale.clone()))?,
                })
            })
            .collect()
    }

    /// `/`: the language chooser, or on a one-language site that
    /// language's documents (no choice of one, and no script to skip it).
    fn home(&self, out: &mut Produced) {
        let Some(first) = self.plan.languages().first() else {
            return;
        };
        let Some(lang) = self.language(first) else {
            return;
        };
        if self.plan.is_one_language() {
            self.document_list(lang, &Page::Home, out);
            return;
        }
        let page = self.page_view(
            lang,
            &Page::Home,
            lang.chrome.label("site-title").to_owned(),
        );
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("languages", &self.language_choices(&Page::Home));
        self.render_template("languages.html", &context, &Page::Home, out);
    }

    /// `404.html`, in every language at once.
    fn not_found(&self, out: &mut Produced) {
        let Some(lang) = self.plan.languages().first().and_then(|l| self.language(l)) else {
            return;
        };
        let title = lang.chrome.label("not-found-title").to_owned();
        let mut page = self.page_view(lang, &Page::NotFound, title);
        page.alternates.clear();
        page.noindex = true;
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("languages", &self.language_choices(&Page::NotFound));
        self.render_template("404.html", &context, &Page::NotFound, out);
    }

    /// `<lang>/`: the documents in force in a language.
    fn index(&self, lang: Language<'_>, out: &mut Produced) {
        let page = Page::Index(lang.locale.clone());
        if self.plan.contains(&page) {
            self.document_list(lang, &page, out);
        }
    }

    /// A list of the documents in force in a language, at `page`; when
    /// drafts are published, with a link to each draft (and the documents
    /// with a draft only).
    fn document_list(&self, lang: Language<'_>, page: &Page, out: &mut Produced) {
        let mut documents = Vec::new();
        for doc in &self.site.documents {
            let at = |target: Page| self.plan.href_inside(page, &target);
            let draft_href = at(Page::Version(
                lang.locale.clone(),
                doc.slug.clone(),
                VersionKey::Draft,
            ));
            let current = self
                .plan
                .timeline(&doc.slug)
                .and_then(|t| t.current())
                .and_then(|key| doc.version(key));
            let shown = match (current, &draft_href) {
                (Some(current), _) => at(Page::Document(lang.locale.clone(), doc.slug.clone()))
                    .map(|href| (current, href)),
                (None, Some(draft)) => Some((&doc.draft, draft.clone())),
                (None, None) => None,
            };
            let Some((version, href)) = shown else {
                continue;
            };
            let Some(catalog) = self.catalog(doc, version.key, lang.locale) else {
                continue;
            };
            documents.push(DocumentLink {
                title: plain(&version.title, catalog),
                href,
                versions_href: at(Page::History(lang.locale.clone(), doc.slug.clone())),
                draft_href,
                effective_iso: version.effective.to_string(),
                effective_text: lang.chrome.date(version.effective),
                effective_html: effective_html(version.effective, lang.chrome),
            });
        }
        let view = self.page_view(lang, page, lang.chrome.label("site-title").to_owned());
        let mut context = tera::Context::new();
        context.insert("page", &view);
        context.insert("documents", &documents);
        self.render_template("index.html", &context, page, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_cover_every_version_once_in_order() {
        for versions in [0, 1, 2, 7, 99, 100, 101, 250, 2000] {
            let items: Vec<usize> = (0..versions).collect();
            for at_least in [1, 2, 3, 8] {
                let of = share_count(versions, at_least);
                let covered: Vec<usize> = (0..of)
                    .flat_map(|index| Share { index, of }.of_slice(&items).iter().copied())
                    .collect();
                assert_eq!(covered, items, "{versions} versions in {of} shares");
                for index in 0..of {
                    let share = Share { index, of }.of_slice(&items);
                    assert!(share.len() <= VERSIONS_PER_SHARE);
                    assert!(!share.is_empty() || versions == 0);
                }
                assert!(Share { index: of - 1, of }.is_last());
                assert!(of == 1 || !Share { index: 0, of }.is_last());
            }
        }
        // Enough shares for the cores, never more than there are versions,
        // and more for a long history.
        assert_eq!(share_count(0, 4), 1);
        assert_eq!(share_count(2, 4), 2);
        assert_eq!(share_count(50, 3), 3);
        assert_eq!(share_count(2000, 1), 20);
    }
}
