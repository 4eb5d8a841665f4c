//! Stage 4 of the build: turn the localized site into pages.
//!
//! Takes the [`Site`] and its [`Localized`] words, renders each message's
//! Markdown ([`markdown`]), builds the body of each document in Rust (numbered
//! sections, clauses, lists, tables, contact blocks), and fills the theme's
//! Tera templates with template-only views ([`views`]), so a theme never
//! reaches into the model. Hands [`Pages`] (path → bytes) to the output stage.

pub mod markdown;
mod views;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::{Catalog, Chrome, Localized, NumberKind};
use crate::model::{Block, Cell, Clause, Document, Item, Literal, Locale, Site, Table, Text};
use crate::sources::SiteSources;
use markdown::{Flow, LinkTargets};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use views::{
    Alternate, DocumentLink, DocumentView, LanguageChoice, PageView, SectionView, TocEntry,
};

/// The rendered site: every output file by its path relative to the site's root.
#[derive(Debug, Default)]
pub struct Pages {
    /// File contents by `/`-separated relative path (`ja/privacy/index.html`).
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Renders every page of the site, with every problem found.
pub fn render(site: &Site, localized: &Localized, sources: &SiteSources) -> (Pages, Diagnostics) {
    let mut diags = Diagnostics::new();
    let theme_name = &site.settings.theme;
    let Some(theme) = sources.themes.get(theme_name) else {
        diags.push(Diagnostic::error(
            "missing-theme",
            format!("theme `{theme_name}` does not exist"),
        ));
        return (Pages::default(), diags);
    };
    let templates = match load_templates(theme_name, theme) {
        Ok(templates) => templates,
        Err(d) => return (Pages::default(), d),
    };
    let mut pages = Pages::default();
    for (path, bytes) in &theme.assets {
        pages.files.insert(format!("assets/{path}"), bytes.clone());
    }

    let renderer = Renderer {
        site,
        localized,
        templates: &templates,
        theme: theme_name,
    };
    renderer.language_chooser(&mut pages, &mut diags);
    for (locale, chrome) in renderer.locales() {
        renderer.document_index(locale, chrome, &mut pages, &mut diags);
        for doc in &site.documents {
            renderer.document_page(doc, locale, chrome, &mut pages, &mut diags);
        }
    }
    (pages, diags)
}

fn load_templates(
    theme_name: &str,
    theme: &crate::sources::ThemeSources,
) -> Result<tera::Tera, Diagnostics> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, file)| (name.as_str(), file.text.as_str()))
        .collect();
    tera.add_raw_templates(sources).map_err(|e| {
        let mut diags = Diagnostics::new();
        diags.push(
            Diagnostic::error(
                "template",
                format!("the theme's templates do not load:\n{e}"),
            )
            .in_file(format!("themes/{theme_name}/templates"))
            .with_help("fix the template syntax at the place named above"),
        );
        diags
    })?;
    Ok(tera)
}

struct Renderer<'a> {
    site: &'a Site,
    localized: &'a Localized,
    templates: &'a tera::Tera,
    theme: &'a str,
}

impl Renderer<'_> {
    /// The page wording of a language; `None` when its `site.ftl` could not
    /// be used (already reported), in which case its pages are skipped.
    fn chrome(&self, locale: &Locale) -> Option<&Chrome> {
        self.localized.chrome.get(locale)
    }

    /// The languages whose page wording is usable.
    fn locales(&self) -> impl Iterator<Item = (&Locale, &Chrome)> {
        self.site
            .settings
            .locales
            .iter()
            .filter_map(|l| Some((l, self.chrome(l)?)))
    }

    fn page_view(
        &self,
        chrome: &Chrome,
        path: &str,
        title: String,
        alternates: Vec<Alternate>,
    ) -> PageView {
        let depth = path.matches('/').count();
        PageView {
            lang: chrome.locale().to_string(),
            root: "../".repeat(depth),
            title,
            site_title: chrome.label("site-title").to_owned(),
            canonical: format!(
                "{}{}",
                self.site.settings.base_url,
                path.trim_end_matches("index.html")
            ),
            labels: chrome.labels().clone(),
            alternates,
        }
    }

    /// Links to the same page in every language (`/<lang>/<rest>`).
    fn alternates(&self, current: &Locale, rest: &str, from_depth: usize) -> Vec<Alternate> {
        self.locales()
            .map(|(l, chrome)| Alternate {
                lang: l.to_string(),
                name: chrome.label("language-name").to_owned(),
                href: format!("{}{l}/{rest}", "../".repeat(from_depth)),
                absolute: format!("{}{l}/{rest}", self.site.settings.base_url),
                current: l == current,
            })
            .collect()
    }

    fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
        path: String,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        match self.templates.render(name, context) {
            Ok(html) => {
                pages.files.insert(path, html.into_bytes());
            }
            Err(e) => diags.push(
                Diagnostic::error(
                    "template",
                    format!("template `{name}` failed for {path}:\n{e}"),
                )
                .in_file(format!("themes/{}/templates/{name}", self.theme))
                .with_help("fix the template at the place named above"),
            ),
        }
    }

    fn language_chooser(&self, pages: &mut Pages, diags: &mut Diagnostics) {
        let Some((first, first_chrome)) = self.locales().next() else {
            return;
        };
        let languages: Vec<LanguageChoice> = self
            .locales()
            .map(|(l, chrome)| LanguageChoice {
                lang: l.to_string(),
                name: chrome.label("language-name").to_owned(),
                prompt: chrome.label("choose-language").to_owned(),
                site_title: chrome.label("site-title").to_owned(),
                href: format!("{l}/"),
            })
            .collect();
        let alternates = self.alternates(first, "", 0);
        let page = self.page_view(
            first_chrome,
            "index.html",
            first_chrome.label("site-title").to_owned(),
            alternates,
        );
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("languages", &languages);
        self.render_template(
            "languages.html",
            &context,
            "index.html".to_owned(),
            pages,
            diags,
        );
    }

    fn document_index(
        &self,
        locale: &Locale,
        chrome: &Chrome,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let mut documents = Vec::new();
        for doc in &self.site.documents {
            let Some(catalog) = self
                .localized
                .catalogs
                .get(&(doc.slug.clone(), locale.clone()))
            else {
                continue;
            };
            documents.push(DocumentLink {
                title: plain(&doc.title, catalog),
                href: format!("{}/", doc.slug),
                effective_iso: doc.effective.to_string(),
                effective_text: chrome.date(doc.effective),
            });
        }
        let path = format!("{locale}/index.html");
        let page = self.page_view(
            chrome,
            &path,
            chrome.label("site-title").to_owned(),
            self.alternates(locale, "", 1),
        );
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("documents", &documents);
        self.render_template("index.html", &context, path, pages, diags);
    }

    fn document_page(
        &self,
        doc: &Document,
        locale: &Locale,
        chrome: &Chrome,
        pages: &mut Pages,
        diags: &mut Diagnostics,
    ) {
        let Some(catalog) = self
            .localized
            .catalogs
            .get(&(doc.slug.clone(), locale.clone()))
        else {
            return;
        };
        let mut body = DocumentBody {
            doc,
            locale,
            chrome,
            catalog,
            targets: section_targets(doc, catalog, chrome),
            diags: Diagnostics::new(),
        };
        let title_html = body.text(&doc.title, Flow::Title);
        let preamble_html = body.blocks(&doc.preamble, 0);
        let mut sections = Vec::new();
        for (i, section) in doc.sections.iter().enumerate() {
            sections.push(SectionView {
                id: section.id.clone(),
                number: chrome.number(NumberKind::Section, i + 1),
                title_html: body.text(&section.title, Flow::Title),
                body_html: body.blocks(&section.body, 0),
            });
        }
        let toc: Vec<TocEntry> = sections
            .iter()
            .map(|s| TocEntry {
                id: s.id.clone(),
                number: s.number.clone(),
                title_html: s.title_html.clone(),
            })
            .collect();
        let has_errors = body.diags.has_errors();
        diags.extend(body.diags);
        if has_errors {
            return;
        }
        let path = format!("{locale}/{}/index.html", doc.slug);
        let title = plain(&doc.title, catalog);
        let alternates = self.alternates(locale, &format!("{}/", doc.slug), 2);
        let page = self.page_view(chrome, &path, title, alternates);
        let document = DocumentView {
            slug: doc.slug.clone(),
            title_html,
            effective_iso: doc.effective.to_string(),
            effective_text: chrome.date(doc.effective),
            preamble_html,
            sections,
            toc,
        };
        let mut context = tera::Context::new();
        context.insert("page", &page);
        context.insert("document", &document);
        self.render_template("document.html", &context, path, pages, diags);
    }
}

/// What `#id` links in a document may point at: sections get their number and
/// title as automatic link text; clauses need their own words.
struct Targets(BTreeMap<String, Option<String>>);

impl LinkTargets for Targets {
    fn target(&self, id: &str) -> Option<Option<String>> {
        self.0.get(id).cloned()
    }
}

fn section_targets(doc: &Document, catalog: &Catalog, chrome: &Chrome) -> Targets {
    let mut map = BTreeMap::new();
    for (i, section) in doc.sections.iter().enumerate() {
        let number = chrome.number(NumberKind::Section, i + 1);
        let title = plain(&section.title, catalog);
        map.insert(
            section.id.clone(),
            Some(chrome.cross_reference(&number, i + 1, &title)),
        );
        collect_clause_ids(&section.body, &mut map);
    }
    Targets(map)
}

fn collect_clause_ids(blocks: &[Block], map: &mut BTreeMap<String, Option<String>>) {
    for block in blocks {
        if let Block::Clauses(clauses) = block {
            for clause in clauses {
                if let Some(id) = &clause.id {
                    map.insert(id.clone(), None);
                }
                collect_clause_ids(&clause.body, map);
            }
        }
    }
}

/// The plain text of words (for `<title>` and cross-references).
fn plain(text: &Text, catalog: &Catalog) -> String {
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

/// Renders one document's body in one language.
struct DocumentBody<'a> {
    doc: &'a Document,
    locale: &'a Locale,
    chrome: &'a Chrome,
    catalog: &'a Catalog,
    targets: Targets,
    diags: Diagnostics,
}

impl DocumentBody<'_> {
    /// The HTML of words in a place.
    fn text(&mut self, text: &Text, flow: Flow) -> String {
        match text {
            Text::Literal(literal) => literal_html(literal),
            Text::Message(reference) => {
                let Some(message) = self.catalog.get(&reference.id) else {
                    return String::new();
                };
                match markdown::to_html(&message.text, flow, &self.targets) {
                    Ok(html) => html,
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
                                .at(message.origin.clone())
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

    fn blocks(&mut self, blocks: &[Block], depth: usize) -> String {
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
                    let value = self.text(&entry.value, Flow::Inline);
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
            let number = escape(&self.chrome.number(kind, i + 1));
            match &clause.id {
                Some(id) => {
                    let _ = write!(html, "<li id=\"{}\">", escape(id));
                }
                None => html.push_str("<li>"),
            }
            let _ = write!(
                html,
                "<span class=\"number\">{number}</span><div class=\"clause-body\">"
            );
            if let Some(text) = &clause.text {
                let inner = self.text(text, Flow::Block);
                html.push_str(&inner);
            }
            let inner = self.blocks(&clause.body, depth + 1);
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
            if let Some(lead) = &item.lead {
                let lead = self.text(lead, Flow::Title);
                let separator = escape(self.chrome.label("lead-separator"));
                let _ = write!(html, "<strong class=\"lead\">{lead}</strong>{separator}");
            }
            if let Some(text) = &item.text {
                let inner = self.text(text, Flow::Inline);
                html.push_str(&inner);
            }
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
        html.push_str(">\n<table>\n");
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
                let mut html = String::from("<ul>");
                for item in items {
                    let inner = self.text(item, Flow::Inline);
                    let _ = write!(html, "<li>{inner}</li>");
                }
                html.push_str("</ul>");
                html
            }
        }
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
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
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
    fn tags_are_stripped_for_labels() {
        assert_eq!(strip_tags("<strong>a &amp; b</strong>"), "a & b");
    }
}
