//! Benchmark: comparing two large versions of a policy.
//!
//! Run with `cargo bench --bench diff`. Builds two outlines of about 200 KB
//! of text each (Japanese, Korean and English paragraphs, tables), where the
//! newer one rewrites a few paragraphs, edits some table cells, inserts a
//! section and removes another — then times `charta::diff::compare` and
//! prints the median and range of repeated runs.
//!
//! Then the worst cases, each in a process of its own so that its memory
//! can be read: one 200 KB paragraph rewritten from end to end, and 200 KB
//! of paragraphs each rewritten. For each: the median time, and the peak
//! memory above the process's baseline (Linux: `VmHWM` after resetting it
//! through `/proc/self/clear_refs`, minus `VmRSS` before).

use charta::diff::{Outline, OutlineSection, TableOutline, Unit, UnitBody, compare};
use std::time::{Duration, Instant};

mod rng;
use rng::Rng;

const PHRASES: [&str; 12] = [
    "当社は、お客様の個人情報を適切に管理します。",
    "取得した情報は、利用目的の達成に必要な範囲でのみ利用します。",
    "保存期間が経過した後は、遅滞なく消去します。",
    "회사는 개인정보를 안전하게 보관합니다. ",
    "정보주체는 언제든지 열람을 요구할 수 있습니다. ",
    "We keep personal information only as long as we need it. ",
    "You may ask us to correct or delete your information. ",
    "本サービスの提供、アカウントの発行、本人認証およびサポートのため、",
    "治験データは、お客様の指示に従い取り扱います。",
    "Our trustees are bound by contract to equivalent measures. ",
    "문의 기록은 3년간 보관합니다. ",
    "外国にある第三者に提供する場合は、あらかじめ本人の同意を得ます。",
];

fn paragraph(rng: &mut Rng) -> String {
    (0..4).map(|_| PHRASES[rng.below(PHRASES.len())]).collect()
}

fn version(seed: u64, sections: usize) -> Outline {
    let mut rng = Rng(seed);
    let sections = (0..sections)
        .map(|s| {
            let mut units: Vec<Unit> = (0..12)
                .map(|u| Unit {
                    key: format!("p:{s}-{u}"),
                    label: format!("{}", u + 1),
                    depth: 0,
                    body: UnitBody::Text(paragraph(&mut rng)),
                })
                .collect();
            units.push(Unit {
                key: format!("t:{s}"),
                label: String::new(),
                depth: 0,
                body: UnitBody::Table(TableOutline {
                    caption: "保存期間".into(),
                    row_headers: true,
                    head: vec!["目的".into(), "期間".into()],
                    rows: (0..6)
                        .map(|r| {
                            (
                                format!("r{r}"),
                                vec![format!("目的{r}"), format!("{}年間", r + 1)],
                            )
                        })
                        .collect(),
                }),
            });
            OutlineSection {
                id: format!("section-{s}"),
                number: format!("第{}条", s + 1),
                title: format!("見出し{s}"),
                units,
            }
        })
        .collect();
    Outline {
        title: "プライバシーポリシー".into(),
        sections,
        aliases: Vec::new(),
    }
}

fn edited(old: &Outline) -> Outline {
    let mut new = old.clone();
    let mut rng = Rng(7);
    for (i, section) in new.sections.iter_mut().enumerate() {
        for unit in section.units.iter_mut() {
            match &mut unit.body {
                UnitBody::Text(t) if rng.below(20) == 0 => *t = paragraph(&mut rng),
                UnitBody::Text(t) if rng.below(10) == 0 => *t = t.replacen("保存", "保管", 1),
                UnitBody::Table(table) if i % 7 == 0 => table.rows[2].1[1] = "5年間".into(),
                _ => {}
            }
        }
    }
    new.sections.remove(3);
    let mut added = new.sections[0].clone();
    added.id = "section-new".into();
    new.sections.insert(10, added);
    new
}

fn size(o: &Outline) -> usize {
    o.sections
        .iter()
        .flat_map(|s| &s.units)
        .map(|u| match &u.body {
            UnitBody::Text(t) => t.len(),
            UnitBody::Table(t) => t.rows.iter().flat_map(|r| &r.1).map(String::len).sum(),
        })
        .sum()
}

/// One section of rewritten text: a single paragraph of about 200 KB, or
/// about 200 KB in paragraphs of a few hundred bytes; `seed` picks the words.
fn rewritten(seed: u64, one_paragraph: bool) -> Outline {
    let mut rng = Rng(seed);
    let texts: Vec<String> = if one_paragraph {
        vec![(0..750).map(|_| paragraph(&mut rng)).collect()]
    } else {
        (0..750).map(|_| paragraph(&mut rng)).collect()
    };
    let units = texts
        .into_iter()
        .enumerate()
        .map(|(u, text)| Unit {
            key: format!("p:{u}"),
            label: format!("{}", u + 1),
            depth: 0,
            body: UnitBody::Text(text),
        })
        .collect();
    Outline {
        title: "プライバシーポリシー".into(),
        sections: vec![OutlineSection {
            id: "section".into(),
            number: "第1条".into(),
            title: "見出し".into(),
            units,
        }],
        aliases: Vec::new(),
    }
}

/// A line of `/proc/self/status`, in KB.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs one worst case (in this process, started for it) and prints its
/// median time and peak memory above the baseline.
fn worst_case(name: &str) {
    let one_paragraph = name == "one-paragraph";
    let (old, new) = (rewritten(1, one_paragraph), rewritten(2, one_paragraph));
    let mut times = Vec::new();
    let mut peak_kb = 0;
    for _ in 0..9 {
        let before = status_kb("VmRSS:").unwrap_or(0);
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let start = Instant::now();
        let diff = compare(&old, &new);
        times.push(start.elapsed());
        drop(diff);
        peak_kb = peak_kb.max(status_kb("VmHWM:").unwrap_or(0).saturating_sub(before));
    }
    times.sort();
    println!(
        "rewritten ({name}, {} KB vs {} KB): median {:.1} ms, min {:.1} ms, max {:.1} ms over {} runs; peak {:.1} MB above the baseline",
        size(&old) / 1024,
        size(&new) / 1024,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len(),
        peak_kb as f64 / 1024.0
    );
}

fn main() {
    if let Some(case) = std::env::args().skip_while(|a| a != "--case").nth(1) {
        worst_case(&case);
        return;
    }
    let old = version(42, 62);
    let new = edited(&old);
    println!(
        "old: {} KB, new: {} KB of text",
        size(&old) / 1024,
        size(&new) / 1024
    );
    let mut times: Vec<Duration> = Vec::new();
    let mut changed = 0;
    for _ in 0..30 {
        let start = Instant::now();
        let diff = compare(&old, &new);
        times.push(start.elapsed());
        changed = diff.counts().changed;
    }
    times.sort();
    println!(
        "compare: median {:.2} ms, min {:.2} ms, max {:.2} ms over {} runs ({changed} sections changed)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
    // Each worst case runs in a process of its own, five times, alternating
    // with another build of this bench when one is given (the build before
    // a change, as `CHARTA_DIFF_BEFORE`): medians of the runs' medians.
    let me = std::env::current_exe().expect("the bench's path");
    let before = std::env::var_os("CHARTA_DIFF_BEFORE").filter(|b| !b.is_empty());
    let mut builds = vec![("this build", std::path::PathBuf::from(&me))];
    if let Some(before) = before {
        builds.push(("before", before.into()));
    }
    for case in ["one-paragraph", "every-paragraph"] {
        let mut figures: Vec<(Vec<f64>, Vec<f64>)> =
            builds.iter().map(|_| Default::default()).collect();
        for _ in 0..5 {
            for (i, (_, bench)) in builds.iter().enumerate() {
                let Ok(out) = std::process::Command::new(bench)
                    .args(["--case", case])
                    .output()
                else {
                    eprintln!("the {case} case cannot run");
                    return;
                };
                let line = String::from_utf8_lossy(&out.stdout).into_owned();
                let figure = |after: &str, unit: &str| -> Option<f64> {
                    line.split(after)
                        .nth(1)?
                        .split(unit)
                        .next()?
                        .trim()
                        .parse()
                        .ok()
                };
                match (figure("median", "ms"), figure("peak", "MB")) {
                    (Some(ms), Some(mb)) => {
                        figures[i].0.push(ms);
                        figures[i].1.push(mb);
                    }
                    _ => eprintln!("the {case} case failed: {line}"),
                }
            }
        }
        for ((name, _), (ms, mb)) in builds.iter().zip(&mut figures) {
            if ms.is_empty() {
                continue;
            }
            ms.sort_by(f64::total_cmp);
            mb.sort_by(f64::total_cmp);
            println!(
                "rewritten ({case}, 200 KB vs 200 KB), {name}: median {:.1} ms (runs' medians {:.1}–{:.1}), peak {:.1} MB above the baseline",
                ms[ms.len() / 2],
                ms[0],
                ms[ms.len() - 1],
                mb[mb.len() - 1]
            );
        }
    }
}
