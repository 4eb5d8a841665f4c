//! The files a build makes, on their way to the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rendered site: every output file by its path relative to the site's
/// root. Kept in memory (for `serve`), written to a folder as each page is
/// rendered (for `build`), so memory does not grow with the site, or only
/// counted (for `check`, which needs the problems, not the pages).
#[derive(Debug, Default)]
pub struct Pages {
    /// File contents by `/`-separated relative path (`ja/privacy/index.html`), in memory.
    files: BTreeMap<String, Vec<u8>>,
    /// Where pages are written instead, if they are not kept.
    dir: Option<PathBuf>,
    /// Whether pages are only counted.
    discard: bool,
    /// How many files were written to `dir`, or counted.
    written: usize,
    /// The first write that failed.
    error: Option<crate::error::Error>,
}

impl Pages {
    /// Pages kept in memory.
    pub fn in_memory() -> Pages {
        Pages::default()
    }

    /// Pages written into `dir` as they come.
    pub fn writing_to(dir: &Path) -> Pages {
        Pages {
            dir: Some(dir.to_path_buf()),
            ..Pages::default()
        }
    }

    /// Pages only counted, not kept.
    pub fn discarding() -> Pages {
        Pages {
            discard: true,
            ..Pages::default()
        }
    }

    /// More pages of the same kind (in memory, into the same folder, or counted).
    pub(super) fn alike(&self) -> Pages {
        Pages {
            dir: self.dir.clone(),
            discard: self.discard,
            ..Pages::default()
        }
    }

    /// Adds a file.
    pub fn insert(&mut self, path: String, bytes: Vec<u8>) {
        if self.discard {
            self.written += 1;
            return;
        }
        if self.dir.is_none() {
            self.files.insert(path, bytes);
            return;
        }
        self.write_file(&path, |file| std::io::Write::write_all(file, &bytes));
    }

    /// Adds a file made by `write`, which streams it straight into its file
    /// when pages are written to a folder: a file as long as the sitemap of
    /// a site with thousands of versions is never held whole in memory.
    pub fn insert_with(
        &mut self,
        path: String,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        if self.discard {
            self.written += 1;
            return;
        }
        if self.dir.is_none() {
            let mut bytes = Vec::new();
            // Writing into memory does not fail.
            let _ = write(&mut bytes);
            self.files.insert(path, bytes);
            return;
        }
        self.write_file(&path, |file| {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
            write(&mut out)?;
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            Ok(())
        });
    }

    /// Writes a file into the folder with `write`; the first failure is
    /// kept, and nothing more is written after it.
    fn write_file(
        &mut self,
        path: &str,
        write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
    ) {
        let Some(dir) = &self.dir else {
            return;
        };
        if self.error.is_some() {
            return;
        }
        let target = dir.join(path);
        let written = match target.parent() {
            Some(parent) => {
                std::fs::create_dir_all(parent).map_err(|e| crate::error::Error::io(parent, e))
            }
            None => Ok(()),
        }
        .and_then(|()| {
            std::fs::File::create(&target)
                .and_then(|mut file| write(&mut file))
                .map_err(|e| crate::error::Error::io(&target, e))
        });
        match written {
            Ok(()) => self.written += 1,
            Err(e) => self.error = Some(e),
        }
    }

    /// Takes in the pages of another part of the site.
    pub(super) fn absorb(&mut self, other: Pages) {
        self.files.extend(other.files);
        self.written += other.written;
        if self.error.is_none() {
            self.error = other.error;
        }
    }

    /// A file kept in memory.
    pub fn get(&self, path: &str) -> Option<&Vec<u8>> {
        self.files.get(path)
    }

    /// Whether a file is kept in memory.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The files kept in memory, by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Vec<u8>)> {
        self.files.iter().map(|(p, b)| (p.as_str(), b))
    }

    /// How many files there are (kept or written).
    pub fn len(&self) -> usize {
        self.files.len() + self.written
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first write that failed, if one did.
    pub fn take_error(&mut self) -> Option<crate::error::Error> {
        self.error.take()
    }
}
