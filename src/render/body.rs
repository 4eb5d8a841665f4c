//! The body of a document page: sections, clauses, lists, tables and contact
//! blocks as HTML, in one language.
//!
//! Built in Rust rather than in templates so that numbering, escaping and
//! table semantics (`<th scope>`) are the same for every theme.

use super::links::{self, SiteLinks};
use super::markdown::{self, Flow, LinkTargets};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::{Catalog, Chrome, NumberKind};
use crate::model::{Block, Cell, Clause, Item, Literal, Locale, Table, Text, Version};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What the links in a version's words may point at: its sections and
/// clauses (`#id`), whose numbers an empty link shows; the site's other
/// documents (`@id`); and the document's key terms, whose uses link to
/// their definitions.
pub(super) struct Targets<'a> {
    ids: BTreeMap<String, Option<String>>,
    /// The rest of the site; `None` where only the version is known.
    site: Option<SiteLinks<'a>>,
    /// The document's key terms, and which are linked in this section.
    pub(super) terms: KeyTerms,
}

/// A document's key terms in one language, and where linking them stands:
/// a term is linked at its first use in each section, and not inside its
/// own definition. Shared by the page and the PDF.
#[derive(Debug, Default)]
pub(super) struct KeyTerms {
    /// Words, and the id of the defining clause, in document order.
    terms: Vec<KeyTerm>,
    /// The clause being rendered, while it defines a term.
    defining: std::cell::RefCell<Option<String>>,
    /// Terms linked in the section being rendered.
    linked: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl KeyTerms {
    /// The key terms the clauses of `doc` define, in its language.
    pub(super) fn of(doc: &Version, catalog: &Catalog) -> KeyTerms {
        let mut terms = Vec::new();
        collect_terms(&doc.preamble, catalog, &mut terms);
        for section in &doc.sections {
            collect_terms(&section.body, catalog, &mut terms);
        }
        KeyTerms {
            terms,
            ..KeyTerms::default()
        }
    }

    /// The terms, in document order.
    pub(super) fn all(&self) -> &[KeyTerm] {
        &self.terms
    }

    /// Words and target of every term, for [`LinkTargets::terms`].
    pub(super) fn pairs(&self) -> Vec<(&str, &str)> {
        self.terms
            .iter()
            .map(|t| (t.words.as_str(), t.id.as_str()))
            .collect()
    }

    /// Whether the term defined at `id` is not to be linked now.
    pub(super) fn done(&self, id: &str) -> bool {
        self.defining.borrow().as_deref() == Some(id) || self.linked.borrow().contains(id)
    }

    /// The term defined at `id` was linked in this section.
    pub(super) fn linked(&self, id: &str) {
        self.linked.borrow_mut().insert(id.to_owned());
    }

    /// A new section begins: each term is linked again at its first use.
    pub(super) fn new_section(&self) {
        self.linked.borrow_mut().clear();
    }

    /// The words of `clause` come next: its own term, if it defines one,
    /// stays unlinked until [`KeyTerms::leave`] with what this returns.
    pub(super) fn enter(&self, clause: &Clause) -> Option<String> {
        self.defining
            .replace(clause.defines.as_ref().and(clause.id.clone()))
    }

    /// The words of the clause [`KeyTerms::enter`] named are done.
    pub(super) fn leave(&self, before: Option<String>) {
        self.defining.replace(before);
    }
}

/// A key term in one language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KeyTerm {
    /// The term's words ("個人情報").
    pub words: String,
    /// The id of the clause that defines it.
    pub id: String,
}

impl LinkTargets for Targets<'_> {
    fn target(&self, id: &str) -> Option<Option<String>> {
        self.ids.get(id).cloned()
    }

    fn site_link(&self, dest: &str) -> Result<markdown::SiteLink, markdown::MarkdownProblem> {
        match &self.site {
            Some(site) => site.resolve(dest),
            None => Err(markdown::MarkdownProblem {
                at: None,
                code: "site-link",
                message: format!("the link `@{dest}` cannot be followed here"),
                help: "links to documents (`@id`) are followed when the site is built",
            }),
        }
    }

    fn ids(&self) -> Vec<&str> {
        self.ids.keys().map(String::as_str).collect()
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

pub(super) fn section_targets<'a>(
    doc: &Version,
    catalog: &Catalog,
    chrome: &Chrome,
    memo: &mut markdown::Memo,
    site: Option<SiteLinks<'a>>,
) -> Targets<'a> {
    let mut ids = BTreeMap::new();
    for (id, place) in links::places(doc) {
        let text = match (place.section, place.clauses.is_empty()) {
            // Section titles are many and repeat from version to version.
            (Some(n), true) => {
                let number = chrome.number(doc.numbering_style(), NumberKind::Section, n);
                let title = plain_with(&doc.sections[n - 1].title, catalog, memo);
                Some(chrome.cross_reference(doc.numbering_style(), &number, n, &title))
            }
            _ => links::reference(&place, doc, catalog, chrome),
        };
        ids.insert(id, text);
    }
    Targets {
        ids,
        site,
        terms: KeyTerms::of(doc, catalog),
    }
}

/// The key terms that clauses define (`defines:`), in document order.
fn collect_terms(blocks: &[Block], catalog: &Catalog, terms: &mut Vec<KeyTerm>) {
    for block in blocks {
        if let Block::Clauses(clauses) = block {
            for clause in clauses {
                if let (Some(id), Some(term)) = (&clause.id, &clause.defines) {
                    let words = plain(term, catalog);
                    if !words.is_empty() {
                        terms.push(KeyTerm {
                            words,
                            id: id.clone(),
                        });
                    }
                }
                collect_terms(&clause.body, catalog, terms);
            }
        }
    }
}

/// The plain text of words (for `<title>` and cross-references).
pub(super) fn plain(text: &Text, catalog: &Catalog) -> String {
    match text {
        Text::Message(m) => catalog
            .get(&m.id)
            .map(|msg| markdown::to_plain_text(&msg.text))
            .unwrap_or_default(),
        Text::Literal(
            Literal::Email(s) | Literal::Phone(s) | Literal::Url(s) | Literal::Plain(s),
        ) => s.clone(),
    }
}

/// [`plain`], with words already seen in this build taken from `memo`.
pub(super) fn plain_with(text: &Text, catalog: &Catalog, memo: &mut markdown::Memo) -> String {
    match text {
        Text::Message(m) => catalog
            .get(&m.id)
            .map(|msg| memo.to_plain_text(&msg.text, &markdown::NoTargets))
            .unwrap_or_default(),
        Text::Literal(_) => plain(text, catalog),
    }
}

/// Renders one document's body in one language.
pub(super) struct DocumentBody<'a> {
    pub(super) doc: &'a Version,
    pub(super) locale: &'a Locale,
    pub(super) chrome: &'a Chrome,
    pub(super) catalog: &'a Catalog,
    pub(super) targets: Targets<'a>,
    /// Markdown already rendered in this build.
    pub(super) memo: &'a mut markdown::Memo,
    pub(super) diags: Diagnostics,
    /// The fallback language, once any of its words were shown.
    pub(super) fallback_used: Option<Locale>,
    /// The numbers of the section and clauses being rendered ("第3条", "1"):
    /// a clause's link to itself names its whole place, since "1" alone
    /// is the number of a clause in nearly every section.
    pub(super) place: Vec<String>,
}

impl DocumentBody<'_> {
    /// The HTML of words in a place.
    pub(super) fn text(&mut self, text: &Text, flow: Flow) -> String {
        match text {
            Text::Literal(literal) => literal_html(literal),
            Text::Message(reference) => {
                let Some(message) = self.catalog.get(&reference.id) else {
                    return String::new();
                };
                match self.memo.to_html(&message.text, flow, &self.targets) {
                    // Borrowed words are marked, with their own language, never silently.
                    Ok(html) => match &message.fallback {
                        Some(lang) => {
                            self.fallback_used = Some(Locale::clone(lang));
                            let tag = if flow == Flow::Block { "div" } else { "span" };
                            format!("<{tag} class=\"fallback\" lang=\"{lang}\">{html}</{tag}>")
                        }
                        None => html,
                    },
                    Err(problems) => {
                        for p in problems {
                            self.diags.push(
                                Diagnostic::error(
                                    p.code,
                                    format!(
                                        "message `{}` in {}: {}",
                                        reference.id, self.locale, p.message
                                    ),
                                )
                                .at(message.origin_of(p.at.as_deref()))
                                .with_help(format!(
                                    "{} (used by {})",
                                    p.help,
                                    self.doc.source.display()
                                )),
                            );
                        }
                        String::new()
                    }
                }
            }
        }
    }

    pub(super) fn blocks(&mut self, blocks: &[Block], depth: usize) -> String {
        let mut html = String::new();
        for block in blocks {
            self.block(block, depth, &mut html);
        }
        html
    }

    fn block(&mut self, block: &Block, depth: usize, html: &mut String) {
        match block {
            Block::Paragraph(text) => {
                let inner = self.text(text, Flow::Block);
                html.push_str(&inner);
                html.push('\n');
            }
            Block::Clauses(clauses) => self.clauses(clauses, depth, html),
            Block::List { ordered, items } => self.list(*ordered, items, html),
            Block::Table(table) => self.table(table, html),
            Block::Contact(entries) => {
                html.push_str("<dl class=\"contact\">\n");
                for entry in entries {
                    let term = self.text(&entry.term, Flow::Inline);
                    let value = self.cell(&entry.value);
                    let _ = writeln!(html, "<div><dt>{term}</dt><dd>{value}</dd></div>");
                }
                html.push_str("</dl>\n");
            }
        }
    }

    fn clauses(&mut self, clauses: &[Clause], depth: usize, html: &mut String) {
        let kind = if depth == 0 {
            NumberKind::Clause
        } else {
            NumberKind::Subclause
        };
        let _ = writeln!(html, "<ol class=\"clauses level-{}\">", depth + 1);
        for (i, clause) in clauses.iter().enumerate() {
            let number = escape(&self.chrome.number(self.doc.numbering_style(), kind, i + 1));
            match &clause.id {
                Some(id) => {
                    let _ = write!(html, "<li id=\"{}\">", escape(id));
                }
                None => html.push_str("<li>"),
            }
            // An earlier id still lands on the clause.
            for alias in &clause.aliases {
                let _ = write!(html, "<span id=\"{}\"></span>", escape(alias));
            }
            // A clause with an id links to itself through its number, so
            // that a reader can copy a link to it.
            match &clause.id {
                Some(id) => {
                    let mut part = self.place.clone();
                    part.push(self.chrome.number(self.doc.numbering_style(), kind, i + 1));
                    let _ = write!(
                        html,
                        "<a class=\"number self-link\" href=\"#{}\" aria-label=\"{}\">{number}</a><div class=\"clause-body\">",
                        escape(id),
                        escape(
                            &self
                                .chrome
                                .format_with("self-link", &[("part", &part.join(" "))])
                        )
                    );
                }
                None => {
                    let _ = write!(
                        html,
                        "<span class=\"number\">{number}</span><div class=\"clause-body\">"
                    );
                }
            }
            if let Some(text) = &clause.text {
                // A definition does not link its own term to itself.
                let before = self.targets.terms.enter(clause);
                let inner = self.text(text, Flow::Block);
                self.targets.terms.leave(before);
                html.push_str(&inner);
            }
            self.place
                .push(self.chrome.number(self.doc.numbering_style(), kind, i + 1));
            let inner = self.blocks(&clause.body, depth + 1);
            self.place.pop();
            html.push_str(&inner);
            html.push_str("</div></li>\n");
        }
        html.push_str("</ol>\n");
    }

    fn list(&mut self, ordered: bool, items: &[Item], html: &mut String) {
        let tag = if ordered { "ol" } else { "ul" };
        let _ = writeln!(html, "<{tag}>");
        for item in items {
            html.push_str("<li>");
            self.item_words(item, html);
            if !item.items.is_empty() {
                self.list(ordered, &item.items, html);
            }
            html.push_str("</li>\n");
        }
        let _ = writeln!(html, "</{tag}>");
    }

    fn table(&mut self, table: &Table, html: &mut String) {
        // A wide table scrolls sideways on a phone; the region is focusable so a
        // keyboard can scroll it, and named by the caption for screen readers.
        let caption = table.caption.as_ref().map(|c| self.text(c, Flow::Title));
        html.push_str("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\"");
        if let Some(caption) = &caption {
            let _ = write!(html, " aria-label=\"{}\"", escape(&strip_tags(caption)));
        }
        html.push_str(">\n");
        // On a phone the table is wider than the screen: say so in words,
        // not only by a clipped column.
        let _ = writeln!(
            html,
            "<p class=\"scroll-hint\">{}</p>",
            escape(self.chrome.label("table-scroll-hint"))
        );
        html.push_str("<table>\n");
        if let Some(caption) = &caption {
            let _ = writeln!(html, "<caption>{caption}</caption>");
        }
        html.push_str("<thead>\n<tr>");
        for cell in &table.head {
            match cell {
                Cell::Empty => html.push_str("<td></td>"),
                _ => {
                    let inner = self.cell(cell);
                    let _ = write!(html, "<th scope=\"col\">{inner}</th>");
                }
            }
        }
        html.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &table.rows {
            html.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let inner = self.cell(cell);
                if i == 0 && table.row_headers {
                    let _ = write!(html, "<th scope=\"row\">{inner}</th>");
                } else {
                    let _ = write!(html, "<td>{inner}</td>");
                }
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn cell(&mut self, cell: &Cell) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(text) => self.text(text, Flow::Inline),
            Cell::List(items) => {
                let mut html = String::new();
                self.compact_list(items, &mut html);
                html
            }
        }
    }

    /// An item's bold lead-in, its separator and its words.
    fn item_words(&mut self, item: &Item, html: &mut String) {
        if let Some(lead) = &item.lead {
            let lead = self.text(lead, Flow::Title);
            let separator = escape(self.chrome.label("lead-separator"));
            let _ = write!(html, "<strong class=\"lead\">{lead}</strong>{separator}");
        }
        if let Some(text) = &item.text {
            let inner = self.text(text, Flow::Inline);
            html.push_str(&inner);
        }
    }

    /// A list inside a cell or a contact value, on one line: lead-ins and
    /// nested items as in a list block.
    fn compact_list(&mut self, items: &[Item], html: &mut String) {
        html.push_str("<ul>");
        for item in items {
            html.push_str("<li>");
            self.item_words(item, html);
            if !item.items.is_empty() {
                self.compact_list(&item.items, html);
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
}

fn literal_html(literal: &Literal) -> String {
    match literal {
        Literal::Email(address) => format!("<a href=\"mailto:{0}\">{0}</a>", escape(address)),
        Literal::Phone(number) => {
            let dial: String = number
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("<a href=\"tel:{}\">{}</a>", escape(&dial), escape(number))
        }
        Literal::Url(url) => format!("<a href=\"{0}\">{0}</a>", escape(url)),
        Literal::Plain(text) => escape(text),
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Runs without a special character are copied whole: the five
    // characters are ASCII, so a byte search never splits a character.
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of a fragment of HTML that this module produced (tags removed,
/// entities kept), for attribute values.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    // The caption is already escaped HTML; undo the escaping once so that
    // `escape` at the call site does not double it.
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_links_and_escaped() {
        assert_eq!(
            literal_html(&Literal::Email("a@b.example".into())),
            "<a href=\"mailto:a@b.example\">a@b.example</a>"
        );
        assert_eq!(
            literal_html(&Literal::Phone("+81-3-0000-0000".into())),
            "<a href=\"tel:+81300000000\">+81-3-0000-0000</a>"
        );
        assert_eq!(literal_html(&Literal::Plain("<x>".into())), "&lt;x&gt;");
    }

    #[test]
    fn escaping_replaces_exactly_the_five_characters() {
        assert_eq!(
            escape("a<b>&\"c'「引用」<"),
            "a&lt;b&gt;&amp;&quot;c&#39;「引用」&lt;"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("個人情報"), "個人情報");
    }

    #[test]
    fn tags_are_stripped_for_labels() {
        assert_eq!(strip_tags("<strong>a &amp; b</strong>"), "a & b");
    }
}
