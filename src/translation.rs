//! How far each language's translation of the drafts is: untranslated,
//! unused and stale messages, and the reviews that keep a translation current.
//!
//! A translation is *stale* when the source language's text of a message
//! changed since the document's latest release while this language's text
//! did not. Sometimes the translation is still right (the source fixed a
//! typo); a translator then records the review in the translation file
//! itself, as a comment right above the message:
//!
//! ```ftl
//! # reviewed: ja 3fa2c1d9e0b1
//! purposes-intro = …
//! ```
//!
//! The stamp names the source language and a digest of the source text the
//! translation was checked against, so the record is reviewed in the pull
//! request like any other change, travels with the words into the released
//! version, and lapses by itself when the source text changes again.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::{Localized, RELEASE_SUMMARY};
use crate::model::{Document, Locale, Site, VersionKey, is_message_id};
use crate::sources::SiteSources;
use std::collections::BTreeSet;

/// How far one language's translation of the drafts is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LanguageStatus {
    /// The language.
    pub language: String,
    /// Messages the drafts use that this language lacks.
    pub untranslated: usize,
    /// Messages this language defines that no draft uses.
    pub unused: usize,
    /// Messages whose source-language text changed since the last release
    /// while this language's text did not (reviewed ones not counted).
    pub stale: usize,
    /// Stale-looking messages whose translation was reviewed and kept.
    pub reviewed: usize,
}

/// The review stamp of a translation checked against `source_text` in
/// `source`: the line to write above the message.
pub fn review_stamp(source: &Locale, source_text: &str) -> String {
    let digest = crate::frozen::file_digest(source_text.as_bytes());
    let hex = digest.trim_start_matches("sha256:");
    format!("# reviewed: {source} {}", &hex[..12])
}

/// Whether the comment lines right above line `line` (1-based) of `text`
/// hold `stamp`.
fn has_stamp(text: &str, line: usize, stamp: &str) -> bool {
    if line < 2 {
        return false;
    }
    let lines: Vec<&str> = text.lines().take(line - 1).collect();
    lines
        .iter()
        .rev()
        .take_while(|l| l.starts_with('#') && !l.starts_with("##"))
        .any(|l| l.trim_end() == stamp)
}

/// Every message id that a placeable of `text` references (`{ id }`), read
/// in one pass: looking each id up in the whole file would take time with
/// the square of the file's size.
fn placeable_references(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let inner = rest.trim_start_matches(' ');
        let end = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(inner.len());
        let (id, after) = inner.split_at(end);
        if id.starts_with(|c: char| c.is_ascii_alphabetic())
            && after.trim_start_matches(' ').starts_with('}')
        {
            out.insert(id);
        }
    }
    out
}

/// The translation status of every language, with a warning for each
/// unused or stale message (missing ones are reported by
/// [`localize`](crate::localize::localize)).
pub fn translation_status(
    site: &Site,
    sources: &SiteSources,
    localized: &Localized,
) -> (Vec<LanguageStatus>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut total: Vec<LanguageStatus> = Vec::new();
    for doc in &site.documents {
        let (status, found) = document_status(site, sources, localized, doc);
        diags.extend(found);
        if total.is_empty() {
            total = status;
        } else {
            for (sum, one) in total.iter_mut().zip(status) {
                sum.untranslated += one.untranslated;
                sum.unused += one.unused;
                sum.stale += one.stale;
                sum.reviewed += one.reviewed;
            }
        }
    }
    if total.is_empty() {
        total = site.settings.locales.iter().map(empty_status).collect();
    }
    (total, diags)
}

fn empty_status(locale: &Locale) -> LanguageStatus {
    LanguageStatus {
        language: locale.to_string(),
        untranslated: 0,
        unused: 0,
        stale: 0,
        reviewed: 0,
    }
}

/// The translation status of one document's draft in every language.
pub fn document_status(
    site: &Site,
    sources: &SiteSources,
    localized: &Localized,
    doc: &Document,
) -> (Vec<LanguageStatus>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let locales = &site.settings.locales;
    let source = locales.first();
    let mut status: Vec<LanguageStatus> = locales.iter().map(empty_status).collect();
    let referenced: BTreeSet<&str> = doc
        .draft
        .message_refs()
        .into_iter()
        .map(|r| &*r.id)
        .collect();
    let latest = doc.released.last();
    for (i, locale) in locales.iter().enumerate() {
        let draft = localized.catalog(&doc.slug, VersionKey::Draft, locale);
        if let Some(catalog) = draft {
            status[i].untranslated += referenced
                .iter()
                .filter(|id| catalog.get(id).is_none_or(|m| m.fallback.is_some()))
                .count();
        }
        let words = sources
            .locales
            .get(locale.as_str())
            .and_then(|f| f.get(&*doc.slug));
        // Unused: defined in the draft's words, used by nothing.
        if let Some(file) = words {
            let used_by_message = placeable_references(&file.text);
            for (line_no, line) in file.text.lines().enumerate() {
                let Some((id, _)) = line.split_once('=') else {
                    continue;
                };
                let id = id.trim_end();
                if !is_message_id(id)
                    || line.starts_with(char::is_whitespace)
                    || referenced.contains(id)
                    || id == RELEASE_SUMMARY
                {
                    continue;
                }
                if used_by_message.contains(id) {
                    continue;
                }
                status[i].unused += 1;
                diags.push(
                    Diagnostic::warning("unused-message", format!("message `{id}` in {locale} is not used by {}", doc.draft.source.display()))
                        .at(file.span(line_no + 1, 1, id.chars().count()))
                        .with_help("remove it, or use it from the document's YAML (check the spelling of the id there)"),
                );
            }
        }
        // Stale: the source language's words changed since the last release, these did not.
        let (Some(source), Some(latest), Some(draft)) = (source, latest, draft) else {
            continue;
        };
        if source == locale {
            continue;
        }
        let key = |k: VersionKey, l: &Locale| localized.catalog(&doc.slug, k, l);
        let (Some(src_now), Some(src_then), Some(then)) = (
            key(VersionKey::Draft, source),
            key(latest.key, source),
            key(latest.key, locale),
        ) else {
            continue;
        };
        for id in &referenced {
            let (Some(a), Some(b)) = (src_now.get(id), src_then.get(id)) else {
                continue;
            };
            let (Some(now), Some(before)) = (draft.get(id), then.get(id)) else {
                continue;
            };
            if a.text == b.text || now.fallback.is_some() || now.text != before.text {
                continue;
            }
            let stamp = review_stamp(source, &a.text);
            let origin = now.origin();
            if words
                .is_some_and(|f| *f.path == *origin.file && has_stamp(&f.text, origin.line, &stamp))
            {
                status[i].reviewed += 1;
                continue;
            }
            status[i].stale += 1;
            let file = origin.file.display().to_string();
            diags.push(
                Diagnostic::warning(
                    "stale-translation",
                    format!(
                        "message `{id}` changed in {source} since the {} release, but its {locale} text did not",
                        latest.key
                    ),
                )
                .at(origin)
                .with_help(format!(
                    "update the {locale} text to say what the new {source} text says; if it already does, record \
                     the review by writing `{stamp}` on the line above `{id}` in {file}"
                )),
            );
        }
    }
    (status, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeable_references_are_found_in_one_pass() {
        let refs =
            placeable_references("a = { b } and {c}\nd = { -term } { $var } { e.attr } {f\n");
        assert_eq!(refs.into_iter().collect::<Vec<_>>(), vec!["b", "c"]);
    }

    #[test]
    fn a_stamp_counts_only_in_the_comment_right_above() {
        let ja = Locale::from_tag("ja");
        let stamp = review_stamp(&ja, "新しい文");
        assert!(
            stamp.starts_with("# reviewed: ja ") && stamp.len() == "# reviewed: ja ".len() + 12
        );
        assert_ne!(stamp, review_stamp(&ja, "別の文"));
        let text = format!("a = x\n# note\n{stamp}\nb = y\n\n{stamp}\n\nc = z\n");
        assert!(
            has_stamp(&text, 4, &stamp),
            "directly above, among other comments"
        );
        assert!(
            !has_stamp(&text, 8, &stamp),
            "a blank line ends the message's comment"
        );
        assert!(!has_stamp(&text, 1, &stamp));
    }
}
