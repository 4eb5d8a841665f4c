//! A version reduced to the [`Outline`] that comparisons work on.
//!
//! Each unit gets a key that survives edits of its words: a clause's id, or
//! the message id its words come from. Text is the plain text a reader sees,
//! with cross-references filled in.

use super::body::{Targets, section_targets};
use super::markdown;
use crate::diff::{Outline, OutlineSection, TableOutline, Unit, UnitBody};
use crate::localize::{Catalog, Chrome, NumberKind};
use crate::model::{Block, Cell, Item, Literal, Text, Version};
use std::collections::BTreeMap;

/// The outline of a version in the language of `catalog` and `chrome`.
/// Words already seen in this build come from `memo`; `site` names the
/// other documents its words link to.
pub fn outline(
    version: &Version,
    catalog: &Catalog,
    chrome: &Chrome,
    memo: &mut markdown::Memo,
    site: Option<super::links::SiteLinks<'_>>,
) -> Outline {
    let targets = section_targets(version, catalog, chrome, memo, site);
    let builder = Builder {
        catalog,
        chrome,
        targets: &targets,
        style: version.numbering_style(),
        memo: std::cell::RefCell::new(memo),
    };
    let mut sections = Vec::new();
    if !version.preamble.is_empty() {
        sections.push(builder.section(
            String::new(),
            String::new(),
            String::new(),
            &version.preamble,
        ));
    }
    for (i, section) in version.sections.iter().enumerate() {
        sections.push(builder.section(
            section.id.clone(),
            chrome.number(version.numbering_style(), NumberKind::Section, i + 1),
            builder.text(&section.title),
            &section.body,
        ));
    }
    let mut aliases = Vec::new();
    for section in &version.sections {
        for alias in &section.aliases {
            aliases.push((alias.clone(), section.id.clone()));
        }
        clause_aliases(&section.body, &mut aliases);
    }
    Outline {
        title: builder.text(&version.title),
        sections,
        aliases,
    }
}

/// Each clause alias with the unit key of the clause that took it.
fn clause_aliases(blocks: &[Block], out: &mut Vec<(String, String)>) {
    for block in blocks {
        if let Block::Clauses(clauses) = block {
            for clause in clauses {
                if let Some(id) = &clause.id {
                    for alias in &clause.aliases {
                        out.push((format!("c:{alias}"), format!("c:{id}")));
                    }
                }
                clause_aliases(&clause.body, out);
            }
        }
    }
}

struct Builder<'a> {
    catalog: &'a Catalog,
    chrome: &'a Chrome,
    targets: &'a Targets<'a>,
    /// The version's numbering style.
    style: Option<&'a str>,
    memo: std::cell::RefCell<&'a mut markdown::Memo>,
}

impl Builder<'_> {
    fn section(
        &self,
        id: String,
        number: String,
        title: String,
        blocks: &[Block],
    ) -> OutlineSection {
        let mut units = Vec::new();
        self.blocks(blocks, 0, &mut units);
        // A message used twice in one section still gives distinct keys.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for unit in &mut units {
            let n = seen.entry(unit.key.clone()).or_default();
            *n += 1;
            if *n > 1 {
                unit.key = format!("{}#{n}", unit.key);
            }
        }
        OutlineSection {
            id,
            number,
            title,
            units,
        }
    }

    fn text(&self, text: &Text) -> String {
        match text {
            Text::Message(m) => self
                .catalog
                .get(&m.id)
                .map(|msg| {
                    self.memo
                        .borrow_mut()
                        .to_plain_text(&msg.text, self.targets)
                })
                .unwrap_or_default(),
            Text::Literal(
                Literal::Email(s) | Literal::Phone(s) | Literal::Url(s) | Literal::Plain(s),
            ) => s.clone(),
        }
    }

    fn blocks(&self, blocks: &[Block], depth: usize, out: &mut Vec<Unit>) {
        for block in blocks {
            match block {
                Block::Paragraph(t) => out.push(Unit {
                    key: format!("p:{}", key(t)),
                    label: String::new(),
                    depth,
                    body: UnitBody::Text(self.text(t)),
                }),
                Block::Clauses(clauses) => {
                    let kind = if depth == 0 {
                        NumberKind::Clause
                    } else {
                        NumberKind::Subclause
                    };
                    for (i, clause) in clauses.iter().enumerate() {
                        let key = match (&clause.id, &clause.text) {
                            (Some(id), _) => format!("c:{id}"),
                            (None, Some(t)) => format!("c:{}", key(t)),
                            (None, None) => format!("c:#{i}"),
                        };
                        out.push(Unit {
                            key,
                            label: self.chrome.number(self.style, kind, i + 1),
                            depth,
                            body: UnitBody::Text(
                                clause
                                    .text
                                    .as_ref()
                                    .map(|t| self.text(t))
                                    .unwrap_or_default(),
                            ),
                        });
                        self.blocks(&clause.body, depth + 1, out);
                    }
                }
                Block::List { ordered, items } => self.items(*ordered, items, depth, out),
                Block::Table(table) => {
                    let cell = |c: &Cell| self.cell(c);
                    let cell_key = |c: &Cell, i: usize| match c {
                        Cell::Empty => format!("~{i}"),
                        Cell::Text(t) => key(t),
                        Cell::List(items) => items
                            .first()
                            .and_then(|item| item.lead.as_deref().or(item.text.as_ref()))
                            .map_or(format!("~{i}"), key),
                    };
                    let table_key = match &table.caption {
                        Some(t) => key(t),
                        None => table
                            .head
                            .iter()
                            .enumerate()
                            .map(|(i, c)| cell_key(c, i))
                            .collect::<Vec<_>>()
                            .join("|"),
                    };
                    out.push(Unit {
                        key: format!("t:{table_key}"),
                        label: String::new(),
                        depth,
                        body: UnitBody::Table(TableOutline {
                            caption: table
                                .caption
                                .as_ref()
                                .map(|t| self.text(t))
                                .unwrap_or_default(),
                            row_headers: table.row_headers,
                            head: table.head.iter().map(cell).collect(),
                            rows: table
                                .rows
                                .iter()
                                .enumerate()
                                .map(|(i, row)| {
                                    (
                                        row.first().map_or(format!("~{i}"), |c| cell_key(c, i)),
                                        row.iter().map(cell).collect(),
                                    )
                                })
                                .collect(),
                        }),
                    });
                }
                Block::Contact(entries) => {
                    for entry in entries {
                        out.push(Unit {
                            key: format!("k:{}", key(&entry.term)),
                            label: String::new(),
                            depth,
                            body: UnitBody::Text(format!(
                                "{}: {}",
                                self.text(&entry.term),
                                self.cell(&entry.value)
                            )),
                        });
                    }
                }
            }
        }
    }

    fn items(&self, ordered: bool, items: &[Item], depth: usize, out: &mut Vec<Unit>) {
        for (i, item) in items.iter().enumerate() {
            let key = item
                .lead
                .as_deref()
                .or(item.text.as_ref())
                .map_or(format!("#{i}"), key);
            let text = self.item_text(item);
            out.push(Unit {
                key: format!("i:{key}"),
                label: if ordered {
                    format!("{}.", i + 1)
                } else {
                    "•".to_owned()
                },
                depth,
                body: UnitBody::Text(text),
            });
            self.items(ordered, &item.items, depth + 1, out);
        }
    }
}

impl Builder<'_> {
    /// An item's words: its lead-in, the separator, its text.
    fn item_text(&self, item: &Item) -> String {
        let mut text = String::new();
        if let Some(lead) = &item.lead {
            text.push_str(&self.text(lead));
            text.push_str(self.chrome.label("lead-separator"));
        }
        if let Some(t) = &item.text {
            text.push_str(&self.text(t));
        }
        text
    }

    /// A table cell's or contact value's words; a list as one bulleted
    /// line per item, nested items indented.
    fn cell(&self, cell: &Cell) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(t) => self.text(t),
            Cell::List(items) => {
                let mut lines = Vec::new();
                self.bullets(items, 0, &mut lines);
                lines.join("\n")
            }
        }
    }

    fn bullets(&self, items: &[Item], depth: usize, lines: &mut Vec<String>) {
        for item in items {
            lines.push(format!("{}• {}", "  ".repeat(depth), self.item_text(item)));
            self.bullets(&item.items, depth + 1, lines);
        }
    }
}

/// What identifies words across versions: the message id, or the literal itself.
fn key(text: &Text) -> String {
    match text {
        Text::Message(m) => m.id.to_string(),
        Text::Literal(
            Literal::Email(s) | Literal::Phone(s) | Literal::Url(s) | Literal::Plain(s),
        ) => format!("={s}"),
    }
}
