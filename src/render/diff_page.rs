//! Comparison pages: `/<lang>/<doc>/diff/<from>...<to>/`.
//!
//! Which pairs get a page follows the `diffs` setting; the comparison itself
//! is [`crate::diff::compare`]. Changes are marked with `<ins>`/`<del>`, a
//! visible badge and, for screen readers, words at the start and end of each
//! change (set from the page wording in a `<style>` block, so themes need no
//! per-language CSS).

use super::{css_string, escape};
use crate::date::EffectiveDate;
use crate::diff::text::Change;
use crate::diff::{DocumentDiff, SectionDiff, Status, UnitBodyDiff, UnitDiff};
use crate::localize::Chrome;
use crate::model::{DiffPairs, Document, Locale, VersionKey};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The pairs of versions (older, newer) that get a comparison page.
pub fn pairs(
    doc: &Document,
    settings: DiffPairs,
    today: EffectiveDate,
    drafts: bool,
) -> BTreeSet<(VersionKey, VersionKey)> {
    let keys: Vec<VersionKey> = doc.released.iter().map(|v| v.key).collect();
    let mut out = BTreeSet::new();
    for (i, &a) in keys.iter().enumerate() {
        for &b in &keys[i + 1..] {
            if settings.all {
                out.insert((a, b));
            }
        }
        if settings.adjacent
            && let Some(&b) = keys.get(i + 1)
        {
            out.insert((a, b));
        }
    }
    if settings.current
        && let Some(current) = doc.current(today)
    {
        for &a in keys.iter().filter(|k| **k < current.key) {
            out.insert((a, current.key));
        }
    }
    if drafts && let Some(&latest) = keys.last() {
        out.insert((latest, VersionKey::Draft));
    }
    out
}

/// The folder of a comparison page.
pub fn diff_dir(locale: &Locale, doc: &str, from: VersionKey, to: VersionKey) -> String {
    format!("{locale}/{doc}/diff/{from}...{to}/")
}

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
