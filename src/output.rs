//! Stage 5 of the build: write the site, all or nothing.
//!
//! Pages are written into a fresh folder beside the output folder and moved
//! into place only once every file is written, so a failed build leaves the
//! previous site exactly as it was, and a reader of the output folder never
//! sees half a site. A folder that charta did not create is never replaced.

use crate::Error;
use crate::render::Pages;
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a folder as charta's output, so that it may be replaced.
pub const MARKER: &str = ".charta-output";

/// Writes `pages` to `out`, replacing what a previous build left there.
pub fn write(pages: &Pages, out: &Path) -> Result<(), Error> {
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
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    remove_if_exists(&staging)?;
    let result =
        write_all(pages, &staging).and_then(|()| swap_into_place(&staging, out, &parent, &name));
    if result.is_err() {
        // Leave nothing behind but the untouched previous output.
        let _ = fs::remove_dir_all(&staging);
    }
    result
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

fn write_all(pages: &Pages, staging: &Path) -> Result<(), Error> {
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    for (path, bytes) in &pages.files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
    }
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        "This folder is written by `charta build`; it is replaced whole on every build.\n",
    )
    .map_err(|e| Error::io(&marker, e))
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
