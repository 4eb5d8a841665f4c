//! Stage 2 of the build: validate the sources into a typed model.
//!
//! Takes [`SiteSources`](crate::sources::SiteSources), parses the YAML and
//! checks what the YAML alone can tell (ids, dates, table shapes, literals),
//! and hands a [`Site`] to localization. Every problem becomes a
//! [`Diagnostic`] pointing at the YAML; all of them are reported together.

mod raw;

use crate::date::{EffectiveDate, LegalTimeZone};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, Span};
use crate::frozen;
use crate::ledger::{self, Ledger, Standing};
use crate::sources::SiteSources;
use raw::{RawBlock, RawClause, RawDocument, RawSettings, RawTable, RawValue};
use serde_saphyr::{Location, Spanned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A language the site is published in, such as `ja`. Shared: every page,
/// catalog and plan entry of a site names one of a handful of languages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Locale(Arc<str>);

impl Locale {
    /// The language tag, as used in URLs and `lang` attributes.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A locale from a tag known to be valid, for tests.
    #[cfg(test)]
    pub(crate) fn from_tag(tag: &str) -> Locale {
        Locale(tag.into())
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Site settings from `content/site.yaml`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the site is published, ending in `/`.
    pub base_url: String,
    /// The languages, the source language first.
    pub locales: Vec<Locale>,
    /// The theme folder under `themes/`.
    pub theme: String,
    /// Which pairs of versions get a comparison page.
    pub diffs: DiffPairs,
    /// The language whose words a draft shows, marked, where a translation
    /// is missing; none unless the site asks for one.
    pub fallback: Option<Locale>,
    /// The zone in which effective dates are legal days and "today" is read.
    pub time_zone: LegalTimeZone,
    /// Whether each released version also gets a PDF in every language.
    pub pdf: bool,
}

/// Which pairs of versions get a comparison page (`diffs:` in site.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffPairs {
    /// Each version against the one before it.
    pub adjacent: bool,
    /// Each earlier version against the current one.
    pub current: bool,
    /// Every pair.
    pub all: bool,
}

impl Default for DiffPairs {
    fn default() -> Self {
        DiffPairs {
            adjacent: true,
            current: true,
            all: false,
        }
    }
}

/// The whole site: settings and every document's structure.
#[derive(Debug, Clone)]
pub struct Site {
    /// Site settings.
    pub settings: Settings,
    /// The documents, in the order the settings list them.
    pub documents: Vec<Document>,
}

/// One policy document: its working draft and every released version.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's name in URLs and file names, such as `privacy`;
    /// shared by every page of it the plan holds.
    pub slug: Arc<str>,
    /// The working draft, from `content/` and `locales/`.
    pub draft: Version,
    /// Released versions from `versions/<doc>/`, oldest first.
    pub released: Vec<Version>,
    /// The record of its releases, postponements and withdrawals.
    pub ledger: Ledger,
}

/// Which text of a document: a released version, or the working draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VersionKey {
    /// A released version, named by its effective date.
    Released(EffectiveDate),
    /// The working draft.
    Draft,
}

impl std::fmt::Display for VersionKey {
    /// The date, or `draft`: what the version's URL segment is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VersionKey::Released(date) => write!(f, "{date}"),
            VersionKey::Draft => f.write_str("draft"),
        }
    }
}

/// Where a version's words are.
#[derive(Debug, Clone)]
pub enum Words {
    /// The draft's words: `locales/<lang>/`.
    Draft,
    /// A released version's frozen `.ftl` files: the version's folder, and
    /// each file's path inside it (`locales/ja/privacy.ftl`) with the SHA-256
    /// recorded at its release. [`localize`](crate::localize::localize)
    /// reads them, checking them again, when it resolves the version.
    Frozen {
        /// The version's folder, relative to the root.
        dir: PathBuf,
        /// SHA-256 by path inside the folder. Both are shared: versions
        /// name the same paths, and most keep some file unchanged.
        files: BTreeMap<Arc<str>, Arc<str>>,
    },
}

/// One text of a document: its structure, effective date and where its words are.
#[derive(Debug, Clone)]
pub struct Version {
    /// Released (and when) or draft.
    pub key: VersionKey,
    /// The day it takes effect (for the draft: the planned day in its YAML).
    pub effective: EffectiveDate,
    /// The content digest recorded at release; `None` for the draft.
    pub digest: Option<String>,
    /// The YAML file it was read from, relative to the root.
    pub source: PathBuf,
    /// The title.
    pub title: Text,
    /// Blocks before the first section.
    pub preamble: Vec<Block>,
    /// The numbered sections; shared with the versions that have the same
    /// section written at the same place.
    pub sections: Vec<Arc<Section>>,
    /// Its words.
    pub words: Words,
    /// Translations frozen into it after its release.
    pub additions: Vec<crate::frozen::Addition>,
    /// The numbering style it asks for (`numbering: plain`), and where:
    /// each language numbers it with its `section-number-plain` … where
    /// it has them, and with its own style otherwise.
    pub numbering: Option<(String, Span)>,
    /// Whether `effective` was read from the YAML; when it could not be
    /// (reported), [`EffectiveDate::EPOCH`] stands in so that the rest of
    /// the document is still checked, and nothing judges that date.
    pub effective_read: bool,
}

impl Document {
    /// The version in force on `today`: the newest released version whose
    /// effective date is not after it.
    pub fn current(&self, today: EffectiveDate) -> Option<&Version> {
        self.released.iter().rev().find(|v| v.effective <= today)
    }

    /// Released versions that take effect after `today`, soonest first.
    pub fn upcoming(&self, today: EffectiveDate) -> impl Iterator<Item = &Version> {
        self.released.iter().filter(move |v| v.effective > today)
    }

    /// The version with this key.
    pub fn version(&self, key: VersionKey) -> Option<&Version> {
        match key {
            VersionKey::Draft => Some(&self.draft),
            VersionKey::Released(_) => self.released.iter().find(|v| v.key == key),
        }
    }

    /// Every released version and the draft.
    pub fn all_versions(&self) -> impl Iterator<Item = &Version> {
        self.released.iter().chain(std::iter::once(&self.draft))
    }
}

/// A numbered section with a stable id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Section {
    /// The stable id: URL anchor and what diffs align on.
    pub id: String,
    /// Earlier ids of the section (`aliases:`): their anchors still land
    /// here, and comparisons with versions that used them match it.
    pub aliases: Vec<String>,
    /// The heading.
    pub title: Text,
    /// What the section says.
    pub body: Vec<Block>,
}

/// A piece of a section's body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Block {
    /// A paragraph (its message may hold several).
    Paragraph(Text),
    /// Numbered clauses.
    Clauses(Vec<Clause>),
    /// A bulleted (`ordered == false`) or numbered list.
    List {
        /// Whether items are numbered.
        ordered: bool,
        /// The items.
        items: Vec<Item>,
    },
    /// A table; boxed, so that every paragraph does not take a table's room.
    Table(Box<Table>),
    /// Label → value pairs, such as a contact block.
    Contact(Vec<ContactEntry>),
}

/// A numbered clause, possibly with an id and nested blocks.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Clause {
    /// An optional stable id, for links and diffs.
    pub id: Option<String>,
    /// Earlier ids of the clause, kept so that old links still land.
    pub aliases: Vec<String>,
    /// The clause's own text.
    pub text: Option<Text>,
    /// The key term the clause defines (`defines:`): its uses elsewhere
    /// in the document link here. Boxed: few clauses define a term.
    pub defines: Option<Box<Text>>,
    /// Blocks inside the clause (sub-clauses, lists, tables).
    pub body: Vec<Block>,
}

/// A list item, possibly with a bold lead-in and a nested list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    /// The bold lead-in ("Request to view"); boxed, since most items have
    /// none.
    pub lead: Option<Box<Text>>,
    /// The item's text.
    pub text: Option<Text>,
    /// A nested list.
    pub items: Vec<Item>,
}

/// A table with a header row and optional row headers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Table {
    /// The table's title.
    pub caption: Option<Text>,
    /// Whether the first cell of each row is a row header.
    pub row_headers: bool,
    /// The header row.
    pub head: Vec<Cell>,
    /// The body rows, each as long as the header row.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Words.
    Text(Text),
    /// A short bulleted list; its items may have lead-ins.
    List(Vec<Item>),
}

/// One label → value pair of a contact block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContactEntry {
    /// The label ("E-mail").
    pub term: Text,
    /// The value: words, or a short list (two desks, two addresses); never
    /// empty.
    pub value: Cell,
}

/// Words: a Fluent message, or a literal that reads the same in every language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    /// A reference to a Fluent message.
    Message(MessageRef),
    /// A language-neutral literal.
    Literal(Literal),
}

/// A reference to a Fluent message, with where the YAML names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageRef {
    /// The message id.
    pub id: Arc<str>,
    /// Where the reference is written in its version's YAML, without the
    /// file: the same in version after version, so kept once.
    at: Arc<Place>,
}

impl MessageRef {
    /// Where the reference is written in `file`, its version's YAML
    /// ([`Version::source`]).
    pub fn span(&self, file: &Path) -> Span {
        let Place {
            line,
            column,
            len,
            source_line,
        } = &*self.at;
        Span {
            file: Arc::from(file),
            line: *line as usize,
            column: *column as usize,
            len: *len as usize,
            source_line: source_line.clone(),
        }
    }
}

/// A place in a YAML file, for a [`MessageRef`].
#[derive(Debug, PartialEq, Eq, Hash)]
struct Place {
    line: u32,
    column: u32,
    len: u32,
    source_line: Option<Arc<str>>,
}

/// Equal values kept once: most ids, lines and words are the same in
/// version after version, and a site keeps every version's.
#[derive(Debug)]
pub(crate) struct Shared<T: ?Sized>(std::collections::HashSet<Arc<T>>);

impl<T: ?Sized> Default for Shared<T> {
    fn default() -> Self {
        Shared(std::collections::HashSet::new())
    }
}

impl<T: ?Sized + Eq + std::hash::Hash> Shared<T> {
    /// The one shared copy of `value`.
    pub(crate) fn share(&mut self, value: &T) -> Arc<T>
    where
        for<'v> &'v T: Into<Arc<T>>,
    {
        if let Some(shared) = self.0.get(value) {
            return Arc::clone(shared);
        }
        let shared: Arc<T> = value.into();
        self.0.insert(Arc::clone(&shared));
        shared
    }
}

impl<T: Eq + std::hash::Hash> Shared<T> {
    /// The one shared copy of `value`: `value` itself if it is the first.
    pub(crate) fn keep(&mut self, value: T) -> Arc<T> {
        if let Some(shared) = self.0.get(&value) {
            return Arc::clone(shared);
        }
        let shared = Arc::new(value);
        self.0.insert(Arc::clone(&shared));
        shared
    }
}

/// What the structures of many versions have in common, kept once.
#[derive(Debug, Default)]
pub(crate) struct Common {
    /// Message ids and the lines that name them.
    strings: Shared<str>,
    /// Where messages are named.
    places: Shared<Place>,
    /// Sections.
    sections: Shared<Section>,
}

/// Words written in the YAML directly because they are the same in every language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Literal {
    /// An e-mail address, rendered as a `mailto:` link.
    Email(String),
    /// A phone number, rendered as a `tel:` link.
    Phone(String),
    /// An `https:` or `http:` address, rendered as a link.
    Url(String),
    /// Plain text.
    Plain(String),
}

impl Version {
    /// The numbering style it asks for, if any (`numbering:`).
    pub fn numbering_style(&self) -> Option<&str> {
        self.numbering.as_ref().map(|(style, _)| style.as_str())
    }

    /// Every message the version references, in document order.
    pub fn message_refs(&self) -> Vec<&MessageRef> {
        let mut texts = vec![&self.title];
        collect_blocks(&self.preamble, &mut texts);
        for section in &self.sections {
            texts.push(&section.title);
            collect_blocks(&section.body, &mut texts);
        }
        texts
            .into_iter()
            .filter_map(|t| match t {
                Text::Message(m) => Some(m),
                Text::Literal(_) => None,
            })
            .collect()
    }
}

fn collect_blocks<'a>(blocks: &'a [Block], out: &mut Vec<&'a Text>) {
    for block in blocks {
        match block {
            Block::Paragraph(t) => out.push(t),
            Block::Clauses(clauses) => {
                for c in clauses {
                    out.extend(&c.text);
                    out.extend(c.defines.as_deref());
                    collect_blocks(&c.body, out);
                }
            }
            Block::List { items, .. } => collect_items(items, out),
            Block::Table(table) => {
                out.extend(&table.caption);
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    match cell {
                        Cell::Empty => {}
                        Cell::Text(t) => out.push(t),
                        Cell::List(items) => collect_items(items, out),
                    }
                }
            }
            Block::Contact(entries) => {
                for e in entries {
                    out.push(&e.term);
                    match &e.value {
                        Cell::Empty => {}
                        Cell::Text(t) => out.push(t),
                        Cell::List(items) => collect_items(items, out),
                    }
                }
            }
        }
    }
}

fn collect_items<'a>(items: &'a [Item], out: &mut Vec<&'a Text>) {
    for item in items {
        out.extend(item.lead.as_deref());
        out.extend(&item.text);
        collect_items(&item.items, out);
    }
}

/// Validates the sources into the site model, with every problem found.
///
/// The site holds the documents that validated, so later stages can still
/// report their own problems; it is `None` only when the settings are unusable.
pub fn validate(sources: &SiteSources) -> (Option<Site>, Diagnostics) {
    let mut diags = sources.problems.clone();
    for leftover in &sources.leftovers {
        diags.push(
            Diagnostic::warning(
                "stopped-release",
                format!(
                    "{}/ is what remains of a release that was stopped before it finished",
                    leftover.display()
                ),
            )
            .in_file(leftover)
            .with_help(format!(
                "no version was released by it; if no release is running, remove it: rm -r '{}'",
                leftover.display()
            )),
        );
    }
    let settings = validate_settings(sources, &mut diags);
    let mut documents = Vec::new();
    if let Some(settings) = &settings {
        for (slug, at) in &settings.1 {
            match sources.documents.get(slug) {
                Some(file) => {
                    let draft = validate_version(
                        file,
                        (VersionKey::Draft, Words::Draft, None),
                        &mut Common::default(),
                        &mut diags,
                    );
                    let released = validate_released(sources, slug, &mut diags);
                    let ledger = verify_ledger(sources, slug, &released, &mut diags);
                    if let Some(draft) = draft {
                        documents.push(Document {
                            slug: Arc::from(slug.as_str()),
                            draft,
                            released,
                            ledger,
                        });
                    }
                }
                // A file that exists but could not be read was reported already.
                None if sources.was_unreadable(Path::new(&format!("content/{slug}.yaml"))) => {}
                None => diags.push(
                    Diagnostic::error(
                        "missing-document",
                        format!(
                            "document `{slug}` is listed but content/{slug}.yaml does not exist"
                        ),
                    )
                    .at(at.clone())
                    .with_help(format!(
                        "create content/{slug}.yaml, or remove `{slug}` from `documents`"
                    )),
                ),
            }
        }
        for (slug, folders) in &sources.versions {
            if !settings.1.iter().any(|(s, _)| s == slug) {
                let dir = folders
                    .values()
                    .next()
                    .map_or_else(|| PathBuf::from("versions").join(slug), |v| v.dir.clone());
                diags.push(
                    Diagnostic::error(
                        "unlisted-document",
                        format!(
                            "versions/{slug}/ belongs to no document listed in content/site.yaml"
                        ),
                    )
                    .in_file(dir)
                    .with_help(format!(
                        "add `{slug}` to `documents`; released versions are never deleted"
                    )),
                );
            }
        }
        for (slug, file) in &sources.documents {
            if !settings.1.iter().any(|(s, _)| s == slug) {
                diags.push(
                    Diagnostic::error(
                        "unlisted-document",
                        format!(
                            "content/{slug}.yaml is not listed in `documents` in content/site.yaml"
                        ),
                    )
                    .in_file(&file.path)
                    .with_help(format!(
                        "add `{slug}` to `documents`, or move the file out of content/"
                    )),
                );
            }
        }
    }
    let site = settings.map(|(settings, _)| Site {
        settings,
        documents,
    });
    (site, diags)
}

/// Validates a document's draft again after its structure changed
/// (`serve`'s quick preview) and puts it in place of the old one when it
/// is sound. Returns the problems found in it; checks that span versions
/// and documents are left to the full build that follows.
pub fn revalidate_draft(site: &mut Site, sources: &SiteSources, slug: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let (Some(doc), Some(file)) = (
        site.documents.iter_mut().find(|d| &*d.slug == slug),
        sources.documents.get(slug),
    ) else {
        diags.push(Diagnostic::error(
            "missing-document",
            format!("document `{slug}` is not part of the site"),
        ));
        return diags;
    };
    if let Some(draft) = validate_version(
        file,
        (VersionKey::Draft, Words::Draft, None),
        &mut Common::default(),
        &mut diags,
    ) && !diags.has_errors()
    {
        doc.draft = draft;
    }
    diags
}

/// Options shared by every YAML file: strict booleans so that an id such as
/// `no` stays a string.
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! { strict_booleans: true }
}

fn parse_yaml<T: for<'de> serde::Deserialize<'de>>(
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<T> {
    if file.text.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-file", "the file is empty")
                .in_file(&file.path)
                .with_help(if file.path.ends_with("site.yaml") {
                    "write the site settings here: base_url, languages, documents (see docs/content-model.md)"
                } else {
                    "write the document's structure here (see docs/content-model.md)"
                }),
        );
        return None;
    }
    // The slips of a hand-edited file are named where they are, in words,
    // before the parser reports what they confused it into.
    let slips = typing_slips(file);
    if !slips.is_empty() {
        diags.extend(slips);
        return None;
    }
    match serde_saphyr::from_str_with_options::<T>(&file.text, yaml_options()) {
        Ok(value) => Some(value),
        Err(e) => {
            let text = e.render_with_options(serde_saphyr::render_options! {
                snippets: serde_saphyr::SnippetMode::Off,
            });
            let text = strip_location_suffix(text.trim())
                .replace(", set DuplicateKeyPolicy in Options if acceptable", "");
            let code = yaml_error_code(&text);
            let text = in_editors_words(&text);
            let mut d = Diagnostic::error(code, text);
            d = match e.location() {
                Some(at) if at.line() > 0 => {
                    d.at(file.span(at.line() as usize, at.column() as usize, 1))
                }
                _ => d.in_file(&file.path),
            };
            d = match code {
                "unknown-key" => {
                    d.with_help("check the spelling; the keys a place accepts are listed above")
                }
                "duplicate-key" => d.with_help(
                    "each key may appear once in a mapping; remove or merge the repeated one",
                ),
                "wrong-type" => d.with_help("see docs/content-model.md for what this place takes"),
                "unknown-block" => {
                    d.with_help("a block is one of p, clauses, list, ordered, table, contact")
                }
                _ => d.with_help("check the indentation and the `:` and `-` around this place"),
            };
            diags.push(d);
            None
        }
    }
}

/// Typing slips in a YAML file that the parser would report far from where
/// they are, or in its own jargon: a tab or a full-width space in the
/// indentation, a full-width colon after a key, and a key indented unlike
/// the keys beside it.
fn typing_slips(file: &SourceFile) -> Diagnostics {
    /// A mapping being read: where its keys are, whether it is a list item
    /// (and where its `-` is), and whether its last key opened a nested value.
    struct Level {
        item: Option<usize>,
        keys: usize,
        opens: bool,
    }
    let mut diags = Diagnostics::new();
    let mut levels: Vec<Level> = Vec::new();
    for (n, line) in file.text.lines().enumerate() {
        let number = n + 1;
        let indent: String = line
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
            .collect();
        let body = &line[indent.len()..];
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        for (column, c) in indent.chars().enumerate() {
            let (what, fix) = match c {
                '\t' => (
                    "a tab",
                    "YAML indents with spaces only: replace the tab with spaces",
                ),
                '\u{3000}' => (
                    "a full-width space (U+3000)",
                    "indent with ordinary (half-width) spaces: replace the full-width space",
                ),
                _ => continue,
            };
            diags.push(
                Diagnostic::error(
                    "indentation",
                    format!("{what} in the indentation of this line"),
                )
                .at(file.span(number, column + 1, 1))
                .with_help(fix),
            );
        }
        // `key： value`: a full-width colon where a key ends.
        let key_start = body.strip_prefix("- ").unwrap_or(body);
        let key: String = key_start
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .collect();
        if !key.is_empty() && key_start[key.len()..].starts_with('：') {
            let column = line.chars().count() - key_start.chars().count() + key.chars().count() + 1;
            diags.push(
                Diagnostic::error(
                    "full-width-colon",
                    format!("a full-width colon `：` after `{key}`"),
                )
                .at(file.span(number, column, 1))
                .with_help(format!(
                    "write `{key}:` with an ASCII colon and a space after it"
                )),
            );
        }
        // A key must line up with the keys beside it (where the indentation
        // is spaces: a tab's width is anyone's guess, and was reported).
        if indent.chars().any(|c| c != ' ') {
            continue;
        }
        let column = indent.chars().count();
        let after_key = &key_start[key.len()..];
        let is_key = !key.is_empty() && (after_key.starts_with(':') || after_key.starts_with('：'));
        if !is_key {
            continue;
        }
        let opens = after_key[after_key.chars().next().map_or(0, char::len_utf8)..]
            .trim()
            .is_empty();
        if body.starts_with("- ") {
            levels.retain(|l| l.keys <= column);
            let first_key = column + (body.len() - key_start.len());
            levels.push(Level {
                item: Some(column),
                keys: first_key,
                opens,
            });
            continue;
        }
        let mut slip = None;
        loop {
            let Some(top) = levels.last_mut() else {
                levels.push(Level {
                    item: None,
                    keys: column,
                    opens,
                });
                break;
            };
            if top.keys == column {
                top.opens = opens;
                break;
            }
            if top.keys > column {
                if top.item.is_some_and(|item| item < column) {
                    slip = Some(top.keys);
                    break;
                }
                levels.pop();
                continue;
            }
            if top.opens {
                levels.push(Level {
                    item: None,
                    keys: column,
                    opens,
                });
            } else {
                slip = Some(top.keys);
            }
            break;
        }
        if let Some(expected) = slip {
            diags.push(
                Diagnostic::error(
                    "indentation",
                    format!(
                        "`{key}:` is indented {column} spaces, but the keys beside it are at {expected}"
                    ),
                )
                .at(file.span(number, 1, column.max(1)))
                .with_help(format!(
                    "indent `{key}:` by {expected} spaces, in line with the key above it"
                )),
            );
        }
    }
    diags
}

/// serde-saphyr ends messages with "at line N, column M"; the diagnostic shows that itself.
fn strip_location_suffix(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(i) if text[i..].contains("column") => text[..i].to_owned(),
        _ => text.to_owned(),
    }
}

/// The parser's wording, rewritten for the people who edit policies; the
/// location stays with the diagnostic.
fn in_editors_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((name, expected)) = rest.split_once("`, expected one of ")
    {
        return format!("`{name}` is not a kind of block; a block is one of {expected}");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return format!("`{name}:` is missing here; this place needs it");
    }
    if message.starts_with("simple key expected") {
        return "this line is neither `key: value` nor a list item `- …`: a `:` after the key is missing, \
                or the line is indented as if it continued the one above"
            .to_owned();
    }
    if message.starts_with("invalid boolean") {
        return "expected `true` or `false` here".to_owned();
    }
    if message.contains("Depth {") || message.contains("recursion limit") {
        return "the structure nests too deeply here".to_owned();
    }
    message.to_owned()
}

fn yaml_error_code(message: &str) -> &'static str {
    if message.starts_with("unknown field") || message.starts_with("a list item holds") {
        "unknown-key"
    } else if message.starts_with("unknown variant") {
        "unknown-block"
    } else if message.contains("duplicate mapping key") || message.starts_with("duplicate") {
        "duplicate-key"
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid boolean")
        || message.starts_with("expected")
        || message.starts_with("missing field")
    {
        "wrong-type"
    } else {
        "yaml-syntax"
    }
}

fn span_of(file: &SourceFile, at: &Location, len: usize) -> Span {
    if at.line() == 0 {
        return Span {
            file: Arc::from(file.path.as_path()),
            line: 0,
            column: 0,
            len: 0,
            source_line: None,
        };
    }
    file.span(at.line() as usize, at.column() as usize, len)
}

fn spanned_str(file: &SourceFile, s: &Spanned<String>) -> Span {
    span_of(file, &s.referenced, s.value.chars().count())
}

/// Validated settings and the documents it lists with where each is named.
type SettingsAndDocs = (Settings, Vec<(String, Span)>);

fn validate_settings(sources: &SiteSources, diags: &mut Diagnostics) -> Option<SettingsAndDocs> {
    let file = &sources.settings;
    let raw: RawSettings = parse_yaml(file, diags)?;
    let errors_before = diags.len();

    let mut base_url = raw.base_url.value.trim().to_owned();
    if !is_web_address(&base_url) {
        diags.push(
            Diagnostic::error(
                "bad-setting",
                format!("`base_url` must be an http(s) address, found `{base_url}`"),
            )
            .at(spanned_str(file, &raw.base_url))
            .with_help(
                "write the address the site is published at, e.g. https://policies.example.com/",
            ),
        );
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }

    let mut locales: Vec<Locale> = Vec::new();
    for lang in &raw.languages {
        let tag = lang.value.as_str();
        let valid = tag.parse::<unic_langid::LanguageIdentifier>().is_ok()
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            diags.push(
                Diagnostic::error("bad-language", format!("`{tag}` is not a language tag"))
                    .at(spanned_str(file, lang))
                    .with_help("use a BCP 47 tag such as `ja`, `ko`, `en` or `zh-Hant`"),
            );
        } else if locales.iter().any(|l| l.as_str() == tag) {
            diags.push(
                Diagnostic::error(
                    "duplicate-language",
                    format!("language `{tag}` is listed twice"),
                )
                .at(spanned_str(file, lang)),
            );
        } else if !sources.locales.contains_key(tag) {
            diags.push(
                Diagnostic::error(
                    "missing-locale",
                    format!("language `{tag}` has no folder locales/{tag}/"),
                )
                .at(spanned_str(file, lang))
                .with_help(format!(
                    "create locales/{tag}/ with site.ftl and one .ftl file per document"
                )),
            );
        } else {
            locales.push(Locale(tag.into()));
        }
    }
    if raw.languages.is_empty() {
        diags.push(
            Diagnostic::error("bad-setting", "`languages` is empty")
                .in_file(&file.path)
                .with_help("list at least one language, e.g. `languages: [ja, ko, en]`"),
        );
    }

    let mut documents: Vec<(String, Span)> = Vec::new();
    for doc in &raw.documents {
        let span = spanned_str(file, doc);
        if let Some(problem) = id_problem(&doc.value) {
            diags.push(
                Diagnostic::error("bad-id", format!("document name `{}` {problem}", doc.value))
                    .at(span)
                    .with_help(
                        "document names are lowercase letters, digits and `-`, e.g. `privacy`",
                    ),
            );
        } else if documents.iter().any(|(d, _)| d == &doc.value) {
            diags.push(
                Diagnostic::error(
                    "duplicate-document",
                    format!("document `{}` is listed twice", doc.value),
                )
                .at(span),
            );
        } else {
            documents.push((doc.value.clone(), span));
        }
    }

    let mut diffs = DiffPairs::default();
    if let Some(list) = &raw.diffs {
        diffs = DiffPairs {
            adjacent: false,
            current: false,
            all: false,
        };
        for item in list {
            match item.value.as_str() {
                "adjacent" => diffs.adjacent = true,
                "current" => diffs.current = true,
                "all" => diffs.all = true,
                other => diags.push(
                    Diagnostic::error("bad-setting", format!("`{other}` is not a kind of comparison"))
                        .at(spanned_str(file, item))
                        .with_help("`diffs` lists any of `adjacent`, `current` and `all`, e.g. `diffs: [adjacent, current]`"),
                ),
            }
        }
    }

    let fallback = match &raw.fallback {
        None => None,
        Some(f) => match locales.iter().find(|l| l.as_str() == f.value) {
            Some(l) => Some(l.clone()),
            None => {
                diags.push(
                    Diagnostic::error(
                        "bad-setting",
                        format!(
                            "the fallback language `{}` is not one of `languages`",
                            f.value
                        ),
                    )
                    .at(spanned_str(file, f))
                    .with_help("name one of the site's languages, or remove `fallback`"),
                );
                None
            }
        },
    };

    let mut advice = None;
    let time_zone = match &raw.time_zone {
        None => {
            advice = Some(
                Diagnostic::warning(
                    "no-time-zone",
                    "content/site.yaml names no legal time zone; dates are read in UTC",
                )
                .in_file(&file.path)
                .with_help(
                    "add `time_zone: Asia/Tokyo` (the zone whose calendar your policies' effective dates follow)",
                ),
            );
            LegalTimeZone::utc()
        }
        Some(zone) => match LegalTimeZone::named(zone.value.trim()) {
            Some(zone) => zone,
            None => {
                diags.push(
                    Diagnostic::error(
                        "bad-setting",
                        format!("`{}` is not a time zone", zone.value),
                    )
                    .at(spanned_str(file, zone))
                    .with_help("name a zone of the IANA time zone database, e.g. `Asia/Tokyo`, `Asia/Seoul`, `Europe/Berlin` or `UTC`"),
                );
                LegalTimeZone::utc()
            }
        },
    };

    let theme = raw
        .theme
        .as_ref()
        .map_or("default".to_owned(), |t| t.value.clone());
    // `default` is built in: a site needs no theme folder of its own.
    if theme != crate::render::theme::BUILT_IN_NAME && !sources.themes.contains_key(&theme) {
        let d = Diagnostic::error(
            "missing-theme",
            format!("theme `{theme}` does not exist under themes/"),
        )
        .with_help(format!(
            "create themes/{theme}/templates/, or set `theme: default` (the built-in theme)"
        ));
        diags.push(match &raw.theme {
            Some(t) => d.at(spanned_str(file, t)),
            None => d.in_file(&file.path),
        });
    }

    let sound = diags.len() == errors_before;
    if let Some(advice) = advice {
        diags.push(advice);
    }
    sound.then_some((
        Settings {
            base_url,
            locales,
            theme,
            diffs,
            fallback,
            time_zone,
            pdf: raw.pdf,
        },
        documents,
    ))
}

/// Why a text cannot be an id (section id, document name), if it cannot.
fn id_problem(id: &str) -> Option<&'static str> {
    let mut chars = id.chars();
    match chars.next() {
        None => Some("is empty"),
        Some(c) if !c.is_ascii_lowercase() => Some("must start with a lowercase letter a-z"),
        _ if !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') => {
            Some("may hold only lowercase letters a-z, digits and `-`")
        }
        _ if id.ends_with('-') || id.contains("--") => Some("may not end with `-` or hold `--`"),
        _ if id.len() > 64 => Some("is longer than 64 characters"),
        _ => None,
    }
}

/// Checks one document's YAML.
struct DocumentValidator<'a> {
    file: &'a SourceFile,
    diags: &'a mut Diagnostics,
    /// Message ids and the lines naming them, shared with other versions.
    common: &'a mut Common,
    /// Every section and clause id seen so far, with where it was first defined.
    ids: BTreeMap<String, Span>,
}

/// Every released version of a document, checked against its manifest and
/// validated like a draft. A version that fails is reported and left out.
/// Each version is read and checked in turn, and nothing of its files but
/// its structure is kept. Versions are independent, so they are checked on
/// every core.
fn validate_released(sources: &SiteSources, slug: &str, diags: &mut Diagnostics) -> Vec<Version> {
    let Some(folders) = sources.versions.get(slug) else {
        return Vec::new();
    };
    let folders: Vec<(&String, &crate::sources::VersionSources)> = folders.iter().collect();
    let chunk = crate::parallel::part_size(folders.len());
    let parts = crate::parallel::each(folders.chunks(chunk).collect(), |part| {
        let (mut found, mut common) = (Diagnostics::new(), Common::default());
        let released: Vec<Version> = part
            .iter()
            .filter_map(|(folder, version)| {
                let at = (sources.root.as_path(), slug, folder.as_str());
                validate_folder(at, version, &mut common, &mut found)
            })
            .collect();
        (released, found)
    });
    // Merged in folder order, so that reports do not depend on timing.
    let mut released = Vec::new();
    for (part, found) in parts {
        released.extend(part);
        diags.extend(found);
    }
    released.sort_by_key(|v| v.effective);
    released
}

/// Replays the document's ledger and checks it against the version folders:
/// a recorded version that is gone or was replaced, or a folder the ledger
/// does not know, is an error naming it.
fn verify_ledger(
    sources: &SiteSources,
    slug: &str,
    released: &[Version],
    diags: &mut Diagnostics,
) -> Ledger {
    let empty = BTreeMap::new();
    let folders = sources.versions.get(slug).unwrap_or(&empty);
    let ledger_path = Path::new("versions").join(slug).join(ledger::LEDGER);
    let Some(file) = sources.ledgers.get(slug) else {
        if !folders.is_empty() && !sources.was_unreadable(&ledger_path) {
            diags.push(
                Diagnostic::error(
                    "missing-ledger",
                    format!("versions/{slug}/ has released versions but no {}, the record of its releases", ledger::LEDGER),
                )
                .in_file(&ledger_path)
                .with_help(format!(
                    "if the ledger was deleted, restore it from version control; for a site made before charta kept \
                     ledgers, check in version control that no version is missing, then run `charta ledger init {slug}`"
                )),
            );
        }
        return Ledger::new(slug);
    };
    let Some(ledger) = ledger::parse(slug, file, diags) else {
        return Ledger::new(slug);
    };
    let restore = |date: &str| {
        format!(
            "released versions are never deleted, renamed or replaced: restore the folder from version control \
             (`git checkout <commit> -- versions/{slug}/{date}`); an upcoming version is moved with \
             `charta postpone` and taken back with `charta withdraw`"
        )
    };
    let standing = ledger.standing();
    for (date, state) in &standing {
        let Standing::Published(recorded) = state else {
            continue;
        };
        let folder = date.to_string();
        let dir = Path::new("versions").join(slug).join(&folder);
        if !folders.contains_key(&folder) {
            diags.push(
                Diagnostic::error(
                    "missing-version",
                    format!(
                        "version {folder} of `{slug}` is missing: the ledger records its release, but {}/ does not exist",
                        dir.display()
                    ),
                )
                .in_file(&dir)
                .with_help(restore(&folder)),
            );
        } else if let Some(version) = released.iter().find(|v| v.effective == *date)
            && version.digest.as_deref() != Some(recorded.as_str())
        {
            diags.push(
                Diagnostic::error(
                    "replaced-version",
                    format!(
                        "{}/ is not the version released for {folder}: its content digest differs from the one the ledger recorded ({recorded})",
                        dir.display()
                    ),
                )
                .in_file(dir.join(frozen::MANIFEST))
                .with_help(restore(&folder)),
            );
        }
    }
    // A postponed version is the released text with another date: with its
    // date put back, its files must give the digest recorded at its release.
    let mut digests: BTreeMap<EffectiveDate, String> = BTreeMap::new();
    for event in ledger.events() {
        match event {
            ledger::Event::Released {
                version, digest, ..
            }
            | ledger::Event::Recorded {
                version, digest, ..
            } => {
                digests.insert(*version, digest.clone());
            }
            ledger::Event::Postponed { version, to, .. } => {
                let Some(original) = digests.get(version).cloned() else {
                    continue;
                };
                digests.insert(*to, original.clone());
                // Only where the version now is (it may have moved again).
                if !matches!(standing.get(to), Some(Standing::Published(_))) {
                    continue;
                }
                let Some(folder) = folders.get(&to.to_string()) else {
                    continue;
                };
                let mut problems = Diagnostics::new();
                let Ok(files) = folder.read(&sources.root, &mut problems) else {
                    continue;
                };
                let mut files = frozen::released_files(&files);
                let structure = format!("{slug}.yaml");
                if let Some(yaml) = files.get(&structure) {
                    let text = String::from_utf8_lossy(yaml).into_owned();
                    files.insert(
                        structure,
                        crate::release::with_effective_date(&text, *version).into_bytes(),
                    );
                }
                if frozen::digest(&files) != original {
                    diags.push(
                        Diagnostic::error(
                            "replaced-version",
                            format!(
                                "versions/{slug}/{to}/ was postponed from {version}, but its text is no longer the one released for {version}"
                            ),
                        )
                        .in_file(&folder.dir)
                        .with_help(restore(&to.to_string())),
                    );
                }
            }
            ledger::Event::Withdrawn { .. } => {}
            ledger::Event::Translated {
                version,
                language,
                digest,
                on,
            } => {
                if !matches!(standing.get(version), Some(Standing::Published(_))) {
                    continue;
                }
                let Some(released) = released.iter().find(|v| v.effective == *version) else {
                    continue;
                };
                let dir = Path::new("versions").join(slug).join(version.to_string());
                let manifest = dir.join(frozen::addition_manifest(language));
                match released.additions.iter().find(|a| a.language == *language) {
                    None => diags.push(
                        Diagnostic::error(
                            "missing-translation",
                            format!(
                                "the {language} translation added to version {version} of `{slug}` on {on} is missing: \
                                 the ledger records it, but {} does not exist",
                                manifest.display()
                            ),
                        )
                        .in_file(&manifest)
                        .with_help(format!(
                            "translations added to a version are never removed: restore them from version control \
                             (`git checkout <commit> -- {}`); to stop publishing a language, take it out of \
                             `languages:` in content/site.yaml instead",
                            dir.display()
                        )),
                    ),
                    Some(added) if added.digest != *digest => diags.push(
                        Diagnostic::error(
                            "replaced-version",
                            format!(
                                "the {language} translation of version {version} is not the one added on {on}: \
                                 its digest differs from the one the ledger recorded ({digest})"
                            ),
                        )
                        .in_file(&manifest)
                        .with_help(restore(&version.to_string())),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
    // Every translation in a folder was recorded when it was added.
    for version in released {
        for added in &version.additions {
            let recorded = ledger.events().any(|e| {
                matches!(e, ledger::Event::Translated { version: v, language, digest, .. }
                    if *v == version.effective && *language == added.language && *digest == added.digest)
            });
            if !recorded {
                let manifest = Path::new("versions")
                    .join(slug)
                    .join(version.effective.to_string())
                    .join(frozen::addition_manifest(&added.language));
                diags.push(
                    Diagnostic::error(
                        "unrecorded-translation",
                        format!(
                            "{} is not in the ledger of `{slug}`: it was not made by `charta add-translation`",
                            manifest.display()
                        ),
                    )
                    .in_file(&manifest)
                    .with_help(format!(
                        "remove it and its locales/{}/ folder from the version, and add the translation with \
                         `charta add-translation {slug} {} --version {}`",
                        added.language, added.language, version.effective
                    )),
                );
            }
        }
    }
    for folder in folders.keys() {
        let Ok(date) = EffectiveDate::parse(folder) else {
            continue;
        };
        let dir = Path::new("versions").join(slug).join(folder);
        let problem = match standing.get(&date) {
            Some(Standing::Published(_)) => continue,
            None => format!(
                "{}/ is not in the ledger of `{slug}`: it was not made by `charta release`",
                dir.display()
            ),
            Some(Standing::Withdrawn) => format!(
                "version {folder} of `{slug}` was withdrawn, but its folder {}/ is there again",
                dir.display()
            ),
            Some(Standing::MovedTo(to)) => format!(
                "version {folder} of `{slug}` was postponed to {to}, but its old folder {}/ is there again",
                dir.display()
            ),
        };
        diags.push(
            Diagnostic::error("unrecorded-version", problem)
                .in_file(&dir)
                .with_help(format!(
                    "versions are made by `charta release`, which records them in {}; remove this folder, \
                     and release the draft instead",
                    ledger_path.display()
                )),
        );
    }
    ledger
}

/// Checks one released version's folder: its manifest, then its structure.
fn validate_folder(
    (root, slug, folder): (&Path, &str, &str),
    version: &crate::sources::VersionSources,
    common: &mut Common,
    diags: &mut Diagnostics,
) -> Option<Version> {
    if EffectiveDate::parse(folder).is_err() {
        diags.push(
            Diagnostic::error(
                "bad-version-folder",
                format!("`{folder}` is not a version folder: its name must be a date (YYYY-MM-DD)"),
            )
            .in_file(&version.dir)
            .with_help(
                "version folders are made by `charta release`; move anything else out of versions/",
            ),
        );
        return None;
    }
    let files = match version.read(root, diags) {
        Ok(files) => files,
        Err(e) => {
            diags.push(
                Diagnostic::error("unreadable", e.to_string())
                    .in_file(&version.dir)
                    .with_help("check the permissions of the version's files"),
            );
            return None;
        }
    };
    let manifest = match frozen::check(&version.dir, folder, &files) {
        Ok(m) => m,
        Err(found) => {
            diags.extend(found);
            return None;
        }
    };
    let structure_path = format!("{slug}.yaml");
    let Some(bytes) = files.get(&structure_path) else {
        diags.push(
            Diagnostic::error(
                "tampered-version",
                format!("version {} has no {slug}.yaml", version.dir.display()),
            )
            .in_file(&version.dir),
        );
        return None;
    };
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        diags.push(
            Diagnostic::error("not-utf8", "the file is not UTF-8 text")
                .in_file(version.dir.join(&structure_path)),
        );
        return None;
    };
    let structure = SourceFile::new(version.dir.join(&structure_path), text);
    // The words are read again when they are resolved; only their digests
    // are kept. Translations added later join the released ones.
    let added = manifest.additions.iter().flat_map(|a| a.files.clone());
    let words = Words::Frozen {
        dir: version.dir.clone(),
        files: manifest
            .files
            .into_iter()
            .chain(added)
            .filter(|(path, _)| path.ends_with(".ftl"))
            .map(|(path, digest)| (common.strings.share(&path), common.strings.share(&digest)))
            .collect(),
    };
    let key = VersionKey::Released(manifest.effective);
    let mut version = validate_version(
        &structure,
        (key, words, Some(manifest.digest)),
        common,
        diags,
    )?;
    version.additions = manifest.additions;
    Some(version)
}

/// A draft's structure from its YAML alone, for the tests of later stages.
#[cfg(test)]
pub(crate) fn validate_draft_for_tests(
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Version> {
    validate_version(
        file,
        (VersionKey::Draft, Words::Draft, None),
        &mut Common::default(),
        diags,
    )
}

/// Validates one version's structure YAML.
fn validate_version(
    file: &SourceFile,
    (key, words, digest): (VersionKey, Words, Option<String>),
    common: &mut Common,
    diags: &mut Diagnostics,
) -> Option<Version> {
    let raw: RawDocument = parse_yaml(file, diags)?;
    let errors_before = diags.len();
    let mut v = DocumentValidator {
        file,
        diags,
        common,
        ids: BTreeMap::new(),
    };
    let title = v.text(&raw.title, "the title");
    let effective = match EffectiveDate::parse(raw.effective.value.trim()) {
        Ok(date) => Some(date),
        Err(e) => {
            v.diags.push(
                Diagnostic::error("bad-date", e.to_string())
                    .at(spanned_str(file, &raw.effective))
                    .with_help("write the effective date as YYYY-MM-DD, e.g. 2026-04-01"),
            );
            None
        }
    };
    if let (VersionKey::Released(released), Some(written)) = (key, effective)
        && released != written
    {
        v.diags.push(
            Diagnostic::error(
                "tampered-version",
                format!("the effective date {written} differs from the release date {released}"),
            )
            .at(spanned_str(file, &raw.effective))
            .with_help("restore the version folder from version control"),
        );
    }
    let numbering = raw.numbering.as_ref().and_then(|style| {
        let span = spanned_str(file, style);
        match id_problem(&style.value) {
            Some(problem) => {
                v.error(
                    "bad-numbering",
                    format!("numbering style `{}` {problem}", style.value),
                    span,
                    "name a style defined in site.ftl, e.g. `numbering: plain` for `section-number-plain = …`",
                );
                None
            }
            None => Some((style.value.clone(), span)),
        }
    });
    let preamble = v.blocks(&raw.preamble, 0);
    if raw.sections.is_empty() {
        v.diags.push(
            Diagnostic::error("no-sections", "the document has no sections")
                .in_file(&file.path)
                .with_help("add `sections:` with at least one section"),
        );
    }
    let mut sections = Vec::new();
    for s in &raw.sections {
        let id = v.id(&s.id);
        let aliases = s.aliases.iter().filter_map(|a| v.id(a)).collect();
        let title = v.text(&s.title, "a section title");
        let body = v.blocks(&s.body, 0);
        if let (Some(id), Some(title)) = (id, title) {
            sections.push(v.common.sections.keep(Section {
                id,
                aliases,
                title,
                body,
            }));
        }
    }
    // A wrong date is a leaf: the structure is sound, so the version goes on
    // to be localized and rendered, and their problems are reported in the
    // same run (the date's error still stops the build).
    let date_problem = usize::from(effective.is_none());
    if v.diags.len() > errors_before + date_problem {
        return None;
    }
    Some(Version {
        key,
        effective_read: effective.is_some(),
        effective: effective.unwrap_or(EffectiveDate::EPOCH),
        digest,
        source: file.path.clone(),
        title: title?,
        preamble,
        sections,
        words,
        additions: Vec::new(),
        numbering,
    })
}

impl DocumentValidator<'_> {
    fn error(&mut self, code: &'static str, message: String, span: Span, help: &str) {
        self.diags
            .push(Diagnostic::error(code, message).at(span).with_help(help));
    }

    /// A section or clause id: well formed and unique in the document.
    fn id(&mut self, id: &Spanned<String>) -> Option<String> {
        let span = spanned_str(self.file, id);
        if let Some(problem) = id_problem(&id.value) {
            self.error(
                "bad-id",
                format!("id `{}` {problem}", id.value),
                span,
                "ids are lowercase letters, digits and `-`, e.g. `retention` or `rights-view`",
            );
            return None;
        }
        if let Some(first) = self.ids.get(&id.value) {
            let help = format!(
                "ids must be unique in a document; `{}` is already used at line {}",
                id.value, first.line
            );
            self.error(
                "duplicate-id",
                format!("duplicate id `{}`", id.value),
                span,
                &help,
            );
            return None;
        }
        self.ids.insert(id.value.clone(), span);
        Some(id.value.clone())
    }

    /// Words: a message id or a literal.
    fn text(&mut self, value: &Spanned<RawValue>, what: &str) -> Option<Text> {
        let at = &value.referenced;
        match &value.value {
            RawValue::Message(id) => {
                let span = span_of(self.file, at, id.chars().count());
                if !is_message_id(id) {
                    self.error(
                        "bad-message-id",
                        format!("`{id}` is not a message id"),
                        span,
                        "message ids are letters, digits, `-` and `_`, starting with a letter, e.g. `retention-title`",
                    );
                    return None;
                }
                // Numbers past u32 cannot be a YAML file charta reads whole.
                let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                let place = Place {
                    line: number(span.line),
                    column: number(span.column),
                    len: number(span.len),
                    source_line: span.source_line.map(|l| self.common.strings.share(&l)),
                };
                Some(Text::Message(MessageRef {
                    id: self.common.strings.share(id),
                    at: self.common.places.keep(place),
                }))
            }
            RawValue::Literal { kind, value: text } => {
                let span = span_of(self.file, at, 1);
                self.literal(kind, text, span).map(Text::Literal)
            }
            RawValue::Empty => {
                let span = span_of(self.file, at, 1);
                self.error(
                    "wrong-type",
                    format!("{what} cannot be empty"),
                    span,
                    "write a message id here",
                );
                None
            }
            RawValue::List(_) | RawValue::Item { .. } => {
                let span = span_of(self.file, at, 1);
                self.error(
                    "wrong-type",
                    format!("{what} must be a message id or a literal"),
                    span,
                    "`list:` belongs in a table cell or a contact value, `lead:`/`text:` in a list item",
                );
                None
            }
        }
    }

    fn literal(&mut self, kind: &str, text: &str, span: Span) -> Option<Literal> {
        let text = text.trim();
        let problem = match kind {
            "email" => (!is_email(text)).then_some("is not an e-mail address"),
            _ if text.chars().any(crate::diagnostic::is_forbidden_char) => {
                Some("holds an invisible control character")
            }
            "phone" => (!is_phone(text))
                .then_some("is not a phone number (digits, spaces, `+`, `-`, `(`, `)`)"),
            "url" => (!is_web_address(text)).then_some("is not an https:// or http:// address"),
            _ => text.is_empty().then_some("is empty"),
        };
        if let Some(problem) = problem {
            self.error(
                "bad-literal",
                format!("{kind} `{text}` {problem}"),
                span,
                "fix the value, or use a message id if the words differ between languages",
            );
            return None;
        }
        Some(match kind {
            "email" => Literal::Email(text.to_owned()),
            "phone" => Literal::Phone(text.to_owned()),
            "url" => Literal::Url(text.to_owned()),
            _ => Literal::Plain(text.to_owned()),
        })
    }

    fn blocks(&mut self, raw: &[RawBlock], depth: usize) -> Vec<Block> {
        raw.iter().filter_map(|b| self.block(b, depth)).collect()
    }

    fn block(&mut self, raw: &RawBlock, depth: usize) -> Option<Block> {
        Some(match raw {
            RawBlock::P(value) => Block::Paragraph(self.text(value, "a paragraph")?),
            RawBlock::Clauses(clauses) => Block::Clauses(
                clauses
                    .iter()
                    .filter_map(|c| self.clause(c, depth))
                    .collect(),
            ),
            RawBlock::List(items) => Block::List {
                ordered: false,
                items: self.items(items),
            },
            RawBlock::Ordered(items) => Block::List {
                ordered: true,
                items: self.items(items),
            },
            RawBlock::Table(table) => Block::Table(Box::new(self.table(table)?)),
            RawBlock::Contact(entries) => Block::Contact(
                entries
                    .iter()
                    .filter_map(|e| {
                        let term = self.text(&e.term, "a contact label");
                        let value = match &e.value.value {
                            RawValue::List(items) => Some(Cell::List(self.items(items))),
                            _ => self.text(&e.value, "a contact value").map(Cell::Text),
                        };
                        Some(ContactEntry {
                            term: term?,
                            value: value?,
                        })
                    })
                    .collect(),
            ),
        })
    }

    fn clause(&mut self, raw: &RawClause, depth: usize) -> Option<Clause> {
        let id = match &raw.id {
            Some(id) => Some(self.id(id)?),
            None => None,
        };
        if id.is_none()
            && let Some(first) = raw.aliases.first()
        {
            self.error(
                "alias-without-id",
                "a clause with `aliases` needs an `id`".to_owned(),
                spanned_str(self.file, first),
                "give the clause its new `id`, and keep the old one in `aliases`",
            );
        }
        let aliases = raw.aliases.iter().filter_map(|a| self.id(a)).collect();
        let text = match &raw.p {
            Some(p) => Some(self.text(p, "a clause")?),
            None => None,
        };
        let defines = match &raw.defines {
            Some(term) => {
                if id.is_none() {
                    self.error(
                        "term-without-id",
                        "a clause that defines a term needs an `id`".to_owned(),
                        span_of(self.file, &term.referenced, 1),
                        "give the clause an `id`: uses of the term link to it",
                    );
                }
                Some(Box::new(self.text(term, "a defined term")?))
            }
            None => None,
        };
        if depth >= 2 && raw.body.iter().any(|b| matches!(b, RawBlock::Clauses(_))) {
            // Point at the clause: its id, else its text, else the first nested clause.
            let span = match (&raw.id, &raw.p) {
                (Some(id), _) => spanned_str(self.file, id),
                (None, Some(p)) => span_of(self.file, &p.referenced, 1),
                (None, None) => self.file.span(0, 0, 0),
            };
            self.error(
                "too-deep",
                "clauses nest at most three levels deep".to_owned(),
                span,
                "use a list for the innermost level",
            );
        }
        Some(Clause {
            id,
            aliases,
            text,
            defines,
            body: self.blocks(&raw.body, depth + 1),
        })
    }

    fn items(&mut self, raw: &[Spanned<RawValue>]) -> Vec<Item> {
        raw.iter().filter_map(|i| self.item(i)).collect()
    }

    fn item(&mut self, raw: &Spanned<RawValue>) -> Option<Item> {
        match &raw.value {
            RawValue::Item { lead, text, items } => {
                let lead = match lead {
                    Some(l) => Some(self.text(l, "a lead-in")?),
                    None => None,
                };
                let text = match text {
                    Some(t) => Some(self.text(t, "a list item")?),
                    None => None,
                };
                if lead.is_none() && text.is_none() {
                    let span = span_of(self.file, &raw.referenced, 1);
                    self.error(
                        "wrong-type",
                        "a list item needs `text:` (and may have `lead:`)".to_owned(),
                        span,
                        "write `- { lead: lead-id, text: text-id }` or just `- text-id`",
                    );
                    return None;
                }
                Some(Item {
                    lead: lead.map(Box::new),
                    text,
                    items: self.items(items),
                })
            }
            _ => Some(Item {
                lead: None,
                text: Some(self.text(raw, "a list item")?),
                items: Vec::new(),
            }),
        }
    }

    fn table(&mut self, raw: &RawTable) -> Option<Table> {
        let caption = match &raw.caption {
            Some(c) => Some(self.text(c, "a table caption")?),
            None => None,
        };
        let width = raw.head.value.len();
        if width == 0 {
            let span = span_of(self.file, &raw.head.referenced, 1);
            self.error(
                "bad-table",
                "the table's `head` row is empty".to_owned(),
                span,
                "list the column headings, e.g. `head: [col-purpose, col-period]`",
            );
            return None;
        }
        let head: Vec<Cell> = raw.head.value.iter().filter_map(|c| self.cell(c)).collect();
        let mut rows = Vec::new();
        for row in &raw.rows {
            if row.value.len() != width {
                let span = span_of(self.file, &row.referenced, 1);
                self.error(
                    "bad-table",
                    format!(
                        "this row has {} cells but the header row has {width}",
                        row.value.len()
                    ),
                    span,
                    "every row has one cell per column; use `~` for an empty cell",
                );
                continue;
            }
            rows.push(row.value.iter().filter_map(|c| self.cell(c)).collect());
        }
        Some(Table {
            caption,
            row_headers: raw.row_headers,
            head,
            rows,
        })
    }

    fn cell(&mut self, raw: &Spanned<RawValue>) -> Option<Cell> {
        match &raw.value {
            RawValue::Empty => Some(Cell::Empty),
            RawValue::List(items) => Some(Cell::List(self.items(items))),
            _ => self.text(raw, "a table cell").map(Cell::Text),
        }
    }
}

/// Fluent's identifier syntax: `[a-zA-Z][a-zA-Z0-9_-]*`.
pub fn is_message_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A site address from the command line (`build --base-url`), checked as
/// strictly as `base_url` in `content/site.yaml`, ending in `/`.
pub fn base_url(text: &str) -> Result<String, String> {
    if !is_web_address(text) {
        return Err(format!(
            "`{}` is not an https:// or http:// address",
            crate::diagnostic::visible(text)
        ));
    }
    Ok(if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    })
}

/// An `http(s)://` address with a host and nothing that could end or
/// disguise it: no white space, controls, bidirectional controls, quotes
/// or angle brackets.
pub fn is_web_address(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !text.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || crate::diagnostic::is_forbidden_char(c)
                || crate::diagnostic::is_bidi_control(c)
                || "\"<>\\^`{|}".contains(c)
        })
}

fn is_email(text: &str) -> bool {
    if text.chars().any(crate::diagnostic::is_bidi_control) {
        return false;
    }
    match text.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !text
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>\"'(),;:[]\\".contains(c))
                && !host.contains('@')
        }
        None => false,
    }
}

fn is_phone(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_lowercase_words() {
        assert!(id_problem("retention").is_none());
        assert!(id_problem("rights-view-2").is_none());
        for bad in [
            "",
            "Retention",
            "1st",
            "../x",
            "a/b",
            "a b",
            "a--b",
            "a-",
            "個人情報",
        ] {
            assert!(id_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn literals_are_checked() {
        assert!(is_email("privacy@hoshizora.example"));
        assert!(!is_email("privacy at example"));
        assert!(!is_email("a@b"));
        assert!(!is_email("\"<x>\"@example.com"));
        assert!(is_web_address("https://policies.example.com/privacy/"));
        for bad in [
            "https://policies.example.com/\nDisallow: /",
            "https://evil.example/\u{202e}moc.elpmaxe",
            "https:///no-host",
            "ftp://example.com/",
            "https://example.com/\"onmouseover=x",
        ] {
            assert!(!is_web_address(bad), "{bad:?}");
        }
        assert!(!is_email("privacy@\u{2066}example.com"));
        assert!(is_phone("+81-3-0000-0000"));
        assert!(!is_phone("call us"));
    }

    #[test]
    fn location_suffix_is_removed() {
        assert_eq!(
            strip_location_suffix("unknown field `x`, expected `y` at line 3, column 5"),
            "unknown field `x`, expected `y`"
        );
    }

    /// A version's YAML with sections `a` and `b`, after `before`.
    fn version_yaml(effective: &str, before: &str, b_words: &str) -> String {
        format!(
            "title: doc-title\neffective: {effective}\nsections:\n{before}  - id: a\n    title: a-title\n    body:\n      - p: a-p1\n      - ordered: [a-i1, a-i2]\n  - id: b\n    title: b-title\n    body:\n      - p: {b_words}\n"
        )
    }

    #[test]
    fn versions_that_write_a_section_alike_share_it_and_each_names_its_own_file() {
        let mut common = Common::default();
        let mut diags = Diagnostics::new();
        let mut validate = |folder: &str, yaml: String| {
            let file = SourceFile::new(format!("versions/doc/{folder}/doc.yaml"), yaml);
            let key = (VersionKey::Draft, Words::Draft, None);
            validate_version(&file, key, &mut common, &mut diags).expect("a sound version")
        };
        let one = validate("2026-01-01", version_yaml("2026-01-01", "", "b-p1"));
        let two = validate("2026-02-01", version_yaml("2026-02-01", "", "b-p2"));
        // A section put first moves the others down: written elsewhere, they
        // are not the same (their problems would be reported on other lines).
        let moved = "  - id: z\n    title: z-title\n    body:\n      - p: z-p1\n";
        let three = validate("2026-03-01", version_yaml("2026-03-01", moved, "b-p2"));
        assert!(diags.is_empty(), "{diags:?}");

        assert!(Arc::ptr_eq(&one.sections[0], &two.sections[0]));
        assert!(!Arc::ptr_eq(&one.sections[1], &two.sections[1]));
        assert!(!Arc::ptr_eq(&two.sections[0], &three.sections[1]));
        assert_eq!(three.sections[1].id, "a");

        let Text::Message(title) = &two.sections[0].title else {
            panic!("a message");
        };
        let span = title.span(&two.source);
        assert_eq!(&*span.file, Path::new("versions/doc/2026-02-01/doc.yaml"));
        assert_eq!((span.line, span.column, span.len), (5, 12, 7));
        assert_eq!(span.source_line.as_deref(), Some("    title: a-title"));
        let Text::Message(title) = &three.sections[1].title else {
            panic!("a message");
        };
        assert_eq!(title.span(&three.source).line, 9);
    }
}
