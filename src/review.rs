//! `charta review --base <git ref>`: what readers would see change if a pull
//! request were merged, as Markdown for a pull-request comment.
//!
//! The site as it was at the base is taken from git (`git archive`) into a
//! temporary folder, and both sites go through the pipeline up to
//! localization. The review then names, per document:
//!
//! - each version the pull request releases, compared with the version before it;
//! - each version it removes or replaces (which `check` also refuses), and
//!   each postponement or withdrawal it records;
//! - the draft compared with the latest version, when the pull request changes the draft;
//!
//! and, for the site, the languages and documents added or removed. The
//! comment stays under GitHub's 65,536-character limit, cut with a note.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::diff::report::{Style, to_text};
use crate::error::Error;
use crate::ledger::Event;
use crate::localize::Localized;
use crate::model::{Document, Site, VersionKey};
use crate::render;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// GitHub refuses comments longer than this many characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// The first line of every review, so a workflow can find and update its comment.
pub const MARKER: &str = "<!-- charta-review -->";

/// What `charta review` is asked to do.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// The site's root folder (inside a git work tree).
    pub root: PathBuf,
    /// The git ref the pull request merges into (`origin/main`).
    pub base: String,
    /// Most characters the review may have.
    pub limit: usize,
    /// The day that stands for today (the clock in the site's time zone).
    pub today: crate::date::Today,
}

/// One site, read and localized.
struct Loaded {
    site: Option<Site>,
    localized: Option<Localized>,
    problems: usize,
}

fn load(root: &Path) -> Result<Loaded, Error> {
    if !root.join("content/site.yaml").is_file() {
        return Ok(Loaded {
            site: None,
            localized: None,
            problems: 0,
        });
    }
    let mut pipeline = crate::pipeline::Pipeline::model(root, None)?;
    pipeline.localize();
    Ok(Loaded {
        problems: pipeline.diagnostics.counts().0,
        site: pipeline.site,
        localized: pipeline.localized,
    })
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git(root: &Path, args: &[&str]) -> Result<String, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| Error::Usage(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(Error::Usage(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Writes the site's folder as it is at `base` into `into`.
fn checkout_base(root: &Path, base: &str, into: &Path) -> Result<(), Error> {
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    git(
        root,
        &["rev-parse", "--verify", &format!("{base}^{{commit}}")],
    )
    .map_err(|_| Error::Usage(format!("`{base}` is not a commit of this repository")))?;
    std::fs::create_dir_all(into).map_err(|e| Error::io(into, e))?;
    let tree = format!("{base}:{prefix}");
    // A base without the site's folder (the pull request adds the site) is
    // an empty base; any other failure to read it is an error.
    if !prefix.is_empty() && git(root, &["cat-file", "-e", &tree]).is_err() {
        return Ok(());
    }
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar", &tree])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::Usage(format!("cannot run git: {e}")))?;
    let stdout = archive
        .stdout
        .take()
        .ok_or_else(|| Error::Usage("git archive gave no output".into()))?;
    let unpacked = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(stdout)
        .status()
        .map_err(|e| Error::Usage(format!("cannot run tar: {e}")))?;
    let archived = archive
        .wait()
        .map_err(|e| Error::Usage(format!("git archive: {e}")))?;
    if !archived.success() || !unpacked.success() {
        return Err(Error::Usage(format!(
            "could not read the site as it is at `{base}`"
        )));
    }
    Ok(())
}

/// The site at `root` as it is at the git ref `base`, read and localized.
fn load_base(root: &Path, base: &str) -> Result<Loaded, Error> {
    let temp = TempDir(std::env::temp_dir().join(format!(
        "charta-review-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    )));
    checkout_base(root, base, &temp.0)?;
    load(&temp.0)
}

/// What a branch does to the record of releases that its base does not
/// allow: a ledger entry removed or changed, a document or a version
/// gone without a postponement or withdrawal on record. Checked by
/// `charta check --base` (an error) and shown by `charta review`. This is
/// what the ledger alone cannot tell: removing the newest version together
/// with its entry, or starting a ledger anew.
pub fn record_problems(before: &Site, after: &Site, base: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for old in &before.documents {
        let slug = &old.slug;
        let ledger = Path::new("versions")
            .join(&**slug)
            .join(crate::ledger::LEDGER);
        let old_events: Vec<&Event> = old.ledger.events().collect();
        if old_events.is_empty() && old.released.is_empty() {
            continue;
        }
        let Some(new) = after.documents.iter().find(|d| &d.slug == slug) else {
            diags.push(
                Diagnostic::error(
                    "rewritten-record",
                    format!("document `{slug}` has released versions at {base}, and this branch removes it from the site"),
                )
                .in_file("content/site.yaml")
                .with_help(format!("released versions are never deleted: keep `{slug}` in `documents` and its versions/ folder")),
            );
            continue;
        };
        let new_events: Vec<&Event> = new.ledger.events().collect();
        if let Some(i) = (0..old_events.len()).find(|&i| new_events.get(i) != Some(&old_events[i]))
        {
            let event = old_events[i];
            diags.push(
                Diagnostic::error(
                    "rewritten-record",
                    format!(
                        "the record of `{slug}` at {base} has {} entries, and this branch removes or changes entry {} (version {}, dated {})",
                        old_events.len(),
                        i + 1,
                        event.version(),
                        event.on()
                    ),
                )
                .in_file(&ledger)
                .with_help(format!(
                    "the ledger only grows: restore it from {base} (`git checkout {base} -- {}`) and record changes with `charta postpone` or `charta withdraw`",
                    ledger.display()
                )),
            );
            continue;
        }
        let standing = new.ledger.standing();
        for version in &old.released {
            if !standing.contains_key(&version.effective) {
                diags.push(
                    Diagnostic::error(
                        "rewritten-record",
                        format!(
                            "version {} of `{slug}` exists at {base}, and this branch removes it without a record",
                            version.effective
                        ),
                    )
                    .in_file(&ledger)
                    .with_help(format!("restore versions/{slug}/{} from {base}", version.effective)),
                );
            }
        }
    }
    diags
}

/// `check --base`: [`record_problems`] between `base` and the site at `root`.
pub fn check_record(root: &Path, base: &str, after: &Site) -> Result<Diagnostics, Error> {
    let before = load_base(root, base)?;
    Ok(match &before.site {
        Some(site) => record_problems(site, after, base),
        None => Diagnostics::new(),
    })
}

/// The review of the pull request, as Markdown.
pub fn review(options: &ReviewOptions) -> Result<String, Error> {
    let before = load_base(&options.root, &options.base)?;
    let after = load(&options.root)?;
    let today = after
        .site
        .as_ref()
        .map(|s| options.today.resolve(&s.settings.time_zone));
    Ok(write_review(
        &before,
        &after,
        &options.base,
        options.limit,
        today,
    ))
}

/// Collects the review's parts, then joins them under the limit.
struct Writer {
    parts: Vec<String>,
}

impl Writer {
    fn push(&mut self, part: String) {
        self.parts.push(part);
    }

    fn finish(self, limit: usize) -> String {
        let mut out = String::new();
        let reserve = 400;
        for (i, part) in self.parts.iter().enumerate() {
            if out.chars().count() + part.chars().count() + reserve > limit {
                let _ = write!(
                    out,
                    "\n---\n**This comparison was cut here** ({} of {} parts shown): a comment may hold at most {} \
                     characters. Run `charta diff <document> <from> <to> --lang <language>` to read the rest.\n",
                    i,
                    self.parts.len(),
                    limit
                );
                return out;
            }
            out.push_str(part);
        }
        out
    }
}

/// Text from a file or a command line, safe in Markdown: one line, and no
/// character that could start markup or a link.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::diagnostic::visible(text).chars() {
        if c == '\n' {
            out.push(' ');
        } else if "\\`*_[]<>#|!~&".contains(c) {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// The comparison of two versions of `doc` in every language, as a table of
/// counts and one folded block per language.
fn comparison(
    writer: &mut Writer,
    site: &Site,
    old: (&Site, &Localized, &Document, VersionKey),
    new: (&Site, &Localized, &Document, VersionKey),
) {
    let mut table = String::from(
        "\n| language | added | removed | changed | moved |\n|---|---:|---:|---:|---:|\n",
    );
    let mut blocks = Vec::new();
    for locale in &site.settings.locales {
        let before = render::outline_of(old.0, old.1, old.2, old.3, locale);
        let after = render::outline_of(new.0, new.1, new.2, new.3, locale);
        let (Some(before), Some(after)) = (before, after) else {
            let _ = writeln!(table, "| {locale} | not in both versions | | | |");
            continue;
        };
        let diff = crate::diff::compare(&before, &after);
        let c = diff.counts();
        let _ = writeln!(
            table,
            "| {locale} | {} | {} | {} | {} |",
            c.added, c.removed, c.changed, c.moved
        );
        if diff.is_unchanged() {
            // The words read the same; their Markdown (a link's target,
            // emphasis) may still differ, which readers see too.
            if !crate::release::same_words_between(
                (old.1, old.2, old.3),
                (new.1, new.2, new.3),
                locale,
            ) {
                blocks.push(format!(
                    "\n<details><summary>{locale}</summary>\n\nThe words read the same, but their formatting \
                     changes: emphasis, or where a link goes. Check the messages' Markdown.\n</details>\n"
                ));
            }
            continue;
        }
        let heading = format!("{} ({locale}): {} → {}", new.2.slug, old.3, new.3);
        let text = to_text(&diff, &heading, Style::Plain);
        let fence = fence(&text);
        blocks.push(format!(
            "\n<details><summary>{locale}</summary>\n\n{fence}diff\n{text}{fence}\n</details>\n"
        ));
    }
    writer.push(table);
    for block in blocks {
        writer.push(block);
    }
}

fn write_review(
    before: &Loaded,
    after: &Loaded,
    base: &str,
    limit: usize,
    today: Option<crate::date::EffectiveDate>,
) -> String {
    // A version whose date has passed can be neither released without a
    // recorded reason, nor postponed or withdrawn: a record that says
    // otherwise was made with a false `--date`, and is shown as such.
    let passed = |version: &crate::date::EffectiveDate| today.is_some_and(|t| *version <= t);
    let mut w = Writer { parts: Vec::new() };
    w.push(format!(
        "{MARKER}\n## What readers would see change\n\nCompared with `{base}`.\n"
    ));
    let Some((site, localized)) = after.site.as_ref().zip(after.localized.as_ref()) else {
        w.push(format!(
            "\n**The site cannot be read** ({} problem(s)): run `charta check` and fix what it reports.\n",
            after.problems.max(1)
        ));
        return w.finish(limit);
    };
    if after.problems > 0 {
        w.push(format!(
            "\n> **This pull request leaves {} problem(s) in the site**; `charta check` lists them. \
             What follows compares what could be read.\n",
            after.problems
        ));
    }
    let empty_docs = Vec::new();
    let old_site = before.site.as_ref();
    let old_docs = old_site.map_or(&empty_docs, |s| &s.documents);

    // Languages and documents.
    let mut site_notes = Vec::new();
    if let Some(old) = old_site {
        for l in &site.settings.locales {
            if !old.settings.locales.contains(l) {
                site_notes.push(format!("- adds the language **{l}**"));
            }
        }
        for l in &old.settings.locales {
            if !site.settings.locales.contains(l) {
                site_notes.push(format!("- removes the language **{l}**"));
            }
        }
        if old.settings.time_zone != site.settings.time_zone {
            site_notes.push(format!(
                "- changes the legal time zone from {} to **{}**",
                old.settings.time_zone.name(),
                site.settings.time_zone.name()
            ));
        }
    } else {
        site_notes.push("- adds the site".to_owned());
    }
    for d in &site.documents {
        if !old_docs.iter().any(|o| o.slug == d.slug) {
            site_notes.push(format!("- adds the document **{}**", d.slug));
        }
    }
    for d in old_docs {
        if !site.documents.iter().any(|n| n.slug == d.slug) {
            site_notes.push(format!(
                "- :warning: removes the document **{}** from the site",
                d.slug
            ));
        }
    }
    if let Some(old) = old_site {
        for d in record_problems(old, site, base).into_sorted() {
            site_notes.push(format!("- :warning: **{}**", plain(&d.message)));
        }
    }
    if !site_notes.is_empty() {
        w.push(format!("\n{}\n", site_notes.join("\n")));
    }

    let mut anything = !site_notes.is_empty();
    for doc in &site.documents {
        let old_doc = old_docs.iter().find(|d| d.slug == doc.slug);
        let old_localized = before.localized.as_ref();
        let old_versions: BTreeMap<String, Option<String>> = old_doc
            .map(|d| {
                d.released
                    .iter()
                    .map(|v| (v.effective.to_string(), v.digest.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut notes = Vec::new();
        let old_events = old_doc.map_or(0, |d| d.ledger.events().count());
        // Dates that this pull request postpones or withdraws, on record.
        let mut moved_from = Vec::new();
        let mut moved_to = Vec::new();
        for event in doc.ledger.events().skip(old_events) {
            match event {
                Event::Postponed { version, to, .. } => {
                    moved_from.push(version.to_string());
                    moved_to.push(to.to_string());
                }
                Event::Withdrawn { version, .. } => moved_from.push(version.to_string()),
                _ => {}
            }
        }
        // Versions removed or replaced other than on record: loud.
        for (date, digest) in &old_versions {
            match doc
                .released
                .iter()
                .find(|v| &v.effective.to_string() == date)
            {
                None if moved_from.contains(date) => {}
                None => notes.push(format!(
                    "- :warning: **removes version {date}** from `versions/{}/`",
                    doc.slug
                )),
                Some(v) if &v.digest != digest => notes.push(format!(
                    "- :warning: **replaces the text of version {date}**"
                )),
                Some(_) => {}
            }
        }
        // Lifecycle events the pull request records.
        for event in doc.ledger.events().skip(old_events) {
            match event {
                Event::Postponed {
                    version,
                    to,
                    reason,
                    ..
                } if passed(version) => notes.push(format!(
                    "- :warning: **postpones version {version}, which is already in force**, to {to} ({})",
                    plain(reason)
                )),
                Event::Postponed {
                    version,
                    to,
                    reason,
                    ..
                } => notes.push(format!(
                    "- postpones version {version} to **{to}** ({})",
                    plain(reason)
                )),
                Event::Withdrawn {
                    version, reason, ..
                } if passed(version) => notes.push(format!(
                    "- :warning: **withdraws version {version}, which is already in force** ({})",
                    plain(reason)
                )),
                Event::Withdrawn {
                    version, reason, ..
                } => notes.push(format!("- withdraws version {version} ({})", plain(reason))),
                Event::Released {
                    version,
                    backdated: None,
                    ..
                } if today.is_some_and(|t| *version < t) => notes.push(format!(
                    "- :warning: **releases version {version} with an effective date in the past** and no recorded reason"
                )),
                Event::Released {
                    version,
                    backdated: Some(reason),
                    ..
                } => notes.push(format!(
                    "- releases version {version} with an effective date in the past ({})",
                    plain(reason)
                )),
                _ => {}
            }
        }
        let mut body = Writer { parts: Vec::new() };
        // Versions this pull request releases.
        for (i, version) in doc.released.iter().enumerate() {
            let date = version.effective.to_string();
            if old_versions.contains_key(&date) || moved_to.contains(&date) {
                continue;
            }
            match i.checked_sub(1).map(|p| &doc.released[p]) {
                Some(previous) => {
                    body.push(format!(
                        "\n#### Releases version {} (takes effect {}), compared with {}\n",
                        version.effective, version.effective, previous.effective
                    ));
                    comparison(
                        &mut body,
                        site,
                        (site, localized, doc, previous.key),
                        (site, localized, doc, version.key),
                    );
                }
                None => body.push(format!(
                    "\n#### Releases version {}, the first version (takes effect {})\n",
                    version.effective, version.effective
                )),
            }
        }
        // The draft, when this pull request changes it.
        let draft_changed = match (old_doc, old_localized) {
            (Some(old), Some(old_localized)) => site.settings.locales.iter().any(|l| {
                let a = old_site
                    .and_then(|s| render::outline_of(s, old_localized, old, VersionKey::Draft, l));
                let b = render::outline_of(site, localized, doc, VersionKey::Draft, l);
                match (a, b) {
                    (Some(a), Some(b)) => {
                        !crate::diff::compare(&a, &b).is_unchanged()
                            || !crate::release::same_words_between(
                                (old_localized, old, VersionKey::Draft),
                                (localized, doc, VersionKey::Draft),
                                l,
                            )
                    }
                    (a, b) => a.is_some() != b.is_some(),
                }
            }),
            _ => true,
        };
        if draft_changed {
            match doc.released.last() {
                Some(latest) => {
                    let same = site.settings.locales.iter().all(|l| {
                        let a = render::outline_of(site, localized, doc, latest.key, l);
                        let b = render::outline_of(site, localized, doc, VersionKey::Draft, l);
                        matches!((a, b), (Some(a), Some(b)) if crate::diff::compare(&a, &b).is_unchanged())
                            && crate::release::same_words_between(
                                (localized, doc, latest.key),
                                (localized, doc, VersionKey::Draft),
                                l,
                            )
                    });
                    if !same {
                        body.push(format!(
                            "\n#### The draft (planned for {}), compared with version {}\n",
                            doc.draft.effective, latest.effective
                        ));
                        comparison(
                            &mut body,
                            site,
                            (site, localized, doc, latest.key),
                            (site, localized, doc, VersionKey::Draft),
                        );
                    }
                }
                None => body.push(format!(
                    "\n#### The draft (planned for {}): no version is released yet; all of it is new\n",
                    doc.draft.effective
                )),
            }
        }
        if notes.is_empty() && body.parts.is_empty() {
            continue;
        }
        anything = true;
        w.push(format!("\n### {}\n", doc.slug));
        if !notes.is_empty() {
            w.push(format!("\n{}\n", notes.join("\n")));
        }
        for part in body.parts {
            w.push(part);
        }
    }
    if !anything {
        w.push(
            "\nNothing that readers see changes: no document's text, version or language.\n".into(),
        );
    }
    w.finish(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outgrow_the_backticks_inside() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("a ```` b"), "`````");
    }

    #[test]
    fn a_long_review_is_cut_with_a_note_under_the_limit() {
        let mut w = Writer { parts: Vec::new() };
        for i in 0..100 {
            w.push(format!("part {i} {}\n", "x".repeat(1000)));
        }
        let out = w.finish(20_000);
        assert!(out.chars().count() <= 20_000);
        assert!(out.contains("This comparison was cut here"));
        assert!(out.contains("part 0 "));
        assert!(!out.contains("part 99 "));
    }
}
