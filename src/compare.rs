//! `charta diff`: compare two versions of a document, for review.
//!
//! Runs the pipeline up to localization (nothing is written), reduces both
//! versions to outlines in one language and compares them with
//! [`crate::diff::compare`] — the same comparison as the site's diff pages.

use crate::date::EffectiveDate;
use crate::diff::DocumentDiff;
use crate::error::Error;
use crate::model::{Locale, VersionKey};
use crate::render;
use serde::Serialize;
use std::path::PathBuf;

/// What `charta diff` is asked to compare.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The document.
    pub document: String,
    /// The older version: a date or `draft`.
    pub from: String,
    /// The newer version: a date or `draft`.
    pub to: String,
    /// The language; the site's source language when `None`.
    pub lang: Option<String>,
}

/// A comparison with what it compares.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The document.
    pub document: String,
    /// The language.
    pub language: String,
    /// The older version.
    pub from: String,
    /// The newer version.
    pub to: String,
    /// What changed.
    pub diff: DocumentDiff,
}

fn version_key(text: &str) -> Result<VersionKey, Error> {
    if text == "draft" {
        return Ok(VersionKey::Draft);
    }
    EffectiveDate::parse(text)
        .map(VersionKey::Released)
        .map_err(|e| Error::Usage(format!("{e}; a version is a date (YYYY-MM-DD) or `draft`")))
}

/// Compares two versions of a document in one language.
pub fn compare(options: &CompareOptions) -> Result<Comparison, Error> {
    let from = version_key(&options.from)?;
    let to = version_key(&options.to)?;
    let mut pipeline = crate::pipeline::Pipeline::model(&options.root, None)?;
    pipeline.localize();
    let (Some(site), Some(localized)) = (&pipeline.site, &pipeline.localized) else {
        return Err(Error::Problems(pipeline.diagnostics));
    };
    if pipeline.diagnostics.has_errors() {
        return Err(Error::Problems(pipeline.diagnostics));
    }
    let doc = site
        .documents
        .iter()
        .find(|d| *d.slug == *options.document)
        .ok_or_else(|| Error::Usage(format!("there is no document `{}`", options.document)))?;
    let locale: Locale = match &options.lang {
        Some(lang) => site
            .settings
            .locales
            .iter()
            .find(|l| l.as_str() == lang)
            .cloned()
            .ok_or_else(|| Error::Usage(format!("the site has no language `{lang}`")))?,
        None => site
            .settings
            .locales
            .first()
            .cloned()
            .ok_or_else(|| Error::Usage("the site has no languages".to_owned()))?,
    };
    let outline = |key: VersionKey| {
        render::outline_of(site, localized, doc, key, &locale).ok_or_else(|| {
            let known: Vec<String> = doc.released.iter().map(|v| v.key.to_string()).collect();
            Error::Usage(format!(
                "{} has no version `{key}` in {locale}; its versions: {}, draft",
                doc.slug,
                known.join(", ")
            ))
        })
    };
    let (old, new) = (outline(from)?, outline(to)?);
    Ok(Comparison {
        document: doc.slug.to_string(),
        language: locale.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        diff: crate::diff::compare(&old, &new),
    })
}
