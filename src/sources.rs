//! Stage 1 of the build: read the site's files.
//!
//! Reads `content/`, `locales/` and `themes/` under the site's root into
//! memory, as text with the path each came from, and hands
//! [`SiteSources`] to the model. Released versions under `versions/` are
//! only listed: there may be hundreds, so each is read when the model checks
//! it, and its words again when they are resolved; none stays loaded. Nothing here interprets the files; a file
//! that is not UTF-8 is reported as a [`Diagnostic`], an unreadable folder as
//! an [`Error::Io`] naming its path.

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::error::Error;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Largest source file read, so a stray multi-gigabyte file cannot exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// Every file of a site, read into memory.
#[derive(Debug, Clone)]
pub struct SiteSources {
    /// The site's root folder.
    pub root: PathBuf,
    /// `content/site.yaml`.
    pub settings: SourceFile,
    /// `content/<doc>.yaml` by document name.
    pub documents: BTreeMap<String, SourceFile>,
    /// `locales/<lang>/<name>.ftl` by language, then by file stem (`site`, `privacy`).
    pub locales: BTreeMap<String, BTreeMap<String, SourceFile>>,
    /// `themes/<name>/` by theme name.
    pub themes: BTreeMap<String, ThemeSources>,
    /// The site's own `templates/` and `static/`, which override single
    /// files of the theme (`static/` is published at the site's root).
    pub overrides: ThemeSources,
    /// `versions/<doc>/<folder>/` by document, then by folder name (a date).
    pub versions: BTreeMap<String, BTreeMap<String, VersionSources>>,
    /// `versions/<doc>/ledger.yaml` by document: the record of its releases.
    pub ledgers: BTreeMap<String, SourceFile>,
    /// Hidden folders in `versions/<doc>/` that a stopped release left
    /// (`.<date>.releasing-<pid>`), relative to the root.
    pub leftovers: Vec<PathBuf>,
    /// Files that could be read but not used (not UTF-8, too large).
    pub problems: Diagnostics,
}

/// The files of one theme.
#[derive(Debug, Clone, Default)]
pub struct ThemeSources {
    /// `templates/**`, named by their path under `templates/` (`page.html`).
    pub templates: BTreeMap<String, SourceFile>,
    /// `static/**`, copied to the site as they are, by path under `static/`.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl SiteSources {
    /// Whether `path` (relative to the root) exists but could not be read
    /// (not UTF-8, too large, a link outside the site), as already reported.
    pub fn was_unreadable(&self, path: &Path) -> bool {
        self.problems
            .iter()
            .any(|d| d.span.as_ref().is_some_and(|s| *s.file == *path))
    }
}

/// The files of one released version, listed but not yet read: a site may
/// have hundreds of versions, so each is read when it is checked
/// ([`VersionSources::read`]) and its words again when they are resolved
/// ([`read_frozen`]), and none stays loaded.
#[derive(Debug, Clone, Default)]
pub struct VersionSources {
    /// The folder, relative to the root (`versions/privacy/2026-04-01`).
    pub dir: PathBuf,
    /// Every file under the folder by `/`-separated path relative to it.
    pub files: Vec<String>,
}

impl VersionSources {
    /// Reads every file of the version, exactly as it is on disk. Files that
    /// cannot be read as sources (links outside the site, too large) are
    /// reported in `problems` and left out.
    pub fn read(
        &self,
        root: &Path,
        problems: &mut Diagnostics,
    ) -> Result<BTreeMap<String, Vec<u8>>, Error> {
        let mut files = BTreeMap::new();
        for path in &self.files {
            if let Some(bytes) = read_bytes(root, &self.dir.join(path), problems)? {
                files.insert(path.clone(), bytes);
            }
        }
        Ok(files)
    }
}

/// Reads a released version's file again, as text, checking it against the
/// SHA-256 recorded when the version was released; `None`, with the
/// problem reported, when it cannot be used.
pub fn read_frozen(
    root: &Path,
    rel: &Path,
    recorded: &str,
    problems: &mut Diagnostics,
) -> Option<SourceFile> {
    let bytes = match read_bytes(root, rel, problems) {
        Ok(bytes) => bytes?,
        Err(e) => {
            problems.push(
                Diagnostic::error("unreadable", e.to_string())
                    .in_file(rel)
                    .with_help("check the file's permissions"),
            );
            return None;
        }
    };
    if crate::frozen::file_digest(&bytes) != recorded {
        problems.push(
            Diagnostic::error(
                "tampered-version",
                format!(
                    "{} was changed while the site was being built",
                    rel.display()
                ),
            )
            .in_file(rel)
            .with_help("published versions are frozen; restore the file from version control"),
        );
        return None;
    }
    let Ok(text) = String::from_utf8(bytes) else {
        problems.push(Diagnostic::error("not-utf8", "the file is not UTF-8 text").in_file(rel));
        return None;
    };
    Some(SourceFile::new(rel.to_path_buf(), text))
}

/// Reads the site under `root` (released versions are only listed).
pub fn read(root: &Path) -> Result<SiteSources, Error> {
    let mut problems = Diagnostics::new();
    let settings_path = root.join("content").join("site.yaml");
    if !settings_path.is_file() {
        return Err(Error::Usage(format!(
            "{} has no content/site.yaml; is this a charta site? (pass --root DIR to point at one)",
            root.display()
        )));
    }
    let settings = read_text(root, Path::new("content/site.yaml"), &mut problems)?
        .unwrap_or_else(|| empty_source("content/site.yaml"));

    let mut documents = BTreeMap::new();
    for (name, rel) in list_files(root, Path::new("content"), "yaml", &mut problems)? {
        if name == "site" {
            continue;
        }
        if let Some(file) = read_text(root, &rel, &mut problems)? {
            documents.insert(name, file);
        }
    }

    let mut locales = BTreeMap::new();
    for lang in list_dirs(root, Path::new("locales"))? {
        let dir = Path::new("locales").join(&lang);
        let mut files = BTreeMap::new();
        for (name, rel) in list_files(root, &dir, "ftl", &mut problems)? {
            if let Some(file) = read_text(root, &rel, &mut problems)? {
                files.insert(name, file);
            }
        }
        locales.insert(lang, files);
    }

    let (themes, overrides) = read_themes(root, &mut problems)?;

    let mut versions = BTreeMap::new();
    let mut ledgers = BTreeMap::new();
    let mut leftovers = Vec::new();
    for doc in list_dirs(root, Path::new("versions"))? {
        let doc_dir = Path::new("versions").join(&doc);
        for (name, rel, is_file) in entries(root, &doc_dir)? {
            if !is_file && name.starts_with('.') && name.contains(".releasing-") {
                leftovers.push(rel);
            }
        }
        let ledger = doc_dir.join(crate::ledger::LEDGER);
        if root.join(&ledger).exists()
            && let Some(file) = read_text(root, &ledger, &mut problems)?
        {
            ledgers.insert(doc.clone(), file);
        }
        let mut folders = BTreeMap::new();
        for folder in list_dirs(root, &doc_dir)? {
            let dir = doc_dir.join(&folder);
            for link in links_to_folders(root, &dir)? {
                problems.push(
                    Diagnostic::error(
                        "tampered-version",
                        format!(
                            "{} is a link to a folder; a released version holds its own files only",
                            link.display()
                        ),
                    )
                    .in_file(&link)
                    .with_help(
                        "published versions are frozen; restore the folder from version control",
                    ),
                );
            }
            let files = walk(root, &dir, true)?
                .iter()
                .map(|rel| relative_key(rel, &dir))
                .collect();
            folders.insert(folder, VersionSources { dir, files });
        }
        versions.insert(doc, folders);
    }

    Ok(SiteSources {
        root: root.to_path_buf(),
        versions,
        ledgers,
        leftovers,
        settings,
        documents,
        locales,
        themes,
        overrides,
        problems,
    })
}

/// Reads every theme under `themes/` and the site's own `templates/` and
/// `static/`, which override single files of the theme.
fn read_themes(
    root: &Path,
    problems: &mut Diagnostics,
) -> Result<(BTreeMap<String, ThemeSources>, ThemeSources), Error> {
    let mut themes = BTreeMap::new();
    for name in list_dirs(root, Path::new("themes"))? {
        let dir = Path::new("themes").join(&name);
        let mut theme = ThemeSources::default();
        for rel in walk(root, &dir.join("templates"), false)? {
            if let Some(file) = read_text(root, &rel, problems)? {
                let key = relative_key(&rel, &dir.join("templates"));
                theme.templates.insert(key, file);
            }
        }
        for rel in walk(root, &dir.join("static"), false)? {
            let Some(bytes) = read_bytes(root, &rel, problems)? else {
                continue;
            };
            theme
                .assets
                .insert(relative_key(&rel, &dir.join("static")), bytes);
        }
        themes.insert(name, theme);
    }
    let mut overrides = ThemeSources::default();
    for rel in walk(root, Path::new("templates"), false)? {
        if let Some(file) = read_text(root, &rel, problems)? {
            let key = relative_key(&rel, Path::new("templates"));
            overrides.templates.insert(key, file);
        }
    }
    // Hidden files too: `.well-known/` is published from here.
    for rel in walk(root, Path::new("static"), true)? {
        if let Some(bytes) = read_bytes(root, &rel, problems)? {
            let key = relative_key(&rel, Path::new("static"));
            overrides.assets.insert(key, bytes);
        }
    }
    Ok((themes, overrides))
}

fn empty_source(path: &str) -> SourceFile {
    SourceFile::new(path, String::new())
}

/// `a/b/c` relative to `a`, with `/` separators whatever the platform.
fn relative_key(path: &Path, base: &Path) -> String {
    let rest = path.strip_prefix(base).unwrap_or(path);
    rest.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a source file's bytes. A file that links outside the site or is too
/// large is a problem, not an I/O error: it is reported and not read.
fn read_bytes(
    root: &Path,
    rel: &Path,
    problems: &mut Diagnostics,
) -> Result<Option<Vec<u8>>, Error> {
    let full = root.join(rel);
    // A source that links outside the site is not read: a pull request must
    // not be able to make the build print a file of the machine it runs on.
    if !inside_root(root, &full) {
        problems.push(
            Diagnostic::error(
                "outside-site",
                "the file is a link to a place outside the site's folder",
            )
            .in_file(rel)
            .with_help("replace the link with the file itself"),
        );
        return Ok(None);
    }
    let unreadable = |e: std::io::Error, problems: &mut Diagnostics| {
        if e.kind() == std::io::ErrorKind::PermissionDenied {
            // Reported with the other problems of the site, wherever the
            // file is (draft or released version): the same exit code, 1.
            problems.push(
                Diagnostic::error("unreadable", format!("the file cannot be read: {e}"))
                    .in_file(rel)
                    .with_help("check the file's permissions"),
            );
            Ok(None)
        } else {
            Err(Error::io(&full, e))
        }
    };
    let size = match fs::metadata(&full) {
        Ok(meta) => meta.len(),
        Err(e) => return unreadable(e, problems),
    };
    if size > MAX_SOURCE_BYTES {
        problems.push(
            Diagnostic::error(
                "file-too-large",
                format!(
                    "the file is {size} bytes; source files are limited to {MAX_SOURCE_BYTES} bytes"
                ),
            )
            .in_file(rel)
            .with_help("split the document, or remove the file if it does not belong here"),
        );
        return Ok(None);
    }
    match fs::read(&full) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) => unreadable(e, problems),
    }
}

/// Reads one file of the draft's words again, `locales/<lang>/<stem>.ftl`,
/// after an edit (`serve`'s quick preview). `false` when it cannot be used
/// as it is: a full read will report why.
pub fn reread_words(sources: &mut SiteSources, lang: &str, stem: &str) -> Result<bool, Error> {
    let rel = Path::new("locales").join(lang).join(format!("{stem}.ftl"));
    let mut problems = Diagnostics::new();
    let file = read_text(&sources.root, &rel, &mut problems)?;
    let (Some(file), true) = (file, problems.is_empty()) else {
        return Ok(false);
    };
    let Some(files) = sources.locales.get_mut(lang) else {
        return Ok(false);
    };
    files.insert(stem.to_owned(), file);
    Ok(true)
}

/// Reads a document's structure again, `content/<slug>.yaml`, after an
/// edit (`serve`'s quick preview). `false` when it cannot be used as it is.
pub fn reread_document(sources: &mut SiteSources, slug: &str) -> Result<bool, Error> {
    let rel = Path::new("content").join(format!("{slug}.yaml"));
    let mut problems = Diagnostics::new();
    let file = read_text(&sources.root, &rel, &mut problems)?;
    let (Some(file), true) = (file, problems.is_empty()) else {
        return Ok(false);
    };
    sources.documents.insert(slug.to_owned(), file);
    Ok(true)
}

/// Reads every theme, and the site's `templates/` and `static/`, again
/// after an edit of one of their files (`serve`'s quick preview). `false`
/// when one of them cannot be used as it is.
pub fn reread_themes(sources: &mut SiteSources) -> Result<bool, Error> {
    let mut problems = Diagnostics::new();
    let (themes, overrides) = read_themes(&sources.root, &mut problems)?;
    if !problems.is_empty() {
        return Ok(false);
    }
    sources.themes = themes;
    sources.overrides = overrides;
    Ok(true)
}

/// Reads a UTF-8 text file; a file that is not UTF-8 is a problem, not an I/O error.
fn read_text(
    root: &Path,
    rel: &Path,
    problems: &mut Diagnostics,
) -> Result<Option<SourceFile>, Error> {
    let Some(bytes) = read_bytes(root, rel, problems)? else {
        return Ok(None);
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte-order mark is invisible in editors; do not let it become part of an id.
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            let file = SourceFile::new(rel.to_path_buf(), text);
            report_forbidden_chars(&file, problems);
            Ok(Some(file))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let mut d = Diagnostic::error(
                "not-utf8",
                format!(
                    "the file is not UTF-8 text (invalid byte at offset {})",
                    valid.len()
                ),
            )
            .in_file(rel)
            .with_help(
                "save the file as UTF-8 (most editors have an \"encoding\" choice when saving)",
            );
            if let Some(span) = &mut d.span {
                span.line = line;
                // The column of the first invalid byte: characters before it on its line, plus one.
                let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                span.column = String::from_utf8_lossy(&valid[line_start..])
                    .chars()
                    .count()
                    + 1;
            }
            problems.push(d);
            Ok(None)
        }
    }
}

/// Reports the control characters and noncharacters of a text file, at
/// most a few per file, each at its line and column.
fn report_forbidden_chars(file: &SourceFile, problems: &mut Diagnostics) {
    const SHOWN: usize = 5;
    let mut found = 0;
    for (start, c) in file.text.char_indices() {
        if !crate::diagnostic::is_forbidden_char(c) {
            continue;
        }
        found += 1;
        if found > SHOWN {
            continue;
        }
        problems.push(
            Diagnostic::error(
                "control-character",
                format!(
                    "the file holds the invisible character U+{:04X}, which pages and feeds cannot carry",
                    c as u32
                ),
            )
            .at(file.span_of_bytes(start, start + c.len_utf8()))
            .with_help("delete it (it often comes from text pasted from a word processor or a terminal)"),
        );
    }
    if found > SHOWN {
        problems.push(
            Diagnostic::error(
                "control-character",
                format!("{} more invisible characters in this file", found - SHOWN),
            )
            .in_file(&file.path),
        );
    }
}

/// Whether a path, once its links are followed, is inside the root.
fn inside_root(root: &Path, path: &Path) -> bool {
    match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// Files `<dir>/*.<ext>` (not recursive) as (stem, relative path), sorted.
/// A folder or special file (a pipe, a device) with such a name is
/// reported as what it is, not taken for a missing file.
fn list_files(
    root: &Path,
    dir: &Path,
    ext: &str,
    problems: &mut Diagnostics,
) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut out = Vec::new();
    for (name, rel, is_file) in entries(root, dir)? {
        let Some(stem) = name.strip_suffix(&format!(".{ext}")) else {
            continue;
        };
        if stem.is_empty() {
            continue;
        }
        if is_file {
            out.push((stem.to_owned(), rel));
        } else {
            let what = if root.join(&rel).is_dir() {
                "a folder"
            } else {
                "not a regular file (a pipe, socket or device)"
            };
            problems.push(
                Diagnostic::error("not-a-file", format!("{} is {what}", rel.display()))
                    .in_file(&rel)
                    .with_help(format!(
                        "a .{ext} source must be an ordinary file; move this out of the way"
                    )),
            );
        }
    }
    Ok(out)
}

/// Sub-folders of `dir`, sorted; none when `dir` does not exist.
fn list_dirs(root: &Path, dir: &Path) -> Result<Vec<String>, Error> {
    Ok(entries(root, dir)?
        .into_iter()
        .filter(|(name, _, is_file)| !is_file && !name.starts_with('.'))
        .map(|(name, _, _)| name)
        .collect())
}

/// Links to folders under `dir` (which [`walk`] does not follow).
fn links_to_folders(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for (_, rel, is_file) in entries(root, dir)? {
        if is_file {
            continue;
        }
        let meta =
            fs::symlink_metadata(root.join(&rel)).map_err(|e| Error::io(root.join(&rel), e))?;
        if meta.file_type().is_symlink() {
            out.push(rel);
        } else {
            out.extend(links_to_folders(root, &rel)?);
        }
    }
    Ok(out)
}

/// Every file under `dir`, recursively, sorted; symbolic links to folders are
/// not followed, so a link loop cannot hang the build. Hidden files are left
/// out unless `hidden`: in a frozen version, any added file is a change that
/// must be noticed.
fn walk(root: &Path, dir: &Path, hidden: bool) -> Result<Vec<PathBuf>, Error> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let entries = walkdir::WalkDir::new(&full)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || hidden || !e.file_name().to_string_lossy().starts_with('.')
        });
    for entry in entries {
        let entry = entry.map_err(|e| {
            let path = e.path().map_or_else(|| full.clone(), Path::to_path_buf);
            Error::io(path, e.into())
        })?;
        // A link to a file is a file (it is read only if it stays inside
        // the site); a link to a folder and a broken link are skipped.
        let is_file = entry.file_type().is_file()
            || (entry.path_is_symlink() && fs::metadata(entry.path()).is_ok_and(|m| m.is_file()));
        if is_file && let Ok(rel) = entry.path().strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(out)
}

/// (name, relative path, is a file) for each entry of `dir`, sorted by name.
fn entries(root: &Path, dir: &Path) -> Result<Vec<(String, PathBuf, bool)>, Error> {
    let full = root.join(dir);
    let reader = match fs::read_dir(&full) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&full, e)),
    };
    let mut out = Vec::new();
    for entry in reader {
        let entry = entry.map_err(|e| Error::io(&full, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // `metadata` follows links: a link to a file is a file; a broken link is skipped.
        let Ok(meta) = fs::metadata(entry.path()) else {
            continue;
        };
        out.push((name.clone(), dir.join(&name), meta.is_file()));
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_file_is_read_only_while_it_matches_its_digest() {
        let root = std::env::temp_dir().join(format!("charta-frozen-{}", std::process::id()));
        let rel = Path::new("versions/privacy/2026-04-01/locales/ja/privacy.ftl");
        fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        fs::write(root.join(rel), "intro = はじめに\n").unwrap();
        let recorded = crate::frozen::file_digest("intro = はじめに\n".as_bytes());
        let mut problems = Diagnostics::new();
        let file = read_frozen(&root, rel, &recorded, &mut problems).unwrap();
        assert_eq!(
            (file.path.as_path(), file.text.as_str()),
            (rel, "intro = はじめに\n")
        );
        assert!(problems.is_empty());

        fs::write(root.join(rel), "intro = 改変\n").unwrap();
        assert!(read_frozen(&root, rel, &recorded, &mut problems).is_none());
        let problem = problems.iter().next().unwrap();
        assert_eq!(problem.code, "tampered-version");
        assert_eq!(*problem.span.as_ref().unwrap().file, *rel);
        fs::remove_dir_all(&root).unwrap();
    }
}
