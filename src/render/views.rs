//! What templates see: plain, serializable views built for the theme.
//!
//! Kept apart from the model so a theme cannot reach into internals and the
//! model can change without breaking themes. Fields ending in `_html` hold
//! HTML that charta rendered and escaped; templates print them with `| safe`.
//! Every other field is plain text that Tera escapes.

use serde::Serialize;

/// What every page has.
#[derive(Serialize)]
pub struct PageView {
    /// The page's language tag, for `<html lang>`.
    pub lang: String,
    /// The language's writing direction, `ltr` or `rtl`, for `<html dir>`.
    pub dir: &'static str,
    /// Relative path from the page to the site's root (`../../`).
    pub root: String,
    /// The page's title, plain text.
    pub title: String,
    /// The site's name in this language.
    pub site_title: String,
    /// The page's absolute address.
    pub canonical: String,
    /// The document's Atom feed, relative, for `<link rel="alternate">`.
    pub feed: Option<String>,
    /// CSS for printed pages (a footer with the effective date and version).
    pub print_css: Option<String>,
    /// Whether search engines should leave the page out (drafts, 404).
    pub noindex: bool,
    /// The page wording of this language by message id: a map made once
    /// per language, which every page shares rather than copies.
    pub labels: tera::Value,
    /// The same page in every language.
    pub alternates: Vec<Alternate>,
}

/// A link to the same page in another language.
#[derive(Debug, Serialize)]
pub struct Alternate {
    /// Language tag.
    pub lang: String,
    /// Its writing direction, `ltr` or `rtl`.
    pub dir: &'static str,
    /// The language's own name.
    pub name: String,
    /// Relative link.
    pub href: String,
    /// Absolute address, for `hreflang` links.
    pub absolute: String,
    /// Whether this is the page's own language.
    pub current: bool,
}

/// A language on the language chooser.
#[derive(Debug, Serialize)]
pub struct LanguageChoice {
    /// Language tag.
    pub lang: String,
    /// Its writing direction, `ltr` or `rtl`.
    pub dir: &'static str,
    /// The language's own name.
    pub name: String,
    /// "Choose your language", in that language.
    pub prompt: String,
    /// The site's name in that language.
    pub site_title: String,
    /// "Page not found", in that language.
    pub not_found_title: String,
    /// What to do instead, in that language.
    pub not_found_text: String,
    /// Link to the language's index.
    pub href: String,
}

/// A document on a language's index.
#[derive(Debug, Serialize)]
pub struct DocumentLink {
    /// Plain-text title.
    pub title: String,
    /// Relative link.
    pub href: String,
    /// Relative link to its version history.
    pub versions_href: Option<String>,
    /// Relative link to its working draft, when drafts are published.
    pub draft_href: Option<String>,
    /// Effective date, `YYYY-MM-DD`.
    pub effective_iso: String,
    /// Effective date in the language's format.
    pub effective_text: String,
    /// "Effective date: …", the date in a `<time>` element.
    pub effective_html: String,
}

/// A document page.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// The document's name.
    pub slug: String,
    /// The title, plain text.
    pub title: String,
    /// The title.
    pub title_html: String,
    /// The version's change summary.
    pub summary_html: Option<String>,
    /// "Some passages are not yet translated…", when fallback words are shown.
    pub fallback_notice: Option<String>,
    /// Text before the first section.
    pub preamble_html: String,
    /// The sections.
    pub sections: Vec<SectionView>,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// The key terms the version defines, in document order.
    pub terms: Vec<super::body::KeyTerm>,
}

/// A numbered section.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Stable id, the anchor.
    pub id: String,
    /// Earlier ids, kept as anchors so that old links still land.
    pub aliases: Vec<String>,
    /// The computed number in the language's style.
    pub number: String,
    /// The heading, plain text.
    pub title: String,
    /// The heading.
    pub title_html: String,
    /// The section's blocks.
    pub body_html: String,
    /// "Link to 2. Information we collect", for the link the number is.
    pub link_label: String,
}

/// One line of the table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// The section's anchor.
    pub id: String,
    /// Its number.
    pub number: String,
    /// Its heading.
    pub title_html: String,
}

/// The version a page shows.
#[derive(Debug, Serialize)]
pub struct VersionView {
    /// Its date, or `draft`.
    pub key: String,
    /// `current`, `archived`, `upcoming` or `draft`.
    pub status: crate::plan::Status,
    /// Effective date, `YYYY-MM-DD`.
    pub effective_iso: String,
    /// Effective date in the language's format.
    pub effective_text: String,
    /// "Effective date: …", the date in a `<time>` element.
    pub effective_html: String,
    /// "(current)" or "(upcoming)", in the language's punctuation.
    pub status_note: Option<String>,
    /// Relative link to its PDF, when the site has PDFs.
    pub pdf_href: Option<String>,
    /// The PDF link's words.
    pub pdf_label: String,
    /// "In force from … until …", for a version that a later one replaced.
    pub period_text: Option<String>,
    /// "This version takes effect on …", for an upcoming version.
    pub upcoming_text: Option<String>,
    /// The content digest recorded at release.
    pub digest: Option<String>,
    /// The change summary.
    pub summary_html: Option<String>,
    /// Why it was released with an effective date in the past, when it was.
    pub backdated: Option<String>,
}

/// A released version in a list of versions.
#[derive(Debug, Serialize)]
pub struct VersionLink {
    /// Its date.
    pub key: String,
    /// `current`, `archived` or `upcoming`.
    pub status: crate::plan::Status,
    /// Effective date, `YYYY-MM-DD`.
    pub effective_iso: String,
    /// Effective date in the language's format.
    pub effective_text: String,
    /// Relative link to its permalink.
    pub href: String,
    /// Whether the page shows this version.
    pub is_this: bool,
    /// Relative link to what changed from the version before, if there is such a page.
    pub diff_href: Option<String>,
    /// That link's words, naming this version.
    pub diff_label: String,
    /// "(current)" or "(upcoming)", in the language's punctuation.
    pub status_note: Option<String>,
    /// The change summary.
    pub summary_html: Option<String>,
    /// Why it was released with an effective date in the past, when it was.
    pub backdated: Option<String>,
    /// "Translation added on …: Deutsch", for each language added after its release.
    pub translations_added: Vec<String>,
}

/// The notice on the current page of a version that takes effect later.
#[derive(Debug, Serialize)]
pub struct Upcoming {
    /// "A new version takes effect on …".
    pub text: String,
    /// Relative link to it.
    pub href: String,
    /// Relative link to what it changes, if there is such a page.
    pub diff_href: Option<String>,
}

/// A comparison page.
#[derive(Debug, Serialize)]
pub struct DiffView {
    /// The document's title (in the newer version).
    pub document_title: String,
    /// "Changes from … to …".
    pub heading: String,
    /// The older version.
    pub from: DiffEnd,
    /// The newer version.
    pub to: DiffEnd,
    /// Sections added, removed, changed, moved.
    pub counts: crate::diff::Counts,
    /// How many sections did not change.
    pub unchanged: usize,
    /// "Sections without changes: n".
    pub unchanged_text: String,
    /// Whether the two versions read the same.
    pub same_wording: bool,
    /// The title's changes, when the title changed.
    pub title_changes_html: Option<String>,
    /// One line per section with a change, linking to it.
    pub summary: Vec<DiffSummaryEntry>,
    /// The changed sections.
    pub sections_html: String,
    /// CSS giving screen-reader words to insertions and deletions.
    pub marker_style: String,
}

/// One end of a comparison.
#[derive(Debug, Serialize)]
pub struct DiffEnd {
    /// Its date, or `draft`.
    pub key: String,
    /// Its date in the language's format.
    pub text: String,
    /// Relative link to it.
    pub href: Option<String>,
    /// Its change summary, when it has one.
    pub summary_html: Option<String>,
    /// "What changed in the version effective …".
    pub summary_heading: String,
}

/// A line of a comparison's summary.
#[derive(Debug, Serialize)]
pub struct DiffSummaryEntry {
    /// The anchor of the section below.
    pub anchor: String,
    /// Its number (`第7条 → 第8条` when renumbered).
    pub number: String,
    /// Its title.
    pub title_html: String,
    /// `added`, `removed`, `changed` or `unchanged`.
    pub status: String,
    /// Whether it changed place.
    pub moved: bool,
    /// Whether its number changed.
    pub renumbered: bool,
}
