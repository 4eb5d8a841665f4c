//! The `charta` command: parses arguments and calls the library.

use charta::date::EffectiveDate;
use charta::{BuildOptions, Error};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// The day that stands for today, YYYY-MM-DD (default: today, UTC).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<EffectiveDate>,
        /// Also publish each document's working draft at /<lang>/<doc>/draft/ (marked, not indexed).
        #[arg(long)]
        drafts: bool,
    },
    /// Freeze a document's working draft as a new version.
    Release {
        /// The document (e.g. `privacy`).
        document: String,
        /// The day the new version takes effect, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        effective: EffectiveDate,
    },
}

fn parse_date(text: &str) -> Result<EffectiveDate, String> {
    EffectiveDate::parse(text).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { out, date, drafts } => {
            let options = BuildOptions {
                out: out.unwrap_or_else(|| cli.root.join("public")),
                root: cli.root,
                date: date.unwrap_or_else(EffectiveDate::today),
                drafts,
            };
            charta::build(&options).map(|report| {
                eprintln!(
                    "built {} files into {}",
                    report.files,
                    options.out.display()
                );
            })
        }
        Command::Release {
            document,
            effective,
        } => {
            let options = charta::release::ReleaseOptions {
                root: cli.root,
                document,
                effective,
            };
            charta::release::release(&options).map(|report| {
                eprintln!(
                    "released {} ({} files, {})",
                    report.dir.display(),
                    report.files,
                    report.digest
                );
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Problems(diagnostics)) => {
            let diagnostics = diagnostics.into_sorted();
            for d in &diagnostics {
                eprintln!("{d}");
            }
            eprintln!(
                "error: the site has {} problem(s); nothing was written",
                diagnostics.len()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
