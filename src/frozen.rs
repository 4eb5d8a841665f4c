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
    /// `sha256:<hex>` over every file (see [`digest`]).
    pub digest: String,
    /// `sha256:<hex>` of each file, by path relative to the version folder.
    pub files: BTreeMap<String, String>,
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
    for (path, bytes) in files.iter().filter(|(p, _)| p.as_str() != MANIFEST) {
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
        })
    } else {
        Err(diags)
    }
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
