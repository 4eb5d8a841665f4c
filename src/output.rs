//! Stage 5 of the build: write the site, all or nothing.
//!
//! Pages are written into a fresh folder beside the output folder and moved
//! into place only once every file is written, so a failed build leaves the
//! previous site exactly as it was. Where the system can (Linux, macOS), the
//! new folder and the published one trade places in one step
//! (`renameat2(RENAME_EXCHANGE)`): a web server reading the output folder
//! always finds a whole site, old or new, even if charta is killed at any
//! instant. Elsewhere two renames leave a moment without a folder.
//!
//! A folder that charta did not create is never replaced, and the next
//! build removes what a killed build left behind: folders named like its
//! own staging folders, marked as charta's, whose process is gone.

use crate::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a folder that a build is writing, so that a killed build's folder
/// can be told apart from anything else. It is not published: once the
/// folder is in place, [`owner_mark`] beside it says whose it is.
pub const MARKER: &str = ".charta-output";

/// The file beside the output folder (`.public.charta-output` for
/// `public/`) that marks it as charta's, so that it may be replaced. Kept
/// outside the folder so that publishing the folder does not publish it.
pub fn owner_mark(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}{MARKER}"))
}

const MARK_TEXT: &str =
    "This folder is written by `charta build`; it is replaced whole on every build.\n";

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
        let given = out;
        // An output that is a link to a folder stays a link: the folder it
        // points at is the one replaced.
        let resolved;
        let out = if fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
            resolved = fs::canonicalize(out).map_err(|e| Error::io(out, e))?;
            resolved.as_path()
        } else {
            out
        };
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .ok_or_else(|| Error::Usage(format!("{} is not a folder name", out.display())))?
            .to_string_lossy()
            .into_owned();
        // A link to the output is marked beside the link, as it was named.
        let linked = given.file_name().is_some_and(|n| {
            owner_mark(
                given.parent().unwrap_or(Path::new(".")),
                &n.to_string_lossy(),
            )
            .is_file()
        });
        if out.exists() && !linked && !may_replace(out, &parent, &name)? {
            return Err(Error::Usage(format!(
                "{} exists and was not made by charta; refusing to replace it (choose another --out, or empty it)",
                out.display()
            )));
        }
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        remove_if_exists(&dir)?;
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        // Marked at once, so that a killed build's folder can be told apart
        // from anything else and removed by the next build.
        let marker = dir.join(MARKER);
        fs::write(&marker, MARK_TEXT).map_err(|e| Error::io(&marker, e))?;
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

    /// Moves the staged site into place.
    pub fn commit(self) -> Result<(), Error> {
        fault_point("before-swap");
        let owner = owner_mark(&self.parent, &self.name);
        if let Err(e) = fs::write(&owner, MARK_TEXT) {
            self.discard();
            return Err(Error::io(owner, e));
        }
        let result = swap_into_place(&self.dir, &self.out, &self.parent, &self.name);
        if result.is_err() {
            self.discard();
            return result;
        }
        // The published folder is marked from beside it; its own mark goes.
        let inner = self.out.join(MARKER);
        fs::remove_file(&inner).map_err(|e| Error::io(inner, e))
    }

    /// Removes the staged site, leaving the previous output as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn may_replace(out: &Path, parent: &Path, name: &str) -> Result<bool, Error> {
    if !out.is_dir() {
        return Ok(false);
    }
    // Marked from beside it, or (made by an earlier charta, or killed
    // right after the swap) from inside.
    if owner_mark(parent, name).is_file() || out.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    Ok(entries.next().is_none())
}

/// Stops the process at a named step when `CHARTA_FAIL_AT` names it, so
/// that tests can show what a build killed at that instant leaves.
fn fault_point(step: &str) {
    if std::env::var_os("CHARTA_FAIL_AT").is_some_and(|s| s == step) {
        std::process::abort();
    }
}

fn swap_into_place(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|e| Error::io(out, e));
    }
    if exchange(staging, out) {
        // The staging folder now holds the previous site.
        fault_point("after-swap");
        return fs::remove_dir_all(staging).map_err(|e| Error::io(staging, e));
    }
    let old = parent.join(format!(".{name}.previous-{}", std::process::id()));
    remove_if_exists(&old)?;
    fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    fault_point("between-renames");
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, out);
        return Err(Error::io(out, e));
    }
    fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))
}

/// Trades the places of two folders in one step; `false` where the system
/// or the file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Whether the process with this id is gone (so its folders are leftovers).
#[cfg(unix)]
pub(crate) fn process_is_gone(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    matches!(
        rustix::process::test_kill_process(pid),
        Err(e) if e == rustix::io::Errno::SRCH
    )
}

/// Without a way to ask, no process is taken for gone.
#[cfg(not(unix))]
pub(crate) fn process_is_gone(_: u32) -> bool {
    false
}

/// The process id in a leftover's name (`.public.building-1234`), when the
/// name is one of a staging folder of `name`.
fn leftover_pid(entry: &str, name: &str) -> Option<u32> {
    let rest = entry.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".building-")
        .or_else(|| rest.strip_prefix(".previous-"))?;
    pid.parse().ok()
}

/// Removes the staging folders of builds of `name` that were killed: named
/// like ours, marked as charta's, and whose process is gone. Anything else
/// is left alone.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&file_name, name) else {
            continue;
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        // A staging folder carries the mark; a previous site swapped out of
        // place (under either name) is marked from beside the output.
        let marked = path.join(MARKER).is_file() || owner_mark(parent, name).is_file();
        if is_dir && pid != std::process::id() && marked && process_is_gone(pid) {
            // A build killed between the two renames of the fallback left the
            // published site here and no output: it is put back, not removed.
            let out = parent.join(name);
            if file_name.contains(".previous-") && !out.exists() {
                let _ = fs::rename(&path, &out);
            } else {
                let _ = fs::remove_dir_all(&path);
            }
        }
    }
}

fn remove_if_exists(path: &Path) -> Result<(), Error> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staging_names_are_leftovers() {
        assert_eq!(leftover_pid(".public.building-1234", "public"), Some(1234));
        assert_eq!(leftover_pid(".public.previous-7", "public"), Some(7));
        assert_eq!(leftover_pid(".public.building-x", "public"), None);
        assert_eq!(leftover_pid(".other.building-1", "public"), None);
        assert_eq!(leftover_pid("public.building-1", "public"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_running_process_is_not_gone() {
        assert!(!process_is_gone(std::process::id()));
    }
}
