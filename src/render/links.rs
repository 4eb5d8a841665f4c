//! Where the links in a policy's words go: `#id` to a section or clause of
//! the same version, with its number computed in the page's language
//! (第3条第2項, 제3조 제2항, section 3(2)), and `@document`,
//! `@document#id`, `@document/versions` to the other pages of the site.
//!
//! A link to another document goes to the version of it that the reader of
//! this version met: the one in force on the last day this version is (or
//! was) in force. From the current version that is the other document's
//! current page; from an archived version, the other document as it stood
//! while that version applied, so that an archived pair reads as it read
//! then (its archive banner leads on to the current text).

use super::body::plain;
use super::markdown::{MarkdownProblem, SITE_ROOT, SiteLink};
use crate::date::EffectiveDate;
use crate::localize::{Chrome, Localized, NumberKind};
use crate::model::{Block, Clause, Document, Locale, Site, Version, VersionKey};
use crate::plan::{Page, Plan};
use std::collections::BTreeMap;

/// Where a section or clause sits in its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    /// The id the page gives it (an earlier id leads here).
    pub(super) id: String,
    /// Its section's position, from 1; `None` in the preamble.
    pub(super) section: Option<usize>,
    /// Each clause's position on the way down, from 1; empty for a section.
    pub(super) clauses: Vec<usize>,
}

/// Every section and clause a link can name in `version`, by id and by
/// earlier id.
pub(super) fn places(version: &Version) -> BTreeMap<String, Place> {
    let mut map = BTreeMap::new();
    clause_places(&version.preamble, None, &mut Vec::new(), &mut map);
    for (i, section) in version.sections.iter().enumerate() {
        let place = Place {
            id: section.id.clone(),
            section: Some(i + 1),
            clauses: Vec::new(),
        };
        for alias in &section.aliases {
            map.insert(alias.clone(), place.clone());
        }
        map.insert(section.id.clone(), place);
        clause_places(&section.body, Some(i + 1), &mut Vec::new(), &mut map);
    }
    map
}

fn clause_places(
    blocks: &[Block],
    section: Option<usize>,
    path: &mut Vec<usize>,
    map: &mut BTreeMap<String, Place>,
) {
    for block in blocks {
        if let Block::Clauses(clauses) = block {
            for (i, clause) in clauses.iter().enumerate() {
                path.push(i + 1);
                clause_place(clause, section, path, map);
                clause_places(&clause.body, section, path, map);
                path.pop();
            }
        }
    }
}

fn clause_place(
    clause: &Clause,
    section: Option<usize>,
    path: &[usize],
    map: &mut BTreeMap<String, Place>,
) {
    let Some(id) = &clause.id else {
        return;
    };
    let place = Place {
        id: id.clone(),
        section,
        clauses: path.to_vec(),
    };
    for alias in &clause.aliases {
        map.insert(alias.clone(), place.clone());
    }
    map.insert(id.clone(), place);
}

/// The words an empty link to `place` shows: a section's number and title,
/// or a clause's full number. `None` for what has no number of its own to
/// name (a clause of the preamble, or one nested deeper than a subclause).
pub(super) fn reference(
    place: &Place,
    version: &Version,
    catalog: &crate::localize::Catalog,
    chrome: &Chrome,
) -> Option<String> {
    let n = place.section?;
    if place.clauses.is_empty() {
        let section = version.sections.get(n - 1)?;
        let style = version.numbering_style();
        let number = chrome.number(style, NumberKind::Section, n);
        let title = plain(&section.title, catalog);
        return Some(chrome.cross_reference(style, &number, n, &title));
    }
    chrome.clause_reference(version.numbering_style(), n, &place.clauses)
}

/// The site beyond the version being rendered, for its `@` links.
#[derive(Clone, Copy)]
pub(super) struct SiteLinks<'a> {
    /// Every document.
    pub(super) site: &'a Site,
    /// What the site has on the build date; `None` outside a build (a
    /// comparison for review), where links need only their words.
    pub(super) plan: Option<&'a Plan>,
    /// Every version's words.
    pub(super) localized: &'a Localized,
    /// The page's language.
    pub(super) locale: &'a Locale,
    /// Its wording.
    pub(super) chrome: &'a Chrome,
    /// The last day the version being read is in force, as far as the
    /// build date knows (see the module's comment).
    pub(super) on: EffectiveDate,
}

impl SiteLinks<'_> {
    /// Where `@dest` goes (`dest` is what follows the `@`).
    pub(super) fn resolve(&self, dest: &str) -> Result<SiteLink, MarkdownProblem> {
        let (path, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        let path = path.trim_end_matches('/');
        let (slug, history) = match path.split_once('/') {
            None => (path, false),
            Some((slug, "versions")) if fragment.is_none() => (slug, true),
            Some(_) => {
                return Err(MarkdownProblem {
                    at: Some(format!("@{dest}")),
                    code: "site-link",
                    message: format!("the link `@{dest}` is not a form charta knows"),
                    help: "write @document, @document#section-or-clause-id or @document/versions, with a document id from content/site.yaml",
                });
            }
        };
        let Some(doc) = self.site.documents.iter().find(|d| &*d.slug == slug) else {
            let slugs = self.site.documents.iter().map(|d| &*d.slug);
            return Err(MarkdownProblem {
                at: Some(format!("@{dest}")),
                code: "unknown-document",
                message: format!(
                    "the link `@{dest}` names no document of this site{}",
                    crate::diagnostic::did_you_mean(slug, slugs)
                        .map_or_else(String::new, |close| format!("; did you mean `@{close}`?"))
                ),
                help: "after the @, write the id of a document listed under `documents:` in content/site.yaml",
            });
        };
        let met = self.version_met(doc);
        let title = self.title(doc, met);
        if history {
            let page = Page::History(self.locale.clone(), doc.slug.clone());
            return Ok(SiteLink {
                href: self.href(&page, None),
                text: self
                    .chrome
                    .format_with("history-reference", &[("document", &title)]),
            });
        }
        let Some(id) = fragment else {
            return Ok(SiteLink {
                href: self.href(&self.page_of(doc, met), None),
                text: title,
            });
        };
        // The version met names the part; when it does not have it (it
        // came later, or went), the newest version that does.
        let found = std::iter::once(met)
            .chain(doc.released.iter().rev())
            .chain(std::iter::once(&doc.draft))
            .find_map(|v| places(v).remove(id).map(|place| (v, place)));
        let Some((version, place)) = found else {
            let known = places(met);
            return Err(MarkdownProblem {
                at: Some(format!("@{dest}")),
                code: "unknown-reference",
                message: format!(
                    "the link `@{dest}` points at no section or clause of `{slug}`{}",
                    crate::diagnostic::did_you_mean(id, known.keys().map(String::as_str))
                        .map_or_else(String::new, |close| format!(
                            "; did you mean `@{slug}#{close}`?"
                        ))
                ),
                help: "after the #, write the `id` of a section or clause from that document's YAML",
            });
        };
        let part = self
            .localized
            .catalog(&doc.slug, version.key, self.locale)
            .and_then(|catalog| reference(&place, version, catalog, self.chrome));
        let title = self.title(doc, version);
        Ok(SiteLink {
            href: self.href(&self.page_of(doc, version), Some(&place.id)),
            text: match part {
                Some(part) => self
                    .chrome
                    .format_with("document-part", &[("document", &title), ("part", &part)]),
                None => title,
            },
        })
    }

    /// The version of `doc` in force on [`SiteLinks::on`]; before its first
    /// version, the first; with none released, the draft.
    fn version_met<'d>(&self, doc: &'d Document) -> &'d Version {
        doc.released
            .iter()
            .rev()
            .find(|v| v.effective <= self.on)
            .or(doc.released.first())
            .unwrap_or(&doc.draft)
    }

    /// The page that shows `version`: the document's own address while it
    /// is in force.
    fn page_of(&self, doc: &Document, version: &Version) -> Page {
        let (l, d) = (self.locale.clone(), doc.slug.clone());
        let current = self
            .plan
            .and_then(|plan| plan.timeline(&doc.slug))
            .and_then(|t| t.current());
        if version.key != VersionKey::Draft && current == Some(version.key) {
            Page::Document(l, d)
        } else {
            Page::Version(l, d, version.key)
        }
    }

    fn href(&self, page: &Page, fragment: Option<&str>) -> Option<String> {
        self.plan?.contains(page).then(|| {
            let fragment = fragment.map_or_else(String::new, |f| format!("#{f}"));
            format!("{SITE_ROOT}{}{fragment}", page.address())
        })
    }

    /// The document's title in the page's language, as `version` has it;
    /// the draft's when that version has no words in the language, and its
    /// id when neither has.
    fn title(&self, doc: &Document, version: &Version) -> String {
        [version.key, VersionKey::Draft]
            .into_iter()
            .filter_map(|key| self.localized.catalog(&doc.slug, key, self.locale))
            .map(|catalog| plain(&version.title, catalog))
            .find(|title| !title.is_empty())
            .unwrap_or_else(|| doc.slug.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostics, SourceFile};

    #[test]
    fn places_count_clauses_within_their_block_and_depth() {
        let yaml = "title: t\neffective: 2026-04-01\npreamble:\n  - clauses:\n      - { id: pre, p: a }\nsections:\n  - id: one\n    title: t1\n    body:\n      - p: x\n  - id: two\n    aliases: [old-two]\n    title: t2\n    body:\n      - clauses:\n          - p: a\n          - id: second\n            p: b\n            body:\n              - clauses:\n                  - p: c\n                  - { id: deep, p: d }\n";
        let file = SourceFile::new(std::path::PathBuf::from("content/x.yaml"), yaml.to_owned());
        let version = crate::model::validate_draft_for_tests(&file, &mut Diagnostics::new())
            .expect("the YAML is valid");
        let places = places(&version);
        let at = |id: &str| {
            let p = &places[id];
            (p.id.as_str(), p.section, p.clauses.clone())
        };
        assert_eq!(at("pre"), ("pre", None, vec![1]));
        assert_eq!(at("one"), ("one", Some(1), vec![]));
        assert_eq!(at("old-two"), ("two", Some(2), vec![]));
        assert_eq!(at("second"), ("second", Some(2), vec![2]));
        assert_eq!(at("deep"), ("deep", Some(2), vec![2, 2]));
    }
}
