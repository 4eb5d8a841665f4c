//! `charta new <dir>`: a policy repository to start from, ready for GitHub.
//!
//! A privacy policy with every kind of block a policy usually needs, in the
//! languages asked for (starter words in Japanese, Korean and English; any
//! other language starts from the English page wording, to translate), the
//! editor schemas, a `.gitignore`, a README for the legal team, and the
//! workflows that check pull requests and publish to GitHub Pages on time.
//! It uses the built-in theme (its single files can be overridden in
//! `templates/` and `static/`). The page wording is the example site's own,
//! so the two never drift apart; only the company's name is a placeholder.

use crate::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// Page wording by language, from the example site; `-company` is replaced.
const SITE_FTL: &[(&str, &str, &str)] = &[
    (
        "ja",
        include_str!("../../locales/ja/site.ftl"),
        "株式会社サンプル",
    ),
    (
        "ko",
        include_str!("../../locales/ko/site.ftl"),
        "주식회사 샘플",
    ),
    (
        "en",
        include_str!("../../locales/en/site.ftl"),
        "Example Inc.",
    ),
];

const PRIVACY_FTL: &[(&str, &str)] = &[
    ("ja", include_str!("privacy.ja.ftl")),
    ("ko", include_str!("privacy.ko.ftl")),
    ("en", include_str!("privacy.en.ftl")),
];

/// The repository whose releases and action a new site's workflow uses.
pub const REPOSITORY: &str = "charta-policies/charta";

/// What a new site is made with.
#[derive(Debug, Clone)]
pub struct NewSite {
    /// Its languages, the source language first.
    pub languages: Vec<String>,
}

impl Default for NewSite {
    fn default() -> Self {
        NewSite {
            languages: ["ja", "ko", "en"].map(str::to_owned).to_vec(),
        }
    }
}

/// Every file of a new site, by path relative to its folder.
pub fn files(options: &NewSite) -> Result<Vec<(PathBuf, String)>, Error> {
    let languages = &options.languages;
    if languages.is_empty() {
        return Err(Error::Usage(
            "name at least one language, e.g. --languages ja,en".into(),
        ));
    }
    for (i, tag) in languages.iter().enumerate() {
        if tag.parse::<unic_langid::LanguageIdentifier>().is_err() || tag.contains('_') {
            return Err(Error::Usage(format!(
                "`{tag}` is not a language tag; write tags such as ja, ko, en, de or zh-Hant"
            )));
        }
        if languages[..i].contains(tag) {
            return Err(Error::Usage(format!("`{tag}` is named twice")));
        }
    }
    let time_zone = "Asia/Tokyo";
    let run = crate::date::LegalTimeZone::named(time_zone)
        .map(|zone| zone.daily_run())
        .ok_or_else(|| Error::Usage(format!("unknown time zone {time_zone}")))?;
    let fill = |text: &str| {
        text.replace("@@REPOSITORY@@", REPOSITORY)
            .replace("@@VERSION@@", env!("CARGO_PKG_VERSION"))
            .replace("@@CRON@@", &run.cron)
            .replace("@@LOCAL@@", &run.local)
            .replace("@@LANGUAGES@@", &languages.join(", "))
    };
    let site_yaml = include_str!("site.yaml").replace(
        "languages: [ja, ko, en]",
        &format!("languages: [{}]", languages.join(", ")),
    );
    let mut out: Vec<(PathBuf, String)> = vec![
        ("content/site.yaml".into(), site_yaml),
        (
            "content/privacy.yaml".into(),
            include_str!("privacy.yaml").to_owned(),
        ),
        (
            "schema/document.schema.json".into(),
            crate::schema::DOCUMENT.to_owned(),
        ),
        (
            "schema/site.schema.json".into(),
            crate::schema::SITE.to_owned(),
        ),
        (
            "versions/README.md".into(),
            include_str!("../../versions/README.md").to_owned(),
        ),
        (".gitignore".into(), include_str!("gitignore").to_owned()),
        ("README.md".into(), fill(include_str!("README.site.md"))),
        (
            ".github/workflows/policies.yml".into(),
            fill(include_str!("policies.yml")),
        ),
        (
            ".github/workflows/policies-comment.yml".into(),
            include_str!("policies-comment.yml").to_owned(),
        ),
    ];
    for (i, lang) in languages.iter().enumerate() {
        let starter = SITE_FTL.iter().find(|(l, _, _)| l == lang);
        let (site, company) = match starter {
            Some((_, text, company)) => ((*text).to_owned(), *company),
            None => (
                format!(
                    "# Page wording for {lang}: translate every message below from English.\n{}",
                    SITE_FTL[2].1
                ),
                SITE_FTL[2].2,
            ),
        };
        let site: String = site
            .lines()
            .map(|l| {
                if l.starts_with("-company =") {
                    format!("-company = {company}")
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        out.push((format!("locales/{lang}/site.ftl").into(), site));
        let words = match PRIVACY_FTL.iter().find(|(l, _)| l == lang) {
            Some((_, text)) => (*text).to_owned(),
            // The source language needs words to build; others start empty,
            // and `charta check` lists what to translate.
            None if i == 0 => format!(
                "# Starter text in English: replace it with the {lang} text.\n{}",
                PRIVACY_FTL[2].1
            ),
            None => {
                format!("# The privacy policy in {lang}: `charta check` lists what to translate.\n")
            }
        };
        out.push((format!("locales/{lang}/privacy.ftl").into(), words));
    }
    Ok(out)
}

/// Writes a new site into `dir`, which must not exist or be empty.
pub fn create(dir: &Path, options: &NewSite) -> Result<usize, Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; choose a new folder for the site",
                dir.display()
            )));
        }
    }
    let files = files(options)?;
    for (path, text) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&target, text).map_err(|e| Error::io(&target, e))?;
    }
    Ok(files.len())
}
