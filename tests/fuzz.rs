//! A mutation fuzzer for charta's four parsers and comparers, on stable Rust
//! with no extra crates: the YAML model, the Fluent layer, the Markdown
//! renderer and the inline comparison.
//!
//! Seeds are the example site's own files and the texts of the broken-input
//! corpus (`tests/corpus/*.case`). Each input is a seed changed a few times
//! (bytes flipped, ranges cut or doubled, tokens that parsers care about
//! inserted, seeds spliced), run in memory through the library, and must:
//! never panic, never take more than two seconds, and keep each target's
//! invariant (published Markdown holds no script or handler; a comparison
//! gives back both texts). A failing input is written to
//! `target/fuzz-findings/` and fails the test.
//!
//! `cargo test` runs a short, deterministic round (a few seconds a target).
//! A long run: `CHARTA_FUZZ_SECONDS=600 CHARTA_FUZZ_SEED=7 cargo test
//! --release --test fuzz -- --nocapture` (seconds per target).

use charta::diagnostic::SourceFile;
use charta::render::markdown::{Flow, NoTargets, to_html, to_plain_text};
use charta::sources::{SiteSources, ThemeSources};
use std::collections::BTreeMap;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces that parsers treat specially, inserted by the mutator.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "{ ",
    " }",
    "{ $",
    "-> ",
    "[",
    "]",
    "*[",
    ":",
    ": ",
    "- ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u{3000}",
    "：",
    "#",
    "##",
    "**",
    "__",
    "*",
    "_",
    "~~",
    "`",
    "<",
    ">",
    "<script>",
    "](",
    "(",
    ")",
    "javascript:",
    "https://",
    "#",
    "\\",
    "\"",
    "'",
    "=",
    " = ",
    "1. ",
    "\u{0}",
    "\u{7}",
    "\u{1b}[2K",
    "\u{202e}",
    "\u{fdd0}",
    "\u{e000}",
    "\u{feff}",
    "個人情報",
    "제1조",
    "&amp;",
    "{{",
    "}}",
    "- p: ",
    "id: ",
    "clauses:",
    "table:",
    "aliases: [",
    "effective: ",
    "\u{ffff}",
];

fn mutate(rng: &mut Rng, seed: &str, others: &[String]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if !bytes.is_empty() => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                let piece = bytes[at.min(end)..end].to_vec();
                let most = if rng.below(10) == 0 { 2_000 } else { 3 };
                let times = 1 + rng.below(most);
                for _ in 0..times {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            3 | 4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let times = if rng.below(20) == 0 {
                    1 + rng.below(5_000)
                } else {
                    1
                };
                for _ in 0..times {
                    bytes.splice(at..at, token.iter().copied());
                }
            }
            5 if !others.is_empty() => {
                let other = others[rng.below(others.len())].as_bytes();
                let start = rng.below(other.len() + 1);
                let end = (start + rng.below(200)).min(other.len());
                bytes.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let line_start = bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                bytes.insert(line_start, b' ');
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn source(rel: &str, text: String) -> SourceFile {
    SourceFile::new(PathBuf::from(rel), text)
}

fn read(rel: &str) -> String {
    fs::read_to_string(repo().join(rel)).unwrap()
}

/// The example site in memory, without released versions.
fn example() -> SiteSources {
    let mut locales = BTreeMap::new();
    for lang in ["ja", "ko", "en"] {
        let mut files = BTreeMap::new();
        for stem in ["site", "privacy", "cookies"] {
            let rel = format!("locales/{lang}/{stem}.ftl");
            files.insert(stem.to_owned(), source(&rel, read(&rel)));
        }
        locales.insert(lang.to_owned(), files);
    }
    let mut documents = BTreeMap::new();
    for doc in ["privacy", "cookies"] {
        let rel = format!("content/{doc}.yaml");
        documents.insert(doc.to_owned(), source(&rel, read(&rel)));
    }
    let mut themes = BTreeMap::new();
    themes.insert("default".to_owned(), ThemeSources::default());
    SiteSources {
        root: repo().to_path_buf(),
        settings: source("content/site.yaml", read("content/site.yaml")),
        documents,
        locales,
        themes,
        overrides: ThemeSources::default(),
        versions: BTreeMap::new(),
        ledgers: BTreeMap::new(),
        leftovers: Vec::new(),
        problems: Default::default(),
    }
}

/// The texts of the broken-input corpus, as more seeds.
fn corpus_texts() -> Vec<String> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(repo().join("tests/corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path).unwrap_or_default();
        let mut block = String::new();
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("--- ") {
                if inside && !block.is_empty() {
                    out.push(std::mem::take(&mut block));
                }
                inside = line != "--- end";
                block.clear();
            } else if inside {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    out
}

/// What one target does with one input; `Err` when an invariant fails.
type Target = fn(&SiteSources, &str, usize) -> Result<(), String>;

fn yaml(base: &SiteSources, input: &str, which: usize) -> Result<(), String> {
    let mut sources = base.clone();
    if which.is_multiple_of(5) {
        sources.settings = source("content/site.yaml", input.to_owned());
    } else {
        let doc = if which.is_multiple_of(2) {
            "privacy"
        } else {
            "cookies"
        };
        let rel = format!("content/{doc}.yaml");
        sources
            .documents
            .insert(doc.to_owned(), source(&rel, input.to_owned()));
    }
    let _ = charta::model::validate(&sources);
    Ok(())
}

fn fluent(base: &SiteSources, input: &str, which: usize) -> Result<(), String> {
    let mut sources = base.clone();
    let lang = ["ja", "ko", "en"][which % 3];
    let stem = ["site", "privacy", "cookies"][(which / 3) % 3];
    let rel = format!("locales/{lang}/{stem}.ftl");
    if let Some(files) = sources.locales.get_mut(lang) {
        files.insert(stem.to_owned(), source(&rel, input.to_owned()));
    }
    let (site, _) = charta::model::validate(&sources);
    if let Some(site) = site {
        let _ = charta::localize::localize(&site, &sources);
    }
    Ok(())
}

fn markdown(_: &SiteSources, input: &str, _: usize) -> Result<(), String> {
    for flow in [Flow::Block, Flow::Inline, Flow::Title] {
        if let Ok(html) = to_html(input, flow, &NoTargets) {
            let lower = html.to_ascii_lowercase();
            // Text `<` is escaped, so every `<` opens a real tag.
            for tag in lower.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or("");
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '/'])
                    .next()
                    .unwrap_or("");
                // Anything that runs, loads or submits something is out.
                let unsafe_tags = [
                    "script", "img", "iframe", "style", "object", "embed", "form", "input", "link",
                    "meta", "base", "svg", "math", "video", "audio", "source", "frame",
                ];
                if unsafe_tags.contains(&name) {
                    return Err(format!("published Markdown holds a `<{name}>` tag: {html}"));
                }
                let handler = tag
                    .split_whitespace()
                    .skip(1)
                    .any(|attribute| attribute.starts_with("on") && attribute.contains('='));
                if handler {
                    return Err(format!("published Markdown holds an event handler: {html}"));
                }
            }
            // Every link goes where a policy may link: the web, mail, a phone, a section.
            for (i, _) in lower.match_indices(" href=\"") {
                let target = &lower[i + 7..];
                if !["https:", "http:", "mailto:", "tel:", "#"]
                    .iter()
                    .any(|p| target.starts_with(p))
                {
                    return Err(format!(
                        "a link to `{}`: {html}",
                        &target[..target.len().min(40)]
                    ));
                }
            }
        }
    }
    let _ = to_plain_text(input);
    Ok(())
}

fn comparison(_: &SiteSources, input: &str, which: usize) -> Result<(), String> {
    // The input against a seeded edit of itself, both ways.
    let mut rng = Rng(which as u64 | 1);
    let other = mutate(&mut rng, input, &[]);
    for (old, new) in [(input, other.as_str()), (other.as_str(), input)] {
        let changes = charta::diff::text::diff(old, new);
        let (mut before, mut after) = (String::new(), String::new());
        for change in &changes {
            match change {
                charta::diff::text::Change::Equal(t) => {
                    before.push_str(t);
                    after.push_str(t);
                }
                charta::diff::text::Change::Delete(t) => before.push_str(t),
                charta::diff::text::Change::Insert(t) => after.push_str(t),
            }
        }
        if before != old || after != new {
            return Err("the comparison does not give back both texts".to_owned());
        }
    }
    Ok(())
}

/// Runs one target for `budget`, returning how many inputs it tried.
fn run(name: &str, target: Target, seeds: &[String], budget: Duration, seed: u64) -> usize {
    let base = example();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let started = Instant::now();
    let mut tried = 0;
    while started.elapsed() < budget {
        let seed_text = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed_text, seeds);
        let began = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| target(&base, &input, tried)));
        let took = began.elapsed();
        let failure = match outcome {
            Err(panic) => Some(format!(
                "panicked: {}",
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            )),
            Ok(Err(broken)) => Some(broken),
            Ok(Ok(())) if took > Duration::from_secs(2) => Some(format!("took {took:?}")),
            Ok(Ok(())) => None,
        };
        if let Some(failure) = failure {
            let dir = repo().join("target/fuzz-findings");
            let _ = fs::create_dir_all(&dir);
            let file = dir.join(format!("{name}-{seed}-{tried}.txt"));
            let _ = fs::write(&file, &input);
            panic!(
                "{name}: input {tried} {failure}; saved to {}",
                file.display()
            );
        }
        tried += 1;
    }
    tried
}

#[test]
fn parsers_survive_mutated_inputs() {
    let seconds: u64 = std::env::var("CHARTA_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let seed: u64 = std::env::var("CHARTA_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let corpus = corpus_texts();
    let example = example();
    let yaml_seeds: Vec<String> = example
        .documents
        .values()
        .map(|f| f.text.clone())
        .chain([example.settings.text.clone()])
        .chain(corpus.iter().filter(|t| t.contains(": ")).cloned())
        .collect();
    let ftl_seeds: Vec<String> = example
        .locales
        .values()
        .flat_map(|files| files.values().map(|f| f.text.clone()))
        .chain(corpus.iter().filter(|t| t.contains(" = ")).cloned())
        .collect();
    // Message values, one by one, for the Markdown and comparison targets.
    let messages: Vec<String> = ftl_seeds
        .iter()
        .flat_map(|t| {
            t.lines()
                .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.to_owned()))
        })
        .collect();
    let budget = Duration::from_secs(seconds);
    for (name, target, seeds) in [
        ("yaml", yaml as Target, &yaml_seeds),
        ("fluent", fluent as Target, &ftl_seeds),
        ("markdown", markdown as Target, &messages),
        ("comparison", comparison as Target, &messages),
    ] {
        let tried = run(name, target, seeds, budget, seed);
        println!("fuzz {name}: {tried} inputs in {seconds} s (seed {seed}), no failure");
        assert!(tried > 0);
    }
}

#[test]
fn the_mutator_is_deterministic_and_changes_its_input() {
    let seeds = vec!["a = b\n".to_owned()];
    let (mut a, mut b) = (Rng(3), Rng(3));
    let first: Vec<String> = (0..20)
        .map(|_| mutate(&mut a, "title: x\n", &seeds))
        .collect();
    let second: Vec<String> = (0..20)
        .map(|_| mutate(&mut b, "title: x\n", &seeds))
        .collect();
    assert_eq!(first, second);
    assert!(first.iter().any(|m| m != "title: x\n"));
}
