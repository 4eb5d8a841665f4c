//! `charta check`: everything `build` validates, plus translation status,
//! in a format for people, for tools, or for pull-request annotations.
//!
//! Nothing is written. Drafts are checked as they would be published.

use crate::date::{EffectiveDate, Today};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, visible};
use crate::error::Error;
use crate::pipeline::Checked;
use crate::translation::LanguageStatus;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// file:line:column, the source line with a caret, what to do.
    Human,
    /// One JSON document with every finding.
    Json,
    /// `::error file=…,line=…,col=…::…` workflow commands for GitHub Actions.
    Github,
}

/// What `charta check` is asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The day that stands for today.
    pub date: Today,
    /// Whether translations still to do are errors rather than warnings.
    pub strict: bool,
    /// Whether to report, for every document whose draft changed, all that
    /// `charta release` would refuse (`check --release`).
    pub release: bool,
    /// A git ref whose record of releases this site must keep (`check
    /// --base origin/main` in a pull request): a removed or changed ledger
    /// entry, or a version gone without a record, is an error.
    pub base: Option<String>,
    /// A published site's `charta.json`: a switch-over it missed is an error.
    pub published: Option<PathBuf>,
}

/// Checks the site; the result holds every finding.
pub fn check(options: &CheckOptions) -> Result<Checked, Error> {
    let render_options = crate::pipeline::RunOptions {
        today: options.date,
        drafts: true,
        base_url: None,
        noindex: false,
        pdf: false,
    };
    // Every stage runs; the pages themselves are not needed.
    let (mut checked, pipeline) = crate::pipeline::Pipeline::run(
        &options.root,
        &render_options,
        crate::render::Pages::discarding(),
    )?;
    let modelled = match (&pipeline.site, &pipeline.localized) {
        (Some(site), Some(localized)) => Some((site, localized, &pipeline.sources)),
        _ => None,
    };
    if options.strict {
        checked.diagnostics.promote("untranslated");
    }
    if let (Some(base), Some((site, _, _))) = (&options.base, modelled) {
        let found = crate::review::check_record(&options.root, base, site)?;
        checked.diagnostics.extend(found);
    }
    if let Some((site, _, _)) = modelled {
        checked.diagnostics.extend(schedule_fits_time_zone(
            &options.root,
            &site.settings.time_zone,
        ));
    }
    if let (Some(file), Some((site, _, _))) = (&options.published, modelled) {
        let today = options.date.resolve(&site.settings.time_zone);
        checked.diagnostics.extend(published_on_time(file, today)?);
    }
    if options.release {
        crate::release::promote_for_release(&mut checked.diagnostics);
        if let Some((site, localized, sources)) = modelled {
            let today = options.date.resolve(&site.settings.time_zone);
            for doc in &site.documents {
                // The draft as `release` would freeze it, on its planned date.
                let readiness = crate::release::readiness(
                    site,
                    sources,
                    localized,
                    doc,
                    doc.draft.effective,
                    today,
                    None,
                );
                if !readiness.unchanged {
                    checked.diagnostics.extend(readiness.problems);
                }
            }
        }
    }
    Ok(checked)
}

/// Whether a published site, by its `charta.json`, was built late: a
/// version it announced should be in force on `today`, so a daily build did
/// not run (GitHub turns off scheduled workflows in quiet repositories).
pub fn published_on_time(file: &Path, today: EffectiveDate) -> Result<Diagnostics, Error> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let status: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::Usage(format!(
            "{} is not a site's charta.json: {e}",
            file.display()
        ))
    })?;
    let mut diags = Diagnostics::new();
    let date = |v: &serde_json::Value| v.as_str().and_then(|s| EffectiveDate::parse(s).ok());
    let built_for = date(&status["built_for"]);
    if let Some(next) = date(&status["next_change"])
        && next <= today
    {
        let missed: Vec<String> = status["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| date(&d["next"]) == Some(next))
            .filter_map(|d| Some(format!("`{}`", d["document"].as_str()?)))
            .collect();
        diags.push(
            Diagnostic::error(
                "published-site-late",
                format!(
                    "the published site was built for {}, and missed the switch-over of {} on {next}: \
                     its readers were shown a version no longer in force",
                    built_for.map_or_else(|| "an unknown day".to_owned(), |d| d.to_string()),
                    if missed.is_empty() { "a version".to_owned() } else { missed.join(", ") }
                ),
            )
            .in_file(file)
            .with_help(
                "the daily build did not run on that day: check that the scheduled workflow is enabled \
                 (Actions → policies → Enable workflow); this run publishes the site as it should be",
            ),
        );
    }
    Ok(diags)
}

/// The workflow `charta new` writes runs daily just after midnight in the
/// site's time zone; when `time_zone:` changes, its cron line must too.
fn schedule_fits_time_zone(root: &Path, zone: &crate::date::LegalTimeZone) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let expected = zone.daily_run();
    for name in ["policies.yml", "site.yml"] {
        let rel = Path::new(".github/workflows").join(name);
        let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
            continue;
        };
        check_cron(&rel, &text, zone, &expected, &mut diags);
    }
    diags
}

fn check_cron(
    rel: &Path,
    text: &str,
    zone: &crate::date::LegalTimeZone,
    expected: &crate::date::DailyRun,
    diags: &mut Diagnostics,
) {
    for (i, line) in text.lines().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("- cron:") else {
            continue;
        };
        let cron = rest
            .split('#')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if cron != expected.cron {
            let file = crate::diagnostic::SourceFile::new(rel, text.to_owned());
            let column = line.find("cron").map_or(1, |c| c + 1);
            diags.push(
                Diagnostic::warning(
                    "schedule-time-zone",
                    format!(
                        "the daily run `{cron}` is not just after midnight in {}: versions would switch over late, or a day early",
                        zone.name()
                    ),
                )
                .at(file.span(i + 1, column, line.trim().len()))
                .with_help(format!(
                    "write `- cron: \"{}\"` ({}, in UTC as GitHub reads it)",
                    expected.cron, expected.local
                )),
            );
        }
    }
}

#[derive(Serialize)]
struct Finding<'a> {
    severity: &'static str,
    code: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    help: Option<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    errors: usize,
    warnings: usize,
    findings: Vec<Finding<'a>>,
    translations: &'a [LanguageStatus],
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The findings in the chosen format.
pub fn report(checked: &Checked, format: Format) -> String {
    let findings = checked.diagnostics.clone().into_sorted();
    let (errors, warnings) = checked.diagnostics.counts();
    match format {
        Format::Human => {
            let mut out = String::new();
            for d in &findings {
                let _ = writeln!(out, "{d}");
            }
            if !checked.translations.is_empty() {
                out.push_str("translations of the drafts:\n");
                for t in &checked.translations {
                    let _ = writeln!(
                        out,
                        "  {:<6} untranslated {:>3}   unused {:>3}   stale {:>3}   reviewed {:>3}",
                        t.language, t.untranslated, t.unused, t.stale, t.reviewed
                    );
                }
            }
            let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
            out
        }
        Format::Json => {
            let report = Report {
                errors,
                warnings,
                findings: findings
                    .iter()
                    .map(|d| Finding {
                        severity: severity(d),
                        code: d.code,
                        file: d
                            .span
                            .as_ref()
                            .map(|s| visible(&s.file.display().to_string()).into_owned()),
                        line: d.span.as_ref().map(|s| s.line).filter(|l| *l > 0),
                        column: d.span.as_ref().map(|s| s.column).filter(|c| *c > 0),
                        message: visible(&d.message).into_owned(),
                        help: d.help.as_deref().map(|h| visible(h).into_owned()),
                    })
                    .collect(),
                translations: &checked.translations,
            };
            serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
        }
        Format::Github => {
            let mut out = String::new();
            for d in &findings {
                let mut props = Vec::new();
                if let Some(span) = &d.span {
                    props.push(format!(
                        "file={}",
                        property(&visible(&span.file.display().to_string()))
                    ));
                    if span.line > 0 {
                        props.push(format!("line={}", span.line));
                    }
                    if span.column > 0 {
                        props.push(format!("col={}", span.column));
                    }
                }
                props.push(format!("title={}", property(&format!("charta {}", d.code))));
                let mut message = visible(&d.message).into_owned();
                if let Some(help) = &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(&visible(help));
                }
                let _ = writeln!(
                    out,
                    "::{} {}::{}",
                    severity(d),
                    props.join(","),
                    data(&message)
                );
            }
            let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
            out
        }
    }
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(property("C:\\x,y"), "C%3A\\x%2Cy");
    }
}
