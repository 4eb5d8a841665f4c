//! `charta release`: freeze a document's working draft as a new version.
//!
//! Runs the whole build on the draft first; only a draft without a single
//! problem, translated into every language and with a change summary, is
//! copied into `versions/<doc>/<date>/` with its manifest. The copy is
//! written beside its final place and renamed into it, so a failed release
//! leaves nothing behind.

use crate::date::{EffectiveDate, Today};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::diff::Counts;
use crate::error::Error;
use crate::frozen::{MANIFEST, Manifest};
use crate::ledger::{self, Event, Standing};
use crate::localize::{Localized, RELEASE_SUMMARY};
use crate::model::{Document, Locale, Site, VersionKey};
use crate::pipeline::{Pipeline, plan_and_render};
use crate::plan::PlanOptions;
use crate::render::Pages;
use crate::sources::SiteSources;
use crate::{model, render, sources, translation};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What `charta release` is asked to do.
#[derive(Debug, Clone)]
pub struct ReleaseOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The document to release (`privacy`).
    pub document: String,
    /// The day the new version takes effect; the draft's planned
    /// `effective:` when `None`, and it must agree with it when given.
    pub effective: Option<EffectiveDate>,
    /// The day that stands for today (in the site's legal time zone).
    pub today: Today,
    /// Why the version takes effect before today, when it does (recorded).
    pub backdate: Option<String>,
    /// Only say what would be frozen; write nothing.
    pub dry_run: bool,
}

/// What a release wrote, or would write.
#[derive(Debug, Clone)]
pub struct ReleaseReport {
    /// The new version's folder, relative to the root.
    pub dir: PathBuf,
    /// Its content digest.
    pub digest: String,
    /// The files it holds (the manifest included), relative to its folder.
    pub files: Vec<String>,
    /// The version it follows, if any.
    pub previous: Option<EffectiveDate>,
    /// What changes from the previous version, per language.
    pub changes: Vec<(String, Counts)>,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
}

/// Freezes the draft of `options.document` as a new version.
pub fn release(options: &ReleaseOptions) -> Result<ReleaseReport, Error> {
    let root = &options.root;
    let slug = &options.document;
    // Refuse early when the folder is no site, before taking the lock.
    sources::read(root)?;
    let _lock = if options.dry_run {
        None
    } else {
        Some(ledger::RecordLock::acquire(root)?)
    };
    let mut pipeline = Pipeline::model(root, None)?;
    let mut diags = std::mem::take(&mut pipeline.diagnostics);
    // Resolved now; what it finds is reported after the checks of the command.
    pipeline.localize();
    let Pipeline {
        sources,
        site,
        localized,
        diagnostics: found_by_localize,
        ..
    } = pipeline;
    let (Some(site), Some(localized)) = (site, localized) else {
        return Err(Error::Problems(diags));
    };
    let Some(doc) = site.documents.iter().find(|d| *d.slug == **slug) else {
        if diags.has_errors() {
            return Err(Error::Problems(diags));
        }
        let known: Vec<&str> = site.documents.iter().map(|d| &*d.slug).collect();
        return Err(Error::Usage(format!(
            "there is no document `{slug}`; the site has: {}",
            known.join(", ")
        )));
    };
    if let Some(reason) = &options.backdate
        && (reason.trim().is_empty() || reason.chars().any(char::is_control))
    {
        return Err(Error::Usage(
            "give the reason as one line of text, e.g. --backdate \"imported from the policy in force before charta\"".into(),
        ));
    }
    let planned = doc.draft.effective;
    let effective = options.effective.unwrap_or(planned);
    if effective != planned {
        diags.push(
            Diagnostic::error(
                "effective-date-differs",
                format!(
                    "--effective {effective} differs from the planned date {planned} in the draft"
                ),
            )
            .at(effective_span(&sources, doc))
            .with_help(format!(
                "a version has one effective date: if {effective} is right, change `effective:` in {} to \
                 {effective} and release again (or leave out --effective to release on {planned})",
                doc.draft.source.display()
            )),
        );
        return Err(Error::Problems(diags));
    }
    let today = options.today.resolve(&site.settings.time_zone);
    doc.ledger.check_day(today)?;

    // The draft must build cleanly, as it would be published.
    diags.extend(found_by_localize);
    let as_published = PlanOptions {
        today: effective,
        drafts: true,
        noindex: false,
        pdf: false,
    };
    let rendered = plan_and_render(
        &site,
        &sources,
        &localized,
        as_published,
        Pages::discarding(),
    );
    diags.extend(rendered.diagnostics);
    let (_, found) = translation::document_status(&site, &sources, &localized, doc);
    diags.extend(found);
    let readiness = readiness(
        &site,
        &sources,
        &localized,
        doc,
        effective,
        today,
        options.backdate.as_deref(),
    );
    if readiness.unchanged {
        diags.push(unchanged_draft(&sources, doc));
    }
    diags.extend(readiness.problems);
    // A release is complete and in step: every translation of this
    // document is done and current (another document's work in progress
    // does not block it).
    let own = |d: &Diagnostic| {
        d.span.as_ref().is_some_and(|s| {
            *s.file == *doc.draft.source
                || s.file
                    .file_name()
                    .is_some_and(|f| f == format!("{slug}.ftl").as_str())
        })
    };
    for code in ["untranslated", "stale-translation"] {
        diags.promote_where(code, own);
    }
    if diags.has_errors() {
        return Err(Error::Problems(diags));
    }

    let dir = Path::new("versions").join(slug).join(effective.to_string());
    let mut files = frozen_files(&sources, doc, &site.settings.locales, effective)?;
    let manifest = Manifest::new(effective, &files);
    files.insert(MANIFEST.to_owned(), manifest.to_yaml().into_bytes());
    let report = ReleaseReport {
        dir: dir.clone(),
        digest: manifest.digest.clone(),
        files: files.keys().cloned().collect(),
        previous: doc.released.last().map(|v| v.effective),
        changes: readiness.changes,
        dry_run: options.dry_run,
    };
    if options.dry_run {
        return Ok(report);
    }
    let mut ledger = doc.ledger.clone();
    ledger.push(Event::Released {
        version: effective,
        on: today,
        digest: manifest.digest,
        backdated: options.backdate.clone().filter(|_| effective < today),
    });
    write_version(root, &dir, files)?;
    ledger::write(root, slug, &ledger)?;
    Ok(report)
}

/// Makes the findings that block a release errors: translations still to
/// do, and translations left behind by a changed source text.
pub fn promote_for_release(diags: &mut Diagnostics) {
    diags.promote("untranslated");
    diags.promote("stale-translation");
}

/// What [`readiness`] found.
#[derive(Debug, Default)]
pub struct Readiness {
    /// Whether the draft says exactly what the latest version says.
    pub unchanged: bool,
    /// What changes from the latest version, per language.
    pub changes: Vec<(String, Counts)>,
    /// Date and change-summary problems.
    pub problems: Diagnostics,
}

/// Whether the draft uses the same messages as version `key`, with the same
/// Markdown, in `locale`.
fn same_words(localized: &Localized, doc: &Document, key: VersionKey, locale: &Locale) -> bool {
    same_words_between(
        (localized, doc, key),
        (localized, doc, VersionKey::Draft),
        locale,
    )
}

/// Whether two versions (of one site, or of a site before and after a
/// change) use the same messages with the same Markdown in `locale`: what a
/// plain-text comparison cannot see (emphasis, a link's target).
pub(crate) fn same_words_between(
    (a_words, a_doc, a_key): (&Localized, &Document, VersionKey),
    (b_words, b_doc, b_key): (&Localized, &Document, VersionKey),
    locale: &Locale,
) -> bool {
    let (Some(a), Some(b), Some(a_catalog), Some(b_catalog)) = (
        a_doc.version(a_key),
        b_doc.version(b_key),
        a_words.catalog(&a_doc.slug, a_key, locale),
        b_words.catalog(&b_doc.slug, b_key, locale),
    ) else {
        return false;
    };
    let ids = |v: &model::Version| -> Vec<String> {
        let mut ids: Vec<String> = v.message_refs().iter().map(|r| r.id.to_string()).collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let (before, after) = (ids(a), ids(b));
    before == after
        && after.iter().all(|id| {
            a_catalog.get(id).map(|m| m.text.clone()) == b_catalog.get(id).map(|m| m.text.clone())
        })
}

/// Where the draft's `effective:` is written.
fn effective_span(sources: &SiteSources, doc: &Document) -> Span {
    let Some(file) = sources.documents.get(&*doc.slug) else {
        return Span {
            file: Arc::from(doc.draft.source.as_path()),
            line: 0,
            column: 0,
            len: 0,
            source_line: None,
        };
    };
    let line = file
        .text
        .lines()
        .position(|l| l.starts_with("effective:"))
        .map_or(0, |i| i + 1);
    let column = file.line(line).map_or(1, |l| {
        l.len() - l["effective:".len()..].trim_start().len() + 1
    });
    file.span(line, column, 10)
}

/// The finding for a draft identical to the latest version.
pub fn unchanged_draft(sources: &SiteSources, doc: &Document) -> Diagnostic {
    let latest = doc
        .released
        .last()
        .map_or_else(String::new, |v| v.effective.to_string());
    Diagnostic::error(
        "unchanged-draft",
        format!(
            "the draft of `{}` says exactly what the version of {latest} says, in every language",
            doc.slug
        ),
    )
    .at(effective_span(sources, doc))
    .with_help("a new version must change the text: edit the draft first")
}

/// Everything that blocks releasing `doc`'s draft as the version of
/// `effective` on `today`, besides the draft's own errors and translations:
/// its date, its change summary, and whether it changes anything at all.
pub fn readiness(
    site: &Site,
    sources: &SiteSources,
    localized: &Localized,
    doc: &Document,
    effective: EffectiveDate,
    today: EffectiveDate,
    backdate: Option<&str>,
) -> Readiness {
    let mut out = Readiness::default();
    let slug = &doc.slug;
    let zone = site.settings.time_zone.name();
    let at_date = effective_span(sources, doc);

    // Dates (an unreadable one is reported where it is read).
    let latest = doc.released.last();
    let dated = doc.draft.effective_read;
    if let Some(latest) = latest
        && dated
        && effective <= latest.effective
    {
        out.problems.push(
            Diagnostic::error(
                "date-not-after-latest",
                format!(
                    "`{slug}` already has a version effective on {}; a new version must take effect after it",
                    latest.effective
                ),
            )
            .at(at_date.clone())
            .with_help(format!(
                "set `effective:` in {} to the day the new version takes effect",
                doc.draft.source.display()
            )),
        );
    }
    match doc.ledger.standing().get(&effective).filter(|_| dated) {
        Some(Standing::Withdrawn) | Some(Standing::MovedTo(_)) => out.problems.push(
            Diagnostic::error(
                "date-taken",
                format!("a version of `{slug}` announced for {effective} was withdrawn or postponed; its date stays in the record"),
            )
            .at(at_date.clone())
            .with_help("choose another effective date"),
        ),
        _ => {}
    }
    if dated && effective < today {
        match backdate.map(str::trim) {
            Some(reason) if !reason.is_empty() => {}
            _ => out.problems.push(
                Diagnostic::error(
                    "backdated-release",
                    format!(
                        "the effective date {effective} is before today ({today} in {zone}): the version would \
                         claim to have been in force before it was published"
                    ),
                )
                .at(at_date.clone())
                .with_help(
                    "choose today or a later day; to record a version that really was in force then (importing \
                     a policy's history from before charta), release with --backdate \"<why>\", which is recorded",
                ),
            ),
        }
    }

    // What changes, per language; identical in every language is no release.
    let previous = latest.map(|v| v.key);
    if let Some(key) = previous {
        let mut compared = 0;
        for locale in &site.settings.locales {
            let old = render::outline_of(site, localized, doc, key, locale);
            let new = render::outline_of(site, localized, doc, VersionKey::Draft, locale);
            if let (Some(old), Some(new)) = (old, new) {
                let diff = crate::diff::compare(&old, &new);
                if diff.is_unchanged() {
                    compared += 1;
                }
                out.changes.push((locale.to_string(), diff.counts()));
            }
        }
        // The comparison reads plain text; emphasis and links count too.
        out.unchanged = compared > 0
            && compared == site.settings.locales.len()
            && site
                .settings
                .locales
                .iter()
                .all(|l| same_words(localized, doc, key, l));
    }

    // Every language says what changed, and says it anew.
    for locale in &site.settings.locales {
        summary_problems(localized, doc, locale, previous, &mut out.problems);
    }
    out
}

/// Sections and clauses of the latest version whose id is gone from the
/// draft while a new id says much the same: most likely a rename, which
/// would break every link to the old anchor and show the comparison as a
/// removal and an addition. One warning per likely rename.
pub fn renamed_ids(site: &Site, sources: &SiteSources, localized: &Localized) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Some(source) = site.settings.locales.first() else {
        return diags;
    };
    for doc in &site.documents {
        let Some(latest) = doc.released.last() else {
            continue;
        };
        let old = render::outline_of(site, localized, doc, latest.key, source);
        let new = render::outline_of(site, localized, doc, VersionKey::Draft, source);
        let (Some(old), Some(new)) = (old, new) else {
            continue;
        };
        let old_texts = id_texts(&old);
        let new_texts = id_texts(&new);
        let kept: std::collections::BTreeSet<&str> = new
            .aliases
            .iter()
            .map(|(alias, _)| alias.as_str())
            .chain(new_texts.keys().map(String::as_str))
            .collect();
        for (old_key, old_text) in &old_texts {
            if kept.contains(old_key.as_str()) {
                continue;
            }
            let best = new_texts
                .iter()
                .filter(|(key, _)| {
                    !old_texts.contains_key(*key)
                        && key.starts_with("c:") == old_key.starts_with("c:")
                })
                .map(|(key, text)| (key, alike(old_text, text)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let Some((new_key, score)) = best else {
                continue;
            };
            if score < 0.6 {
                continue;
            }
            let (kind, old_id, new_id) =
                match (old_key.strip_prefix("c:"), new_key.strip_prefix("c:")) {
                    (Some(o), Some(n)) => ("clause", o, n),
                    _ => ("section", old_key.as_str(), new_key.as_str()),
                };
            let d = Diagnostic::warning(
                "renamed-id",
                format!(
                    "{kind} `{old_id}` of the {} version is gone from the draft, and `{new_id}` says much the same \
                     ({:.0}% alike): links to #{old_id} would break, and the comparison would show a removal and an addition",
                    latest.key,
                    score * 100.0
                ),
            )
            .with_help(format!(
                "if `{new_id}` is `{old_id}` renamed, keep the old id as an alias: under `id: {new_id}` add \
                 `aliases: [{old_id}]`; if it really is a new {kind}, nothing needs doing"
            ));
            diags.push(match id_span(sources, doc, new_id) {
                Some(span) => d.at(span),
                None => d.in_file(&doc.draft.source),
            });
        }
    }
    diags
}

/// The plain text of each section (by id) and each clause with an id (by
/// its unit key, `c:<id>`) of an outline.
fn id_texts(outline: &crate::diff::Outline) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for section in outline.sections.iter().filter(|s| !s.id.is_empty()) {
        let mut all = section.title.clone();
        for unit in &section.units {
            if let crate::diff::UnitBody::Text(text) = &unit.body {
                all.push('\n');
                all.push_str(text);
                if unit.key.starts_with("c:") && !unit.key.starts_with("c:#") {
                    out.insert(unit.key.clone(), text.clone());
                }
            }
        }
        out.insert(section.id.clone(), all);
    }
    out
}

/// How alike two texts are, 0 to 1: the Dice coefficient of their
/// character pairs, which works for Japanese and Korean as well as English.
fn alike(a: &str, b: &str) -> f64 {
    fn pairs(text: &str) -> BTreeMap<(char, char), usize> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut out = BTreeMap::new();
        for pair in chars.windows(2) {
            *out.entry((pair[0], pair[1])).or_insert(0) += 1;
        }
        out
    }
    let (a, b) = (pairs(a), pairs(b));
    let total: usize = a.values().sum::<usize>() + b.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = a
        .iter()
        .map(|(pair, n)| (*n).min(b.get(pair).copied().unwrap_or(0)))
        .sum();
    2.0 * shared as f64 / total as f64
}

/// Where `id: <id>` is written in the draft's YAML.
fn id_span(sources: &SiteSources, doc: &Document, id: &str) -> Option<Span> {
    let file = sources.documents.get(&*doc.slug)?;
    let (index, line) = file.text.lines().enumerate().find(|(_, l)| {
        let l = l.trim_start().trim_start_matches("- ");
        l.strip_prefix("id:").is_some_and(|rest| rest.trim() == id)
    })?;
    // The value, after the `id:` key (an id such as `d` also occurs in the key).
    let key_end = line.find("id:").map_or(0, |i| i + 3);
    let column = line[key_end..]
        .find(id)
        .map_or(1, |i| line[..key_end + i].chars().count() + 1);
    Some(file.span(index + 1, column, id.chars().count()))
}

fn summary_problems(
    localized: &Localized,
    doc: &Document,
    locale: &Locale,
    previous: Option<VersionKey>,
    diags: &mut Diagnostics,
) {
    let slug = &doc.slug;
    let ftl = format!("locales/{locale}/{slug}.ftl");
    let draft = localized
        .catalog(slug, VersionKey::Draft, locale)
        .and_then(|c| c.summary());
    let Some(summary) = draft else {
        diags.push(
            Diagnostic::error(
                "missing-summary",
                format!("`{RELEASE_SUMMARY}` is missing in {locale}"),
            )
            .in_file(&ftl)
            .with_help(format!(
                "add `{RELEASE_SUMMARY} = …` to {ftl}: one or two sentences on what this version changes"
            )),
        );
        return;
    };
    let before = previous
        .and_then(|key| localized.catalog(slug, key, locale))
        .and_then(|c| c.summary());
    if let (Some(before), Some(key)) = (before, previous)
        && before.text == summary.text
    {
        diags.push(
            Diagnostic::error(
                "stale-summary",
                format!("`{RELEASE_SUMMARY}` in {locale} is the same as in the version of {key}"),
            )
            .at(summary.origin())
            .with_help("write what this release changes"),
        );
    }
}

/// The files a version keeps: its structure (with the release's effective
/// date) and, per language, its words and the shared terms of `site.ftl`.
fn frozen_files(
    sources: &sources::SiteSources,
    doc: &model::Document,
    locales: &[model::Locale],
    effective: EffectiveDate,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let slug: &str = &doc.slug;
    let mut files = BTreeMap::new();
    let structure = sources
        .documents
        .get(slug)
        .ok_or_else(|| Error::Usage(format!("content/{slug}.yaml is missing")))?;
    files.insert(
        format!("{slug}.yaml"),
        with_effective_date(&structure.text, effective).into_bytes(),
    );
    for locale in locales {
        let words = sources.locales.get(locale.as_str());
        for stem in ["site", slug] {
            let file = words
                .and_then(|w| w.get(stem))
                .ok_or_else(|| Error::Usage(format!("locales/{locale}/{stem}.ftl is missing")))?;
            files.insert(
                format!("locales/{locale}/{stem}.ftl"),
                file.text.clone().into_bytes(),
            );
        }
    }
    Ok(files)
}

/// The YAML with its top-level `effective:` line set to the release date.
pub(crate) fn with_effective_date(yaml: &str, effective: EffectiveDate) -> String {
    let mut out = String::with_capacity(yaml.len());
    for line in yaml.split_inclusive('\n') {
        if line.starts_with("effective:") {
            let ending = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            out.push_str(&format!("effective: {effective}{ending}"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Writes a version's files beside its final place and renames the folder
/// into place, so that a failed release leaves nothing behind.
pub(crate) fn write_version(
    root: &Path,
    dir: &Path,
    files: BTreeMap<String, Vec<u8>>,
) -> Result<(), Error> {
    let parent = root.join(dir.parent().unwrap_or(Path::new("versions")));
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.releasing-{}", std::process::id()));
    let result = (|| {
        for (path, bytes) in &files {
            let target = staging.join(path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
            }
            fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
        }
        let target = root.join(dir);
        if target.exists() {
            return Err(Error::Usage(format!(
                "{} already exists; published versions are never overwritten",
                dir.display()
            )));
        }
        fs::rename(&staging, &target).map_err(|e| Error::io(&target, e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_line_is_replaced_and_nothing_else() {
        let date = EffectiveDate::parse("2027-01-01").unwrap();
        let yaml = "# c\ntitle: t\neffective: 2026-04-01\nsections: []\n  effective: nested\n";
        assert_eq!(
            with_effective_date(yaml, date),
            "# c\ntitle: t\neffective: 2027-01-01\nsections: []\n  effective: nested\n"
        );
    }
}
