//! Comparing two versions of a document, section by section.
//!
//! Part of the render stage, and pure: it knows nothing of files or
//! templates. Each version is first reduced (by the renderer) to an
//! [`Outline`] in one language: its sections, each a list of [`Unit`]s (a
//! paragraph, a clause, a list item, a table, a contact line) with a key
//! that stays the same across versions — the clause's id or the message id of
//! its words. Sections are matched by id, units by key, table rows by their
//! first cell; only then are the words compared, inline, by [`text::diff`].

pub mod report;
pub mod text;

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use text::Change;

/// A version of a document in one language, reduced to what a comparison needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The title, plain text.
    pub title: String,
    /// Text before the first section (its id is empty), then the sections.
    pub sections: Vec<OutlineSection>,
    /// Earlier ids this version keeps as aliases, each with the id or unit
    /// key that took its place: an older version's section or clause under
    /// the old id is the same section or clause.
    pub aliases: Vec<(String, String)>,
}

impl Outline {
    /// This (older) outline with the ids that `newer` renamed replaced by
    /// their new ids, so that sections and clauses match across the rename.
    fn renamed_for(&self, newer: &Outline) -> Option<Outline> {
        if newer.aliases.is_empty() {
            return None;
        }
        // An alias whose new id the older version also has is not a rename
        // (the old section was merged away): the old one stays itself, so
        // that its removal is shown.
        let known: std::collections::HashSet<&str> = self
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .chain(
                self.sections
                    .iter()
                    .flat_map(|s| s.units.iter().map(|u| u.key.as_str())),
            )
            .collect();
        let rename = |id: &str| -> Option<String> {
            newer
                .aliases
                .iter()
                .find(|(old, new)| old == id && !known.contains(new.as_str()))
                .map(|(_, new)| new.clone())
        };
        let mut renamed = self.clone();
        let mut any = false;
        for section in &mut renamed.sections {
            if let Some(new) = rename(&section.id) {
                section.id = new;
                any = true;
            }
            for unit in &mut section.units {
                if let Some(new) = rename(&unit.key) {
                    unit.key = new;
                    any = true;
                }
            }
        }
        any.then_some(renamed)
    }
}

/// A section of an [`Outline`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineSection {
    /// The stable id; empty for the preamble.
    pub id: String,
    /// Its number in this version (`第7条`).
    pub number: String,
    /// Its title, plain text.
    pub title: String,
    /// What it says, in order.
    pub units: Vec<Unit>,
}

/// One comparable piece of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What stays the same across versions: a clause id or a message id.
    pub key: String,
    /// Its number or bullet in this version (`①`, `(a)`, `•`), if any.
    pub label: String,
    /// Nesting depth (0 for the section's own blocks).
    pub depth: usize,
    /// Its words.
    pub body: UnitBody,
}

/// The words of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitBody {
    /// Running text.
    Text(String),
    /// A table.
    Table(TableOutline),
}

/// A table's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOutline {
    /// The caption.
    pub caption: String,
    /// Whether the first cell of each row is a row header.
    pub row_headers: bool,
    /// The header row.
    pub head: Vec<String>,
    /// The body rows, each with the key it is matched by.
    pub rows: Vec<(String, Vec<String>)>,
}

/// What happened to a section, a unit or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with different words.
    Changed,
    /// In both, the same.
    Unchanged,
}

/// The comparison of two versions.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDiff {
    /// The title.
    pub title: Vec<Change>,
    /// Every section of either version: in the new order, removed ones where they were.
    pub sections: Vec<SectionDiff>,
}

/// The comparison of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionDiff {
    /// The stable id (empty for the preamble).
    pub id: String,
    /// Added, removed, changed or unchanged.
    pub status: Status,
    /// Whether it changed place relative to the other sections.
    pub moved: bool,
    /// Its number in the old version.
    pub old_number: Option<String>,
    /// Its number in the new version.
    pub new_number: Option<String>,
    /// The title.
    pub title: Vec<Change>,
    /// Its units.
    pub units: Vec<UnitDiff>,
}

/// The comparison of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitDiff {
    /// Added, removed, changed or unchanged.
    pub status: Status,
    /// Its number or bullet (the new one when it has both).
    pub label: String,
    /// Nesting depth.
    pub depth: usize,
    /// Its words.
    pub body: UnitBodyDiff,
}

/// The compared words of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitBodyDiff {
    /// Running text.
    Text(Vec<Change>),
    /// A table, row by row and cell by cell.
    Table {
        /// The caption.
        caption: Vec<Change>,
        /// Whether the first cell of each row is a row header.
        row_headers: bool,
        /// The header row.
        head: Vec<Vec<Change>>,
        /// The rows.
        rows: Vec<RowDiff>,
    },
}

/// The comparison of one table row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowDiff {
    /// Added, removed, changed or unchanged.
    pub status: Status,
    /// Its cells.
    pub cells: Vec<Vec<Change>>,
}

impl SectionDiff {
    /// Whether anything about the section is worth showing.
    pub fn is_interesting(&self) -> bool {
        self.status != Status::Unchanged || self.moved || self.old_number != self.new_number
    }
}

/// Remembers inline comparisons, so that a text compared with the same other
/// text again (as happens when many earlier versions are each compared with
/// the current one) is compared once. Keyed by both texts, which are all a
/// comparison depends on, so an entry is never stale; each thread that
/// renders pages keeps one for one build, lent to each share it renders.
///
/// Bounded, so that a long history does not make it grow: it keeps the
/// comparisons of the current generation and of the one before, and drops
/// the older when the current one is full. Versions are compared in order,
/// so a comparison asked for again was made a few versions before.
#[derive(Debug, Default)]
pub struct TextCache {
    recent: Comparisons,
    older: Comparisons,
    /// How many comparisons `recent` holds.
    held: usize,
}

/// Inline comparisons by older text, then newer text.
type Comparisons =
    HashMap<String, HashMap<String, Vec<Change>, text::BuildTextHasher>, text::BuildTextHasher>;

/// How many comparisons a generation of a [`TextCache`] holds: many more
/// than the texts of a few versions.
const GENERATION: usize = 256;

impl TextCache {
    /// [`text::diff`], remembered.
    pub fn diff(&mut self, old: &str, new: &str) -> Vec<Change> {
        if old == new {
            return text::diff(old, new);
        }
        // Looked up by borrowed text: most lookups are hits.
        if let Some(found) = self.recent.get(old).and_then(|by_new| by_new.get(new)) {
            return found.clone();
        }
        let changes = match self.older.get(old).and_then(|by_new| by_new.get(new)) {
            Some(found) => found.clone(),
            None => text::diff(old, new),
        };
        if self.held == GENERATION {
            self.older = std::mem::take(&mut self.recent);
            self.held = 0;
        }
        self.recent
            .entry(old.to_owned())
            .or_default()
            .insert(new.to_owned(), changes.clone());
        self.held += 1;
        changes
    }
}

/// Compares two outlines of the same document in the same language.
pub fn compare(old: &Outline, new: &Outline) -> DocumentDiff {
    compare_with(old, new, &mut TextCache::default())
}

/// [`compare`], with inline comparisons remembered in `cache`.
pub fn compare_with(old: &Outline, new: &Outline, cache: &mut TextCache) -> DocumentDiff {
    compare_after(old, new, cache, None)
}

/// [`compare_with`], reusing an earlier comparison with the same newer
/// version: a section the two older versions have in the same words
/// compares the same way. (Every earlier version is compared with the
/// current one, and neighbouring versions share most of their sections.)
pub fn compare_after(
    old: &Outline,
    new: &Outline,
    cache: &mut TextCache,
    earlier: Option<(&Outline, &DocumentDiff)>,
) -> DocumentDiff {
    if let Some(renamed) = old.renamed_for(new) {
        // A renamed id changes what can be reused, so nothing is.
        return compare_after(&renamed, new, cache, None);
    }
    let reused = |old_section: &OutlineSection| -> Option<SectionDiff> {
        let (earlier_old, earlier_diff) = earlier?;
        earlier_old
            .sections
            .iter()
            .find(|s| s.id == old_section.id)
            .filter(|s| *s == old_section)?;
        earlier_diff
            .sections
            .iter()
            .find(|d| d.id == old_section.id && d.new_number.is_some())
            .cloned()
    };
    let old_ids: Vec<&str> = old.sections.iter().map(|s| s.id.as_str()).collect();
    let new_ids: Vec<&str> = new.sections.iter().map(|s| s.id.as_str()).collect();
    let in_order: Vec<(usize, usize)> = lcs(&old_ids, &new_ids);
    let kept_in_place: BTreeMap<usize, usize> = in_order.iter().map(|&(o, n)| (n, o)).collect();
    let old_index: BTreeMap<&str, usize> =
        old_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();

    // Removed sections are shown after the old section that preceded them.
    let mut removed_after: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, id) in old_ids.iter().enumerate() {
        if !new_ids.contains(id) {
            let anchor = (0..i).rev().find(|&j| new_ids.contains(&old_ids[j]));
            removed_after.entry(anchor).or_default().push(i);
        }
    }
    let mut sections = Vec::new();
    let push_removed = |sections: &mut Vec<SectionDiff>, anchor: Option<usize>| {
        for &i in removed_after.get(&anchor).into_iter().flatten() {
            sections.push(one_sided(&old.sections[i], Status::Removed));
        }
    };
    push_removed(&mut sections, None);
    for (n, section) in new.sections.iter().enumerate() {
        match old_index.get(section.id.as_str()) {
            Some(&o) => {
                let mut diff = reused(&old.sections[o])
                    .unwrap_or_else(|| compare_sections(&old.sections[o], section, cache));
                diff.moved = !kept_in_place.contains_key(&n);
                sections.push(diff);
                push_removed(&mut sections, Some(o));
            }
            None => sections.push(one_sided(section, Status::Added)),
        }
    }
    DocumentDiff {
        title: cache.diff(&old.title, &new.title),
        sections,
    }
}

/// Text that is only in one version: all inserted (added) or all deleted.
fn one_sided_text(text: &str, status: Status) -> Vec<Change> {
    match (text.is_empty(), status) {
        (true, _) => Vec::new(),
        (false, Status::Added) => vec![Change::Insert(text.to_owned())],
        (false, _) => vec![Change::Delete(text.to_owned())],
    }
}

fn one_sided(section: &OutlineSection, status: Status) -> SectionDiff {
    let one = |t: &str| one_sided_text(t, status);
    let number = Some(section.number.clone());
    SectionDiff {
        id: section.id.clone(),
        status,
        moved: false,
        old_number: if status == Status::Removed {
            number.clone()
        } else {
            None
        },
        new_number: if status == Status::Added {
            number
        } else {
            None
        },
        title: one(&section.title),
        units: section
            .units
            .iter()
            .map(|u| one_sided_unit(u, status))
            .collect(),
    }
}

fn one_sided_unit(unit: &Unit, status: Status) -> UnitDiff {
    let one = |t: &str| one_sided_text(t, status);
    UnitDiff {
        status,
        label: unit.label.clone(),
        depth: unit.depth,
        body: match &unit.body {
            UnitBody::Text(t) => UnitBodyDiff::Text(one(t)),
            UnitBody::Table(t) => UnitBodyDiff::Table {
                caption: one(&t.caption),
                row_headers: t.row_headers,
                head: t.head.iter().map(|c| one(c)).collect(),
                rows: t
                    .rows
                    .iter()
                    .map(|(_, cells)| RowDiff {
                        status,
                        cells: cells.iter().map(|c| one(c)).collect(),
                    })
                    .collect(),
            },
        },
    }
}

fn compare_sections(
    old: &OutlineSection,
    new: &OutlineSection,
    cache: &mut TextCache,
) -> SectionDiff {
    let title = cache.diff(&old.title, &new.title);
    let mut units = Vec::new();
    for pair in align(&old.units, &new.units, |u| u.key.as_str(), same_kind) {
        units.push(match pair {
            Pair::Both(o, n) => compare_units(o, n, cache),
            Pair::Old(o) => one_sided_unit(o, Status::Removed),
            Pair::New(n) => one_sided_unit(n, Status::Added),
        });
    }
    let changed = title.iter().any(|c| !matches!(c, Change::Equal(_)))
        || units.iter().any(|u| u.status != Status::Unchanged);
    SectionDiff {
        id: new.id.clone(),
        status: if changed {
            Status::Changed
        } else {
            Status::Unchanged
        },
        moved: false,
        old_number: Some(old.number.clone()),
        new_number: Some(new.number.clone()),
        title,
        units,
    }
}

fn same_kind(a: &Unit, b: &Unit) -> bool {
    matches!(
        (&a.body, &b.body),
        (UnitBody::Text(_), UnitBody::Text(_)) | (UnitBody::Table(_), UnitBody::Table(_))
    )
}

fn compare_units(old: &Unit, new: &Unit, cache: &mut TextCache) -> UnitDiff {
    let (status, body) = match (&old.body, &new.body) {
        (UnitBody::Text(a), UnitBody::Text(b)) => {
            let status = if a == b {
                Status::Unchanged
            } else {
                Status::Changed
            };
            (status, UnitBodyDiff::Text(cache.diff(a, b)))
        }
        (UnitBody::Table(a), UnitBody::Table(b)) => compare_tables(a, b, cache),
        // Keys are kinds' own (see the renderer's outline), so this does not occur;
        // show it as a replacement if it ever does.
        _ => {
            let removed = one_sided_unit(old, Status::Removed);
            return UnitDiff {
                status: Status::Changed,
                ..removed
            };
        }
    };
    UnitDiff {
        status,
        label: new.label.clone(),
        depth: new.depth,
        body,
    }
}

fn compare_tables(
    old: &TableOutline,
    new: &TableOutline,
    cache: &mut TextCache,
) -> (Status, UnitBodyDiff) {
    let cells = |a: &[String], b: &[String], cache: &mut TextCache| -> Vec<Vec<Change>> {
        (0..a.len().max(b.len()))
            .map(|i| match (a.get(i), b.get(i)) {
                (Some(x), Some(y)) => cache.diff(x, y),
                (Some(x), None) => vec![Change::Delete(x.clone())],
                (None, Some(y)) => vec![Change::Insert(y.clone())],
                (None, None) => Vec::new(),
            })
            .collect()
    };
    let caption = cache.diff(&old.caption, &new.caption);
    let head = cells(&old.head, &new.head, cache);
    let mut rows = Vec::new();
    for pair in align(&old.rows, &new.rows, |r| r.0.as_str(), |_, _| true) {
        rows.push(match pair {
            Pair::Both(o, n) => RowDiff {
                status: if o.1 == n.1 {
                    Status::Unchanged
                } else {
                    Status::Changed
                },
                cells: cells(&o.1, &n.1, cache),
            },
            Pair::Old(o) => RowDiff {
                status: Status::Removed,
                cells: o
                    .1
                    .iter()
                    .map(|c| one_sided_text(c, Status::Removed))
                    .collect(),
            },
            Pair::New(n) => RowDiff {
                status: Status::Added,
                cells: n
                    .1
                    .iter()
                    .map(|c| one_sided_text(c, Status::Added))
                    .collect(),
            },
        });
    }
    let changed = old != new;
    (
        if changed {
            Status::Changed
        } else {
            Status::Unchanged
        },
        UnitBodyDiff::Table {
            caption,
            row_headers: new.row_headers,
            head,
            rows,
        },
    )
}

enum Pair<'a, T> {
    Both(&'a T, &'a T),
    Old(&'a T),
    New(&'a T),
}

/// Aligns two sequences by key (longest common subsequence). Between two
/// matched items, an unmatched old item and an unmatched new item of the same
/// kind are paired when they are the only ones there: the same place, edited
/// and re-keyed.
fn align<'a, T>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> &str,
    kind: impl Fn(&T, &T) -> bool,
) -> Vec<Pair<'a, T>> {
    let ok: Vec<&str> = old.iter().map(&key).collect();
    let nk: Vec<&str> = new.iter().map(&key).collect();
    let matched = lcs(&ok, &nk);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(mi, mj) in matched
        .iter()
        .chain(std::iter::once(&(old.len(), new.len())))
    {
        let gap_old = &old[i..mi];
        let gap_new = &new[j..mj];
        if gap_old.len() == 1 && gap_new.len() == 1 && kind(&gap_old[0], &gap_new[0]) {
            out.push(Pair::Both(&gap_old[0], &gap_new[0]));
        } else {
            out.extend(gap_old.iter().map(Pair::Old));
            out.extend(gap_new.iter().map(Pair::New));
        }
        if mi < old.len() {
            out.push(Pair::Both(&old[mi], &new[mj]));
        }
        (i, j) = (mi + 1, mj + 1);
    }
    out
}

/// Index pairs of a longest common subsequence of two key sequences.
fn lcs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    // A common start and end are matched as they are; the table is made
    // for the rest only (keys are unique in a version, so this is the
    // pairing the whole table would give). Most comparisons keep the same
    // units in the same order and need no table at all.
    let (prefix, suffix) = text::common_ends(a, b);
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    let middle = table_lcs(&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    pairs.extend(middle.into_iter().map(|(i, j)| (i + prefix, j + prefix)));
    pairs.extend((0..suffix).map(|k| (a.len() - suffix + k, b.len() - suffix + k)));
    pairs
}

/// [`lcs`] by a table of every pair of positions.
fn table_lcs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// Counts of sections by what happened to them, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Sections only in the new version.
    pub added: usize,
    /// Sections only in the old version.
    pub removed: usize,
    /// Sections whose words changed.
    pub changed: usize,
    /// Sections that changed place.
    pub moved: usize,
}

impl DocumentDiff {
    /// Whether the comparison found nothing at all: no section added,
    /// removed, changed or moved, and the same title.
    pub fn is_unchanged(&self) -> bool {
        self.counts() == Counts::default()
            && self
                .title
                .iter()
                .all(|c| matches!(c, text::Change::Equal(_)))
    }

    /// How many sections were added, removed, changed and moved (the
    /// preamble counts as a section when it changed).
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for s in &self.sections {
            match s.status {
                Status::Added => c.added += 1,
                Status::Removed => c.removed += 1,
                Status::Changed => c.changed += 1,
                Status::Unchanged => {}
            }
            if s.moved {
                c.moved += 1;
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: &str, text: &str) -> Unit {
        Unit {
            key: key.into(),
            label: String::new(),
            depth: 0,
            body: UnitBody::Text(text.into()),
        }
    }

    fn section(id: &str, number: &str, units: Vec<Unit>) -> OutlineSection {
        OutlineSection {
            id: id.into(),
            number: number.into(),
            title: format!("Title of {id}"),
            units,
        }
    }

    #[test]
    fn an_alias_to_a_section_the_old_version_also_has_is_not_a_rename() {
        let old = outline(vec![
            section("about", "1", vec![unit("a", "About cookies.")]),
            section("types", "2", vec![unit("t", "Types.")]),
        ]);
        let mut new = outline(vec![section("types", "1", vec![unit("t", "Types.")])]);
        // `about` deleted, and its id kept as an alias of `types`.
        new.aliases.push(("about".into(), "types".into()));
        let diff = compare(&old, &new);
        assert_eq!(diff.counts().removed, 1, "{:?}", statuses(&diff));
        // A real rename still matches.
        let old = outline(vec![section("purposes", "1", vec![unit("p", "Why.")])]);
        let mut new = outline(vec![section(
            "purposes-of-use",
            "1",
            vec![unit("p", "Why.")],
        )]);
        new.aliases
            .push(("purposes".into(), "purposes-of-use".into()));
        let counts = compare(&old, &new).counts();
        assert_eq!((counts.added, counts.removed), (0, 0));
    }

    fn outline(sections: Vec<OutlineSection>) -> Outline {
        Outline {
            title: "Policy".into(),
            sections,
            aliases: Vec::new(),
        }
    }

    fn statuses(d: &DocumentDiff) -> Vec<(String, Status, bool)> {
        d.sections
            .iter()
            .map(|s| (s.id.clone(), s.status, s.moved))
            .collect()
    }

    #[test]
    fn an_earlier_comparison_is_reused_only_where_it_compares_the_same() {
        let current = outline(vec![
            section(
                "a",
                "1",
                vec![unit("a1", "We keep records for five years.")],
            ),
            section("b", "2", vec![unit("b1", "Contact the officer.")]),
            section("c", "3", vec![unit("c1", "Cookies are small files.")]),
        ]);
        let older = outline(vec![
            section(
                "a",
                "1",
                vec![unit("a1", "We keep records for three years.")],
            ),
            section("b", "2", vec![unit("b1", "Write to the officer.")]),
            section("c", "3", vec![unit("c1", "Cookies are files.")]),
        ]);
        // Oldest: section a as in `older`, b reworded again, c renumbered
        // after a section that was removed later.
        let oldest = outline(vec![
            section(
                "a",
                "1",
                vec![unit("a1", "We keep records for three years.")],
            ),
            section("b", "2", vec![unit("b1", "Call the officer.")]),
            section("x", "3", vec![unit("x1", "Gone.")]),
            section("c", "4", vec![unit("c1", "Cookies are files.")]),
        ]);
        let mut cache = TextCache::default();
        let before = compare_with(&older, &current, &mut cache);
        let reusing = compare_after(&oldest, &current, &mut cache, Some((&older, &before)));
        let fresh = compare(&oldest, &current);
        assert_eq!(reusing.sections, fresh.sections);
        assert_eq!(reusing.title, fresh.title);
        assert_eq!(
            statuses(&fresh)[2],
            ("x".to_owned(), Status::Removed, false)
        );
    }

    fn base() -> Vec<OutlineSection> {
        vec![
            section(
                "a",
                "1",
                vec![unit("a1", "alpha one"), unit("a2", "alpha two")],
            ),
            section("b", "2", vec![unit("b1", "beta")]),
            section("c", "3", vec![unit("c1", "gamma")]),
        ]
    }

    #[test]
    fn an_added_section_is_added_and_later_ones_renumbered() {
        let mut new = base();
        new.insert(1, section("x", "2", vec![unit("x1", "new")]));
        new[2].number = "3".into();
        new[3].number = "4".into();
        let d = compare(&outline(base()), &outline(new));
        assert_eq!(
            statuses(&d),
            vec![
                ("a".into(), Status::Unchanged, false),
                ("x".into(), Status::Added, false),
                ("b".into(), Status::Unchanged, false),
                ("c".into(), Status::Unchanged, false),
            ]
        );
        let b = &d.sections[2];
        assert_eq!(
            (b.old_number.as_deref(), b.new_number.as_deref()),
            (Some("2"), Some("3"))
        );
        assert!(b.is_interesting(), "renumbered");
        assert_eq!(
            d.counts(),
            Counts {
                added: 1,
                removed: 0,
                changed: 0,
                moved: 0
            }
        );
    }

    #[test]
    fn a_removed_section_stays_where_it_was() {
        let mut new = base();
        new.remove(1);
        let d = compare(&outline(base()), &outline(new));
        assert_eq!(
            d.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            vec!["a", "b", "c"]
        );
        assert_eq!(d.sections[1].status, Status::Removed);
    }

    #[test]
    fn a_moved_section_is_matched_by_id() {
        let mut new = base();
        let c = new.remove(2);
        new.insert(0, c);
        let d = compare(&outline(base()), &outline(new));
        let moved: Vec<&str> = d
            .sections
            .iter()
            .filter(|s| s.moved)
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(moved, vec!["c"]);
        assert!(d.sections.iter().all(|s| s.status == Status::Unchanged));
    }

    #[test]
    fn units_are_matched_by_key_not_position() {
        let mut new = base();
        new[0].units.insert(0, unit("a0", "inserted item"));
        new[0].units[2] = unit("a2", "alpha two, edited");
        let d = compare(&outline(base()), &outline(new));
        let a = &d.sections[0];
        let s: Vec<Status> = a.units.iter().map(|u| u.status).collect();
        assert_eq!(s, vec![Status::Added, Status::Unchanged, Status::Changed]);
        assert_eq!(a.status, Status::Changed);
    }

    #[test]
    fn a_removed_clause_is_removed() {
        let mut new = base();
        new[0].units.remove(0);
        let d = compare(&outline(base()), &outline(new));
        assert_eq!(d.sections[0].units[0].status, Status::Removed);
        assert_eq!(d.sections[0].units[1].status, Status::Unchanged);
    }

    fn table(rows: &[(&str, &[&str])]) -> Unit {
        Unit {
            key: "t".into(),
            label: String::new(),
            depth: 0,
            body: UnitBody::Table(TableOutline {
                caption: "Retention".into(),
                row_headers: false,
                head: vec!["Purpose".into(), "Period".into()],
                rows: rows
                    .iter()
                    .map(|(k, cells)| {
                        (k.to_string(), cells.iter().map(|c| c.to_string()).collect())
                    })
                    .collect(),
            }),
        }
    }

    #[test]
    fn tables_compare_row_by_row_and_cell_by_cell() {
        let old = outline(vec![section(
            "r",
            "1",
            vec![table(&[
                ("acc", &["Accounts", "5 years"]),
                ("inq", &["Inquiries", "1 year"]),
            ])],
        )]);
        let new = outline(vec![section(
            "r",
            "1",
            vec![table(&[
                ("acc", &["Accounts", "5 years"]),
                ("inq", &["Inquiries", "3 years"]),
                ("log", &["Logs", "90 days"]),
            ])],
        )]);
        let d = compare(&old, &new);
        let UnitBodyDiff::Table { rows, .. } = &d.sections[0].units[0].body else {
            panic!("a table");
        };
        let s: Vec<Status> = rows.iter().map(|r| r.status).collect();
        assert_eq!(s, vec![Status::Unchanged, Status::Changed, Status::Added]);
        assert_eq!(rows[1].cells[0], vec![Change::Equal("Inquiries".into())]);
        assert_eq!(text::new_text(&rows[1].cells[1]), "3 years");
        assert_eq!(text::old_text(&rows[1].cells[1]), "1 year");
    }
}
