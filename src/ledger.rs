//! The record of every release of a document: `versions/<doc>/ledger.yaml`.
//!
//! A version folder proves what a version says; the ledger proves which
//! versions exist. Every `release`, `postpone` and `withdraw` appends one
//! entry, and each entry carries a `chain` digest over the entry before it
//! and its own fields. Every build replays the ledger and compares it with
//! the folders under `versions/<doc>/`:
//!
//! - a recorded version whose folder is gone (deleted, renamed) is an error;
//! - a folder whose content digest differs from the recorded one (a version
//!   replaced by another with the same date) is an error;
//! - a folder the ledger does not know is an error;
//! - an edited entry breaks the chain from that entry on.
//!
//! So the archive can only shrink or be rewritten through a visible edit of
//! this file, which `charta review` reports on the pull request; what is in
//! the repository's history stays the final record.

use crate::date::EffectiveDate;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, Span};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The ledger's file name inside `versions/<doc>/`.
pub const LEDGER: &str = "ledger.yaml";

/// One thing that happened to a version of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `charta release` froze the draft as this version.
    Released {
        /// The version (its effective date).
        version: EffectiveDate,
        /// The day of the release, in the site's legal time zone.
        on: EffectiveDate,
        /// The version's content digest.
        digest: String,
        /// Why a version was released with an effective date in the past.
        backdated: Option<String>,
    },
    /// The version was already there when the ledger was started.
    Recorded {
        /// The version.
        version: EffectiveDate,
        /// The day the ledger was started.
        on: EffectiveDate,
        /// The version's content digest.
        digest: String,
    },
    /// An upcoming version was moved to a later effective date.
    Postponed {
        /// The version's effective date before.
        version: EffectiveDate,
        /// Its effective date now.
        to: EffectiveDate,
        /// The day it was postponed.
        on: EffectiveDate,
        /// Why.
        reason: String,
        /// The content digest under the new date (its structure names the date).
        digest: String,
    },
    /// A translation was frozen into a released version after its release.
    Translated {
        /// The version.
        version: EffectiveDate,
        /// The language added.
        language: String,
        /// The day it was added.
        on: EffectiveDate,
        /// The digest of the translation's files.
        digest: String,
    },
    /// An upcoming version was taken back before it took effect.
    Withdrawn {
        /// The version.
        version: EffectiveDate,
        /// The day it was withdrawn.
        on: EffectiveDate,
        /// Why.
        reason: String,
    },
}

impl Event {
    /// The version the event is about (before a postponement).
    pub fn version(&self) -> EffectiveDate {
        match self {
            Event::Released { version, .. }
            | Event::Recorded { version, .. }
            | Event::Postponed { version, .. }
            | Event::Translated { version, .. }
            | Event::Withdrawn { version, .. } => *version,
        }
    }

    /// The day it happened.
    pub fn on(&self) -> EffectiveDate {
        match self {
            Event::Released { on, .. }
            | Event::Recorded { on, .. }
            | Event::Postponed { on, .. }
            | Event::Translated { on, .. }
            | Event::Withdrawn { on, .. } => *on,
        }
    }

    /// The fields in a fixed order, as the chain digest covers them.
    fn canonical(&self) -> Vec<String> {
        let s = |d: &EffectiveDate| d.to_string();
        match self {
            Event::Released {
                version,
                on,
                digest,
                backdated,
            } => vec![
                "released".into(),
                s(version),
                s(on),
                digest.clone(),
                backdated.clone().unwrap_or_default(),
            ],
            Event::Recorded {
                version,
                on,
                digest,
            } => vec!["recorded".into(), s(version), s(on), digest.clone()],
            Event::Postponed {
                version,
                to,
                on,
                reason,
                digest,
            } => vec![
                "postponed".into(),
                s(version),
                s(to),
                s(on),
                reason.clone(),
                digest.clone(),
            ],
            Event::Translated {
                version,
                language,
                on,
                digest,
            } => vec![
                "translated".into(),
                s(version),
                language.clone(),
                s(on),
                digest.clone(),
            ],
            Event::Withdrawn {
                version,
                on,
                reason,
            } => vec!["withdrawn".into(), s(version), s(on), reason.clone()],
        }
    }

    /// The entry as YAML, without its chain line.
    fn to_yaml(&self) -> String {
        let mut out = String::new();
        let quoted = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
        match self {
            Event::Released {
                version,
                on,
                digest,
                backdated,
            } => {
                let _ = writeln!(out, "- released: {version}\n  on: {on}\n  digest: {digest}");
                if let Some(reason) = backdated {
                    let _ = writeln!(out, "  backdated: {}", quoted(reason));
                }
            }
            Event::Recorded {
                version,
                on,
                digest,
            } => {
                let _ = writeln!(out, "- recorded: {version}\n  on: {on}\n  digest: {digest}");
            }
            Event::Postponed {
                version,
                to,
                on,
                reason,
                digest,
            } => {
                let _ = writeln!(
                    out,
                    "- postponed: {version}\n  to: {to}\n  on: {on}\n  reason: {}\n  digest: {digest}",
                    quoted(reason)
                );
            }
            Event::Translated {
                version,
                language,
                on,
                digest,
            } => {
                let _ = writeln!(
                    out,
                    "- translated: {version}\n  language: {language}\n  on: {on}\n  digest: {digest}"
                );
            }
            Event::Withdrawn {
                version,
                on,
                reason,
            } => {
                let _ = writeln!(
                    out,
                    "- withdrawn: {version}\n  on: {on}\n  reason: {}",
                    quoted(reason)
                );
            }
        }
        out
    }
}

/// A document's ledger: its events, oldest first, each with its chain digest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The document.
    slug: String,
    /// The events and the chain digest written after each.
    entries: Vec<(Event, String)>,
}

/// A version as the ledger knows it after replaying every event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Published (in force, past or upcoming) with this content digest.
    Published(String),
    /// Withdrawn before it took effect.
    Withdrawn,
    /// Postponed to another date (the version now lives there).
    MovedTo(EffectiveDate),
}

impl Ledger {
    /// An empty ledger for a document.
    pub fn new(slug: &str) -> Ledger {
        Ledger {
            slug: slug.to_owned(),
            entries: Vec::new(),
        }
    }

    /// The events, oldest first.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.entries.iter().map(|(e, _)| e)
    }

    /// The day of the latest entry: a new entry cannot be dated before it.
    pub fn last_day(&self) -> Option<EffectiveDate> {
        self.entries.last().map(|(e, _)| e.on())
    }

    /// Refuses a new entry dated before the latest one: a `--date` in the
    /// past would put a false day on record.
    pub fn check_day(&self, today: EffectiveDate) -> Result<(), crate::error::Error> {
        match self.last_day() {
            Some(last) if today < last => Err(crate::error::Error::Usage(format!(
                "the record of `{}` already has an entry dated {last}; today ({today}) cannot be before it \
                 (a --date in the past would put a false day on record)",
                self.slug
            ))),
            _ => Ok(()),
        }
    }

    /// Whether nothing was recorded yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The chain digest the next entry builds on.
    fn head(&self) -> String {
        self.entries
            .last()
            .map_or_else(|| genesis(&self.slug), |(_, c)| c.clone())
    }

    /// Appends an event, chained to the last one.
    pub fn push(&mut self, event: Event) {
        let chain = chain(&self.head(), &event);
        self.entries.push((event, chain));
    }

    /// Every version the events name, with where it stands now.
    pub fn standing(&self) -> BTreeMap<EffectiveDate, Standing> {
        let mut out = BTreeMap::new();
        for event in self.events() {
            match event {
                Event::Released {
                    version, digest, ..
                }
                | Event::Recorded {
                    version, digest, ..
                } => {
                    out.insert(*version, Standing::Published(digest.clone()));
                }
                Event::Postponed {
                    version,
                    to,
                    digest,
                    ..
                } => {
                    out.insert(*version, Standing::MovedTo(*to));
                    out.insert(*to, Standing::Published(digest.clone()));
                }
                Event::Withdrawn { version, .. } => {
                    out.insert(*version, Standing::Withdrawn);
                }
                Event::Translated { .. } => {}
            }
        }
        out
    }

    /// The ledger's text.
    pub fn to_yaml(&self) -> String {
        let mut out = format!(
            "# The record of every release of `{}`, written by charta (`release`,\n\
             # `postpone`, `withdraw`). Do not edit it: each entry's `chain` covers the\n\
             # entry before it, and every build checks the versions/ folders against it.\n",
            self.slug
        );
        for (event, chain) in &self.entries {
            out.push_str(&event.to_yaml());
            let _ = writeln!(out, "  chain: {chain}");
        }
        out
    }
}

/// Writes a document's ledger: to a temporary file beside it, then renamed
/// over it, so that a reader never sees half a ledger.
pub fn write(
    root: &std::path::Path,
    slug: &str,
    ledger: &Ledger,
) -> Result<(), crate::error::Error> {
    let dir = root.join("versions").join(slug);
    std::fs::create_dir_all(&dir).map_err(|e| crate::error::Error::io(&dir, e))?;
    let path = dir.join(LEDGER);
    let temporary = dir.join(format!(".{LEDGER}.writing-{}", std::process::id()));
    std::fs::write(&temporary, ledger.to_yaml())
        .map_err(|e| crate::error::Error::io(&temporary, e))?;
    std::fs::rename(&temporary, &path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        crate::error::Error::io(&path, e)
    })
}

/// While held, no other charta command changes `versions/`: two releases at
/// once would otherwise both pass their checks against the same record.
///
/// On Unix the lock is an exclusive `flock` on `versions/.charta-lock`,
/// which the system releases when the process ends, however it ends: no
/// stale lock can be left. The file holds the holder's process id, for the
/// message, and is removed when the lock is released (a command that finds
/// the file replaced after locking it tries again). Elsewhere the file's
/// existence is the lock, taken over when its process id is gone.
#[derive(Debug)]
pub struct RecordLock {
    #[cfg(unix)]
    file: Option<std::fs::File>,
    path: std::path::PathBuf,
}

impl RecordLock {
    /// Takes the lock of the site at `root`, or says who holds it.
    pub fn acquire(root: &std::path::Path) -> Result<RecordLock, crate::error::Error> {
        let dir = root.join("versions");
        std::fs::create_dir_all(&dir).map_err(|e| crate::error::Error::io(&dir, e))?;
        let path = dir.join(".charta-lock");
        Self::take(&path)
    }

    fn held_by(path: &std::path::Path) -> crate::error::Error {
        let holder = std::fs::read_to_string(path)
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "unknown".to_owned());
        crate::error::Error::Usage(format!(
            "another charta command is changing versions/ (process {holder}); wait for it to finish \
             and run this again"
        ))
    }

    #[cfg(unix)]
    fn take(path: &std::path::Path) -> Result<RecordLock, crate::error::Error> {
        use std::io::{Seek as _, Write as _};
        use std::os::unix::fs::MetadataExt as _;
        for _ in 0..100 {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(|e| crate::error::Error::io(path, e))?;
            match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(e) if e == rustix::io::Errno::WOULDBLOCK => return Err(Self::held_by(path)),
                Err(e) => return Err(crate::error::Error::io(path, e.into())),
            }
            // The holder before us may have removed the file as we opened it.
            let same = match (file.metadata(), std::fs::metadata(path)) {
                (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                _ => false,
            };
            if !same {
                continue;
            }
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = write!(file, "{}", std::process::id());
            return Ok(RecordLock {
                file: Some(file),
                path: path.to_path_buf(),
            });
        }
        Err(Self::held_by(path))
    }

    #[cfg(not(unix))]
    fn take(path: &std::path::Path) -> Result<RecordLock, crate::error::Error> {
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut file) => {
                    use std::io::Write as _;
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(RecordLock {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(path)
                        .ok()
                        .and_then(|t| t.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if crate::output::process_is_gone(pid) => {
                            let _ = std::fs::remove_file(path);
                        }
                        _ => return Err(Self::held_by(path)),
                    }
                }
                Err(e) => return Err(crate::error::Error::io(path, e)),
            }
        }
        Err(Self::held_by(path))
    }
}

impl Drop for RecordLock {
    /// Removes the file while still holding the lock, then releases it.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        #[cfg(unix)]
        drop(self.file.take());
    }
}

fn genesis(slug: &str) -> String {
    crate::frozen::file_digest(format!("charta ledger of {slug}").as_bytes())
}

fn chain(previous: &str, event: &Event) -> String {
    let fields = serde_json::to_string(&event.canonical()).unwrap_or_default();
    crate::frozen::file_digest(format!("{previous}\n{fields}").as_bytes())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    released: Option<Spanned<String>>,
    #[serde(default)]
    recorded: Option<Spanned<String>>,
    #[serde(default)]
    postponed: Option<Spanned<String>>,
    #[serde(default)]
    withdrawn: Option<Spanned<String>>,
    #[serde(default)]
    translated: Option<Spanned<String>>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    to: Option<Spanned<String>>,
    on: Spanned<String>,
    #[serde(default)]
    digest: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    backdated: Option<String>,
    chain: Spanned<String>,
}

fn span(file: &SourceFile, s: &Spanned<String>) -> Span {
    let at = s.referenced;
    file.span(
        at.line() as usize,
        at.column() as usize,
        s.value.chars().count().max(1),
    )
}

/// Reads a ledger, checking its form and its chain. Problems are reported
/// at the entry where they are; `None` when the ledger cannot be trusted.
pub fn parse(slug: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Ledger> {
    let restore = "the ledger is written by charta; restore it from version control \
                   (`git checkout -- <file>`)";
    let raw: Vec<RawEntry> = match serde_saphyr::from_str_with_options(
        &file.text,
        serde_saphyr::options! { strict_booleans: true },
    ) {
        Ok(raw) => raw,
        Err(e) => {
            let d =
                Diagnostic::error("broken-ledger", "the ledger cannot be read").with_help(restore);
            diags.push(match e.location() {
                Some(at) if at.line() > 0 => {
                    d.at(file.span(at.line() as usize, at.column() as usize, 1))
                }
                _ => d.in_file(&file.path),
            });
            return None;
        }
    };
    let mut ledger = Ledger::new(slug);
    for entry in raw {
        let date = |s: &Spanned<String>, diags: &mut Diagnostics| match EffectiveDate::parse(
            s.value.trim(),
        ) {
            Ok(d) => Some(d),
            Err(e) => {
                diags.push(
                    Diagnostic::error("broken-ledger", e.to_string())
                        .at(span(file, s))
                        .with_help(restore),
                );
                None
            }
        };
        let on = date(&entry.on, diags)?;
        let missing = |what: &str, diags: &mut Diagnostics| {
            diags.push(
                Diagnostic::error("broken-ledger", format!("this entry has no `{what}`"))
                    .at(span(file, &entry.on))
                    .with_help(restore),
            );
        };
        let kinds = [
            entry.released.is_some(),
            entry.recorded.is_some(),
            entry.postponed.is_some(),
            entry.withdrawn.is_some(),
            entry.translated.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            diags.push(
                Diagnostic::error(
                    "broken-ledger",
                    "an entry names exactly one of `released`, `recorded`, `postponed`, `translated` and `withdrawn`",
                )
                .at(span(file, &entry.on))
                .with_help(restore),
            );
            return None;
        }
        let event = if let Some(v) = &entry.released {
            let Some(digest) = entry.digest.clone() else {
                missing("digest", diags);
                return None;
            };
            Event::Released {
                version: date(v, diags)?,
                on,
                digest,
                backdated: entry.backdated.clone(),
            }
        } else if let Some(v) = &entry.recorded {
            let Some(digest) = entry.digest.clone() else {
                missing("digest", diags);
                return None;
            };
            Event::Recorded {
                version: date(v, diags)?,
                on,
                digest,
            }
        } else if let Some(v) = &entry.postponed {
            let (Some(to), Some(digest), Some(reason)) =
                (&entry.to, entry.digest.clone(), entry.reason.clone())
            else {
                missing("to`, `digest` or `reason", diags);
                return None;
            };
            Event::Postponed {
                version: date(v, diags)?,
                to: date(to, diags)?,
                on,
                reason,
                digest,
            }
        } else if let Some(v) = &entry.translated {
            let (Some(language), Some(digest)) = (entry.language.clone(), entry.digest.clone())
            else {
                missing("language` or `digest", diags);
                return None;
            };
            Event::Translated {
                version: date(v, diags)?,
                language,
                on,
                digest,
            }
        } else {
            let v = entry.withdrawn.as_ref()?;
            let Some(reason) = entry.reason.clone() else {
                missing("reason", diags);
                return None;
            };
            Event::Withdrawn {
                version: date(v, diags)?,
                on,
                reason,
            }
        };
        if let Some((last, _)) = ledger.entries.last()
            && event.on() < last.on()
        {
            diags.push(
                Diagnostic::error(
                    "broken-ledger",
                    format!(
                        "this entry is dated {}, before the entry above it ({}): the record only moves forward",
                        event.on(),
                        last.on()
                    ),
                )
                .at(span(file, &entry.on))
                .with_help(restore),
            );
            return None;
        }
        let expected = chain(&ledger.head(), &event);
        if entry.chain.value.trim() != expected {
            diags.push(
                Diagnostic::error(
                    "broken-ledger",
                    format!(
                        "the ledger of `{slug}` was edited: this entry ({} of {}) does not follow from the entries before it",
                        event.canonical()[0],
                        event.version()
                    ),
                )
                .at(span(file, &entry.chain))
                .with_help(restore),
            );
            return None;
        }
        ledger.entries.push((event, expected));
    }
    Some(ledger)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> EffectiveDate {
        EffectiveDate::parse(s).unwrap()
    }

    fn sample() -> Ledger {
        let mut ledger = Ledger::new("privacy");
        ledger.push(Event::Recorded {
            version: day("2024-04-01"),
            on: day("2026-12-01"),
            digest: "sha256:aa".into(),
        });
        ledger.push(Event::Released {
            version: day("2027-01-01"),
            on: day("2026-12-01"),
            digest: "sha256:bb".into(),
            backdated: None,
        });
        ledger.push(Event::Postponed {
            version: day("2027-01-01"),
            to: day("2027-02-01"),
            on: day("2026-12-02"),
            reason: "the regulator asked for \"more\" time".into(),
            digest: "sha256:cc".into(),
        });
        ledger
    }

    #[test]
    fn a_written_ledger_reads_back_the_same() {
        let ledger = sample();
        let file = SourceFile::new("versions/privacy/ledger.yaml", ledger.to_yaml());
        let mut diags = Diagnostics::new();
        assert_eq!(parse("privacy", &file, &mut diags), Some(ledger.clone()));
        assert!(diags.is_empty());
        let standing = ledger.standing();
        assert_eq!(
            standing[&day("2027-01-01")],
            Standing::MovedTo(day("2027-02-01"))
        );
        assert_eq!(
            standing[&day("2027-02-01")],
            Standing::Published("sha256:cc".into())
        );
    }

    #[test]
    fn an_edited_or_removed_entry_breaks_the_chain() {
        let text = sample().to_yaml();
        for edited in [
            text.replace("sha256:aa", "sha256:ab"),
            text.replace("more", "less"),
            // The first entry removed: the second no longer follows.
            {
                let start = text.find("- recorded").unwrap();
                let end = text.find("- released").unwrap();
                format!("{}{}", &text[..start], &text[end..])
            },
        ] {
            let file = SourceFile::new("versions/privacy/ledger.yaml", edited);
            let mut diags = Diagnostics::new();
            assert_eq!(parse("privacy", &file, &mut diags), None);
            let found = diags.into_sorted();
            assert_eq!(found[0].code, "broken-ledger");
            assert!(found[0].span.as_ref().unwrap().line > 0);
        }
        // A day before the entry above it is refused as such.
        let file = SourceFile::new(
            "versions/privacy/ledger.yaml",
            text.replace("on: 2026-12-02", "on: 2026-11-02"),
        );
        let mut diags = Diagnostics::new();
        assert_eq!(parse("privacy", &file, &mut diags), None);
        assert!(
            diags.into_sorted()[0]
                .message
                .contains("before the entry above it")
        );
        // Another document's ledger does not verify as this one's.
        let file = SourceFile::new("versions/cookies/ledger.yaml", text);
        assert_eq!(parse("cookies", &file, &mut Diagnostics::new()), None);
    }
}
