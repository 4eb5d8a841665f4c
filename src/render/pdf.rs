//! The PDF of a version in one language: the words of its page, typeset by
//! Typst into a tagged PDF.
//!
//! Typst runs as a library, in the build's process: it breaks Japanese and
//! Korean lines by their rules, embeds and subsets fonts, writes tagged PDF
//! (PDF/UA-1) through krilla, and makes the same bytes from the same input.
//! The theme's `pdf.typ` lays the page out; charta hands it the version as
//! `data.json`, whose strings are set as text and never read as markup.

use super::body::KeyTerms;
use super::links::SiteLinks;
use super::markdown::{self, Flow, LinkTargets};
use crate::localize::{Catalog, Chrome, NumberKind};
use crate::model::{Block, Cell, Clause, Item, Literal, Locale, Table, Text, Version};
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The template's file name in a theme's `templates/`.
pub const TEMPLATE: &str = "pdf.typ";

/// Fonts found on this machine and in the site, read once per build.
///
/// Only each font's description is kept in memory; a font's file is read
/// again when a PDF first uses it, so that the CJK collections (tens of
/// megabytes each) stay on disk unless a page needs them.
pub struct Fonts {
    book: LazyHash<FontBook>,
    /// Per font in the book: its file (an index into `files`), its index
    /// in that file, and the font once loaded (parsing one is not cheap:
    /// it reads the whole character map).
    faces: Vec<(usize, u32, OnceLock<Option<Font>>)>,
    files: Vec<(PathBuf, OnceLock<Option<Bytes>>)>,
}

impl Fonts {
    /// Every font under `dirs`, the first folders first (a site's own
    /// `fonts/` before the system's), each folder in name order so that the
    /// same fonts always make the same book.
    pub fn discover(dirs: &[PathBuf]) -> Fonts {
        let mut book = FontBook::new();
        let mut faces = Vec::new();
        let mut files = Vec::new();
        for dir in dirs {
            let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
                .follow_links(true)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|p| is_font_file(p))
                .collect();
            paths.sort();
            for path in paths {
                let Ok(data) = std::fs::read(&path) else {
                    continue;
                };
                let file = files.len();
                let mut any = false;
                for font in Font::iter(Bytes::new(data)) {
                    book.push(font.info().clone());
                    faces.push((file, font.index(), OnceLock::new()));
                    any = true;
                }
                if any {
                    files.push((path, OnceLock::new()));
                }
            }
        }
        Fonts {
            book: LazyHash::new(book),
            faces,
            files,
        }
    }

    /// The folders searched for fonts: the site's `fonts/`, then the
    /// system's font folders.
    pub fn folders(site_root: &Path) -> Vec<PathBuf> {
        let mut dirs = vec![site_root.join("fonts")];
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if cfg!(target_os = "macos") {
            dirs.push("/Library/Fonts".into());
            dirs.push("/System/Library/Fonts".into());
            dirs.extend(home.map(|h| h.join("Library/Fonts")));
        } else if cfg!(windows) {
            let windir = std::env::var_os("WINDIR").unwrap_or_else(|| "C:\\Windows".into());
            dirs.push(PathBuf::from(windir).join("Fonts"));
        } else {
            dirs.push("/usr/share/fonts".into());
            dirs.push("/usr/local/share/fonts".into());
            if let Some(home) = home {
                dirs.push(home.join(".local/share/fonts"));
                dirs.push(home.join(".fonts"));
            }
        }
        dirs
    }

    /// How many fonts were found.
    pub fn len(&self) -> usize {
        self.faces.len()
    }

    /// Whether no font was found at all.
    pub fn is_empty(&self) -> bool {
        self.faces.is_empty()
    }

    /// The characters of `text` that no font has, in order of first use.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut seen = BTreeSet::new();
        let mut missing = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || !seen.insert(c) {
                continue;
            }
            let covered = (0..self.faces.len()).any(|i| {
                self.book
                    .info(i)
                    .is_some_and(|info| info.coverage.contains(c as u32))
            });
            if !covered && !is_default_ignorable(c) {
                missing.push(c);
            }
        }
        missing
    }

    fn font(&self, index: usize) -> Option<Font> {
        let (file, face, loaded) = self.faces.get(index)?;
        loaded
            .get_or_init(|| {
                let (path, data) = &self.files[*file];
                let data = data.get_or_init(|| std::fs::read(path).ok().map(Bytes::new));
                Font::new(data.clone()?, *face)
            })
            .clone()
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// Joiners and selectors that no font needs to draw.
fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Typesets PDFs: Typst's standard library and the fonts, made once per
/// build and shared by the threads that render pages.
pub struct Typesetter {
    library: LazyHash<Library>,
    folders: Vec<PathBuf>,
    fonts: OnceLock<Fonts>,
    /// Typst keeps caches between compilations; they are emptied when the
    /// build ends, not between PDFs, since versions share most of their
    /// words and every language shares its fonts.
    compiled: Mutex<usize>,
}

impl Typesetter {
    /// A typesetter that looks for fonts in `folders` when first used.
    pub fn new(folders: Vec<PathBuf>) -> Typesetter {
        Typesetter {
            library: LazyHash::new(Library::builder().build()),
            folders,
            fonts: OnceLock::new(),
            compiled: Mutex::new(0),
        }
    }

    /// The fonts, found on first use.
    pub fn fonts(&self) -> &Fonts {
        self.fonts.get_or_init(|| Fonts::discover(&self.folders))
    }

    /// Typesets `data` with the template `template`, named `template_path`
    /// in problems. `ident` names the PDF for readers' software; it must not
    /// change between builds.
    pub fn typeset(
        &self,
        template: &str,
        data: &Value,
        ident: &str,
    ) -> Result<Vec<u8>, Vec<TypesetProblem>> {
        let main = Source::new(file_id("/pdf.typ"), template.to_owned());
        let world = PdfWorld {
            library: &self.library,
            fonts: self.fonts(),
            main,
            data: Bytes::new(data.to_string().into_bytes()),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let problems = |diags: &typst::ecow::EcoVec<SourceDiagnostic>| -> Vec<TypesetProblem> {
            diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| TypesetProblem::from_typst(&world, d))
                .collect()
        };
        let document = warned.output.map_err(|e| problems(&e))?;
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(Some(format!("charta {}", env!("CARGO_PKG_VERSION")))),
            timestamp: None,
            standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
                .map_err(|e| vec![TypesetProblem::plain(e.message().to_string())])?,
            tagged: true,
            ..typst_pdf::PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|e| problems(&e))?;
        if let Ok(mut compiled) = self.compiled.lock() {
            *compiled += 1;
        }
        Ok(pdf)
    }
}

impl Drop for Typesetter {
    fn drop(&mut self) {
        // Typst's memoized layouts belong to this build.
        typst::comemo::evict(0);
    }
}

/// A problem Typst found in the PDF template, with the line of the template
/// it is at when it has one.
#[derive(Debug, Clone)]
pub struct TypesetProblem {
    /// What Typst said, with its hints.
    pub message: String,
    /// Line and column (1-based) in the template.
    pub at: Option<(usize, usize)>,
}

impl TypesetProblem {
    fn plain(message: String) -> TypesetProblem {
        TypesetProblem { message, at: None }
    }

    fn from_typst(world: &PdfWorld<'_>, diag: &SourceDiagnostic) -> TypesetProblem {
        let mut message = diag.message.to_string();
        for hint in &diag.hints {
            message.push_str("; ");
            message.push_str(&hint.v);
        }
        let at = typst::WorldExt::range(world, diag.span).and_then(|range| {
            let text = world.main.text();
            let before = text.get(..range.start)?;
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Some((line, column))
        });
        TypesetProblem { message, at }
    }
}

fn file_id(path: &str) -> FileId {
    // The two paths are constants; they always parse.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("{path} is a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What Typst may read: the template and `data.json`, nothing else. A
/// template cannot read the machine's files or the network.
struct PdfWorld<'a> {
    library: &'a LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
    data: Bytes,
}

impl World for PdfWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(PathBuf::from(format!("{id:?}"))))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("/data.json") {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::NotFound(PathBuf::from(format!("{id:?}"))))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // A PDF says nothing about the day it was made: the same sources
        // make the same bytes.
        None
    }
}

/// The words of a version in one language, as the PDF template reads them
/// from `data.json`.
pub struct PdfData<'a> {
    /// The version.
    pub doc: &'a Version,
    /// The language.
    pub locale: &'a Locale,
    /// The language's page wording.
    pub chrome: &'a Chrome,
    /// The version's words in the language.
    pub catalog: &'a Catalog,
    /// The version's page, absolute.
    pub url: String,
    /// The document's title, plain.
    pub title: String,
    /// The rest of the site, for links to other documents.
    pub(super) site: Option<SiteLinks<'a>>,
    /// The site's address.
    pub base_url: String,
}

impl PdfData<'_> {
    /// The JSON the template reads. Messages are already checked by the
    /// version's page, so a message that fails here is left out.
    pub fn to_json(&self) -> Value {
        let chrome = self.chrome;
        let targets = PdfTargets::new(
            self.doc,
            self.catalog,
            chrome,
            self.site,
            self.base_url.clone(),
        );
        let words = Words {
            catalog: self.catalog,
            chrome,
            style: self.doc.numbering_style(),
            targets: &targets,
        };
        let rtl = crate::script::direction(self.locale.as_str()) == crate::script::Direction::Rtl;
        let date = chrome.date(self.doc.effective);
        // In a right-to-left line, `2026-12-01` would read as 01-12-2026
        // without an isolate.
        let version = if rtl {
            format!("\u{2066}{}\u{2069}", self.doc.key)
        } else {
            self.doc.key.to_string()
        };
        let preamble = words.blocks(&self.doc.preamble, 0);
        let sections: Vec<Value> = self
            .doc
            .sections
            .iter()
            .enumerate()
            .map(|(i, section)| {
                targets.terms.new_section();
                json!({
                    "id": section.id,
                    "number": chrome.number(self.doc.numbering_style(), NumberKind::Section, i + 1),
                    "title": words.runs(&section.title, Flow::Title),
                    "blocks": words.blocks(&section.body, 0),
                })
            })
            .collect();
        let summary = self
            .catalog
            .summary()
            .map(|m| words.markdown(&m.text, Flow::Block, |p| json!({"kind": "p", "content": p})))
            .unwrap_or_default();
        let language = self.locale.as_str().split('-').next().unwrap_or("en");
        json!({
            "lang": self.locale.as_str(),
            "language": language.to_ascii_lowercase(),
            "rtl": rtl,
            "title": self.title,
            "title-runs": words.runs(&self.doc.title, Flow::Title),
            "subject": chrome.format_with("pdf-subject", &[("title", &self.title), ("date", &date)]),
            "version": self.doc.key.to_string(),
            "effective-line": chrome.format_with("effective-on", &[("date", &date)]),
            "status-line": chrome.format_with("pdf-version", &[("version", &version)]),
            "url": self.url,
            "footer": chrome.format_with("print-footer", &[("title", &self.title), ("date", &date), ("version", &version)]),
            "page-format": chrome.format_with("pdf-page", &[("page", "{page}"), ("total", "{total}")]),
            "lead-separator": chrome.label("lead-separator"),
            "summary-heading": chrome.label("summary-heading"),
            "summary": summary.into_iter().flatten().collect::<Vec<_>>(),
            "preamble": preamble,
            "sections": sections,
        })
    }
}

/// `#id` links inside the PDF: sections and clauses, an earlier id going to
/// the place that now has it; `@` links to the site's other pages.
struct PdfTargets<'a> {
    /// By id or alias: the label in the PDF, and the words an empty link
    /// shows (a section's number and title, a clause's number).
    ids: BTreeMap<String, (String, Option<String>)>,
    /// Key terms, and which are linked in the section being set.
    terms: KeyTerms,
    /// The rest of the site, when known.
    site: Option<SiteLinks<'a>>,
    /// The site's address, which links to its pages start with in a PDF.
    base_url: String,
}

impl<'a> PdfTargets<'a> {
    fn new(
        doc: &Version,
        catalog: &Catalog,
        chrome: &Chrome,
        site: Option<SiteLinks<'a>>,
        base_url: String,
    ) -> PdfTargets<'a> {
        let ids = super::links::places(doc)
            .into_iter()
            .map(|(name, place)| {
                let text = super::links::reference(&place, doc, catalog, chrome);
                (name, (place.id, text))
            })
            .collect();
        PdfTargets {
            ids,
            terms: KeyTerms::of(doc, catalog),
            site,
            base_url,
        }
    }
}

impl LinkTargets for PdfTargets<'_> {
    fn target(&self, id: &str) -> Option<Option<String>> {
        self.ids.get(id).map(|(_, text)| text.clone())
    }

    fn site_link(&self, dest: &str) -> Result<markdown::SiteLink, markdown::MarkdownProblem> {
        match &self.site {
            Some(site) => site.resolve(dest),
            None => markdown::NoTargets.site_link(dest),
        }
    }

    fn terms(&self) -> Vec<(&str, &str)> {
        self.terms.pairs()
    }

    fn term_done(&self, id: &str) -> bool {
        self.terms.done(id)
    }

    fn term_linked(&self, id: &str) {
        self.terms.linked(id);
    }
}

/// Turns a version's words into the template's blocks and runs.
struct Words<'a> {
    catalog: &'a Catalog,
    chrome: &'a Chrome,
    /// The version's numbering style.
    style: Option<&'a str>,
    targets: &'a PdfTargets<'a>,
}

impl Words<'_> {
    fn blocks(&self, blocks: &[Block], depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for block in blocks {
            match block {
                Block::Paragraph(text) => out.extend(self.paragraphs(text)),
                Block::Clauses(clauses) => out.push(self.clauses(clauses, depth)),
                Block::List { ordered, items } => out.push(json!({
                    "kind": "list",
                    "ordered": ordered,
                    "items": self.items(items),
                })),
                Block::Table(table) => out.push(self.table(table)),
                Block::Contact(entries) => out.push(json!({
                    "kind": "contact",
                    "entries": entries.iter().map(|e| json!({
                        "term": self.runs(&e.term, Flow::Inline),
                        "value": match &e.value {
                            Cell::Text(text) => self.runs(text, Flow::Inline),
                            Cell::Empty | Cell::List(_) => Vec::new(),
                        },
                        "list": match &e.value {
                            Cell::List(items) => Some(self.items(items)),
                            Cell::Empty | Cell::Text(_) => None,
                        },
                    })).collect::<Vec<_>>(),
                })),
            }
        }
        out
    }

    fn clauses(&self, clauses: &[Clause], depth: usize) -> Value {
        let kind = if depth == 0 {
            NumberKind::Clause
        } else {
            NumberKind::Subclause
        };
        let items: Vec<Value> = clauses
            .iter()
            .enumerate()
            .map(|(i, clause)| {
                let mut blocks = Vec::new();
                if let Some(text) = &clause.text {
                    let before = self.targets.terms.enter(clause);
                    blocks.extend(self.paragraphs(text));
                    self.targets.terms.leave(before);
                }
                blocks.extend(self.blocks(&clause.body, depth + 1));
                json!({
                    "id": clause.id,
                    "number": self.chrome.number(self.style, kind, i + 1),
                    "blocks": blocks,
                })
            })
            .collect();
        json!({"kind": "clauses", "items": items})
    }

    fn items(&self, items: &[Item]) -> Vec<Value> {
        items
            .iter()
            .map(|item| {
                json!({
                    "lead": item.lead.as_ref().map(|l| self.runs(l, Flow::Title)),
                    "content": item.text.as_ref().map(|t| self.runs(t, Flow::Inline)).unwrap_or_default(),
                    "items": self.items(&item.items),
                })
            })
            .collect()
    }

    fn table(&self, table: &Table) -> Value {
        let cell = |cell: &Cell| match cell {
            Cell::Empty => json!({"content": [], "list": null}),
            Cell::Text(text) => json!({"content": self.runs(text, Flow::Inline), "list": null}),
            Cell::List(items) => json!({
                "content": [],
                "list": self.items(items),
            }),
        };
        json!({
            "kind": "table",
            "caption": table.caption.as_ref().map(|c| self.runs(c, Flow::Title)),
            "head": table.head.iter().map(cell).collect::<Vec<_>>(),
            "rows": table.rows.iter().map(|row| row.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "row-headers": table.row_headers,
        })
    }

    /// Paragraph-level words: one `p` block per paragraph.
    fn paragraphs(&self, text: &Text) -> Vec<Value> {
        match text {
            Text::Literal(literal) => vec![json!({"kind": "p", "content": literal_runs(literal)})],
            Text::Message(m) => self
                .catalog
                .get(&m.id)
                .map(|msg| {
                    self.markdown(
                        &msg.text,
                        Flow::Block,
                        |p| json!({"kind": "p", "content": p}),
                    )
                })
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect(),
        }
    }

    /// Words in a line: runs, paragraphs joined by a line break.
    fn runs(&self, text: &Text, flow: Flow) -> Vec<Value> {
        match text {
            Text::Literal(literal) => literal_runs(literal),
            Text::Message(m) => {
                let Some(msg) = self.catalog.get(&m.id) else {
                    return Vec::new();
                };
                let paragraphs = self
                    .markdown(&msg.text, flow, Value::Array)
                    .unwrap_or_default();
                let mut runs = Vec::new();
                for (i, paragraph) in paragraphs.into_iter().enumerate() {
                    if i > 0 {
                        runs.push(json!({"t": "break"}));
                    }
                    if let Value::Array(p) = paragraph {
                        runs.extend(p);
                    }
                }
                runs
            }
        }
    }

    /// A message's Markdown as paragraphs of runs, each made into a value
    /// by `paragraph`; `None` when the message cannot be published (its
    /// page reports why).
    fn markdown(
        &self,
        source: &str,
        flow: Flow,
        paragraph: impl Fn(Vec<Value>) -> Value,
    ) -> Option<Vec<Value>> {
        let targets = self.targets;
        markdown::with_checked_events(source, flow, targets, |events| {
            runs_of(events, targets)
                .into_iter()
                .map(&paragraph)
                .collect()
        })
        .ok()
    }
}

/// Markdown events as paragraphs of runs: `text`, `code`, `em`, `strong`,
/// `link` (with `url` and its own runs in `c`) and `break`.
fn runs_of(events: Vec<Event<'_>>, targets: &PdfTargets<'_>) -> Vec<Vec<Value>> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut open: Vec<(Value, Vec<Value>)> = Vec::new();
    for event in events {
        match event {
            Event::End(TagEnd::Paragraph) if !current.is_empty() => {
                paragraphs.push(std::mem::take(&mut current));
            }
            Event::Start(Tag::Emphasis) => {
                open.push((json!({"t": "em"}), std::mem::take(&mut current)));
            }
            Event::Start(Tag::Strong) => {
                open.push((json!({"t": "strong"}), std::mem::take(&mut current)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let url = match (link_type, dest_url.strip_prefix('#')) {
                    (LinkType::Email, _) => format!("mailto:{dest_url}"),
                    // A link inside the document goes to the label the
                    // template puts on the section or clause.
                    (_, Some(id)) => targets
                        .ids
                        .get(id)
                        .map_or_else(|| dest_url.to_string(), |(label, _)| format!("#{label}")),
                    // A page of the site, by its full address.
                    _ => match dest_url.strip_prefix(markdown::SITE_ROOT) {
                        Some(address) => format!("{}{address}", targets.base_url),
                        None => dest_url.to_string(),
                    },
                };
                open.push((
                    json!({"t": "link", "url": url, "show-url": false}),
                    std::mem::take(&mut current),
                ));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {
                if let Some((mut wrapper, parent)) = open.pop() {
                    let inner = std::mem::replace(&mut current, parent);
                    // A web address or a phone number worded otherwise is
                    // printed after its words; the words of a mail or web
                    // address that is its own text are enough.
                    if let Some(url) = wrapper.get("url").and_then(Value::as_str) {
                        let mut words = String::new();
                        text_of(&Value::Array(inner.clone()), &mut words);
                        let shown = url.strip_prefix("mailto:").unwrap_or(url);
                        let show = !url.starts_with('#') && !words.contains(shown);
                        wrapper["show-url"] = Value::Bool(show);
                    }
                    wrapper["c"] = Value::Array(inner);
                    current.push(wrapper);
                }
            }
            Event::Text(text) => push_text(&mut current, &text),
            Event::Code(code) => current.push(json!({"t": "code", "v": code.as_ref()})),
            Event::SoftBreak => push_text(&mut current, " "),
            Event::HardBreak => current.push(json!({"t": "break"})),
            _ => {}
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

fn push_text(runs: &mut Vec<Value>, text: &str) {
    if let Some(Value::Object(last)) = runs.last_mut()
        && last.get("t").and_then(Value::as_str) == Some("text")
        && let Some(Value::String(v)) = last.get_mut("v")
    {
        v.push_str(text);
        return;
    }
    runs.push(json!({"t": "text", "v": text}));
}

fn literal_runs(literal: &Literal) -> Vec<Value> {
    let link = |url: String, text: &str| {
        vec![json!({"t": "link", "url": url, "c": [{"t": "text", "v": text}]})]
    };
    match literal {
        Literal::Email(address) => link(format!("mailto:{address}"), address),
        Literal::Phone(number) => {
            let dial: String = number
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            link(format!("tel:{dial}"), number)
        }
        Literal::Url(url) => link(url.clone(), url),
        Literal::Plain(text) => vec![json!({"t": "text", "v": text})],
    }
}

/// Every character the PDF sets, for the font check.
pub fn text_of(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => items.iter().for_each(|v| text_of(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| text_of(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_nested_runs() {
        let targets = PdfTargets {
            ids: BTreeMap::from([(
                "old".to_owned(),
                ("retention".to_owned(), Some("第4条（保存期間）".to_owned())),
            )]),
            terms: KeyTerms::default(),
            site: None,
            base_url: String::new(),
        };
        let runs = markdown::with_checked_events(
            "個人情報を**「重要」**と*呼び*、[](#old)と[窓口](mailto:a@b.example)へ。\n\n次の段落 `hz_session`",
            Flow::Block,
            &targets,
            |events| runs_of(events, &targets),
        )
        .unwrap();
        assert_eq!(runs.len(), 2);
        assert_eq!(
            Value::Array(runs[0].clone()),
            json!([
                {"t": "text", "v": "個人情報を"},
                {"t": "strong", "c": [{"t": "text", "v": "「重要」"}]},
                {"t": "text", "v": "と"},
                {"t": "em", "c": [{"t": "text", "v": "呼び"}]},
                {"t": "text", "v": "、"},
                {"t": "link", "url": "#retention", "show-url": false, "c": [{"t": "text", "v": "第4条（保存期間）"}]},
                {"t": "text", "v": "と"},
                {"t": "link", "url": "mailto:a@b.example", "show-url": true, "c": [{"t": "text", "v": "窓口"}]},
                {"t": "text", "v": "へ。"},
            ])
        );
        assert_eq!(
            Value::Array(runs[1].clone()),
            json!([{"t": "text", "v": "次の段落 "}, {"t": "code", "v": "hz_session"}])
        );
    }

    #[test]
    fn markup_in_words_stays_text() {
        // Typst markup and code in a translation are characters, not syntax:
        // the template only ever sets strings.
        let runs = markdown::with_checked_events(
            "#import \"x.typ\": * $x$ #read(\"/etc/passwd\") \\<lbl> @ref",
            Flow::Inline,
            &markdown::NoTargets,
            |events| {
                let targets = PdfTargets {
                    ids: BTreeMap::new(),
                    terms: KeyTerms::default(),
                    site: None,
                    base_url: String::new(),
                };
                runs_of(events, &targets)
            },
        )
        .unwrap();
        assert_eq!(
            Value::Array(runs[0].clone()),
            json!([{"t": "text", "v": "#import \"x.typ\": * $x$ #read(\"/etc/passwd\") <lbl> @ref"}])
        );
    }

    #[test]
    fn missing_characters_are_named_once() {
        let fonts = Fonts::discover(&[]);
        assert!(fonts.is_empty());
        assert_eq!(fonts.missing("ああ い\u{200B}"), vec!['あ', 'い']);
    }
}
