//! A comparison for a terminal: what `charta diff` prints.
//!
//! Plain text marks deletions `[-like this-]` and insertions `{+like this+}`
//! (the notation of `git diff --word-diff`); on a terminal, colour and
//! strike-through/underline are added, so the marks are never the only cue.

use super::text::Change;
use super::{DocumentDiff, Status, UnitBodyDiff, UnitDiff};
use std::fmt::Write as _;

/// How insertions and deletions are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `[-deleted-]{+inserted+}`.
    Plain,
    /// The same marks, plus ANSI colour: red struck-through, green underlined.
    Color,
}

fn changes(out: &mut String, changes: &[Change], style: Style) {
    for c in changes {
        match (c, style) {
            (Change::Equal(t), _) => out.push_str(t),
            (Change::Delete(t), Style::Plain) => {
                let _ = write!(out, "[-{t}-]");
            }
            (Change::Insert(t), Style::Plain) => {
                let _ = write!(out, "{{+{t}+}}");
            }
            (Change::Delete(t), Style::Color) => {
                let _ = write!(out, "\x1b[31;9m[-{t}-]\x1b[0m");
            }
            (Change::Insert(t), Style::Color) => {
                let _ = write!(out, "\x1b[32;4m{{+{t}+}}\x1b[0m");
            }
        }
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Changed => "changed",
        Status::Unchanged => "unchanged",
    }
}

/// The comparison as text: a summary line, then each section with a change
/// and, in it, each unit that changed.
pub fn to_text(diff: &DocumentDiff, heading: &str, style: Style) -> String {
    let mut out = String::new();
    let counts = diff.counts();
    let _ = writeln!(out, "{heading}");
    let _ = writeln!(
        out,
        "sections: {} added, {} removed, {} changed, {} moved",
        counts.added, counts.removed, counts.changed, counts.moved
    );
    if diff.title.iter().any(|c| !matches!(c, Change::Equal(_))) {
        out.push_str("\ntitle: ");
        changes(&mut out, &diff.title, style);
        out.push('\n');
    }
    for section in diff.sections.iter().filter(|s| s.is_interesting()) {
        out.push('\n');
        let number = match (&section.old_number, &section.new_number) {
            (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
            (_, Some(n)) | (Some(n), None) => n.clone(),
            _ => String::new(),
        };
        let mut notes = vec![status_word(section.status)];
        if section.moved {
            notes.push("moved");
        }
        if section.old_number.is_some()
            && section.new_number.is_some()
            && section.old_number != section.new_number
        {
            notes.push("renumbered");
        }
        let id = if section.id.is_empty() {
            "preamble"
        } else {
            &section.id
        };
        let _ = write!(out, "## {number} ");
        changes(&mut out, &section.title, style);
        let _ = writeln!(out, "  (#{id}: {})", notes.join(", "));
        if section.status == Status::Unchanged {
            continue;
        }
        for unit in section
            .units
            .iter()
            .filter(|u| u.status != Status::Unchanged)
        {
            unit_text(&mut out, unit, style);
        }
    }
    out
}

fn unit_text(out: &mut String, unit: &UnitDiff, style: Style) {
    let sign = match unit.status {
        Status::Added => '+',
        Status::Removed => '-',
        _ => '~',
    };
    let indent = "  ".repeat(unit.depth);
    let label = if unit.label.is_empty() {
        String::new()
    } else {
        format!("{} ", unit.label)
    };
    match &unit.body {
        UnitBodyDiff::Text(c) => {
            let _ = write!(out, "{sign} {indent}{label}");
            changes(out, c, style);
            out.push('\n');
        }
        UnitBodyDiff::Table {
            caption,
            head,
            rows,
            ..
        } => {
            let _ = write!(out, "{sign} {indent}table: ");
            changes(out, caption, style);
            out.push('\n');
            let _ = write!(out, "  {indent}| ");
            for cell in head {
                changes(out, cell, style);
                out.push_str(" | ");
            }
            out.push('\n');
            for row in rows.iter().filter(|r| r.status != Status::Unchanged) {
                let sign = match row.status {
                    Status::Added => '+',
                    Status::Removed => '-',
                    _ => '~',
                };
                let _ = write!(out, "{sign} {indent}| ");
                for cell in &row.cells {
                    changes(
                        out,
                        &cell
                            .iter()
                            .map(|c| match c {
                                Change::Equal(t) => Change::Equal(t.replace('\n', " ")),
                                Change::Delete(t) => Change::Delete(t.replace('\n', " ")),
                                Change::Insert(t) => Change::Insert(t.replace('\n', " ")),
                            })
                            .collect::<Vec<_>>(),
                        style,
                    );
                    out.push_str(" | ");
                }
                out.push('\n');
            }
        }
    }
}
