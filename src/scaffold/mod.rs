//! `charta new <dir>`: a small working site to start from.
//!
//! A privacy policy in Japanese, Korean and English with every kind of block
//! a policy usually needs, and the editor schemas; it uses the built-in
//! theme (its single files can be overridden in `templates/` and `static/`). The
//! page wording is the example site's own, so the two never drift apart;
//! only the company's name is a placeholder.

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

/// Every file of a new site, by path relative to its folder.
pub fn files() -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = vec![
        (
            "content/site.yaml".into(),
            include_str!("site.yaml").to_owned(),
        ),
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
    ];
    for (lang, text, company) in SITE_FTL {
        let text: String = text
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
        out.push((format!("locales/{lang}/site.ftl").into(), text));
    }
    for (lang, text) in PRIVACY_FTL {
        out.push((
            format!("locales/{lang}/privacy.ftl").into(),
            (*text).to_owned(),
        ));
    }
    out
}

/// Writes a new site into `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<usize, Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; choose a new folder for the site",
                dir.display()
            )));
        }
    }
    let files = files();
    for (path, text) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&target, text).map_err(|e| Error::io(&target, e))?;
    }
    Ok(files.len())
}
