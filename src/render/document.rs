//! A document's pages in one language: each version, the page of the
//! version in force, the draft, the version history, the feed and exports.

use super::body::{DocumentBody, plain, plain_with, section_targets};
use super::markdown::{self, Flow};
use super::pdf;
use super::views::{self, DocumentView, SectionView, TocEntry, VersionLink, VersionView};
use super::{Language, Produced, Renderer, Share, syndication};
use crate::date::EffectiveDate;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::localize::{Chrome, NumberKind};
use crate::model::{Document, Version, VersionKey};
use crate::plan::{Page, Status};

/// How many versions a policy page lists itself; the history page lists all.
const LISTED_VERSIONS: usize = 12;

impl Renderer<'_> {
    /// One share of a document's pages in one language: its released
    /// versions in that share, with their comparisons with newer versions;
    /// the last share adds the draft, the history and the feed.
    pub(super) fn document(
        &self,
        lang: Language<'_>,
        doc: &Document,
        share: Share,
        out: &mut Produced,
    ) {
        let locale = lang.locale;
        let slug = &doc.slug;
        let versions = share.of_slice(&doc.released);
        for version in versions {
            self.released(lang, doc, version, out);
        }
        let last = share.is_last();
        if last {
            self.draft(lang, doc, out);
        }
        // A comparison belongs with its older version, which is never the
        // draft; pairs come ordered by it, so a share's comparisons follow
        // each other and reuse each other's work.
        let older: std::collections::BTreeSet<VersionKey> =
            versions.iter().map(|v| v.key).collect();
        self.comparisons(lang, doc, |(from, _)| older.contains(from), out);
        if !last {
            return;
        }
        let history = Page::History(locale.clone(), slug.clone());
        if self.plan.contains(&history) {
            self.history(lang, doc, &history, out);
        }
        let feed = Page::Feed(locale.clone(), slug.clone());
        if self.plan.contains(&feed)
            && let Some(xml) =
                syndication::feed(self.site, self.plan, doc, lang.chrome, self.localized)
        {
            out.pages.insert(feed.file(), xml);
        }
    }

    /// A released version's files in one language: its page, the page of
    /// the version in force when it is that one, its export and its PDF.
    fn released(&self, lang: Language<'_>, doc: &Document, version: &Version, out: &mut Produced) {
        let (locale, slug) = (lang.locale, &doc.slug);
        let permalink = Page::Version(locale.clone(), slug.clone(), version.key);
        if !self.plan.contains(&permalink) {
            return;
        }
        let Some(rendered) = self.version_body(lang, doc, version, &mut out.diags) else {
            return;
        };
        self.document_page(lang, doc, version, &rendered, &permalink, out);
        if self.plan.canonical(&permalink) != permalink {
            let main = Page::Document(locale.clone(), slug.clone());
            self.document_page(lang, doc, version, &rendered, &main, out);
        }
        let export = Page::Export(locale.clone(), slug.clone(), version.key);
        if self.plan.contains(&export) {
            let pdf = self
                .plan
                .absolute(&Page::Pdf(locale.clone(), slug.clone(), version.key));
            let json = syndication::version_json(
                doc,
                version,
                locale,
                &rendered,
                pdf,
                self.plan.base_url(),
            );
            out.pages.insert(export.file(), json);
        }
        let pdf = Page::Pdf(locale.clone(), slug.clone(), version.key);
        if self.plan.contains(&pdf) {
            self.pdf(lang, doc, version, &rendered, &pdf, out);
        }
    }

    /// One page people read, made alone (with the files made with it: a
    /// version's export, the page of the version in force). Pages of
    /// other kinds (feeds, exports, assets) are not made here.
    pub(super) fn reading_page(&self, page: &Page, out: &mut Produced) {
        let in_language = |locale: &crate::model::Locale, slug: Option<&crate::plan::Slug>| {
            let lang = self.language(locale)?;
            let doc = match slug {
                Some(slug) => Some(self.site.documents.iter().find(|d| d.slug == *slug)?),
                None => None,
            };
            Some((lang, doc))
        };
        match page {
            Page::Home => self.home(out),
            Page::NotFound => self.not_found(out),
            Page::Index(locale) => {
                if let Some((lang, _)) = in_language(locale, None) {
                    self.index(lang, out);
                }
            }
            Page::Document(locale, slug) | Page::Version(locale, slug, _) => {
                let Some((lang, Some(doc))) = in_language(locale, Some(slug)) else {
                    return;
                };
                let key = match page {
                    Page::Version(_, _, key) => Some(*key),
                    _ => self.plan.timeline(slug).and_then(|t| t.current()),
                };
                match key.map(|key| (key, doc.version(key))) {
                    Some((VersionKey::Draft, _)) => self.draft(lang, doc, out),
                    Some((_, Some(version))) => self.released(lang, doc, version, out),
                    _ => {}
                }
            }
            Page::History(locale, slug) => {
                if let Some((lang, Some(doc))) = in_language(locale, Some(slug)) {
                    self.history(lang, doc, page, out);
                }
            }
            Page::Comparison(locale, slug, from, to) => {
                if let Some((lang, Some(doc))) = in_language(locale, Some(slug)) {
                    self.comparisons(lang, doc, |pair| *pair == (*from, *to), out);
                }
            }
            _ => {}
        }
    }

    /// A version's PDF in one language.
    fn pdf(
        &self,
        lang: Language<'_>,
        doc: &Document,
        version: &Version,
        rendered: &DocumentView,
        page: &Page,
        out: &mut Produced,
    ) {
        let (locale, chrome) = (lang.locale, lang.chrome);
        let (Some(typesetter), Some((template, template_path))) =
            (&self.theme.typesetter, self.theme.pdf_template())
        else {
            return;
        };
        let Some(catalog) = self.catalog(doc, version.key, locale) else {
            return;
        };
        let started = std::time::Instant::now();
        let permalink = Page::Version(locale.clone(), doc.slug.clone(), version.key);
        let data = pdf::PdfData {
            doc: version,
            locale,
            chrome,
            catalog,
            url: self.plan.absolute(&permalink).unwrap_or_default(),
            title: rendered.title.clone(),
            site: Some(self.site_links(lang, doc, version)),
            base_url: self.plan.base_url().to_owned(),
        }
        .to_json();
        let mut text = String::new();
        pdf::text_of(&data, &mut text);
        let missing = typesetter.fonts().missing(&text);
        if !missing.is_empty() {
            let shown: String = missing.iter().take(12).collect();
            out.diags.push(
                Diagnostic::error(
                    "pdf-font",
                    format!(
                        "no font on this machine has {} character(s) of the {locale} PDF of `{}` {} (such as {shown})",
                        missing.len(),
                        doc.slug,
                        version.key
                    ),
                )
                .with_help(format!(
                    "install fonts for {locale} (on Debian and Ubuntu: fonts-noto-cjk for Japanese, Korean and Chinese; fonts-noto-core for most other scripts), or put the font files in the site's fonts/ folder; {} font(s) were found",
                    typesetter.fonts().len()
                )),
            );
            return;
        }
        let ident = format!("{}/{}/{}", locale, doc.slug, version.key);
        match typesetter.typeset(template, &data, &ident) {
            Ok(bytes) => out.pages.insert(page.file(), bytes),
            Err(problems) => {
                let source = crate::diagnostic::SourceFile::new(
                    template_path.to_path_buf(),
                    template.to_owned(),
                );
                for problem in problems {
                    let diagnostic = Diagnostic::error(
                        "pdf-template",
                        format!("the PDF template failed: {}", problem.message),
                    )
                    .with_help("fix the PDF template at the place named above; a site's templates/pdf.typ replaces the theme's");
                    out.diags.push(match problem.at {
                        Some((line, column)) => diagnostic.at(source.span(line, column, 1)),
                        None => diagnostic.in_file(template_path.to_path_buf()),
                    });
                }
            }
        }
        self.time("render: PDF", started);
    }

    /// The draft's page. The draft is always rendered, so that a problem in
    /// it fails the build even when it is not published.
    pub(super) fn draft(&self, lang: Language<'_>, doc: &Document, out: &mut Produced) {
        let page = Page::Version(lang.locale.clone(), doc.slug.clone(), VersionKey::Draft);
        if let Some(rendered) = self.version_body(lang, doc, &doc.draft, &mut out.diags)
            && self.plan.contains(&page)
        {
            self.document_page(lang, doc, &doc.draft, &rendered, &page, out);
        }
    }

    /// Renders a version's body in one language, or `None` when the version
    /// has no words in it (a language added after its release).
    fn version_body(
        &self,
        lang: Language<'_>,
        doc: &Document,
        version: &Version,
        diags: &mut Diagnostics,
    ) -> Option<DocumentView> {
        let started = std::time::Instant::now();
        let body = self.version_body_untimed(lang, doc, version, diags);
        self.time("render: Markdown and bodies", started);
        body
    }

    fn version_body_untimed(
        &self,
        lang: Language<'_>,
        doc: &Document,
        version: &Version,
        diags: &mut Diagnostics,
    ) -> Option<DocumentView> {
        let (locale, chrome) = (lang.locale, lang.chrome);
        let catalog = self.catalog(doc, version.key, locale)?;
        let memo = &mut *self.memo.borrow_mut();
        let mut body = DocumentBody {
            doc: version,
            locale,
            chrome,
            catalog,
            targets: section_targets(
                version,
                catalog,
                chrome,
                memo,
                Some(self.site_links(lang, doc, version)),
            ),
            memo,
            diags: Diagnostics::new(),
            fallback_used: None,
            place: Vec::new(),
        };
        let title_html = body.text(&version.title, Flow::Title);
        let preamble_html = body.blocks(&version.preamble, 0);
        let mut sections = Vec::new();
        for (i, section) in version.sections.iter().enumerate() {
            body.targets.terms.new_section();
            let number = chrome.number(version.numbering_style(), NumberKind::Section, i + 1);
            let title = plain_with(&section.title, catalog, body.memo);
            body.place = vec![number.clone()];
            sections.push(SectionView {
                id: section.id.clone(),
                aliases: section.aliases.clone(),
                link_label: chrome
                    .format_with("self-link", &[("part", &format!("{number} {title}"))]),
                number,
                title,
                title_html: body.text(&section.title, Flow::Title),
                body_html: body.blocks(&section.body, 0),
            });
        }
        let summary_html = catalog.summary().and_then(|m| match summary_html(&m) {
            Ok(html) => Some(html),
            Err(problems) => {
                for p in problems {
                    body.diags.push(
                        Diagnostic::error(
                            p.code,
                            format!(
                                "message `{}` in {locale}: {}",
                                crate::localize::RELEASE_SUMMARY,
                                p.message
                            ),
                        )
                        .at(m.origin_of(p.at.as_deref()))
                        .with_help(p.help),
                    );
                }
                None
            }
        });
        let terms = body.targets.terms.all().to_vec();
        let fallback_notice = body.fallback_used.as_ref().map(|fallback| {
            let name = self
                .localized
                .chrome
                .get(fallback)
                .map_or(fallback.as_str(), |c| c.label("language-name"));
            chrome.format_with("fallback-notice", &[("language", name)])
        });
        let failed = body.diags.has_errors();
        diags.extend(body.diags);
        if failed {
            return None;
        }
        let toc = sections
            .iter()
            .map(|s| TocEntry {
                id: s.id.clone(),
                number: s.number.clone(),
                title_html: s.title_html.clone(),
            })
            .collect();
        Some(DocumentView {
            slug: doc.slug.to_string(),
            title: plain(&version.title, catalog),
            title_html,
            preamble_html,
            sections,
            toc,
            terms,
            summary_html,
            fallback_notice,
        })
    }

    /// A version's page at `page`: its permalink, or the document's main
    /// address for the version in force.
    fn document_page(
        &self,
        lang: Language<'_>,
        doc: &Document,
        version: &Version,
        rendered: &DocumentView,
        page: &Page,
        out: &mut Produced,
    ) {
        let (locale, chrome) = (lang.locale, lang.chrome);
        let Some(timeline) = self.plan.timeline(&doc.slug) else {
            return;
        };
        let at = |p: Page| self.href(page, &p);
        let slug = || doc.slug.clone();
        let mut view = self.page_view(lang, page, rendered.title.clone());
        view.noindex |= version.key == VersionKey::Draft;
        view.feed = at(Page::Feed(locale.clone(), slug()));
        // Every printed page names the document, its effective date and version.
        let footer = chrome.format_with(
            "print-footer",
            &[
                ("title", &rendered.title),
                ("date", &chrome.date(version.effective)),
                ("version", &isolated(&version.key.to_string(), locale)),
            ],
        );
        view.print_css = Some(super::print_css(&footer, chrome));

        let status = timeline.status(version.key);
        let until = timeline.period(version.key).and_then(|p| p.until);
        let effective_text = chrome.date(version.effective);
        let effective_html = super::effective_html(version.effective, chrome);
        let version_view = VersionView {
            key: version.key.to_string(),
            status,
            effective_iso: version.effective.to_string(),
            effective_text,
            effective_html,
            status_note: status_note(status, chrome),
            pdf_href: at(Page::Pdf(locale.clone(), slug(), version.key)),
            pdf_label: chrome.format_with("pdf-link", &[("date", &chrome.date(version.effective))]),
            period_text: until.map(|until| {
                chrome.format_with(
                    "in-force-period",
                    &[
                        ("from", &chrome.date(version.effective)),
                        ("until", &chrome.date(until)),
                    ],
                )
            }),
            upcoming_text: (status == Status::Upcoming).then(|| {
                chrome.format_with(
                    "upcoming-banner",
                    &[("date", &chrome.date(version.effective))],
                )
            }),
            digest: version.digest.clone(),
            summary_html: rendered.summary_html.clone(),
            backdated: backdated_note(doc, version.effective, chrome),
        };
        let versions = self.version_links(lang, doc, page, Some(version.key));
        let current_href = (status != Status::Current)
            .then(|| at(Page::Document(locale.clone(), slug())))
            .flatten();
        let comparison = |from, to| at(Page::Comparison(locale.clone(), slug(), from, to));
        // The current page announces what comes next.
        let upcoming = if status == Status::Current {
            timeline.upcoming().find_map(|next| {
                Some(views::Upcoming {
                    href: at(Page::Version(locale.clone(), slug(), next.key))?,
                    diff_href: comparison(version.key, next.key),
                    text: chrome
                        .format_with("upcoming-notice", &[("date", &chrome.date(next.effective))]),
                })
            })
        } else {
            None
        };
        let previous_diff_href = timeline
            .previous(version.key)
            .and_then(|previous| comparison(previous, version.key));
        let current_diff_href = timeline
            .current()
            .filter(|c| *c > version.key && version.key != VersionKey::Draft)
            .and_then(|c| comparison(version.key, c));
        let mut context = tera::Context::new();
        context.insert("page", &view);
        context.insert("previous_diff_href", &previous_diff_href);
        context.insert("current_diff_href", &current_diff_href);
        context.insert("document", rendered);
        context.insert("version", &version_view);
        context.insert("versions", &versions);
        context.insert("current_href", &current_href);
        context.insert("upcoming", &upcoming);
        context.insert("history_href", &at(Page::History(locale.clone(), slug())));
        let draft = Page::Version(locale.clone(), slug(), VersionKey::Draft);
        context.insert("draft_href", &(*page != draft).then(|| at(draft)).flatten());
        self.render_template("document.html", &context, page, out);
    }

    /// Released versions, newest first, as links from `from`. A policy page
    /// (`this` is its version) lists the newest few and itself, so that its
    /// size does not grow with the history; the history page (`this` is
    /// `None`) lists all, with summaries.
    fn version_links(
        &self,
        lang: Language<'_>,
        doc: &Document,
        from: &Page,
        this: Option<VersionKey>,
    ) -> Vec<VersionLink> {
        let (locale, chrome) = (lang.locale, lang.chrome);
        let Some(timeline) = self.plan.timeline(&doc.slug) else {
            return Vec::new();
        };
        let newest: Vec<(usize, &Version)> = doc.released.iter().enumerate().rev().collect();
        newest
            .iter()
            .enumerate()
            .filter(|(rank, (_, v))| {
                this.is_none() || *rank < LISTED_VERSIONS || Some(v.key) == this
            })
            .filter_map(|(_, &(i, v))| {
                let href = self.href(
                    from,
                    &Page::Version(locale.clone(), doc.slug.clone(), v.key),
                )?;
                let catalog = self.catalog(doc, v.key, locale)?;
                // Problems in a summary are reported where its version is rendered.
                let summary_html = if this.is_none() {
                    catalog.summary().and_then(|m| summary_html(&m).ok())
                } else {
                    None
                };
                let diff_href = i.checked_sub(1).and_then(|p| {
                    let previous = doc.released[p].key;
                    let comparison =
                        Page::Comparison(locale.clone(), doc.slug.clone(), previous, v.key);
                    self.href(from, &comparison)
                });
                let status = timeline.status(v.key);
                Some(VersionLink {
                    diff_href,
                    diff_label: chrome
                        .format_with("diff-changes-link", &[("date", &chrome.date(v.effective))]),
                    status_note: status_note(status, chrome),
                    key: v.key.to_string(),
                    status: timeline.status(v.key),
                    effective_iso: v.effective.to_string(),
                    effective_text: chrome.date(v.effective),
                    href,
                    is_this: this == Some(v.key),
                    summary_html,
                    backdated: backdated_note(doc, v.effective, chrome),
                    translations_added: v
                        .additions
                        .iter()
                        .map(|added| {
                            let name = self
                                .localized
                                .chrome
                                .iter()
                                .find(|(l, _)| l.as_str() == added.language)
                                .map_or(added.language.as_str(), |(_, c)| c.label("language-name"));
                            chrome.format_with(
                                "translation-added",
                                &[("language", name), ("on", &chrome.date(added.added))],
                            )
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// `<lang>/<doc>/versions/`: every version in the language, and the record.
    fn history(&self, lang: Language<'_>, doc: &Document, page: &Page, out: &mut Produced) {
        let (locale, chrome) = (lang.locale, lang.chrome);
        // The title names the document as it reads now, or as in the newest
        // version in this language.
        let timeline = self.plan.timeline(&doc.slug);
        let current = timeline.and_then(|t| t.current());
        let shown = current
            .into_iter()
            .chain(doc.released.iter().rev().map(|v| v.key))
            .find_map(|key| Some((doc.version(key)?, self.catalog(doc, key, locale)?)));
        let Some((shown, catalog)) = shown else {
            return;
        };
        let title = plain(&shown.title, catalog);
        let mut view = self.page_view(
            lang,
            page,
            format!(
                "{}{}{}",
                chrome.label("versions-heading"),
                chrome.label("title-separator"),
                title
            ),
        );
        view.feed = self.href(page, &Page::Feed(locale.clone(), doc.slug.clone()));
        let mut context = tera::Context::new();
        context.insert("page", &view);
        context.insert("document_title", &title);
        context.insert("versions", &self.version_links(lang, doc, page, None));
        context.insert(
            "current_href",
            &self.href(page, &Page::Document(locale.clone(), doc.slug.clone())),
        );
        let record: Vec<String> = record_notes(doc, chrome)
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        context.insert("record", &record);
        context.insert(
            "time_zone_note",
            &chrome.format_with(
                "time-zone-note",
                &[("zone", self.site.settings.time_zone.name())],
            ),
        );
        self.render_template("versions.html", &context, page, out);
    }
}

/// What the ledger says happened to versions that are no longer where they
/// were announced: postponed and withdrawn ones, oldest first, in words.
pub(crate) fn record_notes(doc: &Document, chrome: &Chrome) -> Vec<(EffectiveDate, String)> {
    doc.ledger
        .events()
        .filter_map(|event| match event {
            crate::ledger::Event::Postponed {
                version,
                to,
                on,
                reason,
                ..
            } => Some((
                *on,
                chrome.format_with(
                    "record-postponed",
                    &[
                        ("from", &chrome.date(*version)),
                        ("to", &chrome.date(*to)),
                        ("on", &chrome.date(*on)),
                        ("reason", reason),
                    ],
                ),
            )),
            crate::ledger::Event::Withdrawn {
                version,
                on,
                reason,
            } => Some((
                *on,
                chrome.format_with(
                    "record-withdrawn",
                    &[
                        ("version", &chrome.date(*version)),
                        ("on", &chrome.date(*on)),
                        ("reason", reason),
                    ],
                ),
            )),
            _ => None,
        })
        .collect()
}

/// Why a version was released with an effective date in the past, in words.
fn backdated_note(doc: &Document, version: EffectiveDate, chrome: &Chrome) -> Option<String> {
    doc.ledger.events().find_map(|event| match event {
        crate::ledger::Event::Released {
            version: v,
            on,
            backdated: Some(reason),
            ..
        } if *v == version => Some(chrome.format_with(
            "backdated-note",
            &[("on", &chrome.date(*on)), ("reason", reason)],
        )),
        _ => None,
    })
}

/// A change summary is shown on several pages, so it cannot link to a
/// section of one of them.
pub(super) fn summary_html(
    message: &crate::localize::Message,
) -> Result<String, Vec<markdown::MarkdownProblem>> {
    markdown::to_html(&message.text, Flow::Block, &markdown::NoTargets)
}

/// "(current)" or "(upcoming)" after a date; nothing for other versions.
fn status_note(status: Status, chrome: &Chrome) -> Option<String> {
    let label = match status {
        Status::Current => chrome.label("status-current"),
        Status::Upcoming => chrome.label("status-upcoming"),
        _ => return None,
    };
    Some(chrome.format_with("status-note", &[("status", label)]))
}

/// `text` in a left-to-right isolate on a right-to-left page, so that
/// `2026-12-01` does not read as 01-12-2026.
fn isolated(text: &str, locale: &crate::model::Locale) -> String {
    if crate::script::direction(locale.as_str()) == crate::script::Direction::Rtl {
        format!("\u{2066}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}
