//! Files for machines: `sitemap.xml`, `robots.txt`, Atom feeds and JSON exports.
//!
//! These are not theme material: their formats are fixed by the standards
//! that read them, so they are written here rather than by templates.

use super::escape;
use super::views::DocumentView;
use super::{Pages, plain};
use crate::localize::{Catalog, Chrome, Localized};
use crate::model::{Document, Locale, Site, Version};
use crate::plan::{Page, Plan};
use serde::Serialize;
use std::fmt::Write as _;

/// `robots.txt`: everything may be crawled; the sitemap says what there is.
pub fn robots(plan: &Plan, pages: &mut Pages) {
    let text = if plan.is_noindex() {
        // A preview: nothing of it belongs in a search engine.
        "User-agent: *\nDisallow: /\n".to_owned()
    } else {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}{}\n",
            plan.base_url(),
            Page::Sitemap.address()
        )
    };
    pages.insert(Page::Robots.file(), text.into_bytes());
}

/// `charta.json`: what the site was built for, and the next day it changes
/// by itself, so that a check of the published site can tell a missed
/// switch-over (`charta check --published`).
pub fn status(site: &Site, plan: &Plan, pages: &mut Pages) {
    let documents: Vec<serde_json::Value> = site
        .documents
        .iter()
        .filter_map(|doc| {
            let timeline = plan.timeline(&doc.slug)?;
            Some(serde_json::json!({
                "document": &*doc.slug,
                "current": timeline.current().map(|k| k.to_string()),
                "next": timeline.upcoming().next().map(|p| p.effective.to_string()),
            }))
        })
        .collect();
    let status = serde_json::json!({
        "generator": "charta",
        "built_for": plan.today().to_string(),
        "time_zone": site.settings.time_zone.name(),
        "next_change": plan.next_change().map(|(date, _)| date.to_string()),
        "documents": documents,
    });
    let mut bytes = serde_json::to_vec_pretty(&status).unwrap_or_default();
    bytes.push(b'\n');
    pages.insert(Page::Status.file(), bytes);
}

/// `sitemap.xml` with an `hreflang` alternate for every language a page
/// exists in, and `x-default` pointing at the first language's page; the
/// pages are the plan's.
pub fn sitemap(plan: &Plan, pages: &mut Pages) {
    // At a few thousand versions the sitemap is ten megabytes: it is
    // streamed into its file rather than held in memory.
    pages.insert_with(Page::Sitemap.file(), |out| write_sitemap(plan, out));
}

fn write_sitemap(plan: &Plan, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let base = plan.base_url();
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    )?;
    // A one-language site's `/` shows that language's list, whose own
    // address is the canonical one.
    if plan.canonical(&Page::Home) == Page::Home {
        writeln!(out, "<url><loc>{}</loc></url>", escape(base))?;
    }
    for (rest, locales) in &plan.sitemap_groups() {
        for locale in locales {
            writeln!(
                out,
                "<url><loc>{}</loc>",
                escape(&format!("{base}{locale}/{rest}"))
            )?;
            for alt in locales {
                writeln!(
                    out,
                    "  <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>",
                    escape(&format!("{base}{alt}/{rest}"))
                )?;
            }
            writeln!(
                out,
                "  <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n</url>",
                escape(&format!("{base}{}/{rest}", locales[0]))
            )?;
        }
    }
    out.write_all(b"</urlset>\n")
}

/// The Atom feed of a document's versions in one language, newest first;
/// `None` when no version has words in that language.
pub fn feed(
    site: &Site,
    plan: &Plan,
    doc: &Document,
    chrome: &Chrome,
    localized: &Localized,
) -> Option<Vec<u8>> {
    let locale = chrome.locale();
    let slug = || doc.slug.clone();
    let catalog = |v: &Version| {
        localized
            .catalog(&doc.slug, v.key, locale)
            .filter(|c| c.is_complete())
    };
    let versions: Vec<(&Version, &Catalog)> = doc
        .released
        .iter()
        .rev()
        .filter_map(|v| Some((v, catalog(v)?)))
        .collect();
    let (newest, newest_catalog) = versions.first()?;
    let named = plan
        .timeline(&doc.slug)
        .and_then(|t| t.current())
        .and_then(|key| doc.version(key))
        .and_then(|c| Some((c, catalog(c)?)))
        .unwrap_or((newest, newest_catalog));
    let title = plain(&named.0.title, named.1);
    let feed_page = Page::Feed(locale.clone(), slug());
    let history = plan.absolute(&Page::History(locale.clone(), slug()))?;
    // The feed's page: the version in force, or the history when this
    // language has no version in force.
    let main = plan
        .absolute(&Page::Document(locale.clone(), slug()))
        .unwrap_or_else(|| history.clone());
    let self_url = plan.absolute(&feed_page)?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{locale}\">"
    );
    let _ = writeln!(
        xml,
        "<title>{}{}{}</title>",
        escape(&title),
        escape(chrome.label("title-separator")),
        escape(chrome.label("versions-heading"))
    );
    let _ = writeln!(xml, "<id>{}</id>", escape(&self_url));
    let _ = writeln!(xml, "<link rel=\"self\" href=\"{}\"/>", escape(&self_url));
    let _ = writeln!(
        xml,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&main)
    );
    let zone = &site.settings.time_zone;
    // Atom's `updated` is when an entry last changed, never a day to come:
    // a version in force since its date counts from that day; an upcoming
    // one from the day it was released (or the build date, when the record
    // does not say).
    let today = plan.today();
    let updated = |version: &crate::model::Version| {
        if version.effective <= today {
            return version.effective;
        }
        doc.ledger
            .events()
            .filter(|e| {
                matches!(e, crate::ledger::Event::Released { .. })
                    && e.version() == version.effective
            })
            .map(|e| e.on())
            .filter(|on| *on <= today)
            .last()
            .unwrap_or(today)
    };
    let feed_updated = versions
        .iter()
        .map(|(v, _)| updated(v))
        .chain(
            super::document::record_notes(doc, chrome)
                .iter()
                .map(|(on, _)| *on)
                .filter(|on| *on <= today),
        )
        .max()
        .unwrap_or(today);
    let _ = writeln!(
        xml,
        "<updated>{}</updated>",
        zone.start_of_rfc3339(feed_updated)
    );
    let _ = writeln!(
        xml,
        "<author><name>{}</name></author>",
        escape(chrome.label("site-title"))
    );
    for (version, catalog) in &versions {
        let Some(url) = plan.absolute(&Page::Version(locale.clone(), slug(), version.key)) else {
            continue;
        };
        let _ = writeln!(xml, "<entry>");
        let _ = writeln!(
            xml,
            "  <title>{} ({})</title>",
            escape(&plain(&version.title, catalog)),
            escape(&chrome.date(version.effective))
        );
        let _ = writeln!(xml, "  <id>{}</id>", escape(&url));
        let _ = writeln!(
            xml,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&url)
        );
        let _ = writeln!(
            xml,
            "  <updated>{}</updated>",
            zone.start_of_rfc3339(updated(version))
        );
        if let Some(summary) = catalog.summary() {
            let text = super::markdown::to_plain_text(&summary.text);
            let _ = writeln!(xml, "  <summary>{}</summary>", escape(&text));
        }
        let _ = writeln!(xml, "</entry>");
    }
    // Postponed and withdrawn versions are news to subscribers too.
    for (i, (on, text)) in super::document::record_notes(doc, chrome)
        .iter()
        .enumerate()
    {
        let _ = writeln!(xml, "<entry>");
        let _ = writeln!(xml, "  <title>{}</title>", escape(text));
        let _ = writeln!(xml, "  <id>{}#record-{}</id>", escape(&history), i + 1);
        let _ = writeln!(
            xml,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&history)
        );
        let _ = writeln!(
            xml,
            "  <updated>{}</updated>",
            zone.start_of_rfc3339((*on).min(today))
        );
        let _ = writeln!(xml, "</entry>");
    }
    xml.push_str("</feed>\n");
    // XML cannot carry control characters: a version released before charta
    // refused them (a warning now) gets U+FFFD in its feed, which stays well-formed.
    if xml.chars().any(crate::diagnostic::is_forbidden_char) {
        xml = xml
            .chars()
            .map(|c| {
                if crate::diagnostic::is_forbidden_char(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
    }
    Some(xml.into_bytes())
}

/// A version in one language, for tools: `/<lang>/<doc>/<date>.json`.
#[derive(Serialize)]
struct VersionJson<'a> {
    document: &'a str,
    language: &'a str,
    version: String,
    effective: String,
    digest: Option<&'a str>,
    /// The version's PDF in this language, absolute, when the site has PDFs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pdf: Option<String>,
    title: &'a str,
    title_html: &'a str,
    summary_html: Option<&'a str>,
    preamble_html: String,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    id: &'a str,
    number: &'a str,
    title: &'a str,
    title_html: &'a str,
    html: String,
}

/// The JSON export of a version: its structure with resolved, rendered text.
pub fn version_json(
    doc: &Document,
    version: &Version,
    locale: &Locale,
    rendered: &DocumentView,
    pdf: Option<String>,
    base_url: &str,
) -> Vec<u8> {
    // Links to other documents are absolute outside a page.
    let html = |text: &str| super::markdown::with_site_root(text, base_url).into_owned();
    let json = VersionJson {
        document: &doc.slug,
        language: locale.as_str(),
        version: version.key.to_string(),
        effective: version.effective.to_string(),
        digest: version.digest.as_deref(),
        pdf,
        title: &rendered.title,
        title_html: &rendered.title_html,
        summary_html: rendered.summary_html.as_deref(),
        preamble_html: html(&rendered.preamble_html),
        sections: rendered
            .sections
            .iter()
            .map(|s| SectionJson {
                id: &s.id,
                number: &s.number,
                title: &s.title,
                title_html: &s.title_html,
                // The page's words, without what only a screen shows.
                html: html(
                    &s.body_html
                        .lines()
                        .filter(|l| !l.starts_with("<p class=\"scroll-hint\">"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
