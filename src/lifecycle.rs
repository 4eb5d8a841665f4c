//! What can happen to a released version after its release, on record:
//! `charta postpone` moves an upcoming version to a later date, `charta
//! withdraw` takes it back before it takes effect, `charta add-translation`
//! freezes a new language's words into it, and `charta ledger init` starts
//! the record of a site made before charta kept one.
//!
//! Each appends to the document's [`ledger`](crate::ledger), which the
//! history page and the feed read; none touches a version in force.

use crate::date::{EffectiveDate, Today};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::frozen::{MANIFEST, Manifest};
use crate::ledger::{self, Event, Ledger};
use crate::model::{Document, Site};
use crate::release::{with_effective_date, write_version};
use crate::{model, sources};
use std::fs;
use std::path::{Path, PathBuf};

/// Which upcoming version, and what to do with it.
#[derive(Debug, Clone)]
pub struct ChangeOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The document.
    pub document: String,
    /// The version (its current effective date).
    pub version: EffectiveDate,
    /// Why; recorded in the ledger and shown on the history page.
    pub reason: String,
    /// The day that stands for today (in the site's legal time zone).
    pub today: Today,
}

/// What a postponement or withdrawal did.
#[derive(Debug, Clone)]
pub struct ChangeReport {
    /// The version's folder before.
    pub from: PathBuf,
    /// Its folder now (`None` when withdrawn).
    pub to: Option<PathBuf>,
    /// Whether the draft's planned `effective:` was moved along.
    pub draft_updated: bool,
}

/// A site whose record is sound, and today in its time zone.
fn load(
    root: &Path,
    slug: &str,
    today: Today,
) -> Result<
    (
        sources::SiteSources,
        Site,
        EffectiveDate,
        ledger::RecordLock,
    ),
    Error,
> {
    sources::read(root)?;
    let lock = ledger::RecordLock::acquire(root)?;
    let sources = sources::read(root)?;
    let (site, diags) = model::validate(&sources);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return Err(Error::Problems(diags));
    };
    let today = today.resolve(&site.settings.time_zone);
    document(&site, slug)?.ledger.check_day(today)?;
    Ok((sources, site, today, lock))
}

fn document<'s>(site: &'s Site, slug: &str) -> Result<&'s Document, Error> {
    site.documents
        .iter()
        .find(|d| &*d.slug == slug)
        .ok_or_else(|| Error::Usage(format!("there is no document `{slug}`")))
}

fn reason(text: &str) -> Result<String, Error> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(char::is_control) {
        return Err(Error::Usage(
            "give the reason as one line of text, e.g. --reason \"the regulator asked for more time\"".into(),
        ));
    }
    Ok(text.to_owned())
}

/// Checks that `version` is an upcoming version of `doc` on `today`.
fn upcoming(doc: &Document, version: EffectiveDate, today: EffectiveDate) -> Result<(), Error> {
    let slug = &doc.slug;
    if !doc.released.iter().any(|v| v.effective == version) {
        let known: Vec<String> = doc
            .released
            .iter()
            .map(|v| v.effective.to_string())
            .collect();
        return Err(Error::Usage(format!(
            "`{slug}` has no version {version}; its versions: {}",
            known.join(", ")
        )));
    }
    if version <= today {
        return Err(Error::Usage(format!(
            "version {version} of `{slug}` took effect on {version} (today is {today}): a version in force \
             can be neither postponed nor withdrawn; release a new version instead"
        )));
    }
    Ok(())
}

/// Moves an upcoming version to a later effective date.
pub fn postpone(options: &ChangeOptions, to: EffectiveDate) -> Result<ChangeReport, Error> {
    let slug = options.document.as_str();
    let reason = reason(&options.reason)?;
    let (sources, site, today, _lock) = load(&options.root, slug, options.today)?;
    let doc = document(&site, slug)?;
    let version = options.version;
    upcoming(doc, version, today)?;
    if let Some(v) = doc.released.iter().find(|v| v.effective == version)
        && !v.additions.is_empty()
    {
        let languages: Vec<&str> = v.additions.iter().map(|a| a.language.as_str()).collect();
        return Err(Error::Usage(format!(
            "version {version} of `{slug}` has translations added after its release ({}); it cannot be \
             postponed: withdraw it, and release the draft with the new date",
            languages.join(", ")
        )));
    }
    if to <= version {
        return Err(Error::Usage(format!(
            "{to} is not after {version}: postponing moves a version later; to bring it forward, withdraw it \
             and release the draft with the earlier date"
        )));
    }
    if let Some(next) = doc.released.iter().find(|v| v.effective > version)
        && to >= next.effective
    {
        return Err(Error::Usage(format!(
            "{to} is not before the next version, {}: versions keep their order; postpone that one first, \
             or withdraw one of them",
            next.effective
        )));
    }
    if doc.ledger.standing().contains_key(&to) {
        return Err(Error::Usage(format!(
            "a version of `{slug}` was already announced for {to}; its date stays in the record: choose another"
        )));
    }

    let old_dir = Path::new("versions").join(slug).join(version.to_string());
    let new_dir = Path::new("versions").join(slug).join(to.to_string());
    let folder = sources
        .versions
        .get(slug)
        .and_then(|f| f.get(&version.to_string()))
        .ok_or_else(|| Error::Usage(format!("{} is missing", old_dir.display())))?;
    let mut problems = Diagnostics::new();
    let mut files = folder.read(&options.root, &mut problems)?;
    if problems.has_errors() {
        return Err(Error::Problems(problems));
    }
    files.remove(MANIFEST);
    let structure = format!("{slug}.yaml");
    let yaml = files
        .get(&structure)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .ok_or_else(|| Error::Usage(format!("{} has no {structure}", old_dir.display())))?;
    files.insert(structure, with_effective_date(&yaml, to).into_bytes());
    let manifest = Manifest::new(to, &files);
    files.insert(MANIFEST.to_owned(), manifest.to_yaml().into_bytes());

    let mut ledger: Ledger = doc.ledger.clone();
    ledger.push(Event::Postponed {
        version,
        to,
        on: today,
        reason,
        digest: manifest.digest,
    });
    // New folder, then the record, then the old folder goes: a crash in
    // between leaves an error that names what to remove, never a lost text.
    write_version(&options.root, &new_dir, files)?;
    ledger::write(&options.root, slug, &ledger)?;
    let old = options.root.join(&old_dir);
    fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    let draft_updated = move_planned_date(&options.root, &sources, doc, version, to)?;
    Ok(ChangeReport {
        from: old_dir,
        to: Some(new_dir),
        draft_updated,
    })
}

/// Keeps the draft's planned date in step when it named the moved version's.
fn move_planned_date(
    root: &Path,
    sources: &sources::SiteSources,
    doc: &Document,
    from: EffectiveDate,
    to: EffectiveDate,
) -> Result<bool, Error> {
    if doc.draft.effective != from {
        return Ok(false);
    }
    let Some(file) = sources.documents.get(&*doc.slug) else {
        return Ok(false);
    };
    let path = root.join(&file.path);
    fs::write(&path, with_effective_date(&file.text, to)).map_err(|e| Error::io(&path, e))?;
    Ok(true)
}

/// Takes back an upcoming version before it takes effect. Its folder is
/// removed; the ledger keeps its date, digest, the day and the reason, and
/// the repository's history keeps its text.
pub fn withdraw(options: &ChangeOptions) -> Result<ChangeReport, Error> {
    let slug = options.document.as_str();
    let reason = reason(&options.reason)?;
    let (_, site, today, _lock) = load(&options.root, slug, options.today)?;
    let doc = document(&site, slug)?;
    let version = options.version;
    upcoming(doc, version, today)?;
    let mut ledger = doc.ledger.clone();
    ledger.push(Event::Withdrawn {
        version,
        on: today,
        reason,
    });
    let dir = Path::new("versions").join(slug).join(version.to_string());
    ledger::write(&options.root, slug, &ledger)?;
    let full = options.root.join(&dir);
    fs::remove_dir_all(&full).map_err(|e| Error::io(&full, e))?;
    Ok(ChangeReport {
        from: dir,
        to: None,
        draft_updated: false,
    })
}

/// Starts the ledger of each named document (every document when none is
/// named) from the versions it has now. Refuses where a ledger exists.
pub fn init_ledgers(
    root: &Path,
    documents: &[String],
    today: Today,
) -> Result<Vec<(String, usize)>, Error> {
    sources::read(root)?;
    let _lock = ledger::RecordLock::acquire(root)?;
    let sources = sources::read(root)?;
    let (site, diags) = model::validate(&sources);
    let Some(site) = site else {
        return Err(Error::Problems(diags));
    };
    // Everything but the missing ledgers themselves must be sound.
    let mut blocking = Diagnostics::new();
    for d in diags.iter().filter(|d| d.code != "missing-ledger") {
        blocking.push(d.clone());
    }
    if blocking.has_errors() {
        return Err(Error::Problems(blocking));
    }
    let today = today.resolve(&site.settings.time_zone);
    for slug in documents {
        if !site.documents.iter().any(|d| *d.slug == **slug) {
            return Err(Error::Usage(format!("there is no document `{slug}`")));
        }
        if sources.ledgers.contains_key(slug) {
            return Err(Error::Usage(format!(
                "versions/{slug}/{} exists already; a ledger is started once",
                ledger::LEDGER
            )));
        }
    }
    // Named or not, only documents without a ledger get one: all checked
    // before anything is written.
    let mut started = Vec::new();
    for doc in &site.documents {
        if (!documents.is_empty() && !documents.iter().any(|d| *d == *doc.slug))
            || sources.ledgers.contains_key(&*doc.slug)
        {
            continue;
        }
        let mut ledger = Ledger::new(&doc.slug);
        for version in &doc.released {
            ledger.push(Event::Recorded {
                version: version.effective,
                on: today,
                digest: version.digest.clone().unwrap_or_default(),
            });
        }
        if ledger.is_empty() {
            continue;
        }
        ledger::write(root, &doc.slug, &ledger)?;
        started.push((doc.slug.to_string(), doc.released.len()));
    }
    Ok(started)
}

/// Which translation to freeze into which version.
#[derive(Debug, Clone)]
pub struct TranslationOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The document.
    pub document: String,
    /// The language added (one of the site's `languages`).
    pub language: String,
    /// The version; the one in force when `None`.
    pub version: Option<EffectiveDate>,
    /// A folder holding the translation of that version (`<doc>.ftl`, and
    /// optionally `site.ftl`); `locales/<lang>/` when `None`.
    pub from: Option<PathBuf>,
    /// The day that stands for today (in the site's legal time zone).
    pub today: Today,
    /// Check and report, but write nothing.
    pub dry_run: bool,
}

/// What adding a translation did.
#[derive(Debug, Clone)]
pub struct TranslationReport {
    /// The version.
    pub version: EffectiveDate,
    /// The files written (or that would be), relative to the root.
    pub files: Vec<PathBuf>,
    /// The digest recorded in the ledger.
    pub digest: String,
    /// Whether nothing was written.
    pub dry_run: bool,
}

/// Freezes a language's translation into a released version, as its own
/// digest-checked addition recorded in the ledger: the version's released
/// files, digest and date do not change. The translation must be complete
/// and build cleanly; with the draft's words (no `from`), they must
/// translate the version's own text, not a later draft's.
pub fn add_translation(options: &TranslationOptions) -> Result<TranslationReport, Error> {
    let slug = options.document.as_str();
    let language = options.language.as_str();
    let root = &options.root;
    let (_sources, site, today, _lock) = load(root, slug, options.today)?;
    let doc = document(&site, slug)?;
    let Some(locale) = site
        .settings
        .locales
        .iter()
        .find(|l| l.as_str() == language)
    else {
        return Err(Error::Usage(format!(
            "`{language}` is not one of the site's languages; add it to `languages:` in content/site.yaml first"
        )));
    };
    let version = match options.version {
        Some(date) => doc
            .released
            .iter()
            .find(|v| v.effective == date)
            .ok_or_else(|| Error::Usage(format!("`{slug}` has no version {date}")))?,
        None => doc.current(today).ok_or_else(|| {
            Error::Usage(format!(
                "`{slug}` has no version in force on {today}; name the version with --version"
            ))
        })?,
    };
    let effective = version.effective;
    let crate::model::Words::Frozen { files: known, .. } = &version.words else {
        return Err(Error::Usage("the draft is not a released version".into()));
    };
    if known.contains_key(format!("locales/{language}/{slug}.ftl").as_str()) {
        return Err(Error::Usage(format!(
            "version {effective} of `{slug}` already has a {language} translation; published words are frozen: \
             correct them in a new release"
        )));
    }
    // The words, as they will be frozen.
    let draft_dir = Path::new("locales").join(language);
    let from = options
        .from
        .clone()
        .unwrap_or_else(|| root.join(&draft_dir));
    let read = |name: &str, fallback: bool| -> Result<Vec<u8>, Error> {
        let path = from.join(name);
        match fs::read(&path) {
            Ok(bytes) => Ok(bytes),
            Err(e) if fallback && e.kind() == std::io::ErrorKind::NotFound => {
                let draft = root.join(&draft_dir).join(name);
                fs::read(&draft).map_err(|e| Error::io(&draft, e))
            }
            Err(e) => Err(Error::io(&path, e)),
        }
    };
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        format!("locales/{language}/{slug}.ftl"),
        read(&format!("{slug}.ftl"), false)?,
    );
    files.insert(
        format!("locales/{language}/site.ftl"),
        read("site.ftl", true)?,
    );
    if options.from.is_none() {
        same_source_text(root, &site, doc, effective, locale)?;
    }
    let addition = crate::frozen::Addition::new(language, today, &files);
    let dir = Path::new("versions").join(slug).join(effective.to_string());
    let manifest = crate::frozen::addition_manifest(language);
    let mut written: Vec<PathBuf> = files.keys().map(|p| dir.join(p)).collect();
    written.push(dir.join(&manifest));

    // Checked as published: written into the version, built, and taken out
    // again when anything new is wrong (or on a dry run).
    let before = problems_of(root)?;
    files.insert(manifest, addition.to_yaml().into_bytes());
    for (path, bytes) in &files {
        let target = root.join(&dir).join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
    }
    let take_out = || {
        for path in &written {
            let _ = fs::remove_file(root.join(path));
        }
        let _ = fs::remove_dir(root.join(&dir).join("locales").join(language));
    };
    let after = match problems_of(root) {
        Ok(after) => after,
        Err(e) => {
            take_out();
            return Err(e);
        }
    };
    let mut new_problems = Diagnostics::new();
    for problem in after {
        let expected = problem.code == "unrecorded-translation";
        if !expected
            && problem.severity == crate::diagnostic::Severity::Error
            && !before.contains(&problem)
        {
            new_problems.push(problem);
        }
    }
    let complete = new_problems.is_empty();
    if !complete || options.dry_run {
        take_out();
        if !complete {
            return Err(Error::Problems(new_problems));
        }
    }
    if !options.dry_run {
        let mut ledger = doc.ledger.clone();
        ledger.push(Event::Translated {
            version: effective,
            language: language.to_owned(),
            on: today,
            digest: addition.digest.clone(),
        });
        if let Err(e) = ledger::write(root, slug, &ledger) {
            take_out();
            return Err(e);
        }
    }
    Ok(TranslationReport {
        version: effective,
        files: written,
        digest: addition.digest,
        dry_run: options.dry_run,
    })
}

/// Everything a check of the site finds (to tell new problems from old).
fn problems_of(root: &Path) -> Result<Vec<crate::diagnostic::Diagnostic>, Error> {
    let options = crate::pipeline::RunOptions::default();
    let (checked, _) =
        crate::pipeline::Pipeline::run(root, &options, crate::render::Pages::discarding())?;
    Ok(checked.diagnostics.into_sorted())
}

/// Refuses the draft's words for a version whose source text has changed
/// since: they translate the newer text.
fn same_source_text(
    root: &Path,
    site: &Site,
    doc: &Document,
    effective: EffectiveDate,
    locale: &crate::model::Locale,
) -> Result<(), Error> {
    let Some(source) = site.settings.locales.first() else {
        return Ok(());
    };
    let mut pipeline = crate::pipeline::Pipeline::model(root, None)?;
    let Some(localized) = pipeline.localize() else {
        return Ok(());
    };
    let key = crate::model::VersionKey::Released(effective);
    let (Some(released), Some(draft)) = (
        localized.catalog(&doc.slug, key, source),
        localized.catalog(&doc.slug, crate::model::VersionKey::Draft, source),
    ) else {
        return Ok(());
    };
    let Some(version) = doc.released.iter().find(|v| v.effective == effective) else {
        return Ok(());
    };
    let mut changed: Vec<String> = version
        .message_refs()
        .iter()
        .map(|r| r.id.to_string())
        .filter(|id| {
            released.get(id).map(|m| m.text.clone()) != draft.get(id).map(|m| m.text.clone())
        })
        .collect();
    changed.sort();
    changed.dedup();
    if changed.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = changed.iter().take(5).map(String::as_str).collect();
    Err(Error::Usage(format!(
        "the {locale} words in locales/{locale}/ translate the draft, and the {source} text of {} message(s) \
         changed since version {effective} ({}{}); put the translation of the {effective} text in a folder and \
         pass it with --from <folder>",
        changed.len(),
        shown.join(", "),
        if changed.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    )))
}
