//! Published versions are frozen: their manifest, digests and integrity check.
//!
//! `charta release` copies a document's draft into `versions/<doc>/<date>/`
//! and writes `release.yaml`, a manifest with the effective date, a SHA-256
//! digest of every file and one digest over all of them. Every build checks
//! each version against its manifest, so a published text can never change
//! unnoticed: an edited, added or removed file is an error naming it.

use crate::date::EffectiveDate;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The manifest's file name inside a version folder.
pub const MANIFEST: &str = "release.yaml";

/// What `release.yaml` records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The day the version takes effect.
    pub effective: EffectiveDate,
    /// `sha256:<hex>` over every file released (see [`digest`]).
    pub digest: String,
    /// `sha256:<hex>` of each file, by path relative to the version folder.
    pub files: BTreeMap<String, String>,
    /// Translations frozen into the version after its release.
    pub additions: Vec<Addition>,
}

/// A translation added to a released version later (`charta
/// add-translation`): its own files under `locales/<lang>/` and its own
/// manifest, `added-<lang>.yaml`, so that the version's released files and
/// digest stay exactly as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition {
    /// The language added.
    pub language: String,
    /// The day it was added.
    pub added: EffectiveDate,
    /// `sha256:<hex>` over its files.
    pub digest: String,
    /// `sha256:<hex>` of each of its files, by path relative to the version folder.
    pub files: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAddition {
    language: String,
    added: String,
    digest: String,
    files: BTreeMap<String, String>,
}

/// The file name of the manifest of a translation added later.
pub fn addition_manifest(language: &str) -> String {
    format!("added-{language}.yaml")
}

impl Addition {
    /// The addition of `language` made of `files` (paths relative to the version folder).
    pub fn new(
        language: &str,
        added: EffectiveDate,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> Addition {
        Addition {
            language: language.to_owned(),
            added,
            digest: digest(files),
            files: files
                .iter()
                .map(|(p, b)| (p.clone(), file_digest(b)))
                .collect(),
        }
    }

    /// The text of `added-<lang>.yaml`.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# Written by `charta add-translation`. Do not edit: every build checks this translation against it.\n",
        );
        let _ = writeln!(out, "language: {}", self.language);
        let _ = writeln!(out, "added: {}", self.added);
        let _ = writeln!(out, "digest: {}", self.digest);
        out.push_str("files:\n");
        for (path, digest) in &self.files {
            let _ = writeln!(out, "  \"{path}\": {digest}");
        }
        out
    }
}

/// The files of a version as released: without its manifest, and without
/// the translations added later and their manifests.
pub fn released_files(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let added: Vec<String> = files
        .keys()
        .filter_map(|p| addition_language(p))
        .map(|lang| format!("locales/{lang}/"))
        .collect();
    files
        .iter()
        .filter(|(p, _)| {
            p.as_str() != MANIFEST
                && addition_language(p).is_none()
                && !added.iter().any(|prefix| p.starts_with(prefix.as_str()))
        })
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

/// The language of an addition's manifest (`added-de.yaml` → `de`).
fn addition_language(path: &str) -> Option<&str> {
    path.strip_prefix("added-")?
        .strip_suffix(".yaml")
        .filter(|l| !l.is_empty() && !l.contains('/'))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    effective: String,
    digest: String,
    files: BTreeMap<String, String>,
}

/// The digest of one file: `sha256:<hex>`.
pub fn file_digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The digest of a version: SHA-256 over each file's path, length and bytes,
/// in path order (the manifest itself excluded), so that renaming, moving or
/// editing any file changes it.
pub fn digest(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.as_str() != MANIFEST) {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::from("sha256:");
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

impl Manifest {
    /// The manifest of a version made of `files` (the manifest excluded).
    pub fn new(effective: EffectiveDate, files: &BTreeMap<String, Vec<u8>>) -> Manifest {
        Manifest {
            effective,
            digest: digest(files),
            files: files
                .iter()
                .filter(|(p, _)| p.as_str() != MANIFEST)
                .map(|(p, b)| (p.clone(), file_digest(b)))
                .collect(),
            additions: Vec::new(),
        }
    }

    /// The text of `release.yaml`.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# Written by `charta release`. Do not edit: every build checks this version against it.\n",
        );
        let _ = writeln!(out, "effective: {}", self.effective);
        let _ = writeln!(out, "digest: {}", self.digest);
        out.push_str("files:\n");
        for (path, digest) in &self.files {
            let _ = writeln!(out, "  \"{path}\": {digest}");
        }
        out
    }
}

/// Checks a version folder against its manifest. `folder` is its name (the
/// effective date); the diagnostics name the version and the file.
pub fn check(
    dir: &Path,
    folder: &str,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Manifest, Diagnostics> {
    let mut diags = Diagnostics::new();
    let version = dir.display().to_string();
    let manifest_path = dir.join(MANIFEST);
    let Some(bytes) = files.get(MANIFEST) else {
        diags.push(
            Diagnostic::error("tampered-version", format!("version {version} has no {MANIFEST}"))
                .in_file(&manifest_path)
                .with_help("published versions are made by `charta release`; restore the folder from version control"),
        );
        return Err(diags);
    };
    let file = SourceFile::new(
        manifest_path.clone(),
        String::from_utf8_lossy(bytes).into_owned(),
    );
    let raw: RawManifest = match serde_saphyr::from_str(&file.text) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.location();
            let d = Diagnostic::error(
                "tampered-version",
                format!("{MANIFEST} of version {version} cannot be read"),
            )
            .with_help("restore it from version control; it is written by `charta release`");
            diags.push(match at {
                Some(at) if at.line() > 0 => {
                    d.at(file.span(at.line() as usize, at.column() as usize, 1))
                }
                _ => d.in_file(&manifest_path),
            });
            return Err(diags);
        }
    };
    let effective = match EffectiveDate::parse(raw.effective.trim()) {
        Ok(date) if date.to_string() == folder => date,
        _ => {
            diags.push(
                Diagnostic::error(
                    "tampered-version",
                    format!("version {version}: the folder name and the effective date `{}` in {MANIFEST} differ", raw.effective),
                )
                .in_file(&manifest_path)
                .with_help("a version's folder is named after its effective date; restore the folder from version control"),
            );
            return Err(diags);
        }
    };
    let additions = check_additions(dir, &version, files, &mut diags);
    let released = released_files(files);
    let files = &released;
    for (path, bytes) in files {
        match raw.files.get(path) {
            None => diags.push(
                Diagnostic::error("tampered-version", format!("{path} was added to version {version} after it was released"))
                    .in_file(dir.join(path))
                    .with_help("published versions are frozen; remove the file, and make changes in a new release"),
            ),
            Some(recorded) if *recorded != file_digest(bytes) => diags.push(
                Diagnostic::error("tampered-version", format!("{path} of version {version} was changed after it was released"))
                    .in_file(dir.join(path))
                    .with_help(
                        "published versions are frozen; undo the change (e.g. `git checkout -- <file>`), \
                         and make changes in content/ and locales/ for a new release",
                    ),
            ),
            Some(_) => {}
        }
    }
    for path in raw.files.keys().filter(|p| !files.contains_key(*p)) {
        diags.push(
            Diagnostic::error(
                "tampered-version",
                format!("{path} was removed from version {version} after it was released"),
            )
            .in_file(dir.join(path))
            .with_help("published versions are frozen; restore the file from version control"),
        );
    }
    let actual = digest(files);
    if diags.is_empty() && actual != raw.digest {
        diags.push(
            Diagnostic::error(
                "tampered-version",
                format!("the digest of version {version} does not match {MANIFEST}"),
            )
            .in_file(&manifest_path)
            .with_help("restore the version folder from version control"),
        );
    }
    if diags.is_empty() {
        Ok(Manifest {
            effective,
            digest: actual,
            files: raw.files,
            additions,
        })
    } else {
        Err(diags)
    }
}

/// Checks the translations added to a version against their manifests.
fn check_additions(
    dir: &Path,
    version: &str,
    files: &BTreeMap<String, Vec<u8>>,
    diags: &mut Diagnostics,
) -> Vec<Addition> {
    let mut additions = Vec::new();
    for (name, bytes) in files {
        let Some(language) = addition_language(name) else {
            continue;
        };
        let path = dir.join(name);
        let restore = "a translation added later is frozen like the version; restore the files from version control";
        let file = SourceFile::new(path.clone(), String::from_utf8_lossy(bytes).into_owned());
        let raw: RawAddition = match serde_saphyr::from_str(&file.text) {
            Ok(raw) => raw,
            Err(e) => {
                let d = Diagnostic::error(
                    "tampered-version",
                    format!("{name} of version {version} cannot be read"),
                )
                .with_help(restore);
                diags.push(match e.location() {
                    Some(at) if at.line() > 0 => {
                        d.at(file.span(at.line() as usize, at.column() as usize, 1))
                    }
                    _ => d.in_file(&path),
                });
                continue;
            }
        };
        let Ok(added) = EffectiveDate::parse(raw.added.trim()) else {
            diags.push(
                Diagnostic::error(
                    "tampered-version",
                    format!("{name} of version {version}: `added` is not a date"),
                )
                .in_file(&path)
                .with_help(restore),
            );
            continue;
        };
        let prefix = format!("locales/{language}/");
        let mut own = BTreeMap::new();
        let before = diags.len();
        if raw.language != language {
            diags.push(
                Diagnostic::error(
                    "tampered-version",
                    format!(
                        "{name} of version {version} names the language `{}`",
                        raw.language
                    ),
                )
                .in_file(&path)
                .with_help(restore),
            );
        }
        for (listed, recorded) in &raw.files {
            match files.get(listed) {
                _ if !listed.starts_with(&prefix) => diags.push(
                    Diagnostic::error("tampered-version", format!("{name} of version {version} lists {listed}, outside {prefix}"))
                        .in_file(&path)
                        .with_help(restore),
                ),
                None => diags.push(
                    Diagnostic::error("tampered-version", format!("{listed} was removed from version {version} after its translation was added"))
                        .in_file(dir.join(listed))
                        .with_help(restore),
                ),
                Some(bytes) if file_digest(bytes) != *recorded => diags.push(
                    Diagnostic::error("tampered-version", format!("{listed} of version {version} was changed after its translation was added"))
                        .in_file(dir.join(listed))
                        .with_help("published translations are frozen; undo the change (e.g. `git checkout -- <file>`)"),
                ),
                Some(bytes) => {
                    own.insert(listed.clone(), bytes.clone());
                }
            }
        }
        for extra in files
            .keys()
            .filter(|p| p.starts_with(&prefix) && !raw.files.contains_key(*p))
        {
            diags.push(
                Diagnostic::error(
                    "tampered-version",
                    format!(
                        "{extra} was added to version {version} after its translation was added"
                    ),
                )
                .in_file(dir.join(extra))
                .with_help("published translations are frozen; remove the file"),
            );
        }
        if diags.len() == before && digest(&own) != raw.digest {
            diags.push(
                Diagnostic::error("tampered-version", format!("the digest of the {language} translation of version {version} does not match {name}"))
                    .in_file(&path)
                    .with_help(restore),
            );
        }
        if diags.len() == before {
            additions.push(Addition {
                language: language.to_owned(),
                added,
                digest: raw.digest,
                files: raw.files,
            });
        }
    }
    additions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            file_digest(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn digest_depends_on_names_and_contents() {
        let a = digest(&files(&[("a.yaml", "x"), ("b.ftl", "y")]));
        assert_ne!(a, digest(&files(&[("a.yaml", "x"), ("c.ftl", "y")])));
        assert_ne!(a, digest(&files(&[("a.yaml", "x"), ("b.ftl", "z")])));
        assert_ne!(a, digest(&files(&[("a.yaml", "xy"), ("b.ftl", "")])));
        assert_eq!(
            a,
            digest(&files(&[
                ("b.ftl", "y"),
                ("a.yaml", "x"),
                (MANIFEST, "ignored")
            ]))
        );
    }

    #[test]
    fn manifest_round_trips_and_catches_every_change() {
        let date = EffectiveDate::parse("2026-04-01").unwrap();
        let mut version = files(&[
            ("privacy.yaml", "title: t\n"),
            ("locales/ja/privacy.ftl", "t = 題\n"),
        ]);
        let manifest = Manifest::new(date, &version);
        version.insert(MANIFEST.into(), manifest.to_yaml().into_bytes());
        let dir = Path::new("versions/privacy/2026-04-01");
        assert_eq!(check(dir, "2026-04-01", &version).unwrap(), manifest);

        let mut edited = version.clone();
        edited.insert("locales/ja/privacy.ftl".into(), b"t = X\n".to_vec());
        let err = check(dir, "2026-04-01", &edited).unwrap_err().into_sorted();
        assert!(
            err[0].message.contains(
                "locales/ja/privacy.ftl of version versions/privacy/2026-04-01 was changed"
            )
        );

        let mut added = version.clone();
        added.insert("notes.txt".into(), b"".to_vec());
        assert!(
            check(dir, "2026-04-01", &added).unwrap_err().into_sorted()[0]
                .message
                .contains("notes.txt was added")
        );

        let mut removed = version.clone();
        removed.remove("privacy.yaml");
        assert!(
            check(dir, "2026-04-01", &removed)
                .unwrap_err()
                .into_sorted()[0]
                .message
                .contains("privacy.yaml was removed")
        );

        assert!(
            check(dir, "2026-05-01", &version).is_err(),
            "folder and date differ"
        );
    }
}
