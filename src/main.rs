//! The `charta` command: parses arguments and calls the library.

use charta::date::{EffectiveDate, Today};
use charta::{BuildOptions, Error};
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Publish policies as a static, multilingual, versioned website.
#[derive(Debug, Parser)]
#[command(name = "charta", version, about)]
struct Cli {
    /// The site's folder (holding content/, locales/, themes/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder.
    Build {
        /// Where to write the site (default: public/ under the root).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
        /// Also publish each document's working draft at /<lang>/<doc>/draft/ (marked, not indexed).
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage of the build took.
        #[arg(long)]
        timings: bool,
        /// Publish at this address instead of `base_url` (canonical links,
        /// hreflang, sitemap, feeds): for a fork or a preview deployment.
        #[arg(long, value_name = "URL", value_parser = charta::model::base_url)]
        base_url: Option<String>,
        /// Ask search engines to leave every page out (a preview build).
        #[arg(long)]
        noindex: bool,
        /// Leave out the PDFs even when the site has them (`pdf: true`): a
        /// quicker build to look at the pages.
        #[arg(long)]
        no_pdf: bool,
    },
    /// Check everything `build` checks, drafts included, plus translation status; writes nothing.
    Check {
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Make translations still to do errors instead of warnings.
        #[arg(long)]
        strict: bool,
        /// Also report everything `charta release` would refuse for each
        /// document whose draft changed (stale translations, change summary,
        /// dates, an unchanged text): what a pull request should know.
        #[arg(long)]
        release: bool,
        /// Also check that the record of releases at this git ref (e.g.
        /// origin/main) is kept: no ledger entry removed or changed, no
        /// version gone without a postponement or withdrawal on record.
        #[arg(long, value_name = "REF")]
        base: Option<String>,
        /// Also check that a published site is on time: FILE is its
        /// `charta.json`; a switch-over it missed (a version that should be in
        /// force by now) is an error.
        #[arg(long, value_name = "FILE")]
        published: Option<PathBuf>,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// Preview the site, drafts included, on 127.0.0.1; rebuilds on save and reloads open pages.
    Serve {
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 (e.g. 0.0.0.0, to
        /// preview from a phone on the same network) shows the drafts to others.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// Create a policy repository in a new folder: a starter privacy policy, a README for the legal team and the GitHub workflows.
    New {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
        /// The site's languages, the source language first (starter words
        /// exist for ja, ko and en; others start from English, to translate).
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "ja,ko,en",
            value_name = "LANG,…"
        )]
        languages: Vec<String>,
        /// `new` takes its folder as DIR: the global `--root` is hidden here.
        #[arg(long = "root", id = "root", hide = true, default_value = ".")]
        _root: PathBuf,
    },
    /// Print the JSON Schema of the YAML files, for editors.
    Schema {
        /// Which file: a document's structure, or the site settings.
        #[arg(value_enum, default_value_t = SchemaKind::Document)]
        kind: SchemaKind,
    },
    /// Freeze a document's working draft as a new version.
    Release {
        /// The document (e.g. `privacy`).
        document: String,
        /// The day the new version takes effect, YYYY-MM-DD; it must be the
        /// draft's planned `effective:`, which is used when this is left out.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        effective: Option<EffectiveDate>,
        /// Release a version whose effective date is before today (e.g. when
        /// importing a policy's history), recording why.
        #[arg(long, value_name = "REASON")]
        backdate: Option<String>,
        /// Show what would be frozen (files, digest, changes) and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// Move an upcoming version to a later effective date, on record.
    Postpone {
        /// The document (e.g. `privacy`).
        document: String,
        /// The version to move (its effective date now, YYYY-MM-DD).
        #[arg(value_parser = parse_date)]
        version: EffectiveDate,
        /// The new effective date, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: EffectiveDate,
        /// Why (shown on the history page and in the feed).
        #[arg(long)]
        reason: String,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// Take back an upcoming version before it takes effect, on record.
    Withdraw {
        /// The document (e.g. `privacy`).
        document: String,
        /// The version to withdraw (its effective date, YYYY-MM-DD).
        #[arg(value_parser = parse_date)]
        version: EffectiveDate,
        /// Why (shown on the history page and in the feed).
        #[arg(long)]
        reason: String,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// Freeze a new language's translation into a released version, on
    /// record, without changing the version's text, date or digest.
    AddTranslation {
        /// The document (e.g. `privacy`).
        document: String,
        /// The language added (one of `languages:` in content/site.yaml).
        language: String,
        /// The version (its effective date; default: the version in force).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        version: Option<EffectiveDate>,
        /// A folder with the translation of that version's text
        /// (`<document>.ftl`, optionally `site.ftl`); default: locales/<language>/,
        /// accepted only while the version's text is the draft's.
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
        /// Check the translation as published, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// Make a document from a policy written in Markdown (e.g. `pandoc -t gfm` from
    /// Word): headings become sections, numbered paragraphs clauses, lists and tables
    /// lists and tables, every text a message.
    Import {
        /// The Markdown file.
        file: PathBuf,
        /// The document's id (e.g. `privacy`).
        #[arg(long)]
        document: String,
        /// The file's language (one of `languages:` in content/site.yaml).
        #[arg(long = "lang", value_name = "LANG")]
        language: String,
        /// Add this language to the document's existing structure instead: the
        /// file must line up with it block for block.
        #[arg(long)]
        into: bool,
        /// The draft's planned effective date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        effective: Option<EffectiveDate>,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// What readers would see change if this branch were merged into BASE,
    /// as Markdown for a pull-request comment.
    Review {
        /// The git ref the branch is compared with (e.g. origin/main).
        #[arg(long, value_name = "REF")]
        base: String,
        /// The most characters to print (GitHub's comment limit by default).
        #[arg(long, default_value_t = charta::review::COMMENT_LIMIT)]
        limit: usize,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
    /// The record of every release of each document (versions/<doc>/ledger.yaml).
    Ledger {
        #[command(subcommand)]
        action: LedgerAction,
    },
    /// Compare two versions of a document, for review.
    Diff {
        /// The document (e.g. `privacy`).
        document: String,
        /// The older version: a date (YYYY-MM-DD) or `draft`.
        from: String,
        /// The newer version: a date or `draft` (to see what the draft would change).
        to: String,
        /// The language (default: the site's source language).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
}

/// What `charta ledger` does.
#[derive(Debug, Subcommand)]
enum LedgerAction {
    /// Start the ledger of a site made before charta kept one, from the
    /// versions it has now (check in version control that none is missing first).
    Init {
        /// The documents (default: every document with released versions).
        documents: Vec<String>,
        /// The day that stands for today, YYYY-MM-DD (default: today in the site's time zone).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
    },
}

/// Which JSON Schema `charta schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SchemaKind {
    /// content/<doc>.yaml
    Document,
    /// content/site.yaml
    Site,
}

/// How `charta check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    /// For people: file:line:column, the line, a caret, what to do.
    Human,
    /// One JSON document, for tools.
    Json,
    /// GitHub Actions annotations.
    Github,
}

/// How `charta diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Marked text; coloured on a terminal (unless NO_COLOR is set).
    Text,
    /// One JSON object, for tools.
    Json,
}

/// Set when standard output or error could not be written (a closed pipe,
/// as with `charta check | head`): the command then ends quietly with exit
/// code 2 instead of a panic.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Set by commands that change files: once their work is written, a closed
/// stream does not turn their success into a failure (a retry would then
/// be refused, the work being done).
static WRITES: AtomicBool = AtomicBool::new(false);

fn emit(to_stdout: bool, args: std::fmt::Arguments) {
    let written = if to_stdout {
        std::io::stdout().lock().write_fmt(args)
    } else {
        std::io::stderr().lock().write_fmt(args)
    };
    if written.is_err() {
        CLOSED.store(true, Ordering::Relaxed);
    }
}

/// `eprintln!` that never panics on a closed stream.
macro_rules! err {
    () => { emit(false, format_args!("\n")) };
    ($($t:tt)*) => { emit(false, format_args!("{}\n", format_args!($($t)*))) };
}
/// `eprint!` that never panics.
macro_rules! err_raw {
    ($($t:tt)*) => { emit(false, format_args!($($t)*)) };
}
/// `println!` that never panics.
macro_rules! out {
    () => { emit(true, format_args!("\n")) };
    ($($t:tt)*) => { emit(true, format_args!("{}\n", format_args!($($t)*))) };
}
/// `print!` that never panics.
macro_rules! out_raw {
    ($($t:tt)*) => { emit(true, format_args!($($t)*)) };
}

fn parse_date(text: &str) -> Result<EffectiveDate, String> {
    EffectiveDate::parse(text).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let code = run();
    if CLOSED.load(Ordering::Relaxed)
        && !WRITES.load(Ordering::Relaxed)
        && code == ExitCode::SUCCESS
    {
        return ExitCode::from(2);
    }
    code
}

fn run() -> ExitCode {
    let cli = Cli::parse();
    let writes = match &cli.command {
        Command::Release { dry_run, .. } | Command::AddTranslation { dry_run, .. } => !dry_run,
        Command::Build { .. }
        | Command::Postpone { .. }
        | Command::Withdraw { .. }
        | Command::Ledger { .. }
        | Command::Import { .. }
        | Command::New { .. } => true,
        _ => false,
    };
    WRITES.store(writes, Ordering::Relaxed);
    let result = match cli.command {
        Command::Build {
            out,
            date,
            drafts,
            timings,
            base_url,
            noindex,
            no_pdf,
        } => {
            let options = BuildOptions {
                out: out.unwrap_or_else(|| cli.root.join("public")),
                root: cli.root,
                date: Today::from_option(date),
                drafts,
                base_url,
                noindex,
                pdf: !no_pdf,
            };
            charta::build(&options).map(|report| {
                for warning in report.warnings.into_sorted() {
                    err!("{warning}");
                }
                if timings {
                    for (phase, took) in report.timings.phases() {
                        err!("{:>9.1} ms  {phase}", took.as_secs_f64() * 1e3);
                    }
                }
                err!(
                    "built {} files into {}",
                    report.files,
                    options.out.display()
                );
                if let Some((date, documents)) = &report.next_change {
                    err!(
                        "next change: {date}, when the upcoming version of {} takes effect; build again on that day",
                        documents.join(", ")
                    );
                }
            })
        }
        Command::Check {
            format,
            strict,
            release,
            base,
            published,
            date,
        } => {
            let options = charta::check::CheckOptions {
                root: cli.root,
                date: Today::from_option(date),
                strict,
                release,
                base,
                published,
            };
            match charta::check::check(&options) {
                Ok(checked) => {
                    let format = match format {
                        CheckFormat::Human => charta::check::Format::Human,
                        CheckFormat::Json => charta::check::Format::Json,
                        CheckFormat::Github => charta::check::Format::Github,
                    };
                    let report = charta::check::report(&checked, format);
                    // Human findings go to the error stream, like build's; the others are data.
                    if format == charta::check::Format::Human {
                        err_raw!("{report}");
                    } else {
                        out_raw!("{report}");
                    }
                    if checked.diagnostics.has_errors() {
                        return ExitCode::from(1);
                    }
                    Ok(())
                }
                // A tool reading the JSON gets JSON even when the site could not be read.
                Err(e) if format == CheckFormat::Json => {
                    let message = charta::diagnostic::visible(&e.to_string()).into_owned();
                    let report = serde_json::json!({
                        "errors": 1,
                        "warnings": 0,
                        "failure": message,
                        "findings": [],
                        "translations": [],
                    });
                    out!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
                    err!("error: {message}");
                    return ExitCode::from(2);
                }
                Err(e) => Err(e),
            }
        }
        Command::Serve { port, bind, date } => {
            charta::serve::serve(&charta::serve::ServeOptions {
                root: cli.root,
                bind,
                port,
                date,
            })
        }
        Command::New { dir, languages, .. } => {
            let options = charta::scaffold::NewSite { languages };
            charta::scaffold::create(&dir, &options).map(|files| {
                let first = options.languages.first().map_or("en", String::as_str);
                err!("created a site with {files} files in {}", dir.display());
                err!("next, in {}:", dir.display());
                err!("  charta serve              # preview while you edit: http://127.0.0.1:4000/{first}/privacy/draft/");
                err!("  charta check              # what to fix, and what to translate");
                err!("  charta release privacy    # publish the first version on the draft's `effective:` date");
                err!("  git init && git add . && git commit -m \"Our policies\"   # then push it to GitHub");
                err!("README.md says how the workflow checks pull requests and publishes on time.");
            })
        }
        Command::Schema { kind } => {
            out_raw!(
                "{}",
                match kind {
                    SchemaKind::Document => charta::schema::DOCUMENT,
                    SchemaKind::Site => charta::schema::SITE,
                }
            );
            Ok(())
        }
        Command::Release {
            document,
            effective,
            backdate,
            dry_run,
            date,
        } => {
            let options = charta::release::ReleaseOptions {
                root: cli.root,
                document,
                effective,
                today: Today::from_option(date),
                backdate,
                dry_run,
            };
            charta::release::release(&options).map(|report| print_release(&report))
        }
        Command::Postpone {
            document,
            version,
            to,
            reason,
            date,
        } => charta::lifecycle::postpone(
            &charta::lifecycle::ChangeOptions {
                root: cli.root,
                document,
                version,
                reason,
                today: Today::from_option(date),
            },
            to,
        )
        .map(|report| {
                err!(
                    "postponed {} to {}; recorded in the ledger",
                    report.from.display(),
                    report.to.as_ref().map_or(String::new(), |d| d.display().to_string())
                );
                if report.draft_updated {
                    err!("the draft's planned `effective:` was moved along");
                }
            }),
        Command::Withdraw {
            document,
            version,
            reason,
            date,
        } => charta::lifecycle::withdraw(&charta::lifecycle::ChangeOptions {
            root: cli.root,
            document,
            version,
            reason,
            today: Today::from_option(date),
        })
        .map(|report| {
                err!(
                    "withdrew {}; the ledger keeps its date, digest and the reason",
                    report.from.display()
                );
            }),
        Command::AddTranslation {
            document,
            language,
            version,
            from,
            dry_run,
            date,
        } => charta::lifecycle::add_translation(&charta::lifecycle::TranslationOptions {
            root: cli.root,
            document,
            language: language.clone(),
            version,
            from,
            today: Today::from_option(date),
            dry_run,
        })
        .map(|report| {
            for file in &report.files {
                out!("{}", file.display());
            }
            if report.dry_run {
                err!(
                    "the {language} translation of version {} checks out as published ({}); nothing was written",
                    report.version,
                    report.digest
                );
            } else {
                err!(
                    "added the {language} translation to version {} ({}); recorded in the ledger",
                    report.version,
                    report.digest
                );
            }
        }),
        Command::Import {
            file,
            document,
            language,
            into,
            effective,
            date,
        } => charta::import::import(&charta::import::ImportOptions {
            root: cli.root,
            file,
            document,
            language,
            into,
            effective,
            today: Today::from_option(date),
        })
        .map(|report| {
            for file in &report.written {
                out!("{}", file.display());
            }
            err!(
                "imported {} messages; next: `charta check` (what to translate) and `charta serve` to read it",
                report.messages
            );
        }),
        Command::Review { base, limit, date } => {
            charta::review::review(&charta::review::ReviewOptions {
                root: cli.root,
                base,
                limit,
                today: Today::from_option(date),
            })
            .map(|markdown| out_raw!("{markdown}"))
        }
        Command::Ledger {
            action: LedgerAction::Init { documents, date },
        } => charta::lifecycle::init_ledgers(&cli.root, &documents, Today::from_option(date)).map(
            |started| {
                for (slug, versions) in &started {
                    err!("started versions/{slug}/ledger.yaml with {versions} version(s)");
                }
                if started.is_empty() {
                    err!("nothing to start: every document with released versions has a ledger");
                }
            },
        ),
        Command::Diff {
            document,
            from,
            to,
            lang,
            format,
        } => {
            let options = charta::compare::CompareOptions {
                root: cli.root,
                document,
                from,
                to,
                lang,
            };
            charta::compare::compare(&options)
                .map(|comparison| print_comparison(&comparison, format))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Problems(diagnostics)) => {
            let (errors, warnings) = diagnostics.counts();
            for d in &diagnostics.into_sorted() {
                err!("{d}");
            }
            // Warnings are shown but are not what stopped the command.
            let also = match warnings {
                0 => String::new(),
                n => format!(" and {n} warning(s)"),
            };
            err!("error: the site has {errors} problem(s){also}; nothing was written");
            ExitCode::from(1)
        }
        Err(e) => {
            err!("error: {}", charta::diagnostic::visible(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

fn print_release(report: &charta::release::ReleaseReport) {
    let verb = if report.dry_run {
        "would release"
    } else {
        "released"
    };
    err!(
        "{verb} {} ({} files, {})",
        report.dir.display(),
        report.files.len(),
        report.digest
    );
    if report.dry_run {
        for file in &report.files {
            err!("  {}/{file}", report.dir.display());
        }
    }
    if let Some(previous) = report.previous {
        for (language, c) in &report.changes {
            err!(
                "  {language}: against {previous}, {} section(s) added, {} removed, {} changed, {} moved",
                c.added,
                c.removed,
                c.changed,
                c.moved
            );
        }
    }
    if report.dry_run {
        err!("nothing was written (--dry-run)");
    }
}

fn print_comparison(comparison: &charta::compare::Comparison, format: DiffFormat) {
    use std::io::IsTerminal;
    match format {
        DiffFormat::Json => match serde_json::to_string_pretty(comparison) {
            Ok(json) => out!("{json}"),
            Err(e) => err!("error: {e}"),
        },
        DiffFormat::Text => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let style = if color {
                charta::diff::report::Style::Color
            } else {
                charta::diff::report::Style::Plain
            };
            let heading = format!(
                "{} ({}): {} → {}",
                comparison.document, comparison.language, comparison.from, comparison.to
            );
            out_raw!(
                "{}",
                charta::diff::report::to_text(&comparison.diff, &heading, style)
            );
        }
    }
}
