//! Stage 5 of the build: write the site, all or nothing.
//!
//! Pages are written into a fresh folder beside the output folder and moved
//! into place only once every file is written, so a failed build leaves the
//! previous site exactly as it was, and a reader of the output folder never
//! sees half a site. A folder that charta did not create is never replaced.

use crate::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a folder as charta's output, so that it may be replaced.
pub const MARKER: &str = ".charta-output";

/// A fresh folder beside the output folder that a build writes into, and
/// that replaces the output folder only when the whole build succeeded.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
}

impl Staging {
    /// Prepares to replace `out`; refuses a folder that charta did not make.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .ok_or_else(|| Error::Usage(format!("{} is not a folder name", out.display())))?
            .to_string_lossy()
            .into_owned();
        if out.exists() && !may_replace(out)? {
            return Err(Error::Usage(format!(
                "{} exists and was not made by charta; refusing to replace it (choose another --out, or empty it)",
                out.display()
            )));
        }
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        remove_if_exists(&dir)?;
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            parent,
            name,
            dir,
        })
    }

    /// The folder pages are written into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Marks the staged site as charta's and moves it into place.
    pub fn commit(self) -> Result<(), Error> {
        let marker = self.dir.join(MARKER);
        let result = fs::write(
            &marker,
            "This folder is written by `charta build`; it is replaced whole on every build.\n",
        )
        .map_err(|e| Error::io(&marker, e))
        .and_then(|()| swap_into_place(&self.dir, &self.out, &self.parent, &self.name));
        if result.is_err() {
            self.discard();
        }
        result
    }

    /// Removes the staged site, leaving the previous output as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn may_replace(out: &Path) -> Result<bool, Error> {
    if !out.is_dir() {
        return Ok(false);
    }
    if out.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    Ok(entries.next().is_none())
}

fn swap_into_place(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|e| Error::io(out, e));
    }
    let old = parent.join(format!(".{name}.previous-{}", std::process::id()));
    remove_if_exists(&old)?;
    fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, out);
        return Err(Error::io(out, e));
    }
    fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))
}

fn remove_if_exists(path: &Path) -> Result<(), Error> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}
