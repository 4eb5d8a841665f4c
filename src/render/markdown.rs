//! Markdown inside messages, rendered safely and the way CJK writers expect.
//!
//! Three things differ from plain pulldown-cmark:
//!
//! - **Safety.** pulldown-cmark passes raw HTML through and has no switch to
//!   turn it off. Here raw HTML, images, headings and links other than
//!   `https:`, `http:`, `mailto:`, `tel:`, `#section-id` and `@document`
//!   are [`MarkdownProblem`]s, so a translator cannot inject script.
//! - **Cross-references.** An empty link to a section or clause,
//!   `[](#retention)`, gets its number (and a section's title) as its text;
//!   `[](@cookies)`, `[](@cookies#use)` and `[](@privacy/versions)` link to
//!   another document, a part of it, or a document's versions, with their
//!   names in the page's language.
//! - **Emphasis next to CJK punctuation.** CommonMark's flanking rules make
//!   `これは**「重要」**です` not bold: the `**` sits between a letter and a
//!   bracket. [`mark_cjk_emphasis`] finds such delimiter runs before parsing
//!   and replaces the pair with private-use sentinels, which become
//!   `<strong>`/`<em>` after parsing.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Where a message's Markdown is placed, which decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Paragraph-level text: may hold several paragraphs and lists.
    Block,
    /// A cell, item or value: a single paragraph is unwrapped; lists are kept.
    Inline,
    /// A heading: one line of inline text, no links.
    Title,
}

/// Something in a message's Markdown that cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownProblem {
    /// Stable code, such as `raw-html`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
    /// The characters the problem is at, as written in the message, so
    /// that the report can point at them rather than at the message's id.
    pub at: Option<String>,
}

/// Where a link to another page of the site (`@cookies`) goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// The address, starting with [`SITE_ROOT`]; `None` when the page is
    /// not published in this language (yet): the words show unlinked.
    pub href: Option<String>,
    /// The words an empty link shows (the document's title, and the part's
    /// number and title).
    pub text: String,
}

/// What a link to another page of the site starts with until the page it
/// is on is known: a policy's words are rendered once and shown on pages
/// at different depths. Written by pulldown-cmark as `%EF%B7%94`; no
/// address in a message can start with it, since every other address
/// starts with a scheme or `#`. [`with_site_root`] replaces it.
pub const SITE_ROOT: &str = "\u{FDD4}";

/// `SITE_ROOT` as the HTML writer escapes it, inside an attribute.
const SITE_ROOT_HREF: &str = "href=\"%EF%B7%94";

/// HTML with its links to other pages of the site made relative to `root`
/// (`../../`, or the site's base URL outside a page).
pub fn with_site_root<'h>(html: &'h str, root: &str) -> std::borrow::Cow<'h, str> {
    if html.contains(SITE_ROOT_HREF) {
        std::borrow::Cow::Owned(html.replace(SITE_ROOT_HREF, &format!("href=\"{root}")))
    } else {
        std::borrow::Cow::Borrowed(html)
    }
}

/// [`with_site_root`] for a whole page's bytes.
pub fn bytes_with_site_root(html: Vec<u8>, root: &str) -> Vec<u8> {
    let marker = SITE_ROOT_HREF.as_bytes();
    if !html.windows(marker.len()).any(|w| w == marker) {
        return html;
    }
    match String::from_utf8(html) {
        Ok(text) => with_site_root(&text, root).into_owned().into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// What a `#id` link may point at.
pub trait LinkTargets {
    /// `None` when `id` is not a section or clause of the document; otherwise
    /// the text an empty link gets (`None` inside when it needs its own words).
    fn target(&self, id: &str) -> Option<Option<String>>;

    /// Every id a link may point at, for a did-you-mean.
    fn ids(&self) -> Vec<&str> {
        Vec::new()
    }

    /// The document's key terms in this language: each term's words and the
    /// id of the clause that defines it. Uses of a term in text link there.
    fn terms(&self) -> Vec<(&str, &str)> {
        Vec::new()
    }

    /// Whether the term defined at `id` is not to be linked here: it was
    /// linked already in this section, or this is its definition.
    fn term_done(&self, _id: &str) -> bool {
        false
    }

    /// A use of the term defined at `id` was linked: a term is linked at
    /// its first use in each section, not at every use.
    fn term_linked(&self, _id: &str) {}

    /// A link to another page of the site: `dest` is what follows the `@`
    /// (`cookies`, `cookies#use`, `privacy/versions`).
    fn site_link(&self, dest: &str) -> Result<SiteLink, MarkdownProblem> {
        Err(MarkdownProblem {
            at: None,
            code: "site-link",
            message: format!("the link `@{dest}` cannot be followed here"),
            help: "links to documents (`@id`) belong in a document's text",
        })
    }
}

/// Links the first use of each key term in text to its definition; text
/// already inside a link stays as it is.
fn link_terms<'a>(
    events: Vec<Event<'a>>,
    terms: &[(&str, &str)],
    targets: &dyn LinkTargets,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Link { .. }) => {
                in_link += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                out.push(event);
            }
            Event::Text(text) if in_link == 0 && terms.iter().any(|(w, _)| text.contains(w)) => {
                split_at_terms(&text, terms, targets, &mut out);
            }
            other => out.push(other),
        }
    }
    out
}

/// Pushes `text` as text and term links: at each place the longest term
/// that starts there wins (要配慮個人情報 before 個人情報); a term in a
/// script with spaces between words only counts as a whole word.
fn split_at_terms<'a>(
    text: &str,
    terms: &[(&str, &str)],
    targets: &dyn LinkTargets,
    out: &mut Vec<Event<'a>>,
) {
    let is_word = |c: char| c.is_alphanumeric() && !crate::script::is_cjk(c);
    let mut last = 0;
    let mut i = 0;
    while i < text.len() {
        let before = text[..i].chars().next_back();
        let found = terms
            .iter()
            .filter(|(words, _)| !words.is_empty() && text[i..].starts_with(words))
            .filter(|(words, _)| {
                let after = text[i + words.len()..].chars().next();
                let first = words.chars().next().is_some_and(is_word);
                let end = words.chars().next_back().is_some_and(is_word);
                !(first && before.is_some_and(is_word) || end && after.is_some_and(is_word))
            })
            .max_by_key(|(words, _)| words.len());
        match found {
            // A term already linked still covers its words, so that the
            // shorter term inside it is not linked instead.
            Some((words, target)) if targets.term_done(target) => i += words.len(),
            Some((words, target)) => {
                if last < i {
                    out.push(Event::Text(CowStr::from(text[last..i].to_owned())));
                }
                out.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::from(format!("#{target}")),
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                }));
                out.push(Event::Text(CowStr::from((*words).to_owned())));
                out.push(Event::End(TagEnd::Link));
                targets.term_linked(target);
                i += words.len();
                last = i;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if last < text.len() {
        out.push(Event::Text(CowStr::from(text[last..].to_owned())));
    }
}

const OPEN_STRONG: char = '\u{FDD0}';
const CLOSE_STRONG: char = '\u{FDD1}';
const OPEN_EM: char = '\u{FDD2}';
const CLOSE_EM: char = '\u{FDD3}';

fn is_sentinel(c: char) -> bool {
    matches!(c, OPEN_STRONG | CLOSE_STRONG | OPEN_EM | CLOSE_EM)
}

/// The delimiters a sentinel of [`mark_cjk_emphasis`] stands for (`**` or
/// `*`), for writing the text back as Markdown.
pub fn sentinel_delimiter(c: char) -> Option<&'static str> {
    match c {
        OPEN_STRONG | CLOSE_STRONG => Some("**"),
        OPEN_EM | CLOSE_EM => Some("*"),
        _ => None,
    }
}

/// A message keeps the shape the YAML gives it: Markdown's block syntax at
/// the start of a line never makes a list, quote, code block or rule out of
/// a message's words. Returns the text to parse, with those markers escaped
/// so that they read as typed, and the line breaks that are problems.
///
/// - `2023. 9. 15より…`, `1) …`, `- …`, `+ …`, `* …`, `> …` at the start
///   of a line are text (Korean dates begin like an ordered list);
/// - indentation is dropped (four spaces would make a code block); a line
///   of only `-`, `*`, `_` or `=` and a code fence are text;
/// - a line break is a line break in cells, list items and contact values
///   ([`Flow::Inline`]); in a paragraph or a title it is a problem, never a
///   silent merge into one line (a blank line still separates paragraphs);
/// - `_` and `__` emphasize like `*` and `**` (next to CJK brackets too),
///   except between two ASCII letters or digits (`hz_session` stays as is).
///
/// A `#` heading is left for the parser to report.
pub fn keep_shape(source: &str, flow: Flow) -> (String, Vec<MarkdownProblem>) {
    let mut problems = Vec::new();
    let lines: Vec<&str> = source.split('\n').collect();
    let mut out = String::with_capacity(source.len() + 8);
    for (n, raw) in lines.iter().enumerate() {
        let line = raw.trim_start_matches([' ', '\t']);
        out.push_str(&escape_block_marker(line));
        let Some(next) = lines.get(n + 1) else {
            break;
        };
        let breaks = !line.trim().is_empty() && !next.trim().is_empty();
        if breaks {
            match flow {
                Flow::Inline if !line.ends_with('\\') => out.push('\\'),
                Flow::Inline => {}
                Flow::Block => problems.push(MarkdownProblem {
                    at: None,
                    code: "line-break",
                    message: format!(
                        "line {} of this message runs on to the next line, which would join them into one",
                        n + 1
                    ),
                    help: "write the paragraph on one line; to start a new paragraph, leave a blank line (or use a new `p:` in the YAML)",
                }),
                Flow::Title => problems.push(MarkdownProblem {
                    at: None,
                    code: "line-break",
                    message: "a title runs on to a second line".to_owned(),
                    help: "write the title on one line",
                }),
            }
        }
        out.push('\n');
    }
    (underscores_as_asterisks(&out), problems)
}

/// Escapes a block marker at the start of a line, so that it reads as typed.
fn escape_block_marker(line: &str) -> std::borrow::Cow<'_, str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = |i: usize| line[i..].chars().next();
    let ends_marker = |c: Option<char>| c.is_none_or(char::is_whitespace);
    // `1.` / `2023.` / `1)`: an ordered list item.
    if (1..=9).contains(&digits)
        && matches!(after(digits), Some('.' | ')'))
        && ends_marker(line[digits + 1..].chars().next())
    {
        return format!("{}\\{}", &line[..digits], &line[digits..]).into();
    }
    let first = line.chars().next();
    // `-`, `+`, `*`: a bullet; `>`: a quote.
    if matches!(first, Some('-' | '+' | '*')) && ends_marker(after(1)) || first == Some('>') {
        return format!("\\{line}").into();
    }
    // A rule, or a heading's underline: a line of one of these only.
    let trimmed = line.trim_end();
    if trimmed.len() >= 2
        && let Some(c @ ('-' | '*' | '_' | '=')) = first
        && trimmed.chars().all(|x| x == c || x == ' ')
    {
        return format!("\\{line}").into();
    }
    // A code fence.
    if line.starts_with("```") || line.starts_with("~~~") {
        return format!("\\{line}").into();
    }
    line.into()
}

/// `_` runs that CommonMark would read as emphasis only in some places
/// become `*` runs, which the CJK-friendly rule then pairs; a run between
/// two ASCII letters or digits (an identifier) stays literal, escaped.
fn underscores_as_asterisks(text: &str) -> String {
    if !text.contains('_') {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            out.push(c);
            if let Some(&next) = chars.get(i + 1) {
                out.push(next);
            }
            i += 2;
            continue;
        }
        if c == '`' {
            // Code spans are left as typed.
            let n = count(&chars, i, '`');
            let end = find_backtick_close(&chars, i + n, n).unwrap_or(i + n);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if c != '_' {
            out.push(c);
            i += 1;
            continue;
        }
        let n = count(&chars, i, '_');
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + n).copied();
        let identifier = prev.is_some_and(|p| p.is_ascii_alphanumeric())
            && next.is_some_and(|x| x.is_ascii_alphanumeric());
        let in_link = link_target_at(&chars, i);
        for _ in 0..n {
            if identifier || in_link || n > 3 {
                out.push('\\');
                out.push('_');
            } else {
                out.push('*');
            }
        }
        i += n;
    }
    out
}

/// Whether position `i` is inside a link's target `(…)` after `]`.
fn link_target_at(chars: &[char], i: usize) -> bool {
    let open = chars[..i].iter().rposition(|&c| c == '(');
    let close = chars[..i].iter().rposition(|&c| c == ')');
    match open {
        Some(o) if close.is_none_or(|c| c < o) => o > 0 && chars[o - 1] == ']',
        _ => false,
    }
}

/// Renders a message's Markdown to HTML, or says what in it cannot be published.
pub fn to_html(
    source: &str,
    flow: Flow,
    targets: &dyn LinkTargets,
) -> Result<String, Vec<MarkdownProblem>> {
    with_checked_events(source, flow, targets, |events| {
        let mut html = String::with_capacity(source.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html.trim_end().to_owned()
    })
}

/// Hands the parsed events of a message's Markdown, checked and with
/// cross-references filled in, to `use_events` (which makes the HTML, or the
/// PDF's runs), or says what in the message cannot be published.
pub fn with_checked_events<R>(
    source: &str,
    flow: Flow,
    targets: &dyn LinkTargets,
    use_events: impl FnOnce(Vec<Event<'_>>) -> R,
) -> Result<R, Vec<MarkdownProblem>> {
    let (shaped, mut problems) = keep_shape(source, flow);
    let marked = mark_cjk_emphasis(&shaped);
    let text = marked.as_deref().unwrap_or(&shaped);
    let events: Vec<Event> = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut skip_depth = 0usize;
    // Whether each open link was written: a title's links and links to
    // pages not published are left out, words kept.
    let mut open_links: Vec<bool> = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                problems.push(MarkdownProblem {
                    at: Some(html.trim().to_owned()),
                    code: "raw-html",
                    message: format!("raw HTML `{}` is not allowed in a message", html.trim()),
                    help: "write Markdown instead (**bold**, [link](https://…)); for a literal `<`, write `\\<`",
                });
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(Tag::Strikethrough) => {
                problems.push(MarkdownProblem {
                    at: Some("~~".to_owned()),
                    code: "strikethrough",
                    message: "struck-through words (`~~`) are not allowed in a message".to_owned(),
                    help: "comparison pages strike out the words a new version deletes; delete the words instead, or write `\\~~` for literal tildes",
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                problems.push(MarkdownProblem {
                    at: Some(dest_url.to_string()),
                    code: "image",
                    message: format!("image `{dest_url}` is not allowed in a message"),
                    help: "policies are text; describe the content in words",
                });
                skip_depth = 1;
            }
            Event::Start(Tag::Heading { .. }) => {
                problems.push(MarkdownProblem {
                    at: None,
                    code: "heading",
                    message: "a heading (`#`) is not allowed in a message".to_owned(),
                    help: "headings come from the document's sections; start a new section in the YAML instead",
                });
                skip_depth = 1;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if flow == Flow::Title {
                    problems.push(MarkdownProblem {
                        at: Some(dest_url.to_string()),
                        code: "link-in-title",
                        message: format!("a title cannot hold a link (`{dest_url}`)"),
                        help: "titles are links in the table of contents already; put the link in the section's text",
                    });
                    open_links.push(false);
                    continue;
                }
                if *link_type == LinkType::Email {
                    open_links.push(true);
                    out.push(event.clone());
                    continue;
                }
                let empty = matches!(events.get(i + 1), Some(Event::End(TagEnd::Link)));
                let link = |dest| {
                    Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    })
                };
                match check_link(dest_url, targets) {
                    Err(problem) => {
                        problems.push(problem);
                        skip_depth = 1;
                    }
                    Ok(Checked::Site(site)) => {
                        // A page not published in this language yet: the
                        // words stay, without a link that would go nowhere.
                        open_links.push(site.href.is_some());
                        if let Some(href) = site.href {
                            out.push(link(CowStr::from(href)));
                        }
                        if empty {
                            out.push(Event::Text(CowStr::from(site.text)));
                        }
                    }
                    Ok(checked) => {
                        open_links.push(true);
                        out.push(link(dest_url.clone()));
                        match (empty, checked) {
                            (true, Checked::Inside(Some(text))) => {
                                out.push(Event::Text(CowStr::from(text)));
                            }
                            (true, Checked::Inside(None)) => problems.push(MarkdownProblem {
                                at: Some(format!("[]({dest_url})")),
                                code: "empty-link",
                                message: format!("the link to `{dest_url}` has no text"),
                                help: "links fill in their own words only for sections and for clauses of sections; write the words: [text](#id)",
                            }),
                            (true, _) => problems.push(MarkdownProblem {
                                at: Some(format!("[]({dest_url})")),
                                code: "empty-link",
                                message: format!("the link to `{dest_url}` has no text"),
                                help: "write the link's words between the brackets: [text](https://…)",
                            }),
                            (false, _) => {}
                        }
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop().unwrap_or(true) {
                    out.push(event.clone());
                }
            }
            _ => out.push(event.clone()),
        }
    }
    let mut out = resolve_sentinels(out);
    if flow != Flow::Title {
        let terms = targets.terms();
        if !terms.is_empty() {
            out = link_terms(out, &terms, targets);
        }
    }
    match flow {
        Flow::Block => {}
        Flow::Inline | Flow::Title => {
            let paragraphs = out
                .iter()
                .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
                .count();
            let single = paragraphs == 1
                && matches!(out.first(), Some(Event::Start(Tag::Paragraph)))
                && matches!(out.last(), Some(Event::End(TagEnd::Paragraph)));
            if single {
                out.remove(0);
                out.pop();
            } else if flow == Flow::Title && !out.is_empty() {
                problems.push(MarkdownProblem {
                    at: None,
                    code: "title-not-inline",
                    message: "a title must be one line of text".to_owned(),
                    help: "remove the blank lines, lists or quotes from this message",
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(use_events(out))
}

/// The text of a message without its markup, for `<title>`, cross-references
/// and other places that take plain text.
pub fn to_plain_text(source: &str) -> String {
    to_plain_text_with(source, &NoTargets)
}

/// Plain text with cross-references filled in: `[](#retention)` becomes the
/// section's number and title, as on the page.
pub fn to_plain_text_with(source: &str, targets: &dyn LinkTargets) -> String {
    let (shaped, _) = keep_shape(source, Flow::Inline);
    let marked = mark_cjk_emphasis(&shaped);
    let text = marked.as_deref().unwrap_or(&shaped);
    let mut out = String::new();
    let mut events = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).peekable();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
                if matches!(events.peek(), Some(Event::End(TagEnd::Link))) =>
            {
                let auto = if let Some(id) = dest_url.strip_prefix('#') {
                    targets.target(id).flatten()
                } else {
                    // Where no site is known, the destination stands for
                    // the words.
                    dest_url.strip_prefix('@').map(|rest| {
                        targets
                            .site_link(rest)
                            .map_or_else(|_| dest_url.to_string(), |link| link.text)
                    })
                };
                if let Some(auto) = auto {
                    out.push_str(&auto);
                }
            }
            Event::Text(t) | Event::Code(t) => out.extend(t.chars().filter(|c| !is_sentinel(*c))),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) if !out.is_empty() => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Markdown already rendered in this build, by its text: most words are the
/// same in version after version, so each distinct text is parsed once.
///
/// Only texts without a `#` or `@` are remembered: their output cannot depend
/// on the document's sections or the site's other documents, and they
/// rendered without problems.
#[derive(Debug, Default)]
pub struct Memo {
    /// HTML by text, one slot per [`Flow`].
    html: HashMap<String, [Option<String>; 3]>,
    /// Plain text by text.
    plain: HashMap<String, String>,
}

impl Memo {
    /// [`to_html`], remembered.
    pub fn to_html(
        &mut self,
        source: &str,
        flow: Flow,
        targets: &dyn LinkTargets,
    ) -> Result<String, Vec<MarkdownProblem>> {
        // Cross-references, links to other documents and key terms depend
        // on the document and its version.
        if source.contains(['#', '@']) || targets.terms().iter().any(|(w, _)| source.contains(w)) {
            return to_html(source, flow, targets);
        }
        let slot = flow as usize;
        if let Some(Some(html)) = self.html.get(source).map(|slots| &slots[slot]) {
            return Ok(html.clone());
        }
        let html = to_html(source, flow, targets)?;
        self.html.entry(source.to_owned()).or_default()[slot] = Some(html.clone());
        Ok(html)
    }

    /// [`to_plain_text_with`], remembered.
    pub fn to_plain_text(&mut self, source: &str, targets: &dyn LinkTargets) -> String {
        if source.contains(['#', '@']) {
            return to_plain_text_with(source, targets);
        }
        if let Some(text) = self.plain.get(source) {
            return text.clone();
        }
        let text = to_plain_text_with(source, targets);
        self.plain.insert(source.to_owned(), text.clone());
        text
    }
}

/// No `#id` link targets: for text shown outside its document.
pub struct NoTargets;

impl LinkTargets for NoTargets {
    fn target(&self, _id: &str) -> Option<Option<String>> {
        None
    }
}

/// What a checked link is.
enum Checked {
    /// An address outside the site (`https:`, `mailto:` …).
    Outside,
    /// `#id`: the words an empty link shows, when it can fill them in.
    Inside(Option<String>),
    /// `@document…`: another page of the site.
    Site(SiteLink),
}

/// Checks a link's destination.
fn check_link(dest: &str, targets: &dyn LinkTargets) -> Result<Checked, MarkdownProblem> {
    // Browsers ignore tabs, newlines and control characters inside a scheme
    // (`java\tscript:`), so the check must too.
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    if let Some(id) = cleaned.strip_prefix('#') {
        return match targets.target(id) {
            Some(text) => Ok(Checked::Inside(text)),
            None => Err(MarkdownProblem {
                at: Some(format!("#{id}")),
                code: "unknown-reference",
                message: format!(
                    "the link `#{id}` points at no section or clause of this document{}",
                    crate::diagnostic::did_you_mean(id, targets.ids())
                        .map_or_else(String::new, |close| format!("; did you mean `#{close}`?"))
                ),
                help: "use the `id` of a section or clause from the document's YAML",
            }),
        };
    }
    if let Some(rest) = cleaned.strip_prefix('@') {
        return targets.site_link(rest).map(Checked::Site);
    }
    let lower = cleaned.to_ascii_lowercase();
    let scheme = lower
        .find(':')
        .map(|i| &lower[..i])
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        Some("https" | "http" | "mailto" | "tel") => Ok(Checked::Outside),
        Some(other) => Err(MarkdownProblem {
            at: Some(dest.to_owned()),
            code: "unsafe-link",
            message: format!("links with `{other}:` are not allowed (`{dest}`)"),
            help: "use an https:, http:, mailto: or tel: address, #section-id for this document, or @document for another",
        }),
        None => Err(MarkdownProblem {
            at: Some(dest.to_owned()),
            code: "relative-link",
            message: format!("the link `{dest}` has no scheme"),
            help: "write the full address (https://…); #section-id for a part of this document; @cookies, @cookies#section-id or @cookies/versions for another document of the site, its parts and its versions",
        }),
    }
}

#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    len: usize,
    can_open: bool,
    can_close: bool,
    /// Whether the CJK rule changed what CommonMark would decide.
    changed: bool,
}

/// Finds pairs of `*` delimiter runs that CommonMark leaves literal only
/// because a CJK letter sits next to punctuation, and replaces each pair with
/// sentinels. Returns `None` when nothing needs to change.
///
/// The rule follows the "CJK-friendly emphasis" proposal for CommonMark: a
/// run that would open except that it is preceded by a letter and followed by
/// punctuation may open when that letter is CJK (and likewise for closing).
pub fn mark_cjk_emphasis(source: &str) -> Option<String> {
    if !source.contains('*') || source.contains(is_sentinel) {
        return None;
    }
    let chars: Vec<char> = source.chars().collect();
    let mut replacements: Vec<(Run, bool)> = Vec::new(); // (run, is opener)
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => i += 2,
            '`' => {
                let n = count(&chars, i, '`');
                i = match find_backtick_close(&chars, i + n, n) {
                    Some(end) => end,
                    None => i + n,
                };
            }
            '\n' if next_line_blank(&chars, i + 1) => {
                pair_runs(&runs, &mut replacements);
                runs.clear();
                i += 1;
            }
            '*' => {
                let n = count(&chars, i, '*');
                let prev = if i == 0 { None } else { Some(chars[i - 1]) };
                let next = chars.get(i + n).copied();
                if n <= 3 {
                    runs.push(classify(i, n, prev, next));
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    pair_runs(&runs, &mut replacements);
    if replacements.is_empty() {
        return None;
    }
    replacements.sort_by_key(|(run, _)| run.start);
    let mut out = String::with_capacity(source.len());
    let mut next = replacements.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        match next.peek() {
            Some((run, opener)) if run.start == i => {
                out.push_str(match (run.len, opener) {
                    (1, true) => "\u{FDD2}",
                    (1, false) => "\u{FDD3}",
                    (2, true) => "\u{FDD0}",
                    (2, false) => "\u{FDD1}",
                    (_, true) => "\u{FDD0}\u{FDD2}",
                    (_, false) => "\u{FDD3}\u{FDD1}",
                });
                i += run.len;
                next.next();
            }
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    Some(out)
}

fn count(chars: &[char], at: usize, c: char) -> usize {
    chars[at..].iter().take_while(|&&x| x == c).count()
}

fn find_backtick_close(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let m = count(chars, j, '`');
            if m == n {
                return Some(j + m);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

fn next_line_blank(chars: &[char], from: usize) -> bool {
    chars[from..]
        .iter()
        .take_while(|&&c| c != '\n')
        .all(|c| c.is_whitespace())
}

fn classify(start: usize, len: usize, prev: Option<char>, next: Option<char>) -> Run {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);
    let cjk = |c: Option<char>| c.is_some_and(crate::script::is_cjk);
    let left = !ws(next) && (!punct(next) || ws(prev) || punct(prev));
    let right = !ws(prev) && (!punct(prev) || ws(next) || punct(next));
    let left_cjk = left || (!ws(next) && punct(next) && cjk(prev));
    let right_cjk = right || (!ws(prev) && punct(prev) && cjk(next));
    Run {
        start,
        len,
        can_open: left_cjk,
        can_close: right_cjk,
        changed: left != left_cjk || right != right_cjk,
    }
}

/// Pairs runs of one paragraph; a pair is replaced when the CJK rule made it.
fn pair_runs(runs: &[Run], replacements: &mut Vec<(Run, bool)>) {
    let mut openers: Vec<Run> = Vec::new();
    for run in runs {
        if run.can_close
            && let Some(pos) = openers.iter().rposition(|o| o.len == run.len)
        {
            let opener = openers[pos];
            openers.truncate(pos);
            if opener.changed || run.changed {
                replacements.push((opener, true));
                replacements.push((*run, false));
            }
            continue;
        }
        if run.can_open {
            openers.push(*run);
        }
    }
}

/// Unicode punctuation or symbol, as CommonMark's flanking rules use it.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    !c.is_alphanumeric() && !c.is_whitespace() && !is_sentinel(c)
}

/// Turns sentinels in text into emphasis tags where they pair up at the same
/// nesting depth, and back into asterisks where they do not.
fn resolve_sentinels(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let has_sentinel = events
        .iter()
        .any(|e| matches!(e, Event::Text(t) if t.contains(is_sentinel)));
    if !has_sentinel {
        return events;
    }
    enum Piece<'a> {
        Event(Event<'a>),
        Mark {
            mark: char,
            depth: usize,
            paired: bool,
        },
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                pieces.push(Piece::Event(event));
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                pieces.push(Piece::Event(event));
            }
            Event::Text(text) if text.contains(is_sentinel) => {
                let mut buffer = String::new();
                for c in text.chars() {
                    if is_sentinel(c) {
                        if !buffer.is_empty() {
                            pieces.push(Piece::Event(Event::Text(CowStr::from(std::mem::take(
                                &mut buffer,
                            )))));
                        }
                        pieces.push(Piece::Mark {
                            mark: c,
                            depth,
                            paired: false,
                        });
                    } else {
                        buffer.push(c);
                    }
                }
                if !buffer.is_empty() {
                    pieces.push(Piece::Event(Event::Text(CowStr::from(buffer))));
                }
            }
            other => pieces.push(Piece::Event(other)),
        }
    }
    // Pair opening and closing marks like brackets.
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..pieces.len() {
        let Piece::Mark { mark, depth, .. } = pieces[i] else {
            continue;
        };
        if mark == OPEN_STRONG || mark == OPEN_EM {
            stack.push(i);
            continue;
        }
        let opener = if mark == CLOSE_STRONG {
            OPEN_STRONG
        } else {
            OPEN_EM
        };
        if let Some(&top) = stack.last()
            && let Piece::Mark {
                mark: m, depth: d, ..
            } = pieces[top]
            && m == opener
            && d == depth
        {
            stack.pop();
            for k in [top, i] {
                if let Piece::Mark { paired, .. } = &mut pieces[k] {
                    *paired = true;
                }
            }
        }
    }
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Event(e) => e,
            Piece::Mark {
                mark, paired: true, ..
            } => match mark {
                OPEN_STRONG => Event::Start(Tag::Strong),
                CLOSE_STRONG => Event::End(TagEnd::Strong),
                OPEN_EM => Event::Start(Tag::Emphasis),
                _ => Event::End(TagEnd::Emphasis),
            },
            Piece::Mark {
                mark,
                paired: false,
                ..
            } => Event::Text(CowStr::from(
                if mark == OPEN_STRONG || mark == CLOSE_STRONG {
                    "**"
                } else {
                    "*"
                },
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sections;
    impl LinkTargets for Sections {
        fn target(&self, id: &str) -> Option<Option<String>> {
            match id {
                "retention" => Some(Some("第5条（保存期間）".to_owned())),
                "retention-1" => Some(None),
                _ => None,
            }
        }
    }

    fn html(src: &str) -> String {
        to_html(src, Flow::Inline, &Sections).unwrap()
    }

    /// Key terms, linked once each, as a section does.
    #[derive(Default)]
    struct Terms(std::cell::RefCell<Vec<String>>);
    impl LinkTargets for Terms {
        fn target(&self, id: &str) -> Option<Option<String>> {
            id.starts_with("def-").then_some(None)
        }
        fn terms(&self) -> Vec<(&str, &str)> {
            vec![
                ("個人情報", "def-pi"),
                ("要配慮個人情報", "def-sensitive"),
                ("Service", "def-service"),
            ]
        }
        fn term_done(&self, id: &str) -> bool {
            self.0.borrow().iter().any(|d| d == id)
        }
        fn term_linked(&self, id: &str) {
            self.0.borrow_mut().push(id.to_owned());
        }
    }

    #[test]
    fn key_terms_link_at_their_first_use_the_longest_winning() {
        let terms = Terms::default();
        assert_eq!(
            to_html(
                "要配慮個人情報は個人情報です。個人情報を守ります。",
                Flow::Inline,
                &terms
            )
            .unwrap(),
            "<a href=\"#def-sensitive\">要配慮個人情報</a>は<a href=\"#def-pi\">個人情報</a>です。個人情報を守ります。"
        );
        // Both linked already in this section: nothing more is linked, and a
        // linked longer term still covers the shorter one inside it.
        assert_eq!(
            to_html("要配慮個人情報と個人情報", Flow::Inline, &terms).unwrap(),
            "要配慮個人情報と個人情報"
        );
        let fresh = Terms::default();
        fresh.term_linked("def-sensitive");
        assert_eq!(
            to_html("要配慮個人情報と**個人情報**", Flow::Inline, &fresh).unwrap(),
            "要配慮個人情報と<strong><a href=\"#def-pi\">個人情報</a></strong>"
        );
    }

    #[test]
    fn key_terms_respect_words_links_code_and_titles() {
        let terms = Terms::default();
        // A whole word only, in a script with spaces.
        assert_eq!(
            to_html(
                "Services and `Service` and [the Service](#def-x)",
                Flow::Inline,
                &terms
            )
            .unwrap(),
            "Services and <code>Service</code> and <a href=\"#def-x\">the Service</a>"
        );
        assert_eq!(
            to_html("The Service.", Flow::Title, &terms).unwrap(),
            "The Service."
        );
        assert_eq!(
            to_html("The Service.", Flow::Inline, &terms).unwrap(),
            "The <a href=\"#def-service\">Service</a>."
        );
    }

    fn problem(src: &str) -> String {
        to_html(src, Flow::Block, &Sections).unwrap_err()[0]
            .code
            .to_owned()
    }

    /// Two documents: `cookies`, published, and `terms`, not yet.
    struct Site;
    impl LinkTargets for Site {
        fn target(&self, _id: &str) -> Option<Option<String>> {
            None
        }
        fn site_link(&self, dest: &str) -> Result<SiteLink, MarkdownProblem> {
            match dest {
                "cookies" => Ok(SiteLink {
                    href: Some(format!("{SITE_ROOT}ja/cookies/")),
                    text: "Cookieポリシー".to_owned(),
                }),
                "terms" => Ok(SiteLink {
                    href: None,
                    text: "利用規約".to_owned(),
                }),
                _ => NoTargets.site_link(dest),
            }
        }
    }

    #[test]
    fn links_to_other_documents_are_made_relative_on_each_page() {
        let html = to_html(
            "詳細は[](@cookies)と[規約](@terms)へ。",
            Flow::Inline,
            &Site,
        )
        .unwrap();
        // Not yet published: the words, without a link that goes nowhere.
        assert_eq!(
            html,
            "詳細は<a href=\"%EF%B7%94ja/cookies/\">Cookieポリシー</a>と規約へ。"
        );
        assert_eq!(
            with_site_root(&html, "../../"),
            "詳細は<a href=\"../../ja/cookies/\">Cookieポリシー</a>と規約へ。"
        );
        // The marker cannot come from a message: an address that starts
        // with it has no scheme.
        let typed = to_html("[x](%EF%B7%94ja/)", Flow::Inline, &Site).unwrap_err();
        assert_eq!(typed[0].code, "relative-link");
        assert_eq!(
            to_plain_text_with("詳細は[](@cookies)へ", &Site),
            "詳細はCookieポリシーへ"
        );
    }

    #[test]
    fn a_problem_names_the_characters_it_is_at() {
        let problems = to_html("見て[](#contct)と<b>x</b>", Flow::Inline, &Sections).unwrap_err();
        let at: Vec<_> = problems.iter().map(|p| p.at.as_deref()).collect();
        assert_eq!(at, [Some("#contct"), Some("<b>"), Some("</b>")]);
    }

    #[test]
    fn bold_next_to_japanese_brackets() {
        assert_eq!(
            html("これは**「重要」**です"),
            "これは<strong>「重要」</strong>です"
        );
        assert_eq!(
            html("本ポリシーにおいて**「個人情報」**とは"),
            "本ポリシーにおいて<strong>「個人情報」</strong>とは"
        );
        assert_eq!(
            html("**「個人情報」**とは"),
            "<strong>「個人情報」</strong>とは"
        );
        assert_eq!(
            html("当社は*（任意）*とする"),
            "当社は<em>（任意）</em>とする"
        );
        assert_eq!(
            html("これは***「重要」***です"),
            "これは<strong><em>「重要」</em></strong>です"
        );
    }

    #[test]
    fn bold_next_to_korean_brackets() {
        assert_eq!(
            html("이 방침에서 **「개인정보」**란"),
            "이 방침에서 <strong>「개인정보」</strong>란"
        );
        assert_eq!(html("**‘개인정보’**란"), "<strong>‘개인정보’</strong>란");
    }

    #[test]
    fn ordinary_emphasis_is_unchanged() {
        assert_eq!(
            html("これは**重要**です"),
            "これは<strong>重要</strong>です"
        );
        assert_eq!(html("a **bold** word"), "a <strong>bold</strong> word");
        assert_eq!(html("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(html("`**「x」**`で"), "<code>**「x」**</code>で");
        assert_eq!(html("\\*「x」**です"), "*「x」**です");
        // A lone delimiter stays literal.
        assert_eq!(html("これは**「重要」です"), "これは**「重要」です");
    }

    #[test]
    fn emphasis_pairs_stay_inside_their_element() {
        // The link closes between the two runs: they must not pair across it.
        let out = html("は**[「x」](https://e.example)です");
        assert!(!out.contains("<strong>"), "{out}");
    }

    #[test]
    fn raw_html_and_unsafe_links_are_rejected() {
        assert_eq!(problem("<script>alert(1)</script>"), "raw-html");
        assert_eq!(problem("a <img src=x onerror=alert(1)> b"), "raw-html");
        assert_eq!(problem("[x](javascript:alert(1))"), "unsafe-link");
        assert_eq!(problem("[x](<JaVa\tScRiPt:alert(1)>)"), "unsafe-link");
        assert_eq!(problem("<javascript:alert(1)>"), "unsafe-link");
        assert_eq!(
            problem("[x](data:text/html;base64,PHNjcmlwdD4=)"),
            "unsafe-link"
        );
        assert_eq!(problem("![x](https://e.example/a.png)"), "image");
        assert_eq!(problem("# T {#x onclick=alert(1)}"), "heading");
        assert_eq!(problem("[x](//evil.example)"), "relative-link");
        assert_eq!(problem("[x](#nowhere)"), "unknown-reference");
    }

    #[test]
    fn entities_cannot_smuggle_a_scheme() {
        assert_eq!(problem("[x](javascript&#58;alert(1))"), "unsafe-link");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(html("a & b \\<c>"), "a &amp; b &lt;c&gt;");
    }

    #[test]
    fn empty_section_link_gets_number_and_title() {
        assert_eq!(
            html("[](#retention)を参照"),
            "<a href=\"#retention\">第5条（保存期間）</a>を参照"
        );
        assert_eq!(
            html("[here](#retention)"),
            "<a href=\"#retention\">here</a>"
        );
        assert_eq!(problem("[](#retention-1)"), "empty-link");
    }

    #[test]
    fn allowed_links_pass() {
        assert_eq!(
            html("[a](https://e.example/x)"),
            "<a href=\"https://e.example/x\">a</a>"
        );
        assert_eq!(
            html("<privacy@e.example>"),
            "<a href=\"mailto:privacy@e.example\">privacy@e.example</a>"
        );
        assert_eq!(
            html("[call](tel:+81-3-0000-0000)"),
            "<a href=\"tel:+81-3-0000-0000\">call</a>"
        );
    }

    #[test]
    fn flows() {
        assert_eq!(
            to_html("a\n\nb", Flow::Block, &Sections).unwrap(),
            "<p>a</p>\n<p>b</p>"
        );
        assert_eq!(
            to_html("a\n\nb", Flow::Inline, &Sections).unwrap(),
            "<p>a</p>\n<p>b</p>"
        );
        assert_eq!(
            to_html("a\n\nb", Flow::Title, &Sections).unwrap_err()[0].code,
            "title-not-inline"
        );
        assert_eq!(
            to_html("[a](https://e.example)", Flow::Title, &Sections).unwrap_err()[0].code,
            "link-in-title"
        );
    }

    fn shaped(text: &str, flow: Flow) -> String {
        to_html(text, flow, &Sections).unwrap_or_else(|p| panic!("{text:?}: {p:?}"))
    }

    fn codes(text: &str, flow: Flow) -> Vec<&'static str> {
        to_html(text, flow, &Sections)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|p| p.code)
            .collect()
    }

    #[test]
    fn block_syntax_at_the_start_of_a_line_reads_as_typed() {
        // A Korean date, a clause pasted with its number, bullets and quotes.
        assert_eq!(
            shaped("2023. 9. 15부터 적용됩니다.", Flow::Block),
            "<p>2023. 9. 15부터 적용됩니다.</p>"
        );
        assert_eq!(shaped("1. 利用目的", Flow::Inline), "1. 利用目的");
        assert_eq!(shaped("1) 氏名", Flow::Inline), "1) 氏名");
        assert_eq!(shaped("- 氏名", Flow::Inline), "- 氏名");
        assert_eq!(shaped("> 注", Flow::Inline), "&gt; 注");
        assert_eq!(shaped("+ 1", Flow::Inline), "+ 1");
        // Indentation never makes a code block; rules and fences are text.
        assert_eq!(shaped("    本文", Flow::Block), "<p>本文</p>");
        assert_eq!(shaped("---", Flow::Inline), "---");
        assert_eq!(shaped("```", Flow::Inline), "```");
        // Not markers: a number inside a line, a hyphenated word.
        assert_eq!(shaped("第1条. に従う", Flow::Inline), "第1条. に従う");
        assert_eq!(shaped("-3 °C", Flow::Inline), "-3 °C");
    }

    #[test]
    fn a_line_break_is_a_break_where_the_block_allows_one() {
        assert_eq!(
            shaped("東京都千代田区1-1\n星空ビル", Flow::Inline),
            "東京都千代田区1-1<br />\n星空ビル"
        );
        assert_eq!(codes("一行目\n二行目", Flow::Block), ["line-break"]);
        assert_eq!(codes("見出し\n続き", Flow::Title), ["line-break"]);
        // A blank line still separates paragraphs.
        assert_eq!(
            shaped("一。\n\n二。", Flow::Block),
            "<p>一。</p>\n<p>二。</p>"
        );
    }

    #[test]
    fn underscores_emphasize_like_asterisks_but_not_inside_identifiers() {
        assert_eq!(
            shaped("__「個人情報」__とは", Flow::Inline),
            "<strong>「個人情報」</strong>とは"
        );
        assert_eq!(
            shaped("これは_重要_です", Flow::Inline),
            "これは<em>重要</em>です"
        );
        assert_eq!(
            shaped("hz_session と hz_stats", Flow::Inline),
            "hz_session と hz_stats"
        );
        assert_eq!(shaped("`a_b_c`", Flow::Inline), "<code>a_b_c</code>");
        assert_eq!(
            shaped("[x](https://example.com/a_b_c)", Flow::Inline),
            "<a href=\"https://example.com/a_b_c\">x</a>"
        );
    }

    #[test]
    fn strikethrough_is_not_a_comparisons_deletion() {
        assert_eq!(codes("~~旧~~", Flow::Inline), ["strikethrough"]);
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(to_plain_text("**「保存」**期間"), "「保存」期間");
        assert_eq!(to_plain_text("a *b* `c`"), "a b c");
    }

    #[test]
    fn remembered_markdown_is_the_same_as_fresh() {
        let mut memo = Memo::default();
        let texts = [
            "個人情報を**適切に**取得します。",
            "- a\n- b",
            "see [the retention section](#retention)",
            "[](#retention)",
        ];
        for _ in 0..2 {
            for text in texts {
                for flow in [Flow::Block, Flow::Inline, Flow::Title] {
                    assert_eq!(
                        memo.to_html(text, flow, &Sections),
                        to_html(text, flow, &Sections),
                        "{text:?} {flow:?}"
                    );
                }
                assert_eq!(
                    memo.to_plain_text(text, &Sections),
                    to_plain_text_with(text, &Sections)
                );
            }
        }
        // A cross-reference reads differently in another document, so it is
        // never answered from memory.
        assert_eq!(memo.to_plain_text("[](#retention)", &NoTargets), "");
        // Problems are reported every time.
        assert!(memo.to_html("<b>x</b>", Flow::Block, &NoTargets).is_err());
        assert!(memo.to_html("<b>x</b>", Flow::Block, &NoTargets).is_err());
    }
}
