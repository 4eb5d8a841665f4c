//! Stage 3 of the build: resolve every Fluent message for every language.
//!
//! Takes the [`Site`] model and the `.ftl` sources, builds one Fluent bundle
//! per language and document (`site.ftl` + `<doc>.ftl`, so terms such as
//! `-company` defined once serve every document), and hands on
//! [`Localized`]: the resolved Markdown of every message the YAML references
//! and the page wording ([`Chrome`]) of each language.
//!
//! Fluent is lenient by design: a missing variable renders `{$name}` and
//! only *records* an error. Here every recorded error is a [`Diagnostic`],
//! and bidi isolation marks are switched off so none reach the HTML.

use crate::date::EffectiveDate;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, Span};
use crate::model::{Locale, Shared, Site, Version, VersionKey, Words, is_message_id};
use crate::sources::SiteSources;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

type Bundle = FluentBundle<Arc<FluentResource>>;

/// The message that holds a version's change summary, in each document's `.ftl`.
pub const RELEASE_SUMMARY: &str = "release-summary";

/// Page wording every `site.ftl` must define, with [`NUMBERING_MESSAGES`].
pub const CHROME_MESSAGES: &[&str] = &[
    "language-name",
    "site-title",
    "date",
    "document-part",
    "history-reference",
    "effective-label",
    "contents",
    "documents",
    "language-switch",
    "choose-language",
    "skip-to-content",
    "lead-separator",
    "versions-heading",
    "all-versions",
    "status-current",
    "status-upcoming",
    "status-draft",
    "in-force-period",
    "archived-banner",
    "view-current",
    "upcoming-notice",
    "read-upcoming",
    "upcoming-banner",
    "draft-banner",
    "digest-label",
    "feed-label",
    "not-found-title",
    "not-found-text",
    "diff-title",
    "diff-summary",
    "diff-added",
    "diff-removed",
    "diff-changed",
    "diff-moved",
    "diff-renumbered",
    "diff-unchanged",
    "diff-no-changes",
    "diff-previous",
    "diff-with-current",
    "diff-changes-link",
    "diff-read-changes",
    "diff-preamble",
    "diff-legend",
    "diff-del-start",
    "diff-del-end",
    "diff-ins-start",
    "diff-ins-end",
    "fallback-notice",
    "time-zone-note",
    "record-heading",
    "record-postponed",
    "record-withdrawn",
    "backdated-note",
    "translation-added",
    "draft-link",
    "self-link",
    "effective-on",
    "status-note",
    "sentence-separator",
    "list-separator",
    "summary-heading",
    "summary-of",
    "print-footer",
    "pdf-link",
    "pdf-page",
    "pdf-version",
    "pdf-subject",
    "key-terms",
    "table-scroll-hint",
    "title-separator",
];

/// Page wording that takes text variables, with the variables it gets.
const CHROME_ARGUMENTS: &[(&str, &[&str])] = &[
    ("in-force-period", &["from", "until"]),
    ("upcoming-notice", &["date"]),
    ("upcoming-banner", &["date"]),
    ("diff-title", &["from", "to"]),
    ("diff-unchanged", &["count"]),
    ("fallback-notice", &["language"]),
    ("time-zone-note", &["zone"]),
    ("record-postponed", &["from", "to", "on", "reason"]),
    ("record-withdrawn", &["version", "on", "reason"]),
    ("backdated-note", &["on", "reason"]),
    ("translation-added", &["language", "on"]),
    ("self-link", &["part"]),
    ("effective-on", &["date"]),
    ("diff-changes-link", &["date"]),
    ("status-note", &["status"]),
    ("summary-of", &["date"]),
    ("print-footer", &["title", "date", "version"]),
    ("pdf-link", &["date"]),
    ("pdf-page", &["page", "total"]),
    ("pdf-version", &["version"]),
    ("pdf-subject", &["title", "date"]),
    ("document-part", &["document", "part"]),
    ("history-reference", &["document"]),
];

/// A resolved message: its Markdown text and where it is defined.
///
/// Kept small, since a site holds one per message, version and language:
/// equal texts share one allocation (and so do the lines that define them),
/// so a released version's files need not stay loaded once resolved. It
/// does not name its file, which its catalog knows: a message resolved the
/// same way in many versions is kept once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    /// The message's value with every placeable resolved; Markdown.
    pub text: Arc<str>,
    /// The 1-based line of the definition; 0 when it was not found.
    line: u32,
    /// The text of that line, for the snippet under a problem.
    definition: Definition,
    /// When the text is not yet translated and comes from the site's
    /// fallback language: that language.
    pub fallback: Option<Arc<Locale>>,
}

/// The line that defines a message, for the snippet under a problem. Most
/// read `id = text` with the text as resolved: those keep only what comes
/// before the text, which every version that defines the id alike shares,
/// rather than a second copy of the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Definition {
    /// The definition was not found.
    Unknown,
    /// The line is this, then the message's text.
    BeforeText(Arc<str>),
    /// The whole line.
    Line(Arc<str>),
}

impl Definition {
    /// How `line`, the definition of a message whose text is `text`, is kept.
    fn of(line: Option<&str>, text: &str, texts: &mut Shared<str>) -> Definition {
        match line {
            None => Definition::Unknown,
            Some(line) => match line.strip_suffix(text) {
                Some(before) if !text.is_empty() => Definition::BeforeText(texts.share(before)),
                _ => Definition::Line(texts.share(line)),
            },
        }
    }
}

impl Message {
    /// The line that defines the message.
    fn source_line(&self) -> Option<Arc<str>> {
        match &self.definition {
            Definition::Unknown => None,
            Definition::BeforeText(before) => Some(format!("{before}{}", self.text).into()),
            Definition::Line(line) => Some(Arc::clone(line)),
        }
    }
}

/// A message found in a catalog, with the file it is defined in.
#[derive(Debug, Clone, Copy)]
pub struct Found<'c> {
    message: &'c Message,
    /// The `.ftl` file the message is defined in, relative to the root.
    file: &'c Path,
}

impl std::ops::Deref for Found<'_> {
    type Target = Message;

    fn deref(&self) -> &Message {
        self.message
    }
}

impl Found<'_> {
    /// Where the message is defined in its `.ftl` file.
    pub fn origin(&self) -> Span {
        let source_line = self.source_line();
        let id_len = source_line
            .as_deref()
            .and_then(|l| l.split_once('='))
            .map_or(1, |(id, _)| id.trim_end().chars().count());
        Span {
            file: Arc::from(self.file),
            line: self.line as usize,
            column: usize::from(self.line > 0),
            len: if self.line > 0 { id_len } else { 0 },
            source_line,
        }
    }

    /// Where `written` (characters of the message, as typed) is in the
    /// `.ftl` file: on the definition's line when it is there, otherwise
    /// the definition itself.
    pub fn origin_of(&self, written: Option<&str>) -> Span {
        let mut span = self.origin();
        let found = written.filter(|w| !w.is_empty()).and_then(|w| {
            let line = span.source_line.as_deref()?;
            // After the `=`: the id may hold the same characters.
            let value_at = line.find('=')? + 1;
            let at = value_at + line[value_at..].find(w)?;
            Some((line[..at].chars().count() + 1, w.chars().count()))
        });
        if let Some((column, len)) = found {
            span.column = column;
            span.len = len;
        }
        span
    }
}

/// How many consecutive messages of a catalog are kept together.
const BLOCK: usize = 16;

/// [`BLOCK`] consecutive messages of a catalog (`None` where the language
/// lacks one, and past the last). Compared by address: each message in it
/// was kept once by the thread that resolved it, which keeps the blocks too.
#[derive(Debug)]
struct Block([Option<Arc<Message>>; BLOCK]);

impl PartialEq for Block {
    fn eq(&self, other: &Block) -> bool {
        self.0.iter().zip(&other.0).all(|pair| match pair {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        })
    }
}

impl Eq for Block {}

impl std::hash::Hash for Block {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for message in &self.0 {
            message.as_ref().map(Arc::as_ptr).hash(state);
        }
    }
}

/// Every message one document references, resolved in one language.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The ids the version references, sorted: shared by the version's
    /// catalogs in every language, and by the versions that reference the
    /// same ids (a site holds one catalog per version and language).
    ids: Arc<[Arc<str>]>,
    /// The message of each id, in the same order, [`BLOCK`] to a block;
    /// `None` when this language lacks it. A released version changes a
    /// few messages: its catalog shares every block it left alone with the
    /// version before it.
    messages: Box<[Arc<Block>]>,
    /// The `.ftl` file the messages are defined in.
    file: Arc<Path>,
    /// The fallback language's file, which messages it lacks come from.
    fallback_file: Option<Arc<Path>>,
    summary: Option<Message>,
    /// Messages the version references that this language lacks (drafts only).
    untranslated: usize,
}

impl Catalog {
    /// The resolved message `id`. Validation guarantees every id the
    /// document references is present.
    pub fn get(&self, id: &str) -> Option<Found<'_>> {
        let at = self
            .ids
            .binary_search_by(|known| known.as_ref().cmp(id))
            .ok()?;
        let message = self.messages.get(at / BLOCK)?.0[at % BLOCK].as_deref()?;
        Some(self.found(message))
    }

    fn found<'c>(&'c self, message: &'c Message) -> Found<'c> {
        let file = match (&message.fallback, &self.fallback_file) {
            (Some(_), Some(fallback)) => fallback,
            _ => &self.file,
        };
        Found { message, file }
    }

    /// Whether every message the version references has words in this
    /// language (its own, or the fallback language's).
    pub fn is_complete(&self) -> bool {
        self.untranslated == 0
    }

    /// The version's change summary (`release-summary`), if written.
    pub fn summary(&self) -> Option<Found<'_>> {
        self.summary.as_ref().map(|summary| self.found(summary))
    }
}

/// How numbers are written: the variables every numbering message receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A section: `第1条`, `제1조`, `1.`.
    Section,
    /// A clause in a section.
    Clause,
    /// A clause in a clause.
    Subclause,
}

/// The page wording of one language, from its `site.ftl`.
pub struct Chrome {
    locale: Locale,
    bundle: Bundle,
    labels: BTreeMap<String, String>,
    /// Section, clause and subclause numbers 1..=[`NUMBERS_KEPT`], formatted
    /// once: every page of every version shows them.
    numbers: [Vec<String>; 3],
    /// Every version's effective date and last day in force, formatted once.
    dates: BTreeMap<EffectiveDate, String>,
    /// The numbering styles this language defines (`plain` for
    /// `section-number-plain` …), for documents that ask for one.
    styles: BTreeSet<String>,
}

/// The page wording that numbers sections and clauses and names them in
/// cross-references; a document's numbering style may replace each (a
/// style `plain` is `section-number-plain`, `cross-reference-plain` …).
const NUMBERING_MESSAGES: &[&str] = &[
    "section-number",
    "clause-number",
    "subclause-number",
    "cross-reference",
    "clause-reference",
    "subclause-reference",
];

/// How many numbers of each kind [`Chrome`] formats ahead.
const NUMBERS_KEPT: usize = 99;

impl std::fmt::Debug for Chrome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chrome")
            .field("locale", &self.locale)
            .field("labels", &self.labels)
            .finish()
    }
}

impl Chrome {
    /// The language.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// Every simple label (`contents`, `language-name` …) by message id.
    pub fn labels(&self) -> &BTreeMap<String, String> {
        &self.labels
    }

    /// A simple label; the id is one of [`CHROME_MESSAGES`].
    pub fn label(&self, id: &str) -> &str {
        self.labels.get(id).map_or("", String::as_str)
    }

    /// A date in this language's format (`2026年4月1日`, `April 1, 2026`).
    pub fn date(&self, date: EffectiveDate) -> String {
        if let Some(text) = self.dates.get(&date) {
            return text.clone();
        }
        self.format_date(date)
    }

    fn format_date(&self, date: EffectiveDate) -> String {
        let mut args = FluentArgs::new();
        args.set("year", FluentValue::from(date.year().to_string()));
        args.set("month", FluentValue::from(date.month()));
        args.set("day", FluentValue::from(date.day()));
        self.format("date", &args)
    }

    /// The number of the `n`th (1-based) section or clause, in this
    /// language's style, or in the document's `style` where this language
    /// defines it.
    pub fn number(&self, style: Option<&str>, kind: NumberKind, n: usize) -> String {
        let base = number_message(kind);
        if let Some(id) = self.styled(base, style) {
            return self.format(&id, &numeral_args(n));
        }
        if let Some(text) = n
            .checked_sub(1)
            .and_then(|i| self.numbers[kind as usize].get(i))
        {
            return text.clone();
        }
        self.format_number(kind, n)
    }

    fn format_number(&self, kind: NumberKind, n: usize) -> String {
        self.format(number_message(kind), &numeral_args(n))
    }

    /// `base-style` when the document asks for `style` and this language
    /// defines that message.
    fn styled(&self, base: &str, style: Option<&str>) -> Option<String> {
        let style = style.filter(|s| self.styles.contains(*s))?;
        let id = format!("{base}-{style}");
        has_value(&self.bundle, &id).then_some(id)
    }

    /// Whether this language defines any message of numbering `style`.
    pub fn has_style(&self, style: &str) -> bool {
        self.styles.contains(style)
    }

    /// The numbering styles this language defines.
    pub fn styles(&self) -> impl Iterator<Item = &str> {
        self.styles.iter().map(String::as_str)
    }

    /// Page wording that takes text variables (see `in-force-period`,
    /// `upcoming-notice`, `upcoming-banner` in docs/content-model.md).
    pub fn format_with(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from((*value).to_owned()));
        }
        self.format(id, &fluent_args)
    }

    /// How `[](#id)` reads: a section's number and title.
    pub fn cross_reference(
        &self,
        style: Option<&str>,
        number: &str,
        n: usize,
        title: &str,
    ) -> String {
        let mut args = numeral_args(n);
        args.set("number", FluentValue::from(number.to_owned()));
        args.set("title", FluentValue::from(title.to_owned()));
        match self.styled("cross-reference", style) {
            Some(id) => self.format(&id, &args),
            None => self.format("cross-reference", &args),
        }
    }

    /// How `[](#id)` reads for a clause of section `section` at `clauses`
    /// (positions from the section down): `第3条第2項`, `제3조 제2항`,
    /// `section 3(2)`. `None` deeper than a subclause, which has no
    /// wording of its own.
    pub fn clause_reference(
        &self,
        style: Option<&str>,
        section: usize,
        clauses: &[usize],
    ) -> Option<String> {
        let base = match clauses.len() {
            1 => "clause-reference",
            2 => "subclause-reference",
            _ => return None,
        };
        let mut args = reference_args(section, clauses);
        args.set(
            "section-number",
            FluentValue::from(self.number(style, NumberKind::Section, section)),
        );
        Some(match self.styled(base, style) {
            Some(id) => self.format(&id, &args),
            None => self.format(base, &args),
        })
    }

    /// Formats a message with arguments. Every message was formatted once with
    /// sample arguments while loading, and its errors reported then.
    fn format(&self, id: &str, args: &FluentArgs) -> String {
        let mut errors = Vec::new();
        format_message(&self.bundle, id, Some(args), &mut errors).unwrap_or_default()
    }
}

/// The page wording that numbers a kind of section or clause.
fn number_message(kind: NumberKind) -> &'static str {
    match kind {
        NumberKind::Section => "section-number",
        NumberKind::Clause => "clause-number",
        NumberKind::Subclause => "subclause-number",
    }
}

/// The sample variables a numbering message is checked with.
fn sample_numbering_args(base: &str) -> FluentArgs<'static> {
    match base {
        "cross-reference" => {
            let mut a = numeral_args(1);
            a.set("number", FluentValue::from("1"));
            a.set("title", FluentValue::from("title"));
            a
        }
        "clause-reference" | "subclause-reference" => {
            let mut a = reference_args(1, &[1, 1]);
            a.set("section-number", FluentValue::from("1"));
            a
        }
        _ => numeral_args(1),
    }
}

/// The number `n` in every style a numbering message can choose from.
fn numeral_args(n: usize) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    args.set("n", FluentValue::from(n));
    args.set("circled", FluentValue::from(circled(n)));
    args.set("alpha", FluentValue::from(alpha(n)));
    args.set("roman", FluentValue::from(roman(n)));
    args.set("kanji", FluentValue::from(kanji(n)));
    args
}

/// The variables of `clause-reference` and `subclause-reference`: for the
/// section, the clause and the subclause, the number (`$section`,
/// `$clause`, `$subclause`) and each style of it (`$clause-circled`,
/// `$subclause-alpha` …), and the section's number as the page writes it
/// (`$section-number`).
fn reference_args(section: usize, clauses: &[usize]) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    let levels = std::iter::once(("section", section)).chain(
        ["clause", "subclause"]
            .into_iter()
            .zip(clauses.iter().copied()),
    );
    for (name, n) in levels {
        args.set(name, FluentValue::from(n));
        args.set(format!("{name}-circled"), FluentValue::from(circled(n)));
        args.set(format!("{name}-alpha"), FluentValue::from(alpha(n)));
        args.set(format!("{name}-roman"), FluentValue::from(roman(n)));
        args.set(format!("{name}-kanji"), FluentValue::from(kanji(n)));
    }
    args
}

/// What localization hands to rendering.
#[derive(Debug)]
pub struct Localized {
    /// Page wording by language.
    pub chrome: BTreeMap<Locale, Chrome>,
    /// The site's languages, in its order: each version's catalogs are kept
    /// in this order rather than under a key of their own.
    locales: Vec<Locale>,
    /// Resolved messages by document and version, then by language in the
    /// order of `locales`: nested, so that the many lookups of a build
    /// borrow their keys rather than build them.
    catalogs: BTreeMap<String, BTreeMap<VersionKey, VersionCatalogs>>,
}

/// A version's catalog in each of the site's languages, in the site's
/// order; `None` where the language has no words for it.
type VersionCatalogs = Box<[Option<Catalog>]>;

impl Localized {
    /// The resolved messages of a document's version in a language.
    pub fn catalog(&self, slug: &str, key: VersionKey, locale: &Locale) -> Option<&Catalog> {
        let at = self.locales.iter().position(|l| l == locale)?;
        self.catalogs.get(slug)?.get(&key)?.get(at)?.as_ref()
    }

    fn insert(&mut self, (slug, key, catalogs): CatalogEntry<'_>) {
        self.catalogs
            .entry(slug.to_owned())
            .or_default()
            .insert(key, catalogs);
    }
}

/// Resolves every message of every document in every language, with every
/// problem found. What could be resolved is returned even when there are
/// problems, so that rendering can report its own.
pub fn localize(site: &Site, sources: &SiteSources) -> (Localized, Diagnostics) {
    let mut diags = Diagnostics::new();
    let locales = &site.settings.locales;

    // Parse every .ftl file once; parse errors are reported here.
    let mut stems: Vec<&str> = vec!["site"];
    stems.extend(site.documents.iter().map(|d| &*d.slug));
    let resources = parse_words(locales, sources, &stems, &mut diags);

    // Page wording.
    let mut chrome = BTreeMap::new();
    for locale in locales {
        if let Some(wording) = chrome_of(site, locale, &resources, &mut diags) {
            chrome.insert(locale.clone(), wording);
        }
    }

    // A numbering style that no language defines is a misspelling: the
    // document would silently keep each language's own style.
    if !chrome.is_empty() {
        let mut named = BTreeSet::new();
        for version in site.documents.iter().flat_map(|d| d.all_versions()) {
            let Some((style, span)) = &version.numbering else {
                continue;
            };
            if chrome.values().any(|c| c.has_style(style)) || !named.insert(style.clone()) {
                continue;
            }
            let known: BTreeSet<&str> = chrome.values().flat_map(Chrome::styles).collect();
            let help = match crate::diagnostic::did_you_mean(style, known.iter().copied()) {
                Some(close) => format!("did you mean `numbering: {close}`?"),
                None => format!(
                    "define it in site.ftl, e.g. `section-number-{style} = {{ $n }}.` and `clause-number-{style} = ({{ $n }})`; each language without it keeps its own numbering"
                ),
            };
            diags.push(
                Diagnostic::error(
                    "unknown-numbering",
                    format!("no language's site.ftl defines the numbering style `{style}`"),
                )
                .at(span.clone())
                .with_help(help),
            );
        }
    }

    // Documents: the draft with the words in locales/, each released version
    // with its frozen words (including its own copy of site.ftl's terms).
    // Versions resolve independently, on every core; the results are merged
    // in order, so that reports do not depend on timing.
    let versions: Vec<(&str, &Version)> = site
        .documents
        .iter()
        .flat_map(|doc| doc.all_versions().map(move |v| (&*doc.slug, v)))
        .collect();
    let chunk = crate::parallel::part_size(versions.len());
    let resources = &resources;
    let parts = crate::parallel::each(versions.chunks(chunk).collect(), |part| {
        let mut words = VersionWords {
            root: &sources.root,
            settings: &site.settings,
            resources,
            kept: Kept::default(),
            parsed: std::collections::HashMap::new(),
        };
        let (mut catalogs, mut found) = (Vec::new(), Diagnostics::new());
        for &(slug, version) in part {
            words.resolve(slug, version, &mut catalogs, &mut found);
        }
        (catalogs, found)
    });
    let mut localized = Localized {
        chrome,
        locales: locales.clone(),
        catalogs: BTreeMap::new(),
    };
    for (part, found) in parts {
        for entry in part {
            localized.insert(entry);
        }
        diags.extend(found);
    }
    (localized, diags)
}

/// The draft's `.ftl` files, parsed, by language and stem.
type DraftWords<'s> = BTreeMap<(Locale, String), (Arc<FluentResource>, &'s SourceFile)>;

/// Parses the draft's `.ftl` files of the given stems in every language;
/// parse errors and missing files are reported.
fn parse_words<'s>(
    locales: &[Locale],
    sources: &'s SiteSources,
    stems: &[&str],
    diags: &mut Diagnostics,
) -> DraftWords<'s> {
    let mut resources = BTreeMap::new();
    for locale in locales {
        let files = sources.locales.get(locale.as_str());
        for &stem in stems {
            match files.and_then(|f| f.get(stem)) {
                Some(file) => {
                    let resource = parse_ftl(file, diags);
                    resources.insert(
                        (locale.clone(), stem.to_owned()),
                        (Arc::new(resource), file),
                    );
                }
                // A file that exists but could not be read was reported already.
                None if sources
                    .was_unreadable(Path::new(&format!("locales/{locale}/{stem}.ftl"))) => {}
                None => diags.push(
                    Diagnostic::error(
                        "missing-ftl",
                        format!("locales/{locale}/{stem}.ftl does not exist"),
                    )
                    .in_file(format!("locales/{locale}"))
                    .with_help(format!(
                        "create locales/{locale}/{stem}.ftl with the {locale} text of {}",
                        if stem == "site" {
                            "the page wording".to_owned()
                        } else {
                            format!("document `{stem}`")
                        }
                    )),
                ),
            }
        }
    }
    resources
}

/// A language's page wording from its site.ftl, with every problem in it
/// reported; `None` when some page wording is missing.
fn chrome_of(
    site: &Site,
    locale: &Locale,
    resources: &DraftWords<'_>,
    diags: &mut Diagnostics,
) -> Option<Chrome> {
    let (site_res, site_file) = resources.get(&(locale.clone(), "site".to_owned()))?;
    let mut bundle = new_bundle(locale);
    add_resources(&mut bundle, &[(site_res, site_file)], diags);
    let mut labels = BTreeMap::new();
    for &id in NUMBERING_MESSAGES.iter().chain(CHROME_MESSAGES) {
        if !has_value(&bundle, id) {
            diags.push(
                Diagnostic::error(
                    "missing-message",
                    format!("page wording `{id}` is missing in {locale}"),
                )
                .in_file(&site_file.path)
                .with_help(format!("add `{id} = …` to {}", site_file.path.display())),
            );
            continue;
        }
        let mut errors = Vec::new();
        let args = match id {
            "date" => {
                let mut a = FluentArgs::new();
                a.set("year", FluentValue::from("2026"));
                a.set("month", FluentValue::from(4));
                a.set("day", FluentValue::from(1));
                Some(a)
            }
            id if NUMBERING_MESSAGES.contains(&id) => Some(sample_numbering_args(id)),
            _ => CHROME_ARGUMENTS
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, names)| {
                    let mut a = FluentArgs::new();
                    for name in *names {
                        a.set(*name, FluentValue::from("2026-04-01"));
                    }
                    a
                }),
        };
        let text = format_message(&bundle, id, args.as_ref(), &mut errors).unwrap_or_default();
        let terms: Vec<String> = term_ids(&site_file.text).map(str::to_owned).collect();
        report_resolver_errors(id, locale, &errors, (site_file, &terms), diags);
        if args.is_none() {
            labels.insert(id.to_owned(), text);
        }
    }
    // Numbering styles: `section-number-plain` … checked like the
    // language's own numbering messages.
    let mut styles = BTreeSet::new();
    for id in message_ids(&site_file.text) {
        let Some((base, style)) = NUMBERING_MESSAGES.iter().find_map(|base| {
            let style = id.strip_prefix(base)?.strip_prefix('-')?;
            Some((*base, style))
        }) else {
            continue;
        };
        let mut errors = Vec::new();
        format_message(&bundle, id, Some(&sample_numbering_args(base)), &mut errors);
        report_resolver_errors(id, locale, &errors, (site_file, &[]), diags);
        styles.insert(style.to_owned());
    }
    // Every other message of site.ftl is a label too, so that a theme can
    // bring its own words; one that needs arguments is not a label.
    for id in message_ids(&site_file.text) {
        if labels.contains_key(id)
            || CHROME_MESSAGES.contains(&id)
            || NUMBERING_MESSAGES.contains(&id)
            || !has_value(&bundle, id)
        {
            continue;
        }
        let mut errors = Vec::new();
        if let Some(text) = format_message(&bundle, id, None, &mut errors)
            && errors.is_empty()
        {
            labels.insert(id.to_owned(), text);
        }
    }
    // Without all of its page wording a language's pages cannot be made;
    // the missing messages were reported, once each.
    if NUMBERING_MESSAGES
        .iter()
        .chain(CHROME_MESSAGES)
        .any(|id| !has_value(&bundle, id))
    {
        return None;
    }
    let mut wording = Chrome {
        locale: locale.clone(),
        bundle,
        labels,
        numbers: Default::default(),
        dates: BTreeMap::new(),
        styles,
    };
    for kind in [
        NumberKind::Section,
        NumberKind::Clause,
        NumberKind::Subclause,
    ] {
        wording.numbers[kind as usize] = (1..=NUMBERS_KEPT)
            .map(|n| wording.format_number(kind, n))
            .collect();
    }
    for version in site.documents.iter().flat_map(|d| d.all_versions()) {
        for date in [version.effective, version.effective.previous_day()] {
            let text = wording.format_date(date);
            wording.dates.insert(date, text);
        }
    }
    Some(wording)
}

/// Makes a language's page wording again after its site.ftl changed
/// (`serve`'s quick preview); the other languages' are kept. The drafts'
/// words, which may use its terms, are resolved again by the caller.
/// Returns the problems found.
pub fn relocalize_chrome(
    site: &Site,
    sources: &SiteSources,
    localized: &mut Localized,
    locale: &Locale,
) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let resources = parse_words(std::slice::from_ref(locale), sources, &["site"], &mut diags);
    match chrome_of(site, locale, &resources, &mut diags) {
        Some(wording) => {
            localized.chrome.insert(locale.clone(), wording);
        }
        None if !diags.has_errors() => diags.push(Diagnostic::error(
            "missing-message",
            format!("{locale} has no page wording"),
        )),
        None => {}
    }
    diags
}

/// Resolves a document's draft again, in every language, after its words
/// changed (`serve`'s quick preview); the other catalogs are kept.
/// Returns the problems found in the draft's words.
pub fn relocalize_draft(
    site: &Site,
    sources: &SiteSources,
    localized: &mut Localized,
    slug: &str,
) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Some(doc) = site.documents.iter().find(|d| &*d.slug == slug) else {
        return diags;
    };
    let resources = parse_words(&site.settings.locales, sources, &["site", slug], &mut diags);
    let mut words = VersionWords {
        root: &sources.root,
        settings: &site.settings,
        resources: &resources,
        kept: Kept::default(),
        parsed: std::collections::HashMap::new(),
    };
    let mut catalogs = Vec::new();
    words.resolve(slug, &doc.draft, &mut catalogs, &mut diags);
    if let Some(versions) = localized.catalogs.get_mut(slug) {
        versions.remove(&VersionKey::Draft);
    }
    for entry in catalogs {
        localized.insert(entry);
    }
    diags
}

/// A version's resolved catalogs with its document and key.
type CatalogEntry<'s> = (&'s str, VersionKey, VersionCatalogs);

/// Resolved catalogs with their keys, as one thread makes them.
type CatalogList<'s> = Vec<CatalogEntry<'s>>;

/// What the catalogs one thread resolves have in common, kept once: most
/// words, lines and ids are the same in version after version.
#[derive(Default)]
struct Kept {
    /// Equal texts.
    texts: Shared<str>,
    /// Equal lists of message ids.
    id_lists: Shared<[Arc<str>]>,
    /// Messages resolved the same way.
    messages: Shared<Message>,
    /// Equal blocks of a catalog's messages.
    blocks: Shared<Block>,
}

/// What resolving a version's words needs, for one thread.
struct VersionWords<'a> {
    /// The site's root, where released versions' words are read from.
    root: &'a Path,
    settings: &'a crate::model::Settings,
    /// The draft's parsed `.ftl` files, by language and stem.
    resources: &'a DraftWords<'a>,
    /// What the catalogs it resolves have in common.
    kept: Kept,
    /// Every version's frozen copy of site.ftl is mostly the same file: each
    /// distinct one is parsed once (one with syntax errors is parsed again,
    /// to report them). Documents' words differ between versions and are not kept.
    parsed: std::collections::HashMap<String, Arc<FluentResource>>,
}

impl VersionWords<'_> {
    /// Resolves one version's messages in every language that has its words.
    fn resolve<'s>(
        &mut self,
        slug: &'s str,
        version: &Version,
        catalogs: &mut CatalogList<'s>,
        diags: &mut Diagnostics,
    ) {
        let (resources, locales) = (self.resources, &self.settings.locales);
        // A released version's words are read now, and dropped once resolved.
        let frozen = match &version.words {
            Words::Draft => None,
            Words::Frozen { dir, files } => {
                let mut read = BTreeMap::new();
                for locale in locales {
                    for stem in ["site", slug] {
                        let path = format!("locales/{locale}/{stem}.ftl");
                        let Some(recorded) = files.get(path.as_str()) else {
                            continue;
                        };
                        let rel = dir.join(&path);
                        if let Some(file) =
                            crate::sources::read_frozen(self.root, &rel, recorded, diags)
                        {
                            read.insert(path, file);
                        }
                    }
                }
                Some(read)
            }
        };
        let parsed = &mut self.parsed;
        let mut bundles: BTreeMap<&Locale, (Bundle, &SourceFile)> = BTreeMap::new();
        // The terms each language defines, for a did-you-mean.
        let mut known_terms: BTreeMap<&Locale, Vec<String>> = BTreeMap::new();
        for locale in locales {
            let pair = match &frozen {
                None => {
                    let site_entry = resources.get(&(locale.clone(), "site".to_owned()));
                    let doc_entry = resources.get(&(locale.clone(), slug.to_owned()));
                    match (site_entry, doc_entry) {
                        (Some((sr, sf)), Some((dr, df))) => {
                            Some(((Arc::clone(sr), *sf), (Arc::clone(dr), *df)))
                        }
                        _ => None,
                    }
                }
                Some(files) => {
                    // A language added after the release has no words in it:
                    // that version is simply not published in that language.
                    let site_file = files.get(&format!("locales/{locale}/site.ftl"));
                    let doc_file = files.get(&format!("locales/{locale}/{slug}.ftl"));
                    match (site_file, doc_file) {
                        (Some(sf), Some(df)) => {
                            let site_res = match parsed.get(sf.text.as_str()) {
                                Some(resource) => Arc::clone(resource),
                                None => {
                                    let before = diags.len();
                                    let resource = Arc::new(parse_ftl(sf, diags));
                                    if diags.len() == before {
                                        parsed.insert(sf.text.clone(), Arc::clone(&resource));
                                    }
                                    resource
                                }
                            };
                            let doc_res = Arc::new(parse_ftl(df, diags));
                            Some(((site_res, sf), (doc_res, df)))
                        }
                        _ => None,
                    }
                }
            };
            let Some(((site_res, site_file), (doc_res, doc_file))) = pair else {
                continue;
            };
            let mut bundle = new_bundle(locale);
            add_resources(
                &mut bundle,
                &[(&site_res, &site_file), (&doc_res, &doc_file)],
                diags,
            );
            let terms = [&site_file, &doc_file]
                .into_iter()
                .flat_map(|f| term_ids(&f.text))
                .map(str::to_owned)
                .collect();
            known_terms.insert(locale, terms);
            bundles.insert(locale, (bundle, doc_file));
        }
        let fallback = self.settings.fallback.as_ref();
        check_references(version, locales, &bundles, fallback, diags);
        // Only the draft may borrow words from the fallback language.
        let fallback_bundle = fallback
            .filter(|_| version.key == VersionKey::Draft)
            .and_then(|f| bundles.get(f).map(|(b, file)| (f, b, *file)));
        let mut ids: Vec<Arc<str>> = version
            .message_refs()
            .into_iter()
            .map(|r| Arc::clone(&r.id))
            .collect();
        ids.sort();
        ids.dedup();
        let ids = self.kept.id_lists.share(ids.as_slice());
        let mut resolved: Vec<Option<Catalog>> = locales.iter().map(|_| None).collect();
        for (locale, (bundle, doc_file)) in &bundles {
            let terms = known_terms.get(locale).map_or(&[][..], Vec::as_slice);
            let catalog = resolve_version(
                (version, &ids),
                locale,
                (bundle, doc_file, terms),
                fallback_bundle,
                &mut self.kept,
                diags,
            );
            if let Some(at) = locales.iter().position(|l| l == *locale) {
                resolved[at] = Some(catalog);
            }
        }
        catalogs.push((slug, version.key, resolved.into_boxed_slice()));
    }
}

fn new_bundle(locale: &Locale) -> Bundle {
    // The tag was validated by the model.
    let langid = locale.as_str().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // U+2068/U+2069 around placeables are invisible in a browser but end up in
    // copied text, search indexes and diffs.
    bundle.set_use_isolating(false);
    bundle
}

/// How deep placeables may nest in a message (`{ { { … } } }`, selectors
/// inside selectors). The Fluent parser recurses once per level, so a file
/// nested thousands deep would exhaust the stack; real messages use two or three.
pub const MAX_PLACEABLE_DEPTH: usize = 32;

/// Where placeables first nest deeper than [`MAX_PLACEABLE_DEPTH`]: the byte
/// offset of the `{` that goes too deep. String literals inside
/// placeables (`{ "{" }`) do not count.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line_start = true;
    let mut comment = false;
    for (i, c) in text.char_indices() {
        if line_start {
            line_start = false;
            // A comment is text; an entry at column 0 starts afresh.
            comment = c == '#';
            if c.is_ascii_alphabetic() || c == '-' {
                depth = 0;
                in_string = false;
            }
        }
        if c == '\n' {
            line_start = true;
            comment = false;
        }
        if comment {
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_PLACEABLE_DEPTH {
                    return Some(i);
                }
            }
            '}' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

fn parse_ftl(file: &SourceFile, diags: &mut Diagnostics) -> FluentResource {
    if let Some(at) = too_deep(&file.text) {
        diags.push(
            Diagnostic::error(
                "too-deep",
                format!("placeables nest more than {MAX_PLACEABLE_DEPTH} levels deep here"),
            )
            .at(file.span_of_bytes(at, at + 1))
            .with_help(
                "a message holds a few `{ … }` at most; check for unbalanced or repeated `{`",
            ),
        );
        return FluentResource::try_new(String::new()).unwrap_or_else(|(r, _)| r);
    }
    match FluentResource::try_new(file.text.clone()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for e in errors {
                let (start, end) = e.slice.clone().map_or((e.pos.start, e.pos.end), |s| {
                    (e.pos.start.max(s.start), e.pos.end)
                });
                diags.push(
                    Diagnostic::error("fluent-syntax", format!("Fluent syntax error: {}", e.kind))
                        .at(file.span_of_bytes(start, end.max(start + 1)))
                        .with_help(
                            "a message is `id = text`; continuation lines are indented; \
                             `{` and `}` must be balanced (write `{\"{\"}` for a literal brace)",
                        ),
                );
            }
            resource
        }
    }
}

fn add_resources(
    bundle: &mut Bundle,
    resources: &[(&Arc<FluentResource>, &&SourceFile)],
    diags: &mut Diagnostics,
) {
    // Every definition line of every file, found once: looking each
    // repeated id up by scanning the files would take time with the square
    // of their size. An id defined many times is reported once.
    let mut index: Option<std::collections::HashMap<String, Vec<Span>>> = None;
    let mut reported = BTreeSet::new();
    for (resource, _) in resources {
        if let Err(errors) = bundle.add_resource(Arc::clone(resource)) {
            for e in errors {
                if let FluentError::Overriding { id, kind } = e {
                    let prefix = if kind.to_string() == "term" { "-" } else { "" };
                    let full = format!("{prefix}{id}");
                    if !reported.insert(full.clone()) {
                        continue;
                    }
                    let index = index.get_or_insert_with(|| {
                        let mut all: std::collections::HashMap<String, Vec<Span>> =
                            std::collections::HashMap::new();
                        for (_, f) in resources {
                            for (i, line) in f.text.lines().enumerate() {
                                if line.starts_with(char::is_whitespace) {
                                    continue;
                                }
                                let Some((id, _)) = line.split_once('=') else {
                                    continue;
                                };
                                let id = id.trim_end();
                                all.entry(id.to_owned()).or_default().push(f.span(
                                    i + 1,
                                    1,
                                    id.chars().count(),
                                ));
                            }
                        }
                        all
                    });
                    let places = index.get(&full).map(Vec::as_slice).unwrap_or_default();
                    let (first, last) = match (places.first(), places.last()) {
                        (Some(a), Some(b)) => (a.clone(), b.clone()),
                        _ => continue,
                    };
                    diags.push(
                        Diagnostic::error(
                            "duplicate-message",
                            format!("`{full}` is defined twice"),
                        )
                        .at(last)
                        .with_help(format!(
                            "it is first defined at {}:{}; keep one definition",
                            first.file.display(),
                            first.line
                        )),
                    );
                }
            }
        }
    }
}

/// Where each message of a file is first defined, found in one pass over
/// the file (looking each id up by scanning would be quadratic in a large
/// site).
struct Definitions<'a> {
    lines: std::collections::HashMap<&'a str, (u32, &'a str)>,
}

impl<'a> Definitions<'a> {
    fn of(file: &'a SourceFile) -> Self {
        let mut lines = std::collections::HashMap::new();
        for (i, line) in file.text.lines().enumerate() {
            if line.starts_with(char::is_whitespace) {
                continue;
            }
            if let Some((id, _)) = line.split_once('=') {
                lines
                    .entry(id.trim_end())
                    .or_insert((u32::try_from(i + 1).unwrap_or(0), line));
            }
        }
        Definitions { lines }
    }

    /// The 1-based line of `id`'s definition and its text; 0 when not found.
    fn line(&self, id: &str) -> (u32, Option<&'a str>) {
        self.lines
            .get(id)
            .map_or((0, None), |&(line, text)| (line, Some(text)))
    }
}

/// Where `id = …` is defined in a file (one span per definition).
pub fn definition_lines(file: &SourceFile, id: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, line) in file.text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            out.push(file.span(i + 1, 1, id.chars().count()));
        }
    }
    out
}

/// The ids of the messages (not terms) a Fluent file defines, in order:
/// an entry starts at the beginning of a line with its id and ` =`.
fn message_ids(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        crate::model::is_message_id(id).then_some(id)
    })
}

fn has_value(bundle: &Bundle, id: &str) -> bool {
    bundle.get_message(id).is_some_and(|m| m.value().is_some())
}

fn format_message(
    bundle: &Bundle,
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<FluentError>,
) -> Option<String> {
    let message = bundle.get_message(id)?;
    let pattern = message.value()?;
    Some(bundle.format_pattern(pattern, args, errors).into_owned())
}

/// A message referenced from the YAML must exist, with a value, in every
/// language. One diagnostic per reference names every language that lacks it.
///
/// In the draft, a message that the source language has but another language
/// lacks is a translation still to do: a warning (`untranslated`), so work in
/// progress can be merged; `check --strict` and `release` make it an error.
fn check_references(
    doc: &Version,
    locales: &[Locale],
    bundles: &BTreeMap<&Locale, (Bundle, &SourceFile)>,
    fallback: Option<&Locale>,
    diags: &mut Diagnostics,
) {
    let source = locales.first();
    for reference in doc.message_refs() {
        let id: &str = &reference.id;
        let (present, missing): (Vec<&Locale>, Vec<&Locale>) = locales
            .iter()
            .filter(|l| bundles.contains_key(l))
            .partition(|l| has_value(&bundles[l].0, id));
        // A message whose definition has a syntax error is reported there,
        // once: it is not also missing.
        let missing: Vec<&Locale> = missing
            .into_iter()
            .filter(|l| !defines(bundles[l].1, id))
            .collect();
        let Some(first_missing) = missing.first() else {
            continue;
        };
        let (bundle, file) = &bundles[first_missing];
        let files: Vec<String> = missing
            .iter()
            .map(|l| bundles[l].1.path.display().to_string())
            .collect();
        let present_names: Vec<&str> = present.iter().map(|l| l.as_str()).collect();
        let mut help = if bundle.get_message(id).is_some() {
            format!(
                "`{id}` has attributes but no value; give it a value in {}",
                files.join(", ")
            )
        } else if present.is_empty() {
            format!("add `{id} = …` to {}", files.join(", "))
        } else {
            format!(
                "add `{id} = …` to {} (it exists in {})",
                files.join(", "),
                present_names.join(", ")
            )
        };
        if let Some(closest) = closest_id(bundle, file, id) {
            help.push_str(&format!("; did you mean `{closest}`?"));
        }
        let missing_names: Vec<&str> = missing.iter().map(|l| l.as_str()).collect();
        let translation_to_do =
            doc.key == VersionKey::Draft && source.is_some_and(|s| present.contains(&s));
        let diagnostic = if translation_to_do {
            let until = match fallback.filter(|f| present.contains(f)) {
                Some(f) => {
                    format!("until then the draft shows the {f} text, marked as untranslated")
                }
                None => format!(
                    "until then the draft is not published in {}",
                    missing_names.join(", ")
                ),
            };
            Diagnostic::warning(
                "untranslated",
                format!(
                    "message `{id}` is not yet translated into {}",
                    missing_names.join(", ")
                ),
            )
            .with_help(format!("{help}; {until}"))
        } else {
            Diagnostic::error(
                "missing-message",
                format!("message `{id}` is missing in {}", missing_names.join(", ")),
            )
            .with_help(help)
        };
        diags.push(diagnostic.at(reference.span(&doc.source)));
    }
}

/// Whether a line of the file starts the definition of `id` (`id = …`).
fn defines(file: &SourceFile, id: &str) -> bool {
    file.text.lines().any(|line| {
        line.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// The id defined in `file` closest to a misspelt one, if one is close.
fn closest_id(bundle: &Bundle, file: &SourceFile, wanted: &str) -> Option<String> {
    let defined = file
        .text
        .lines()
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim()))
        .filter(|id| is_message_id(id) && has_value(bundle, id));
    crate::diagnostic::did_you_mean(wanted, defined).map(str::to_owned)
}

fn resolve_version(
    (doc, ids): (&Version, &Arc<[Arc<str>]>),
    locale: &Locale,
    (bundle, file, terms): (&Bundle, &SourceFile, &[String]),
    fallback: Option<(&Locale, &Bundle, &SourceFile)>,
    kept: &mut Kept,
    diags: &mut Diagnostics,
) -> Catalog {
    let path = file.path.as_path();
    let fallback_path = fallback.map(|(_, _, ff)| ff.path.as_path());
    let mut catalog = Catalog {
        ids: Arc::clone(ids),
        messages: Box::default(),
        file: Arc::from(path),
        fallback_file: fallback_path.map(Arc::from),
        summary: None,
        untranslated: 0,
    };
    let definitions = Definitions::of(file);
    let fallback_definitions = fallback.map(|(_, _, ff)| Definitions::of(ff));
    let fallback_locale = fallback.map(|(f, _, _)| Arc::new(f.clone()));
    let mut list = Vec::with_capacity(ids.len());
    for id in ids.iter().map(|id| &**id) {
        let mut errors = Vec::new();
        let (text, defined_in, borrowed) = match format_message(bundle, id, None, &mut errors) {
            Some(text) => (text, (&definitions, path), None),
            None => {
                // Missing here (reported by check_references): the fallback
                // language's words, if the site has one and it has them.
                let Some((_, fb, _)) = fallback.filter(|(f, _, _)| *f != locale) else {
                    catalog.untranslated += 1;
                    list.push(None);
                    continue;
                };
                match (
                    format_message(fb, id, None, &mut Vec::new()),
                    &fallback_definitions,
                    fallback_path,
                ) {
                    (Some(text), Some(defs), Some(fpath)) => {
                        (text, (defs, fpath), fallback_locale.clone())
                    }
                    _ => {
                        catalog.untranslated += 1;
                        list.push(None);
                        continue;
                    }
                }
            }
        };
        report_resolver_errors(id, locale, &errors, (file, terms), diags);
        let (line, source_line) = defined_in.0.line(id);
        let message = Message {
            definition: Definition::of(source_line, &text, &mut kept.texts),
            text: kept.texts.share(&text),
            line,
            fallback: borrowed,
        };
        let found = Found {
            message: &message,
            file: defined_in.1,
        };
        report_forbidden_text(id, found, doc.key, diags);
        list.push(Some(kept.messages.keep(message)));
    }
    // The release summary is not referenced from the YAML; it is optional in
    // the draft and checked by `charta release`.
    if has_value(bundle, RELEASE_SUMMARY) {
        let mut errors = Vec::new();
        let text = format_message(bundle, RELEASE_SUMMARY, None, &mut errors).unwrap_or_default();
        report_resolver_errors(RELEASE_SUMMARY, locale, &errors, (file, terms), diags);
        let (line, source_line) = definitions.line(RELEASE_SUMMARY);
        let summary = Message {
            definition: Definition::of(source_line, &text, &mut kept.texts),
            text: kept.texts.share(&text),
            line,
            fallback: None,
        };
        let found = Found {
            message: &summary,
            file: path,
        };
        report_forbidden_text(RELEASE_SUMMARY, found, doc.key, diags);
        catalog.summary = Some(summary);
    }
    catalog.messages = blocks_of(&list, &mut kept.blocks);
    catalog
}

/// A catalog's messages, [`BLOCK`] to a block, each block kept once.
fn blocks_of(list: &[Option<Arc<Message>>], blocks: &mut Shared<Block>) -> Box<[Arc<Block>]> {
    list.chunks(BLOCK)
        .map(|chunk| {
            let block = Block(std::array::from_fn(|i| chunk.get(i).cloned().flatten()));
            blocks.keep(block)
        })
        .collect()
}

/// A message whose resolved text holds a control character or
/// noncharacter, written as a Fluent escape (`\u0007`): refused at its
/// definition (the raw characters are refused when files are read). In a
/// released version, which cannot be changed, it is a warning: the version
/// was released before charta refused them.
fn report_forbidden_text(id: &str, message: Found<'_>, key: VersionKey, diags: &mut Diagnostics) {
    if let Some(c) = message
        .text
        .chars()
        .find(|c| crate::diagnostic::is_forbidden_char(*c))
    {
        let make = if key == VersionKey::Draft {
            Diagnostic::error
        } else {
            Diagnostic::warning
        };
        diags.push(
            make(
                "control-character",
                format!(
                    "the text of `{id}` holds the invisible character U+{:04X}, which pages and feeds cannot carry",
                    c as u32
                ),
            )
            .at(message.origin())
            .with_help("remove the escape (`\\u…`) that writes it"),
        );
    }
}

/// The terms (`-company`) a file defines, without their `-`.
fn term_ids(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let (id, _) = line.strip_prefix('-')?.split_once('=')?;
        let id = id.trim_end();
        crate::model::is_message_id(id).then_some(id)
    })
}

/// Where `{ -name` is written in a message's definition: the placeable,
/// rather than the start of the message, is what to fix.
fn placeable_span(file: &SourceFile, id: &str, needle: &str) -> Option<crate::diagnostic::Span> {
    definition_lines(file, id)
        .into_iter()
        .find_map(|line_span| {
            let line = file.text.lines().nth(line_span.line.checked_sub(1)?)?;
            let at = line.find(needle)?;
            let column = line[..at].chars().count() + 1;
            Some(file.span(line_span.line, column, needle.chars().count()))
        })
}

fn report_resolver_errors(
    id: &str,
    locale: &Locale,
    errors: &[FluentError],
    (file, terms): (&SourceFile, &[String]),
    diags: &mut Diagnostics,
) {
    for e in errors {
        let FluentError::ResolverError(e) = e else {
            continue;
        };
        let detail = e.to_string();
        let mut at = None;
        let help = if detail.starts_with("Unknown variable") {
            "messages shown on the page get no variables here; write the text, or use a term such as `{ -company }`".to_owned()
        } else if let Some(name) = detail.strip_prefix("Unknown term: -") {
            at = placeable_span(file, id, &format!("-{name}"));
            match crate::diagnostic::did_you_mean(name, terms.iter().map(String::as_str)) {
                Some(close) => format!(
                    "did you mean `{{ -{close} }}`? Terms are defined in site.ftl (or this file) as `-{close} = …`"
                ),
                None => format!(
                    "define the term as `-{name} = …` in site.ftl of this language, or fix its spelling"
                ),
            }
        } else if detail.starts_with("Unknown message") {
            "the referenced message does not exist in this language; fix the spelling or add it"
                .to_owned()
        } else if detail.starts_with("Cyclical") {
            "messages refer to each other in a circle; break the circle".to_owned()
        } else {
            "fix the placeable `{ … }` in this message".to_owned()
        };
        let span = at.unwrap_or_else(|| {
            definition_lines(file, id)
                .into_iter()
                .next()
                .unwrap_or_else(|| file.span(0, 0, 0))
        });
        diags.push(
            Diagnostic::error(
                "unresolved-placeable",
                format!("message `{id}` in {locale} cannot be resolved: {detail}"),
            )
            .at(span)
            .with_help(help),
        );
    }
}

/// ①…㊿; past 50, `(n)`.
fn circled(n: usize) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1),
        21..=35 => char::from_u32(0x3251 + n as u32 - 21),
        36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
        _ => None,
    };
    c.map_or_else(|| format!("({n})"), String::from)
}

/// a, b, … z, aa, ab …
fn alpha(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// i, ii, iii, iv …
fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// 一, 二 … 十, 十一 … 九十九; past 99, Arabic digits.
fn kanji(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10..=99 => {
            let tens = if n / 10 == 1 { "" } else { DIGITS[n / 10] };
            format!("{tens}十{}", DIGITS[n % 10])
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_outside_string_literals() {
        assert_eq!(too_deep("a = { { \"x\" } }\n"), None);
        let deep = format!("a = {}x{}\n", "{ ".repeat(40), " }".repeat(40));
        assert_eq!(too_deep(&deep), Some(4 + 2 * MAX_PLACEABLE_DEPTH));
        // Braces inside a string literal are text.
        let quoted = format!("a = {{ \"{}\" }}\n", "{".repeat(100));
        assert_eq!(too_deep(&quoted), None);
        // Comments are text, and each entry starts afresh.
        let comments = "# never a bare {\n".repeat(40) + "a = x\n";
        assert_eq!(too_deep(&comments), None);
        let leaky = "a = { $n -> *[other] 5\" }\n".repeat(40);
        assert_eq!(too_deep(&leaky), None);
        // Ten thousand levels are refused without parsing them.
        let crash = format!("a = {}\"x\"{}\n", "{".repeat(10_000), "}".repeat(10_000));
        assert!(too_deep(&crash).is_some());
    }

    #[test]
    fn numeral_styles() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(20), "⑳");
        assert_eq!(circled(21), "㉑");
        assert_eq!(circled(50), "㊿");
        assert_eq!(circled(51), "(51)");
        assert_eq!(alpha(1), "a");
        assert_eq!(alpha(26), "z");
        assert_eq!(alpha(27), "aa");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
        assert_eq!(kanji(1), "一");
        assert_eq!(kanji(10), "十");
        assert_eq!(kanji(11), "十一");
        assert_eq!(kanji(23), "二十三");
    }

    #[test]
    fn typos_find_their_message() {
        assert_eq!(
            crate::diagnostic::edit_distance("retention-title", "retention-titel"),
            2
        );
        assert_eq!(crate::diagnostic::edit_distance("", "abc"), 3);
    }

    #[test]
    fn equal_texts_share_one_allocation() {
        let mut texts = Shared::default();
        let a = texts.share("個人情報を取得します。");
        let b = texts.share(&String::from("個人情報を取得します。"));
        let c = texts.share("별도로");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*c, "별도로");
    }

    #[test]
    fn a_version_that_changes_one_message_shares_the_other_blocks_of_its_catalog() {
        let mut messages = Shared::default();
        let mut message = |text: &str| {
            Some(messages.keep(Message {
                text: Arc::from(text),
                line: 1,
                definition: Definition::Unknown,
                fallback: None,
            }))
        };
        let ids: Arc<[Arc<str>]> = (0..40).map(|i| Arc::from(format!("m{i:02}"))).collect();
        let before: Vec<_> = (0..40).map(|i| message(&format!("text {i}"))).collect();
        let mut after = before.clone();
        after[20] = message("text 20, rewritten");
        after[35] = None;
        // Resolved again, equal messages are the same allocation.
        let again: Vec<_> = (0..40).map(|i| message(&format!("text {i}"))).collect();

        let mut blocks = Shared::default();
        let catalog = |list: &[Option<Arc<Message>>], blocks: &mut Shared<Block>| Catalog {
            ids: Arc::clone(&ids),
            messages: blocks_of(list, blocks),
            file: Arc::from(Path::new("locales/ja/doc.ftl")),
            fallback_file: None,
            summary: None,
            untranslated: 0,
        };
        let (old, new) = (catalog(&before, &mut blocks), catalog(&after, &mut blocks));
        let same = catalog(&again, &mut blocks);
        assert_eq!(old.messages.len(), 3);
        assert!(Arc::ptr_eq(&old.messages[0], &new.messages[0]));
        assert!(!Arc::ptr_eq(&old.messages[1], &new.messages[1]));
        assert!(!Arc::ptr_eq(&old.messages[2], &new.messages[2]));
        assert!(
            old.messages
                .iter()
                .zip(&same.messages)
                .all(|(a, b)| Arc::ptr_eq(a, b))
        );

        // Every message is found in its block, the last block's padding is not.
        let text = |c: &Catalog, id: &str| c.get(id).map(|m| m.text.to_string());
        assert_eq!(text(&old, "m00").as_deref(), Some("text 0"));
        assert_eq!(text(&old, "m17").as_deref(), Some("text 17"));
        assert_eq!(text(&new, "m20").as_deref(), Some("text 20, rewritten"));
        assert_eq!(text(&old, "m20").as_deref(), Some("text 20"));
        assert_eq!(text(&new, "m35"), None);
        assert_eq!(text(&new, "m39").as_deref(), Some("text 39"));
        assert_eq!(text(&new, "m40"), None);
    }

    #[test]
    fn a_message_knows_where_it_is_defined() {
        let file = SourceFile::new(
            "versions/privacy/2026-04-01/locales/ja/privacy.ftl",
            "# c\nintro = はじめに\nretention-title  = 保存期間\n  continued = no\n".into(),
        );
        let definitions = Definitions::of(&file);
        let mut texts = Shared::default();
        let mut message = |id: &str| {
            let (line, source_line) = definitions.line(id);
            Message {
                text: Arc::from("保存期間"),
                line,
                definition: Definition::of(source_line, "保存期間", &mut texts),
                fallback: None,
            }
        };
        let found = |message: &Message| {
            Found {
                message,
                file: &file.path,
            }
            .origin()
        };
        let retention = message("retention-title");
        // The line ends with the text: only what comes before it is kept.
        assert_eq!(
            retention.definition,
            Definition::BeforeText(Arc::from("retention-title  = "))
        );
        let span = found(&retention);
        assert_eq!(*span.file, *file.path);
        assert_eq!((span.line, span.column, span.len), (3, 1, 15));
        assert_eq!(
            span.source_line.as_deref(),
            Some("retention-title  = 保存期間")
        );
        // A line that does not end with the text (here, since the text is
        // another message's) is kept whole.
        let span = found(&message("intro"));
        assert_eq!((span.line, span.column, span.len), (2, 1, 5));
        assert_eq!(span.source_line.as_deref(), Some("intro = はじめに"));
        // An indented line is not a definition; not found means the whole file.
        let span = found(&message("continued"));
        assert_eq!((span.line, span.column, span.source_line), (0, 0, None));
    }

    #[test]
    fn definitions_are_found_by_line() {
        let file = SourceFile::new(
            "locales/ja/privacy.ftl",
            "# c\nfoo = a\nfoo-bar = b\n  foo = not a definition\nfoo=c\n".into(),
        );
        let lines: Vec<usize> = definition_lines(&file, "foo")
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(lines, vec![2, 5]);
    }
}
