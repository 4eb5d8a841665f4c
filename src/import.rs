//! `charta import`: a document from an existing policy written in Markdown
//! (CommonMark with GFM tables — what `pandoc -t gfm` writes from a Word
//! file).
//!
//! The first `#` heading is the title; each `##` heading starts a section;
//! numbered paragraphs (an ordered list) become clauses, other lists lists
//! (an item that starts with bold words and a colon gets them as its
//! lead-in), tables tables (a first column of bold cells becomes row
//! headers), and every text a message whose id says where it is
//! (`retention-p-2`, `retention-clause-1`, never a hash). Numbers typed in
//! headings (`第3条`, `3.`) are dropped: charta numbers sections itself.
//!
//! A further language is imported against the structure the first one made
//! (`--into`): its blocks must line up one for one, and the first place they
//! do not is reported with its line.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Error;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `charta import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The Markdown file.
    pub file: PathBuf,
    /// The document's id (`privacy`).
    pub document: String,
    /// The language of the file.
    pub language: String,
    /// Import a further language into the document's existing structure.
    pub into: bool,
    /// The planned effective date of the draft (a new document only).
    pub effective: Option<crate::date::EffectiveDate>,
    /// The day that stands for today (the effective date by default).
    pub today: crate::date::Today,
}

/// What an import wrote.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The files written, relative to the root.
    pub written: Vec<PathBuf>,
    /// How many messages the document has.
    pub messages: usize,
}

/// A block of the Markdown, with the line it starts on.
#[derive(Debug, Clone)]
enum Block {
    Heading(u8, String, usize),
    Paragraph(String, usize),
    List {
        ordered: bool,
        items: Vec<Item>,
        line: usize,
    },
    Table {
        caption: Option<String>,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        line: usize,
    },
    /// A two-column table without a header row: label → value pairs.
    Contact(Vec<(String, String)>, usize),
    Html(usize),
}

#[derive(Debug, Clone, Default)]
struct Item {
    text: String,
    children: Vec<Block>,
}

impl Block {
    fn line(&self) -> usize {
        match self {
            Block::Heading(_, _, l)
            | Block::Paragraph(_, l)
            | Block::List { line: l, .. }
            | Block::Contact(_, l)
            | Block::Table { line: l, .. }
            | Block::Html(l) => *l,
        }
    }
}

/// Reads Markdown into blocks. Inline markup is kept as Markdown.
fn blocks(markdown: &str) -> Vec<Block> {
    // Bold next to CJK brackets (`**「個人情報」**とは`) is bold, as charta
    // renders it, not the literal asterisks plain CommonMark leaves.
    let marked = crate::render::markdown::mark_cjk_emphasis(markdown);
    let markdown = marked.as_deref().unwrap_or(markdown);
    let line_of = |offset: usize| markdown[..offset].matches('\n').count() + 1;
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut stack: Vec<Frame> = vec![Frame::Root(Vec::new())];
    let mut inline = String::new();
    // The targets of the links being read, innermost last.
    let mut links: Vec<String> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell) => {
                inline.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                push_block(
                    &mut stack,
                    Block::Heading(level as u8, take(&mut inline), line_of(range.start)),
                );
            }
            Event::End(TagEnd::Paragraph) => {
                let text = take(&mut inline);
                match stack.last_mut() {
                    Some(Frame::Item(item)) if item.text.is_empty() && item.children.is_empty() => {
                        item.text = text;
                    }
                    _ => push_block(&mut stack, Block::Paragraph(text, line_of(range.start))),
                }
            }
            Event::Start(Tag::List(first)) => {
                // A tight item's text arrives without a paragraph: keep it.
                flush_item_text(&mut stack, &mut inline);
                stack.push(Frame::List {
                    ordered: first.is_some(),
                    items: Vec::new(),
                    line: line_of(range.start),
                });
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(Frame::List {
                    ordered,
                    items,
                    line,
                }) = stack.pop()
                {
                    push_block(
                        &mut stack,
                        Block::List {
                            ordered,
                            items,
                            line,
                        },
                    );
                }
            }
            Event::Start(Tag::Item) => {
                inline.clear();
                stack.push(Frame::Item(Item::default()));
            }
            Event::End(TagEnd::Item) => {
                flush_item_text(&mut stack, &mut inline);
                if let Some(Frame::Item(item)) = stack.pop()
                    && let Some(Frame::List { items, .. }) = stack.last_mut()
                {
                    items.push(item);
                }
            }
            Event::Start(Tag::Table(_)) => stack.push(Frame::Table {
                head: Vec::new(),
                rows: Vec::new(),
                line: line_of(range.start),
            }),
            Event::End(TagEnd::TableCell) => {
                let cell = take(&mut inline);
                if let Some(Frame::Table { head, rows, .. }) = stack.last_mut() {
                    match rows.last_mut() {
                        Some(row) => row.push(cell),
                        None => head.push(cell),
                    }
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(Frame::Table { rows, .. }) = stack.last_mut() {
                    rows.push(Vec::new());
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(Frame::Table { head, rows, line }) = stack.pop() {
                    push_block(&mut stack, table_block(head, rows, line));
                }
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => inline.push_str("**"),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => inline.push('*'),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
                inline.push('[');
            }
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let _ = write!(inline, "]({url})");
            }
            Event::Text(text) => inline.push_str(&escape_inline(&text)),
            Event::Code(code) => {
                let fence = if code.contains('`') { "`` " } else { "`" };
                let close = if code.contains('`') { " ``" } else { "`" };
                let _ = write!(inline, "{fence}{code}{close}");
            }
            Event::SoftBreak => join_lines(&mut inline, &markdown[range.end..]),
            Event::HardBreak => inline.push('\n'),
            // A line break inside a table cell: pipe tables have no other
            // way to write one (pandoc writes `<br>`).
            Event::InlineHtml(html)
                if matches!(stack.last(), Some(Frame::Table { .. })) && is_line_break(&html) =>
            {
                inline.push('\n');
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                push_block(&mut stack, Block::Html(line_of(range.start)));
            }
            _ => {}
        }
    }
    match stack.pop() {
        Some(Frame::Root(blocks)) => with_captions(blocks),
        _ => Vec::new(),
    }
}

/// `<br>`, `<br/>` or `<br />`.
fn is_line_break(html: &str) -> bool {
    let tag: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>")
}

/// A table read from the Markdown; one of two columns under an empty header
/// row is a contact block (pandoc writes a Word table without a header row
/// that way).
fn table_block(head: Vec<String>, rows: Vec<Vec<String>>, line: usize) -> Block {
    if head.len() == 2 && head.iter().all(|c| c.trim().is_empty()) && !rows.is_empty() {
        let entries = rows
            .into_iter()
            .map(|row| {
                let mut cells = row.into_iter();
                let term = cells.next().unwrap_or_default();
                let value = cells.next().unwrap_or_default();
                (term.trim_matches('*').trim().to_owned(), value)
            })
            .collect();
        return Block::Contact(entries, line);
    }
    Block::Table {
        caption: None,
        head,
        rows,
        line,
    }
}

/// A paragraph `Table: …` just before a table is that table's caption
/// (pandoc's caption syntax); its words become the caption.
fn with_captions(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let block = match block {
            Block::Table {
                caption: None,
                head,
                rows,
                line,
            } => {
                let caption = match out.last() {
                    Some(Block::Paragraph(text, _)) => text
                        .strip_prefix("Table:")
                        .map(|words| words.trim().to_owned()),
                    _ => None,
                };
                if caption.is_some() {
                    out.pop();
                }
                Block::Table {
                    caption,
                    head,
                    rows,
                    line,
                }
            }
            Block::List {
                ordered,
                items,
                line,
            } => Block::List {
                ordered,
                items: items
                    .into_iter()
                    .map(|item| Item {
                        text: item.text,
                        children: with_captions(item.children),
                    })
                    .collect(),
                line,
            },
            other => other,
        };
        out.push(block);
    }
    out
}

/// A frame of the block being read.
enum Frame {
    Root(Vec<Block>),
    List {
        ordered: bool,
        items: Vec<Item>,
        line: usize,
    },
    Item(Item),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        line: usize,
    },
}

fn push_block(stack: &mut [Frame], block: Block) {
    match stack.last_mut() {
        Some(Frame::Root(blocks)) => blocks.push(block),
        Some(Frame::Item(item)) => item.children.push(block),
        _ => {}
    }
}

fn flush_item_text(stack: &mut [Frame], inline: &mut String) {
    if let Some(Frame::Item(item)) = stack.last_mut()
        && item.text.is_empty()
        && !inline.trim().is_empty()
    {
        item.text = take(inline);
    }
}

fn take(inline: &mut String) -> String {
    std::mem::take(inline).trim().to_owned()
}

/// A line break inside a paragraph of the source joins its lines: with a
/// space, except between Chinese, Japanese or Korean characters.
fn join_lines(inline: &mut String, rest: &str) {
    let before = inline.chars().last();
    let after = rest.trim_start().chars().next();
    let cjk = before.is_some_and(crate::script::is_cjk) && after.is_some_and(crate::script::is_cjk);
    if !cjk {
        inline.push(' ');
    }
}

/// Text from the source, escaped so that it reads as Markdown text again.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(delimiter) = crate::render::markdown::sentinel_delimiter(c) {
            out.push_str(delimiter);
            continue;
        }
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A document being written: its YAML, its messages, and the ids in use.
struct Writer {
    yaml: String,
    /// Each message: its id, its text and the line of the source it is from.
    messages: Vec<(String, String, usize)>,
    ids: std::collections::BTreeSet<String>,
    /// The line of the block being written.
    line: usize,
}

impl Writer {
    /// A message with a fresh id built from `base`.
    fn message(&mut self, base: &str, text: &str) -> String {
        let mut id = base.to_owned();
        let mut n = 2;
        while self.messages.iter().any(|(known, _, _)| *known == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.messages.push((id.clone(), text.to_owned(), self.line));
        id
    }
}

/// A section id from a heading: its ASCII words, or `section-<n>`.
fn section_id(title: &str, n: usize, taken: &std::collections::BTreeSet<String>) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect();
    let mut id = words.join("-");
    if id.is_empty() || !id.starts_with(|c: char| c.is_ascii_lowercase()) || id.len() > 40 {
        id = format!("section-{n}");
    }
    let base = id.clone();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

/// A heading without the number typed in front of it (`第3条`, `제3조`,
/// `3.`, `Article 3`): charta numbers sections itself.
fn without_number(title: &str) -> String {
    let t = title.trim();
    let digits = |s: &str| {
        s.chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .count()
    };
    let mut rest = t;
    if let Some(r) = rest.strip_prefix('第') {
        let n = r
            .chars()
            .take_while(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(c)
                    || "一二三四五六七八九十百".contains(*c)
            })
            .count();
        let after: String = r.chars().skip(n).collect();
        if n > 0 && (after.starts_with('条') || after.starts_with('章')) {
            return after
                .chars()
                .skip(1)
                .collect::<String>()
                .trim_start_matches([' ', '\u{3000}'])
                .to_owned();
        }
    }
    if let Some(r) = rest.strip_prefix("제") {
        let r = r.trim_start();
        let n = digits(r);
        if n > 0 && r[n..].trim_start().starts_with('조') {
            return r[n..].trim_start()['조'.len_utf8()..].trim().to_owned();
        }
    }
    for word in ["Article ", "Section ", "ARTICLE ", "SECTION "] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r;
        }
    }
    let n = digits(rest);
    if n > 0 {
        let after = &rest[rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i)..];
        let after = after
            .trim_start_matches(['.', ')', ':', '．', '。'])
            .trim_start_matches([' ', '\u{3000}']);
        if !after.is_empty() {
            return after.to_owned();
        }
    }
    t.to_owned()
}

/// An item's bold lead-in: `**Request to view**: …` → (lead, text).
fn lead_in(text: &str) -> Option<(String, String)> {
    let rest = text.strip_prefix("**")?;
    let end = rest.find("**")?;
    let lead = rest[..end].trim_end_matches([':', '：']).trim().to_owned();
    let after = rest[end + 2..]
        .trim_start_matches([':', '：'])
        .trim()
        .to_owned();
    (!lead.is_empty() && !after.is_empty()).then_some((lead, after))
}

/// Writes the blocks of one place (preamble, section body, clause body).
fn write_blocks(
    w: &mut Writer,
    blocks: &[Block],
    prefix: &str,
    indent: usize,
    diags: &mut Diagnostics,
    file: &Path,
) {
    let pad = " ".repeat(indent);
    let mut tables = 0;
    for block in blocks {
        w.line = block.line();
        match block {
            Block::Paragraph(text, _) | Block::Heading(_, text, _) => {
                let text = match block {
                    Block::Heading(..) => format!("**{}**", text.replace("**", "")),
                    _ => text.replace('\n', " "),
                };
                let id = w.message(&format!("{prefix}-p"), &text);
                let _ = writeln!(w.yaml, "{pad}- p: {id}");
            }
            Block::List { ordered: true, items, .. } => {
                let _ = writeln!(w.yaml, "{pad}- clauses:");
                for item in items {
                    let id = w.message(&format!("{prefix}-clause"), &item.text.replace('\n', " "));
                    let _ = writeln!(w.yaml, "{pad}    - p: {id}");
                    if !item.children.is_empty() {
                        let _ = writeln!(w.yaml, "{pad}      body:");
                        write_blocks(w, &item.children, &id, indent + 8, diags, file);
                    }
                }
            }
            Block::List { ordered: false, items, line } => {
                let _ = writeln!(w.yaml, "{pad}- list:");
                for item in items {
                    if item.children.iter().any(|c| !matches!(c, Block::List { ordered: false, .. })) {
                        diags.push(
                            Diagnostic::error(
                                "import-shape",
                                "a list item holds more than its text and a nested list",
                            )
                            .at(file_span(file, *line))
                            .with_help("make the item one paragraph, or use a numbered list (it becomes clauses, which can hold blocks)"),
                        );
                    }
                    match lead_in(&item.text) {
                        Some((lead, text)) => {
                            let lead_id = w.message(&format!("{prefix}-item-lead"), &lead);
                            let text_id = w.message(&format!("{prefix}-item"), &text);
                            let _ = writeln!(w.yaml, "{pad}    - {{ lead: {lead_id}, text: {text_id} }}");
                        }
                        None => {
                            let id = w.message(&format!("{prefix}-item"), &item.text);
                            let _ = writeln!(w.yaml, "{pad}    - {id}");
                        }
                    }
                }
            }
            Block::Table {
                caption,
                head,
                rows,
                ..
            } => {
                tables += 1;
                let name = format!("{prefix}-table-{tables}");
                let row_headers = !rows.is_empty()
                    && rows.iter().all(|r| r.first().is_some_and(|c| c.starts_with("**") && c.ends_with("**")));
                let _ = writeln!(w.yaml, "{pad}- table:");
                if let Some(caption) = caption {
                    let id = w.message(&format!("{name}-caption"), caption);
                    let _ = writeln!(w.yaml, "{pad}    caption: {id}");
                }
                if row_headers {
                    let _ = writeln!(w.yaml, "{pad}    row_headers: true");
                }
                // A cell's message, `~` for an empty cell, or a list; a row
                // header loses the bold that marked it.
                let cell = |w: &mut Writer, text: &str, base: String, header: bool| {
                    let text = if header { text.trim_matches('*') } else { text };
                    if text.trim().is_empty() {
                        "~".to_owned()
                    } else {
                        cell_value(w, text, &base)
                    }
                };
                let head_ids: Vec<String> = head
                    .iter()
                    .enumerate()
                    .map(|(c, text)| cell(w, text, format!("{name}-head-{}", c + 1), true))
                    .collect();
                let _ = writeln!(w.yaml, "{pad}    head: [{}]", head_ids.join(", "));
                let _ = writeln!(w.yaml, "{pad}    rows:");
                for (r, row) in rows.iter().enumerate() {
                    let ids: Vec<String> = row
                        .iter()
                        .enumerate()
                        .map(|(c, text)| {
                            let base = format!("{name}-r{}-c{}", r + 1, c + 1);
                            cell(w, text, base, row_headers && c == 0)
                        })
                        .collect();
                    let _ = writeln!(w.yaml, "{pad}      - [{}]", ids.join(", "));
                }
            }
            Block::Contact(entries, _) => {
                let _ = writeln!(w.yaml, "{pad}- contact:");
                for (i, (term, value)) in entries.iter().enumerate() {
                    let base = format!("{prefix}-contact-{}", i + 1);
                    let term_id = w.message(&format!("{base}-label"), term);
                    let value_id = cell_value(w, value, &base);
                    let _ = writeln!(w.yaml, "{pad}    - term: {term_id}\n{pad}      value: {value_id}");
                }
            }
            Block::Html(line) => diags.push(
                Diagnostic::error("import-html", "raw HTML cannot be imported")
                    .at(file_span(file, *line))
                    .with_help("convert the file with `pandoc -t gfm` so that tables are Markdown tables; a table with merged cells must be split first"),
            ),
        }
    }
}

/// A cell's or contact value's words as YAML: a message, or, when each of
/// its lines is a bullet (`- …`), a list whose items keep their lead-ins.
fn cell_value(w: &mut Writer, text: &str, base: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let bullets: Option<Vec<&str>> = lines
        .iter()
        .map(|l| l.strip_prefix("- ").or_else(|| l.strip_prefix("• ")))
        .collect();
    match bullets {
        Some(items) if !items.is_empty() => {
            let ids: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let at = format!("{base}-item-{}", i + 1);
                    match lead_in(item) {
                        Some((lead, words)) => {
                            let lead_id = w.message(&format!("{at}-lead"), &lead);
                            let text_id = w.message(&at, &words);
                            format!("{{ lead: {lead_id}, text: {text_id} }}")
                        }
                        None => w.message(&at, item),
                    }
                })
                .collect();
            format!("{{ list: [{}] }}", ids.join(", "))
        }
        _ => w.message(base, text),
    }
}

fn file_span(file: &Path, line: usize) -> crate::diagnostic::Span {
    crate::diagnostic::Span {
        file: std::sync::Arc::from(file),
        line,
        column: 1,
        len: 1,
        source_line: std::fs::read_to_string(file).ok().and_then(|t| {
            t.lines()
                .nth(line.saturating_sub(1))
                .map(std::sync::Arc::from)
        }),
    }
}

/// The YAML and the messages of a document made from Markdown.
/// `sections` are the ids of an existing structure's sections (`--into`):
/// the `n`th heading gets the `n`th id, so that a translation's messages get
/// the same ids as the first language's.
fn document(
    markdown: &str,
    doc: &str,
    effective: crate::date::EffectiveDate,
    file: &Path,
    sections: Option<&[String]>,
    diags: &mut Diagnostics,
) -> Writer {
    let blocks = blocks(markdown);
    let mut w = Writer {
        yaml: String::new(),
        messages: Vec::new(),
        ids: Default::default(),
        line: 1,
    };
    let title_at = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(1, _, _)));
    let title = title_at.map_or_else(
        || doc.to_owned(),
        |i| match &blocks[i] {
            Block::Heading(_, t, _) => t.clone(),
            _ => doc.to_owned(),
        },
    );
    w.line = title_at.map_or(1, |i| blocks[i].line());
    let title_id = w.message(&format!("{doc}-title"), &title);
    let _ = writeln!(
        w.yaml,
        "# Imported by `charta import`; edit it freely.\ntitle: {title_id}\neffective: {effective}"
    );
    let body: Vec<&Block> = blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title_at)
        .map(|(_, b)| b)
        .collect();
    let first_section = body
        .iter()
        .position(|b| matches!(b, Block::Heading(2, _, _)))
        .unwrap_or(body.len());
    let preamble: Vec<Block> = body[..first_section].iter().map(|b| (*b).clone()).collect();
    if !preamble.is_empty() {
        let _ = writeln!(w.yaml, "preamble:");
        write_blocks(
            &mut w,
            &preamble,
            &format!("{doc}-preamble"),
            2,
            diags,
            file,
        );
    }
    let _ = writeln!(w.yaml, "sections:");
    let mut n = 0;
    let mut i = first_section;
    while i < body.len() {
        let Block::Heading(2, heading, line) = body[i] else {
            i += 1;
            continue;
        };
        w.line = *line;
        n += 1;
        let end = body[i + 1..]
            .iter()
            .position(|b| matches!(b, Block::Heading(2, _, _)))
            .map_or(body.len(), |p| i + 1 + p);
        let title = without_number(heading);
        let id = sections
            .and_then(|known| known.get(n - 1).cloned())
            .unwrap_or_else(|| section_id(&title, n, &w.ids));
        w.ids.insert(id.clone());
        let title_id = w.message(&format!("{id}-title"), &title);
        let _ = writeln!(w.yaml, "  - id: {id}\n    title: {title_id}\n    body:");
        let content: Vec<Block> = body[i + 1..end].iter().map(|b| (*b).clone()).collect();
        if content.is_empty() {
            let pid = w.message(&format!("{id}-p"), &title);
            let _ = writeln!(w.yaml, "      - p: {pid}");
        }
        write_blocks(&mut w, &content, &id, 6, diags, file);
        i = end;
    }
    if n == 0 {
        diags.push(
            Diagnostic::error("import-shape", "the file has no `##` heading, so no section")
                .in_file(file)
                .with_help("start each section of the policy with a `## Heading`; the `# Heading` is the title"),
        );
    }
    w
}

/// A Fluent message line: `id = text`, with Fluent's special characters
/// written as string literals and further lines indented.
fn ftl_message(id: &str, text: &str) -> String {
    let mut out = format!("{id} =");
    for (i, line) in text.split('\n').enumerate() {
        let mut escaped = String::new();
        for (j, c) in line.chars().enumerate() {
            match c {
                '{' => escaped.push_str("{\"{\"}"),
                '}' => escaped.push_str("{\"}\"}"),
                '[' | '*' | '.' if j == 0 && i > 0 => {
                    let _ = write!(escaped, "{{\"{c}\"}}");
                }
                _ => escaped.push(c),
            }
        }
        if i == 0 {
            out.push(' ');
            out.push_str(&escaped);
        } else {
            out.push_str("\n    ");
            out.push_str(&escaped);
        }
    }
    out.push('\n');
    out
}

/// Imports a policy written in Markdown as a new document, or as a further
/// language of one (`into`).
pub fn import(options: &ImportOptions) -> Result<ImportReport, Error> {
    let root = &options.root;
    let doc = &options.document;
    if crate::model::is_message_id(doc).then_some(()).is_none()
        || doc.chars().any(|c| c.is_ascii_uppercase())
    {
        return Err(Error::Usage(format!(
            "`{doc}` is not a document id; write a lowercase name such as `privacy`"
        )));
    }
    let markdown =
        std::fs::read_to_string(&options.file).map_err(|e| Error::io(&options.file, e))?;
    let mut pipeline = crate::pipeline::Pipeline::model(root, None)?;
    let Some(site) = pipeline.site.take() else {
        return Err(Error::Problems(pipeline.diagnostics));
    };
    if !site
        .settings
        .locales
        .iter()
        .any(|l| l.as_str() == options.language)
    {
        return Err(Error::Usage(format!(
            "`{}` is not one of the site's languages; add it to `languages:` in content/site.yaml first",
            options.language
        )));
    }
    let effective = options
        .effective
        .unwrap_or_else(|| options.today.resolve(&site.settings.time_zone));
    let mut diags = Diagnostics::new();
    let existing = site.documents.iter().find(|d| *d.slug == **doc);
    let section_ids: Option<Vec<String>> = options
        .into
        .then(|| existing.map(|d| d.draft.sections.iter().map(|s| s.id.clone()).collect()))
        .flatten();
    let made = document(
        &markdown,
        doc,
        effective,
        &options.file,
        section_ids.as_deref(),
        &mut diags,
    );
    if diags.has_errors() {
        return Err(Error::Problems(diags));
    }
    let structure = Path::new("content").join(format!("{doc}.yaml"));
    let words = Path::new("locales")
        .join(&options.language)
        .join(format!("{doc}.ftl"));
    let mut written = Vec::new();
    if options.into {
        // The messages must be the ones the structure names, in its order.
        let existing = existing.ok_or_else(|| Error::Usage(format!("there is no document `{doc}` to import into; import the first language without --into")))?;
        let expected: Vec<String> = existing
            .draft
            .message_refs()
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        let got: Vec<&String> = made.messages.iter().map(|(id, _, _)| id).collect();
        if let Some(at) =
            (0..expected.len().max(got.len())).find(|&i| expected.get(i) != got.get(i).copied())
        {
            let wanted = expected
                .get(at)
                .map_or("nothing more".to_owned(), |id| format!("message `{id}`"));
            let found = got
                .get(at)
                .map_or("nothing more".to_owned(), |id| format!("`{id}`"));
            let line = made
                .messages
                .get(at)
                .or(made.messages.last())
                .map_or(1, |(_, _, line)| *line);
            diags.push(
                Diagnostic::error(
                    "import-mismatch",
                    format!("the {} text does not line up with `{doc}`: at its {} text the structure has {wanted}, the file has {found}", options.language, ordinal(at + 1)),
                )
                .at(file_span(&options.file, line))
                .with_help("make the file's headings, paragraphs, lists and tables match the first language's one for one; the first language's structure is content/<doc>.yaml"),
            );
            return Err(Error::Problems(diags));
        }
    } else {
        if root.join(&structure).exists() {
            return Err(Error::Usage(format!(
                "{} exists; to add a language to it, import with --into",
                structure.display()
            )));
        }
        write_file(root, &structure, &made.yaml)?;
        written.push(structure);
        // The other languages start empty: `check` lists what to translate.
        for locale in site
            .settings
            .locales
            .iter()
            .filter(|l| l.as_str() != options.language)
        {
            let rel = Path::new("locales")
                .join(locale.as_str())
                .join(format!("{doc}.ftl"));
            if !root.join(&rel).exists() {
                write_file(
                    root,
                    &rel,
                    &format!(
                        "# The {locale} words of `{doc}`: `charta check` lists what to translate.\n"
                    ),
                )?;
                written.push(rel);
            }
        }
        if let Some(rel) = list_document(root, doc)? {
            written.push(rel);
        }
    }
    let mut ftl = format!(
        "# The {} words of `{doc}`, imported by `charta import`.\n",
        options.language
    );
    for (id, text, _) in &made.messages {
        ftl.push_str(&ftl_message(id, text));
    }
    write_file(root, &words, &ftl)?;
    written.push(words);
    Ok(ImportReport {
        written,
        messages: made.messages.len(),
    })
}

/// Adds the document to `documents: [ … ]` in content/site.yaml, when it is
/// written on one line (otherwise the user adds it, as `check` will say).
fn list_document(root: &Path, doc: &str) -> Result<Option<PathBuf>, Error> {
    let rel = PathBuf::from("content/site.yaml");
    let path = root.join(&rel);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let mut changed = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let Some(list) = line
                .strip_prefix("documents: [")
                .and_then(|l| l.strip_suffix(']'))
            else {
                return line.to_owned();
            };
            let mut docs: Vec<&str> = list
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .collect();
            if docs.contains(&doc) {
                return line.to_owned();
            }
            docs.push(doc);
            changed = true;
            format!("documents: [{}]", docs.join(", "))
        })
        .collect();
    if !changed {
        return Ok(None);
    }
    std::fs::write(&path, lines.join("\n") + "\n").map_err(|e| Error::io(&path, e))?;
    Ok(Some(rel))
}

fn ordinal(n: usize) -> String {
    match n % 10 {
        1 if n % 100 != 11 => format!("{n}st"),
        2 if n % 100 != 12 => format!("{n}nd"),
        3 if n % 100 != 13 => format!("{n}rd"),
        _ => format!("{n}th"),
    }
}

fn write_file(root: &Path, rel: &Path, text: &str) -> Result<(), Error> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))
}
