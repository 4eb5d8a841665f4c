//! Comparison pages: `/<lang>/<doc>/diff/<from>...<to>/`.
//!
//! Which pairs get a page is the plan's (the `diffs` setting); the comparison itself
//! is [`crate::diff::compare`]. Changes are marked with `<ins>`/`<del>`, a
//! visible badge and, for screen readers, words at the start and end of each
//! change (set from the page wording in a `<style>` block, so themes need no
//! per-language CSS).

use super::views::{DiffEnd, DiffSummaryEntry, DiffView};
use super::{Language, Produced, Renderer, css_string, escape};
use crate::diff::text::Change;
use crate::diff::{DocumentDiff, SectionDiff, Status, UnitBodyDiff, UnitDiff};
use crate::localize::Chrome;
use crate::model::{Document, VersionKey};
use crate::plan::Page;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Compared text as HTML: deletions struck, insertions underlined.
pub fn changes_html(changes: &[Change]) -> String {
    let mut html = String::new();
    for change in changes {
        let text = escape(change.text()).replace('\n', "<br>");
        match change {
            Change::Equal(_) => html.push_str(&text),
            Change::Delete(_) => {
                let _ = write!(html, "<del>{text}</del>");
            }
            Change::Insert(_) => {
                let _ = write!(html, "<ins>{text}</ins>");
            }
        }
    }
    html
}

/// The `<style>` block that gives screen-reader words to `<ins>` and `<del>`.
pub fn marker_style(chrome: &Chrome) -> String {
    format!(
        ":root {{ --del-start: {}; --del-end: {}; --ins-start: {}; --ins-end: {}; }}",
        css_string(chrome.label("diff-del-start")),
        css_string(chrome.label("diff-del-end")),
        css_string(chrome.label("diff-ins-start")),
        css_string(chrome.label("diff-ins-end")),
    )
}

fn status_badge(status: Status, chrome: &Chrome) -> String {
    let (class, label) = match status {
        Status::Added => ("added", "diff-added"),
        Status::Removed => ("removed", "diff-removed"),
        Status::Changed => ("changed", "diff-changed"),
        Status::Unchanged => return String::new(),
    };
    format!(
        " <span class=\"badge {class}\">{}</span>",
        escape(chrome.label(label))
    )
}

fn class(status: Status) -> &'static str {
    match status {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Changed => "changed",
        Status::Unchanged => "unchanged",
    }
}

/// The anchor of a section on the comparison page.
pub fn anchor(section: &SectionDiff) -> String {
    if section.id.is_empty() {
        "d-_preamble".to_owned()
    } else {
        format!("d-{}", section.id)
    }
}

/// The number shown for a section: `第7条`, or `第7条 → 第8条` when renumbered.
pub fn number_text(section: &SectionDiff) -> String {
    match (&section.old_number, &section.new_number) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (_, Some(n)) | (Some(n), None) => n.clone(),
        (None, None) => String::new(),
    }
}

/// The title shown for a section (the preamble has none of its own).
pub fn title_html(section: &SectionDiff, chrome: &Chrome) -> String {
    if section.id.is_empty() {
        escape(chrome.label("diff-preamble"))
    } else {
        changes_html(&section.title)
    }
}

/// One section of the comparison, as HTML.
pub fn section_html(section: &SectionDiff, chrome: &Chrome) -> String {
    let anchor = anchor(section);
    let mut html = String::new();
    let _ = writeln!(
        html,
        "<section class=\"diff-section {}\" id=\"{anchor}\" aria-labelledby=\"_h{anchor}\">",
        class(section.status)
    );
    let _ = write!(html, "<h2 id=\"_h{anchor}\">");
    let number = number_text(section);
    if !number.is_empty() {
        let _ = write!(html, "<span class=\"number\">{}</span> ", escape(&number));
    }
    html.push_str(&title_html(section, chrome));
    html.push_str(&status_badge(section.status, chrome));
    if section.moved {
        let _ = write!(
            html,
            " <span class=\"badge moved\">{}</span>",
            escape(chrome.label("diff-moved"))
        );
    }
    if section.old_number.is_some()
        && section.new_number.is_some()
        && section.old_number != section.new_number
    {
        let _ = write!(
            html,
            " <span class=\"badge renumbered\">{}</span>",
            escape(chrome.label("diff-renumbered"))
        );
    }
    html.push_str("</h2>\n");
    if section.status != Status::Unchanged {
        for unit in &section.units {
            unit_html(unit, chrome, &mut html);
        }
    }
    html.push_str("</section>\n");
    html
}

fn unit_html(unit: &UnitDiff, chrome: &Chrome, html: &mut String) {
    let _ = write!(
        html,
        "<div class=\"unit {} depth-{}\">",
        class(unit.status),
        unit.depth.min(3)
    );
    if !unit.label.is_empty() {
        let _ = write!(html, "<span class=\"label\">{}</span>", escape(&unit.label));
    }
    match &unit.body {
        UnitBodyDiff::Text(changes) => {
            // The badge stands outside the text, so the text is exactly the compared words.
            let _ = write!(
                html,
                "{}<p>{}</p>",
                status_badge(unit.status, chrome),
                changes_html(changes)
            );
        }
        UnitBodyDiff::Table {
            caption,
            row_headers,
            head,
            rows,
        } => {
            html.push_str("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\"");
            let caption_text: String = caption
                .iter()
                .filter(|c| !matches!(c, Change::Delete(_)))
                .map(Change::text)
                .collect();
            if !caption_text.is_empty() {
                let _ = write!(html, " aria-label=\"{}\"", escape(&caption_text));
            }
            html.push_str(">\n<table>\n");
            if !caption.is_empty() {
                let _ = writeln!(
                    html,
                    "<caption>{}{}</caption>",
                    changes_html(caption),
                    status_badge(unit.status, chrome)
                );
            }
            html.push_str("<thead><tr>");
            for cell in head {
                if cell.is_empty() {
                    html.push_str("<td></td>");
                } else {
                    let _ = write!(html, "<th scope=\"col\">{}</th>", changes_html(cell));
                }
            }
            html.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                let _ = write!(html, "<tr class=\"{}\">", class(row.status));
                for (i, cell) in row.cells.iter().enumerate() {
                    let badge = if i == 0 {
                        status_badge(row.status, chrome)
                    } else {
                        String::new()
                    };
                    if i == 0 && *row_headers {
                        let _ =
                            write!(html, "<th scope=\"row\">{}{badge}</th>", changes_html(cell));
                    } else {
                        let _ = write!(html, "<td>{}{badge}</td>", changes_html(cell));
                    }
                }
                html.push_str("</tr>\n");
            }
            html.push_str("</tbody>\n</table>\n</div>");
        }
    }
    html.push_str("</div>\n");
}

/// Whether the two versions read the same (only numbering or order may differ).
pub fn same_wording(diff: &DocumentDiff) -> bool {
    diff.sections.iter().all(|s| s.status == Status::Unchanged)
        && diff.title.iter().all(|c| matches!(c, Change::Equal(_)))
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

impl Renderer<'_> {
    /// The comparison pages of a document in one language, of the planned
    /// pairs that `wanted` accepts.
    pub(super) fn comparisons(
        &self,
        lang: Language<'_>,
        doc: &Document,
        wanted: impl Fn(&(VersionKey, VersionKey)) -> bool,
        out: &mut Produced,
    ) {
        let Some(planned) = self.plan.pairs(&doc.slug) else {
            return;
        };
        let pairs: Vec<(VersionKey, VersionKey)> = planned
            .iter()
            .copied()
            .filter(&wanted)
            .filter(|&(from, to)| {
                let page = Page::Comparison(lang.locale.clone(), doc.slug.clone(), from, to);
                self.plan.contains(&page)
            })
            .collect();
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
                    let catalog = self.catalog(doc, key, lang.locale)?;
                    let memo = &mut self.memo.borrow_mut();
                    let site = self.site_links(lang, doc, version);
                    Some(super::outline::outline(
                        version,
                        catalog,
                        lang.chrome,
                        memo,
                        Some(site),
                    ))
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
                let page = Page::Comparison(lang.locale.clone(), doc.slug.clone(), from, to);
                let html = self.diff_page(lang, &page, &new.title, (&diff, before), out);
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

    /// One comparison page; returns its changed sections' HTML by section
    /// id, for the next comparison with the same newer version.
    fn diff_page(
        &self,
        lang: Language<'_>,
        page: &Page,
        title: &str,
        (diff, earlier): (&DocumentDiff, Option<&Earlier>),
        out: &mut Produced,
    ) -> BTreeMap<String, String> {
        let Page::Comparison(locale, slug, from, to) = page else {
            return BTreeMap::new();
        };
        let (from, to) = (*from, *to);
        let chrome = lang.chrome;
        let date_text = |key: VersionKey| match key {
            VersionKey::Released(date) => chrome.date(date),
            VersionKey::Draft => chrome.label("status-draft").to_owned(),
        };
        let heading = chrome.format_with(
            "diff-title",
            &[("from", &date_text(from)), ("to", &date_text(to))],
        );
        let mut view = self.page_view(
            lang,
            page,
            format!("{heading}{}{title}", chrome.label("title-separator")),
        );
        view.noindex |= to == VersionKey::Draft;
        view.feed = self.href(page, &Page::Feed(locale.clone(), slug.clone()));
        let counts = diff.counts();
        let interesting: Vec<&SectionDiff> = diff
            .sections
            .iter()
            .filter(|s| s.is_interesting())
            .collect();
        let summary: Vec<DiffSummaryEntry> = interesting
            .iter()
            .map(|s| DiffSummaryEntry {
                anchor: anchor(s),
                number: number_text(s),
                title_html: title_html(s, chrome),
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
                let html = same.unwrap_or_else(|| section_html(s, chrome));
                (s.id.clone(), html)
            })
            .collect();
        let sections_html: String = interesting
            .iter()
            .filter_map(|s| section_html.get(&s.id).map(String::as_str))
            .collect();
        let document = self.site.documents.iter().find(|d| d.slug == *slug);
        // Each end's own change summary; problems in one are reported
        // where its version is rendered.
        let end = |key: VersionKey| DiffEnd {
            key: key.to_string(),
            text: date_text(key),
            href: self.href(page, &Page::Version(locale.clone(), slug.clone(), key)),
            summary_html: document
                .and_then(|d| self.catalog(d, key, locale))
                .and_then(|c| c.summary())
                .and_then(|m| super::document::summary_html(&m).ok()),
            summary_heading: chrome.format_with("summary-of", &[("date", &date_text(key))]),
        };
        let unchanged = diff.sections.len() - interesting.len();
        let view_diff = DiffView {
            document_title: title.to_owned(),
            heading,
            from: end(from),
            to: end(to),
            counts,
            unchanged,
            unchanged_text: chrome
                .format_with("diff-unchanged", &[("count", &unchanged.to_string())]),
            same_wording: same_wording(diff),
            title_changes_html: (!diff.title.iter().all(|c| matches!(c, Change::Equal(_))))
                .then(|| changes_html(&diff.title)),
            summary,
            sections_html,
            marker_style: marker_style(chrome),
        };
        let mut context = tera::Context::new();
        context.insert("page", &view);
        context.insert("diff", &view_diff);
        context.insert(
            "history_href",
            &self.href(page, &Page::History(locale.clone(), slug.clone())),
        );
        self.render_template("diff.html", &context, page, out);
        section_html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_escaped_and_marked() {
        let html = changes_html(&[
            Change::Equal("a <b> ".into()),
            Change::Delete("old".into()),
            Change::Insert("new & \"x\"".into()),
        ]);
        assert_eq!(
            html,
            "a &lt;b&gt; <del>old</del><ins>new &amp; &quot;x&quot;</ins>"
        );
    }

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("削除 start"), "\"削除 start\"");
        let s = css_string("x\"; } </style><script>");
        assert!(
            !s[1..s.len() - 1].contains(['"', '<', '>', '}', ';']),
            "{s}"
        );
    }
}
