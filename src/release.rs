//! `charta release`: freeze a document's working draft as a new version.
//!
//! Runs the whole build on the draft first; only a draft without a single
//! problem, translated into every language and with a change summary, is
//! copied into `versions/<doc>/<date>/` with its manifest. The copy is
//! written beside its final place and renamed into it, so a failed release
//! leaves nothing behind.

use crate::date::EffectiveDate;
use crate::diagnostic::Diagnostic;
use crate::frozen::{MANIFEST, Manifest};
use crate::localize::RELEASE_SUMMARY;
use crate::model::VersionKey;
use crate::{Error, localize, model, render, sources};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What `charta release` is asked to do.
#[derive(Debug, Clone)]
pub struct ReleaseOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The document to release (`privacy`).
    pub document: String,
    /// The day the new version takes effect.
    pub effective: EffectiveDate,
}

/// What a release wrote.
#[derive(Debug, Clone)]
pub struct ReleaseReport {
    /// The new version's folder, relative to the root.
    pub dir: PathBuf,
    /// Its content digest.
    pub digest: String,
    /// How many files it holds (the manifest included).
    pub files: usize,
}

/// Freezes the draft of `options.document` as the version effective on `options.effective`.
pub fn release(options: &ReleaseOptions) -> Result<ReleaseReport, Error> {
    let root = &options.root;
    let slug = &options.document;
    let sources = sources::read(root)?;

    let (site, mut diags) = model::validate(&sources);
    let Some(site) = site else {
        return Err(Error::Problems(diags));
    };
    let Some(doc) = site.documents.iter().find(|d| &d.slug == slug) else {
        if diags.has_errors() {
            return Err(Error::Problems(diags));
        }
        let known: Vec<&str> = site.documents.iter().map(|d| d.slug.as_str()).collect();
        return Err(Error::Usage(format!(
            "there is no document `{slug}`; the site has: {}",
            known.join(", ")
        )));
    };
    if let Some(latest) = doc.released.last()
        && options.effective <= latest.effective
    {
        return Err(Error::Usage(format!(
            "{slug} already has a version effective on {}; a new version must take effect after it",
            latest.effective
        )));
    }
    let dir = Path::new("versions")
        .join(slug)
        .join(options.effective.to_string());
    if root.join(&dir).exists() {
        return Err(Error::Usage(format!(
            "{} already exists; published versions are never overwritten",
            dir.display()
        )));
    }

    // The draft must build cleanly, as it would be published.
    let (localized, found) = localize::localize(&site, &sources);
    diags.extend(found);
    let options_for_render = render::RenderOptions {
        today: options.effective,
        drafts: true,
    };
    let (_, found, _) = render::render(
        &site,
        &localized,
        &sources,
        options_for_render,
        render::Pages::in_memory(),
    );
    diags.extend(found);

    // Every language says what changed, and says it anew.
    let previous = doc.released.last().map(|v| v.key);
    for locale in &site.settings.locales {
        let ftl = format!("locales/{locale}/{slug}.ftl");
        let draft = localized
            .catalog(slug, VersionKey::Draft, locale)
            .and_then(|c| c.summary());
        let Some(summary) = draft else {
            diags.push(
                Diagnostic::error("missing-summary", format!("`{RELEASE_SUMMARY}` is missing in {locale}"))
                    .in_file(&ftl)
                    .with_help(format!(
                        "add `{RELEASE_SUMMARY} = …` to {ftl}: one or two sentences on what this version changes"
                    )),
            );
            continue;
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
                    format!(
                        "`{RELEASE_SUMMARY}` in {locale} is the same as in the version of {key}"
                    ),
                )
                .at(summary.origin())
                .with_help("write what this release changes"),
            );
        }
    }
    // A release is complete: every translation is done.
    diags.promote("untranslated");
    if diags.has_errors() {
        return Err(Error::Problems(diags));
    }

    let files = frozen_files(&sources, doc, &site.settings.locales, options.effective)?;
    write_version(root, &dir, options.effective, files)
}

/// The files a version keeps: its structure (with the release's effective
/// date) and, per language, its words and the shared terms of `site.ftl`.
fn frozen_files(
    sources: &sources::SiteSources,
    doc: &model::Document,
    locales: &[model::Locale],
    effective: EffectiveDate,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let slug = &doc.slug;
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
        for stem in ["site", slug.as_str()] {
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
fn with_effective_date(yaml: &str, effective: EffectiveDate) -> String {
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

fn write_version(
    root: &Path,
    dir: &Path,
    effective: EffectiveDate,
    mut files: BTreeMap<String, Vec<u8>>,
) -> Result<ReleaseReport, Error> {
    let manifest = Manifest::new(effective, &files);
    files.insert(MANIFEST.to_owned(), manifest.to_yaml().into_bytes());
    let parent = root.join(dir.parent().unwrap_or(Path::new("versions")));
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let staging = parent.join(format!(".{effective}.releasing-{}", std::process::id()));
    let result = (|| {
        for (path, bytes) in &files {
            let target = staging.join(path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
            }
            fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
        }
        let target = root.join(dir);
        fs::rename(&staging, &target).map_err(|e| Error::io(&target, e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result?;
    Ok(ReleaseReport {
        dir: dir.to_path_buf(),
        digest: manifest.digest,
        files: files.len(),
    })
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
