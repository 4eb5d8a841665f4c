//! Benchmark: what the PDFs cost a build of the example site.
//!
//! Run with `cargo bench --bench pdf` after `cargo build --release`. Copies
//! the example site (two documents, six released versions, three
//! languages: 18 PDFs) and alternates `charta build` with and without
//! `--no-pdf` into fresh folders, 7 runs each; reports the medians and
//! ranges, the time per PDF, the PDFs' pages and sizes, and charta's own
//! `render: PDF` phase. Results go to stdout and to `bench/PDF.md`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod files;
use files::copy_dir;

const RUNS: usize = 7;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(charta: &Path, site: &Path, out: &Path, pdf: bool) -> (Duration, String) {
    let _ = fs::remove_dir_all(out);
    let mut command = Command::new(charta);
    command
        .arg("--root")
        .arg(site)
        .arg("build")
        .arg("--out")
        .arg(out);
    command.args(["--date", "2026-12-01", "--timings"]);
    if !pdf {
        command.arg("--no-pdf");
    }
    let started = Instant::now();
    let output = command.output().unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    (took, stderr)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            pdfs(&path, out);
        } else if path.extension().is_some_and(|e| e == "pdf") {
            out.push(path);
        }
    }
}

fn main() {
    let charta = repo().join("target/release/charta");
    assert!(
        charta.is_file(),
        "build charta first: cargo build --release"
    );
    let work = repo().join("target/bench-pdf");
    let _ = fs::remove_dir_all(&work);
    let site = work.join("site");
    for dir in ["content", "locales", "themes", "versions"] {
        copy_dir(&repo().join(dir), &site.join(dir));
    }
    let (mut with, mut without) = (Vec::new(), Vec::new());
    let mut phase = Vec::new();
    for i in 0..RUNS {
        let (took, stderr) = build(&charta, &site, &work.join(format!("with-{i}")), true);
        with.push(took);
        if let Some(ms) = stderr
            .lines()
            .find(|l| l.ends_with("render: PDF"))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|ms| ms.parse::<f64>().ok())
        {
            phase.push(ms);
        }
        without.push(build(&charta, &site, &work.join(format!("without-{i}")), false).0);
    }
    let mut found = Vec::new();
    pdfs(&work.join("with-0"), &mut found);
    found.sort();
    let mut rows = String::new();
    let mut total_pages = 0;
    for pdf in &found {
        let info = Command::new("pdfinfo").arg(pdf).output();
        let pages = info
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_owned()))
            })
            .unwrap_or_else(|| "?".to_owned());
        total_pages += pages.parse::<usize>().unwrap_or(0);
        let size = fs::metadata(pdf).unwrap().len();
        let rel = pdf.strip_prefix(work.join("with-0")).unwrap().display();
        rows.push_str(&format!(
            "| `{rel}` | {pages} | {:.0} KB |\n",
            size as f64 / 1024.0
        ));
    }
    let (w, wo) = (median(&mut with), median(&mut without));
    phase.sort_by(f64::total_cmp);
    let phase_median = phase.get(phase.len() / 2).copied().unwrap_or(0.0);
    let per_pdf = (w.saturating_sub(wo)).as_secs_f64() * 1000.0 / found.len().max(1) as f64;
    let report = format!(
        "# PDF benchmark\n\nCommand: `cargo bench --bench pdf` (see `bench/pdf.rs`), {RUNS} alternating runs each, on the example site ({} PDFs, {total_pages} pages).\n\n\
| build | median s | min–max s |\n|---|---|---|\n\
| with PDFs | {:.3} | {:.3}–{:.3} |\n\
| `--no-pdf` | {:.3} | {:.3}–{:.3} |\n\n\
Added by the PDFs: {:.0} ms per PDF of wall time on this machine's cores (the languages are typeset in parallel); charta's `render: PDF` phase, summed over threads: median {:.0} ms ({:.0} ms per PDF). The first PDF of a build also reads the installed fonts' descriptions.\n\n\
| PDF | pages | size |\n|---|---|---|\n{rows}",
        found.len(),
        w.as_secs_f64(),
        with[0].as_secs_f64(),
        with[with.len() - 1].as_secs_f64(),
        wo.as_secs_f64(),
        without[0].as_secs_f64(),
        without[without.len() - 1].as_secs_f64(),
        per_pdf,
        phase_median,
        phase_median / found.len().max(1) as f64,
    );
    print!("{report}");
    fs::write(repo().join("bench/PDF.md"), report).unwrap();
}
