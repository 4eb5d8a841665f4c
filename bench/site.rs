//! Benchmark: a full build of a large versioned site, against Hugo and a floor.
//!
//! Run with `bash bench/run.sh` (installs Hugo and GNU time from Debian), or
//! `cargo bench --bench site -- [V ...]` (default 50 200 800). For each V it
//! generates a realistic privacy policy with V released versions in Japanese,
//! Korean and English (about 12 KB of text per language per version: 11
//! sections of paragraphs, clauses, ordered lists and 4 tables; each version
//! rewrites a few paragraphs, every 4th a list item, every 7th a table cell,
//! every 10th adds or removes a section), then alternates three programs
//! into fresh output folders:
//!
//! - charta: `charta build` with every default page (versions, adjacent and
//!   vs-current comparisons, history, feeds, sitemap, JSON);
//! - Hugo: an equivalent Hugo site with the same number of pages per
//!   language (comparison pages as plain pages of the same length);
//! - the floor: this program writing the very files charta writes.
//!
//! It reports medians and ranges, the paired charta/Hugo ratio of pages per
//! second, peak memory (GNU time), charta's own phase split (`--timings`),
//! and, at V = 50, the time from saving a message to the rebuilt preview in
//! `charta serve`. Results go to stdout and to `bench/RESULTS.md`.

use charta::frozen::{MANIFEST, Manifest};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod files;
mod rng;
use files::copy_dir;
use rng::Rng;

/// Languages of the generated sites: the first three have words of their
/// own (the example's); the others, for the 10-language axis, borrow them.
const LANGS: [&str; 10] = ["ja", "ko", "en", "de", "fr", "es", "it", "pt", "zh", "vi"];

/// The example language whose words and page wording a language borrows.
fn words_of(lang: &str) -> &'static str {
    let i = LANGS.iter().position(|l| *l == lang).unwrap_or(0);
    LANGS[i % 3]
}

/// What a generated site is made of.
#[derive(Clone, Copy)]
struct Shape {
    versions: usize,
    documents: usize,
    languages: usize,
}

impl Shape {
    fn langs(&self) -> &'static [&'static str] {
        &LANGS[..self.languages]
    }

    fn slugs(&self) -> Vec<String> {
        (0..self.documents)
            .map(|d| {
                if d == 0 {
                    "privacy".to_owned()
                } else {
                    format!("policy{d}")
                }
            })
            .collect()
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Sentences of real policy text, from the example site's words.
fn sentences(lang: &str) -> Vec<String> {
    let text = fs::read_to_string(repo().join(format!("locales/{lang}/privacy.ftl"))).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((_, value)) = line.split_once(" = ") else {
            continue;
        };
        let value = value.trim();
        if value.chars().count() > 20
            && !value.contains('{')
            && !value.contains('[')
            && !value.contains('*')
        {
            out.push(value.to_owned());
        }
    }
    assert!(out.len() > 20, "{lang}: too few sentences");
    out
}

/// One version's words: message id → text, per language; and which sections it has.
struct VersionText {
    sections: Vec<usize>,
    words: BTreeMap<&'static str, BTreeMap<String, String>>,
}

const SECTIONS: usize = 11;

fn section_ids(section: usize) -> Vec<String> {
    let mut ids = vec![
        format!("s{section}-title"),
        format!("s{section}-p1"),
        format!("s{section}-p2"),
    ];
    for c in 1..=3 {
        ids.push(format!("s{section}-c{c}"));
    }
    for i in 1..=4 {
        ids.push(format!("s{section}-i{i}"));
    }
    if section.is_multiple_of(3) {
        for r in 1..=3 {
            ids.push(format!("s{section}-r{r}a"));
            ids.push(format!("s{section}-r{r}b"));
        }
        ids.push(format!("s{section}-h1"));
        ids.push(format!("s{section}-h2"));
    }
    ids
}

fn first_version(
    pool: &BTreeMap<&'static str, Vec<String>>,
    langs: &[&'static str],
) -> VersionText {
    let mut rng = Rng(11);
    let mut words: BTreeMap<&'static str, BTreeMap<String, String>> = BTreeMap::new();
    for section in 0..SECTIONS + 12 {
        for id in section_ids(section) {
            let pick = rng.below(10_000);
            for &lang in langs {
                let sentences = &pool[words_of(lang)];
                let text = if id.ends_with("title") || id.contains("-h") || id.contains("-r") {
                    let s = &sentences[pick % sentences.len()];
                    s.chars().take(14).collect()
                } else if id.contains("-p") {
                    (0..3)
                        .map(|k| sentences[(pick + k) % sentences.len()].as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    sentences[pick % sentences.len()].clone()
                };
                words.entry(lang).or_default().insert(id.clone(), text);
            }
        }
    }
    VersionText {
        sections: (0..SECTIONS).collect(),
        words,
    }
}

/// The next version: a few paragraphs rewritten, every 4th a list item,
/// every 7th a table cell, every 10th a section added or removed.
fn next_version(
    prev: &VersionText,
    n: usize,
    pool: &BTreeMap<&'static str, Vec<String>>,
    langs: &[&'static str],
) -> VersionText {
    let mut rng = Rng(1000 + n as u64);
    let mut words = prev.words.clone();
    let mut sections = prev.sections.clone();
    let mut change = |id: String, rng: &mut Rng| {
        let pick = rng.below(10_000);
        for &lang in langs {
            let sentences = &pool[words_of(lang)];
            let text = (0..2)
                .map(|k| sentences[(pick + k) % sentences.len()].as_str())
                .collect::<Vec<_>>()
                .join(" ");
            words.get_mut(lang).unwrap().insert(id.clone(), text);
        }
    };
    for _ in 0..3 {
        let s = sections[rng.below(sections.len())];
        change(format!("s{s}-p{}", 1 + rng.below(2)), &mut rng);
    }
    if n.is_multiple_of(4) {
        let s = sections[rng.below(sections.len())];
        change(format!("s{s}-i{}", 1 + rng.below(4)), &mut rng);
    }
    if n.is_multiple_of(7) {
        let s = *sections.iter().find(|s| s.is_multiple_of(3)).unwrap_or(&0);
        change(format!("s{s}-r{}b", 1 + rng.below(3)), &mut rng);
    }
    if n.is_multiple_of(10) {
        if n.is_multiple_of(20) && sections.len() > SECTIONS {
            sections.remove(1 + rng.below(sections.len() - 1));
        } else if let Some(next) = (0..SECTIONS + 12).find(|s| !sections.contains(s)) {
            sections.insert(1 + rng.below(sections.len() - 1), next);
        }
    }
    VersionText { sections, words }
}

fn structure_yaml(v: &VersionText, effective: &str) -> String {
    let mut y = format!("title: doc-title\neffective: {effective}\nsections:\n");
    for &s in &v.sections {
        let _ = write!(
            y,
            "  - id: section-{s}\n    title: s{s}-title\n    body:\n      - p: s{s}-p1\n      - clauses:\n          - p: s{s}-c1\n          - p: s{s}-c2\n          - p: s{s}-c3\n      - ordered: [s{s}-i1, s{s}-i2, s{s}-i3, s{s}-i4]\n      - p: s{s}-p2\n"
        );
        if s.is_multiple_of(3) {
            let _ = write!(
                y,
                "      - table:\n          row_headers: true\n          head: [s{s}-h1, s{s}-h2]\n          rows:\n            - [s{s}-r1a, s{s}-r1b]\n            - [s{s}-r2a, s{s}-r2b]\n            - [s{s}-r3a, s{s}-r3b]\n"
            );
        }
    }
    y
}

fn ftl(v: &VersionText, lang: &str, n: usize) -> String {
    let mut f = format!("doc-title = Privacy {lang}\nrelease-summary = Version {n}.\n");
    for &s in &v.sections {
        for id in section_ids(s) {
            let text = v.words[lang][&id].replace(['{', '}'], "");
            let _ = writeln!(f, "{id} = {text}");
        }
    }
    f
}

fn date(day: usize) -> String {
    // Consecutive days from 2001-01-01 (no leap-year subtlety needed: 28-day months).
    let (y, rest) = (2001 + day / 336, day % 336);
    format!("{y:04}-{:02}-{:02}", rest / 28 + 1, rest % 28 + 1)
}

/// Writes the charta site and starts its ledger (the record every build
/// checks the versions against); returns the date after the last version.
fn generate_site(dir: &Path, shape: Shape, charta: &str) -> String {
    let date = generate_charta(dir, shape);
    let status = Command::new(charta)
        .args([
            "--root",
            dir.to_str().unwrap(),
            "ledger",
            "init",
            "--date",
            &date,
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "charta ledger init failed");
    date
}

/// Writes the charta site; returns the date after the last version. Every
/// document has the same versions, words and structure.
fn generate_charta(dir: &Path, shape: Shape) -> String {
    let _ = fs::remove_dir_all(dir);
    let langs = shape.langs();
    let slugs = shape.slugs();
    let pool: BTreeMap<&'static str, Vec<String>> =
        LANGS[..3].iter().map(|l| (*l, sentences(l))).collect();
    copy_dir(&repo().join("themes"), &dir.join("themes"));
    fs::create_dir_all(dir.join("content")).unwrap();
    fs::write(
        dir.join("content/site.yaml"),
        format!(
            "base_url: https://policies.example.com/\nlanguages: [{}]\ndocuments: [{}]\n",
            langs.join(", "),
            slugs.join(", ")
        ),
    )
    .unwrap();
    for &lang in langs {
        fs::create_dir_all(dir.join(format!("locales/{lang}"))).unwrap();
        fs::copy(
            repo().join(format!("locales/{}/site.ftl", words_of(lang))),
            dir.join(format!("locales/{lang}/site.ftl")),
        )
        .unwrap();
    }
    let mut v = first_version(&pool, langs);
    for n in 0..shape.versions {
        if n > 0 {
            v = next_version(&v, n, &pool, langs);
        }
        let effective = date(n);
        for slug in &slugs {
            let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
            files.insert(
                format!("{slug}.yaml"),
                structure_yaml(&v, &effective).into_bytes(),
            );
            for &lang in langs {
                files.insert(
                    format!("locales/{lang}/{slug}.ftl"),
                    ftl(&v, lang, n).into_bytes(),
                );
                files.insert(
                    format!("locales/{lang}/site.ftl"),
                    fs::read(dir.join(format!("locales/{lang}/site.ftl"))).unwrap(),
                );
            }
            let date = charta::date::EffectiveDate::parse(&effective).unwrap();
            let manifest = Manifest::new(date, &files);
            files.insert(MANIFEST.into(), manifest.to_yaml().into_bytes());
            let vdir = dir.join(format!("versions/{slug}/{effective}"));
            for (path, bytes) in &files {
                let target = vdir.join(path);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::write(target, bytes).unwrap();
            }
        }
    }
    // The draft is the latest version, with a new summary.
    v = next_version(&v, shape.versions, &pool, langs);
    for slug in &slugs {
        fs::write(
            dir.join(format!("content/{slug}.yaml")),
            structure_yaml(&v, &date(shape.versions + 1)),
        )
        .unwrap();
        for &lang in langs {
            fs::write(
                dir.join(format!("locales/{lang}/{slug}.ftl")),
                ftl(&v, lang, shape.versions + 1),
            )
            .unwrap();
        }
    }
    date(shape.versions + 5)
}

/// Plain text of an HTML page (for Hugo's Markdown of the same length).
fn text_of(html: &str) -> String {
    let body = html.split_once("<main").map_or(html, |(_, b)| b);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An equivalent Hugo site: the same pages per language, each with the same
/// text (policy pages as sections, paragraphs, lists and a table in Markdown).
fn generate_hugo(dir: &Path, charta_out: &Path) -> usize {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("layouts/_default")).unwrap();
    let mut config = String::from(
        "baseURL = 'https://policies.example.com/'\ndefaultContentLanguage = 'ja'\ndefaultContentLanguageInSubdir = true\ndisableKinds = ['taxonomy', 'term', 'RSS']\n[languages]\n",
    );
    for (i, lang) in LANGS[..3].iter().enumerate() {
        let _ = write!(
            config,
            "[languages.{lang}]\ncontentDir = 'content/{lang}'\nweight = {}\n",
            i + 1
        );
    }
    fs::write(dir.join("hugo.toml"), config).unwrap();
    fs::write(
        dir.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body><nav>{{ range .Translations }}<a href=\"{{ .RelPermalink }}\">{{ .Language.Lang }}</a>{{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>",
    )
    .unwrap();
    fs::write(
        dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}",
    )
    .unwrap();
    fs::write(dir.join("layouts/_default/list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}").unwrap();
    let mut pages = 0;
    for lang in &LANGS[..3] {
        let root = charta_out.join(lang);
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "html") {
                    continue;
                }
                let rel = path
                    .parent()
                    .unwrap()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace("...", "-to-");
                let name = if rel.is_empty() {
                    "home".to_owned()
                } else {
                    rel.replace('/', "-")
                };
                let text = text_of(&fs::read_to_string(&path).unwrap());
                // The same text, in Markdown shapes like the policy's own.
                let mut md = format!("---\ntitle: \"{name}\"\n---\n\n");
                for (i, chunk) in text.split(". ").collect::<Vec<_>>().chunks(6).enumerate() {
                    let _ = writeln!(md, "## Section {i}\n\n{}\n", chunk.join(". "));
                    if i.is_multiple_of(3) {
                        md.push_str("1. first item\n2. second item\n\n| Purpose | Period |\n|---|---|\n| Accounts | 5 years |\n\n");
                    }
                }
                let file = dir.join(format!("content/{lang}/{name}.md"));
                fs::create_dir_all(file.parent().unwrap()).unwrap();
                fs::write(file, md).unwrap();
                pages += 1;
            }
        }
    }
    pages
}

/// Runs a command under GNU time; returns (wall time, peak RSS in KiB, stderr).
fn measure(program: &str, args: &[&str]) -> (Duration, u64, String) {
    let started = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("PEAK_RSS_KB=%M")
        .arg(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} under /usr/bin/time: {e}"));
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{program} failed:\n{stderr}");
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("PEAK_RSS_KB="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (took, rss, stderr)
}

fn files_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out
}

/// The floor: loads the files from `from` into memory, then, timed apart,
/// only writes those bytes into `to` (folders, files, as charta does).
fn floor(from: &Path, to: &Path) {
    let started = Instant::now();
    let files = files_of(from);
    eprintln!("FLOOR_LOAD_MS={}", started.elapsed().as_secs_f64() * 1e3);
    let started = Instant::now();
    for (rel, bytes) in &files {
        let target = to.join(rel);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, bytes).unwrap();
    }
    eprintln!("FLOOR_WRITE_MS={}", started.elapsed().as_secs_f64() * 1e3);
}

/// A number the floor printed (`NAME=ms`), in seconds.
fn floor_figure(stderr: &str, name: &str) -> f64 {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .expect("the floor prints its figures")
        / 1e3
}

/// Lets the deletions of the previous generation age before timing: ext4
/// treats an inode freed within 5 seconds (300 while its table block is
/// still dirty) as recently deleted and scans past it when allocating, which
/// slows every file creation of whichever program runs next.
fn settle_deletions() {
    let _ = Command::new("sync").status();
    std::thread::sleep(Duration::from_secs(6));
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn range(v: &[f64]) -> (f64, f64) {
    let min = v.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = v.iter().cloned().fold(0.0, f64::max);
    (min, max)
}

/// One kind of edit an author saves while `charta serve` runs.
struct EditKind {
    /// What is edited, in the report's words.
    name: &'static str,
    /// The file saved, relative to the site.
    file: &'static str,
    /// The page the edit shows on, as the reloading browser fetches it.
    page: &'static str,
    /// The file's text after the `i`th edit, and what the page then shows.
    edit: fn(&str, usize) -> (String, String),
}

/// A `site.ftl` whose site title ends with `marker`, and what pages then show.
fn site_title_ending(site_ftl: &str, marker: String) -> (String, String) {
    let old = "site-title = { -company } Policies";
    assert!(site_ftl.contains(old), "site.ftl has no site-title");
    (
        site_ftl.replacen(old, &format!("{old} {marker}"), 1),
        format!("Policies {marker}"),
    )
}

/// A template with `marker` written before `</body>`, and what the page then shows.
fn before_body_end(template: &str, marker: String) -> (String, String) {
    (
        template.replacen("</body>", &format!("{marker}</body>"), 1),
        marker,
    )
}

/// The kinds of edit measured: a draft's words, its structure, the page
/// wording, a template and the stylesheet, each seen on the draft's page
/// (or the stylesheet itself); the page wording and a template also seen
/// on the version in force, which a reader's tab keeps open meanwhile.
fn edit_kinds() -> Vec<EditKind> {
    vec![
        EditKind {
            name: "a draft's words (`locales/en/privacy.ftl`)",
            file: "locales/en/privacy.ftl",
            page: "/en/privacy/draft/",
            edit: |text, i| {
                let title = format!("Privacy en edit{i}");
                let edited =
                    text.replacen("doc-title = Privacy en", &format!("doc-title = {title}"), 1);
                (edited, title)
            },
        },
        EditKind {
            name: "a document's structure (`content/privacy.yaml`: its effective date)",
            file: "content/privacy.yaml",
            page: "/en/privacy/draft/",
            edit: |text, i| {
                let line = text.lines().find(|l| l.starts_with("effective: ")).unwrap();
                let day = format!("2099-01-{:02}", i + 1);
                let edited = text.replacen(line, &format!("effective: {day}"), 1);
                (edited, format!("datetime=\"{day}\""))
            },
        },
        EditKind {
            name: "the page wording (`locales/en/site.ftl`)",
            file: "locales/en/site.ftl",
            page: "/en/privacy/draft/",
            edit: |text, i| site_title_ending(text, format!("edit{i}")),
        },
        EditKind {
            name: "the page wording, seen on the version in force, open in a browser",
            file: "locales/en/site.ftl",
            page: "/en/privacy/",
            edit: |text, i| site_title_ending(text, format!("open{i}")),
        },
        EditKind {
            name: "a template (`themes/default/templates/base.html`)",
            file: "themes/default/templates/base.html",
            page: "/en/privacy/draft/",
            edit: |text, i| before_body_end(text, format!("<!-- edit{i} -->")),
        },
        EditKind {
            name: "a template, seen on the version in force, open in a browser",
            file: "themes/default/templates/base.html",
            page: "/en/privacy/",
            edit: |text, i| before_body_end(text, format!("<!-- open{i} -->")),
        },
        EditKind {
            name: "the stylesheet (`themes/default/static/style.css`)",
            file: "themes/default/static/style.css",
            page: "/assets/style.css",
            edit: |text, i| {
                let marker = format!("/* edit{i} */");
                (format!("{text}\n{marker}\n"), marker)
            },
        },
    ]
}

/// Time from saving a file to `charta serve` serving the edited page, for
/// each kind of edit: 7 edits each, the next saved once the full rebuild
/// that follows the previous one is done.
fn serve_latency(site: &Path, charta: &str, date: &str) -> Vec<(&'static str, Vec<f64>)> {
    let mut child = Command::new(charta)
        .args([
            "--root",
            site.to_str().unwrap(),
            "serve",
            "--port",
            "0",
            "--date",
            date,
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    let port: u16 = loop {
        let n = stderr.read(&mut buf).unwrap();
        assert!(n > 0, "serve ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        if let Some(rest) = seen.split("serving http://127.0.0.1:").nth(1)
            && let Some(port) = rest.split('/').next().and_then(|p| p.parse().ok())
        {
            break port;
        }
    };
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = stderr.read_to_end(&mut sink);
    });
    let get = |target: &str| -> String {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {target} HTTP/1.1\r\n\r\n").unwrap();
        let mut r = String::new();
        s.read_to_string(&mut r).unwrap();
        r
    };
    let status = |field: &str| -> u64 {
        let r = get("/__charta/status");
        let body = r.split("\r\n\r\n").nth(1).unwrap_or("");
        body.split(&format!("\"{field}\":"))
            .nth(1)
            .and_then(|g| g.split([',', '}']).next())
            .and_then(|g| g.trim().parse().ok())
            .unwrap_or(0)
    };
    // Waits until the full rebuild after an edit is done, then a moment more.
    let settle = |builds: u64| {
        let started = Instant::now();
        while status("builds") <= builds {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "serve never rebuilt"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    // A reader's tab stays open on the version in force, as a browser's
    // reload script keeps it: waiting on the next change, naming its page.
    let browser = std::thread::spawn(move || {
        let open = "/__charta/wait?p=%2Fen%2Fprivacy%2F&g=";
        loop {
            let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
                return;
            };
            let r = {
                let mut status = String::new();
                let Ok(mut t) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
                    return;
                };
                if write!(t, "GET /__charta/status HTTP/1.1\r\n\r\n").is_err()
                    || t.read_to_string(&mut status).is_err()
                {
                    return;
                }
                status
            };
            let generation: u64 = r
                .split("\"generation\":")
                .nth(1)
                .and_then(|g| g.split([',', '}']).next())
                .and_then(|g| g.trim().parse().ok())
                .unwrap_or(0);
            if write!(s, "GET {open}{generation} HTTP/1.1\r\n\r\n").is_err() {
                return;
            }
            let mut answer = String::new();
            if s.read_to_string(&mut answer).is_err() || answer.is_empty() {
                return;
            }
        }
    });
    let mut results = Vec::new();
    for kind in edit_kinds() {
        let path = site.join(kind.file);
        let original = fs::read_to_string(&path).unwrap();
        let mut latencies = Vec::new();
        for i in 0..7 {
            let (before, builds) = (status("generation"), status("builds"));
            let (edited, shows) = (kind.edit)(&original, i);
            let started = Instant::now();
            fs::write(&path, edited).unwrap();
            // Done when the open page would have reloaded and shows the edit.
            while status("generation") == before || !get(kind.page).contains(&shows) {
                assert!(
                    started.elapsed() < Duration::from_secs(120),
                    "{}: the edit never showed on {}",
                    kind.name,
                    kind.page
                );
                std::thread::sleep(Duration::from_millis(1));
            }
            latencies.push(started.elapsed().as_secs_f64() * 1e3);
            settle(builds);
        }
        let builds = status("builds");
        fs::write(&path, original).unwrap();
        settle(builds);
        results.push((kind.name, latencies));
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = browser.join();
    results
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
                    / 1024
                    / 1024
            })
        })
        .unwrap_or(0);
    let hugo = Command::new("hugo")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cores} cores ({cpu}), {mem} GiB; {hugo}")
}

/// A program the bench times.
enum Program<'a> {
    /// `charta build` by the binary at this path.
    Charta(&'a str),
    /// Hugo on the equivalent site.
    Hugo(&'a Path),
    /// The floor, writing the files of this reference build.
    Floor(&'a Path),
}

/// The figures of one program over the alternating runs.
#[derive(Default)]
struct Runs {
    times: Vec<f64>,
    peak_kb: u64,
    /// `--timings` phases of charta's runs, in the order printed.
    phases: Vec<(String, Vec<f64>)>,
}

impl Runs {
    fn median(&self) -> f64 {
        median(self.times.clone())
    }
}

/// Runs each program `runs` times, alternating, into fresh output folders
/// under `work`; the floor's time is its writing alone.
fn alternate(
    programs: &[(&str, Program<'_>)],
    site: &Path,
    date: &str,
    work: &Path,
    runs: usize,
    outputs: &mut Vec<PathBuf>,
) -> Vec<Runs> {
    let mut results: Vec<Runs> = programs.iter().map(|_| Runs::default()).collect();
    for run in 0..runs {
        for (i, (name, program)) in programs.iter().enumerate() {
            let out = work.join(format!("out-{}-{run}", name.replace(' ', "-")));
            let _ = fs::remove_dir_all(&out);
            outputs.push(out.clone());
            let (took, rss, stderr) = match program {
                Program::Charta(charta) => measure(
                    charta,
                    &[
                        "--root",
                        site.to_str().unwrap(),
                        "build",
                        "--date",
                        date,
                        "--timings",
                        "--out",
                        out.to_str().unwrap(),
                    ],
                ),
                Program::Hugo(hugo_site) => measure(
                    "hugo",
                    &[
                        "--quiet",
                        "--source",
                        hugo_site.to_str().unwrap(),
                        "--destination",
                        out.to_str().unwrap(),
                    ],
                ),
                Program::Floor(reference) => {
                    let me = std::env::current_exe().unwrap();
                    measure(
                        me.to_str().unwrap(),
                        &[
                            "--floor",
                            reference.to_str().unwrap(),
                            out.to_str().unwrap(),
                        ],
                    )
                }
            };
            let r = &mut results[i];
            r.times.push(match program {
                Program::Floor(_) => floor_figure(&stderr, "FLOOR_WRITE_MS"),
                _ => took.as_secs_f64(),
            });
            r.peak_kb = r.peak_kb.max(rss);
            for line in stderr.lines() {
                if let Some((ms, phase)) = line.trim().split_once(" ms  ") {
                    let ms = ms.trim().parse().unwrap_or(0.0);
                    match r.phases.iter_mut().find(|(p, _)| p == phase) {
                        Some((_, v)) => v.push(ms),
                        None => r.phases.push((phase.to_owned(), vec![ms])),
                    }
                }
            }
        }
    }
    results
}

/// Whether two built sites have the same files with the same bytes.
fn same_tree(a: &Path, b: &Path) -> bool {
    let mut a = files_of(a);
    let mut b = files_of(b);
    a.sort();
    b.sort();
    a == b
}

fn pages_in(dir: &Path) -> usize {
    files_of(dir)
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .count()
}

fn ms_range(v: &[f64]) -> String {
    let (min, max) = range(v);
    format!("{:.0} ({min:.0}–{max:.0})", median(v.to_vec()))
}

fn main() {
    // Re-executed as the floor program.
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--floor") {
        floor(Path::new(&args[2]), Path::new(&args[3]));
        return;
    }
    // Only writes the site (to compare two builds' output with `diff -r`).
    if args.get(1).map(String::as_str) == Some("--generate") {
        let versions = args[3].parse().expect("--generate DIR VERSIONS CHARTA");
        let shape = Shape {
            versions,
            documents: 1,
            languages: 3,
        };
        let date = generate_site(Path::new(&args[2]), shape, &args[4]);
        println!("{date}");
        return;
    }
    // Only measures `charta serve` on a generated site.
    if args.get(1).map(String::as_str) == Some("--serve") {
        let [_, _, site, date, charta] = &args[..] else {
            panic!("--serve SITE DATE CHARTA");
        };
        for (name, latencies) in serve_latency(Path::new(site), charta, date) {
            println!("{name}: {} ms", ms_range(&latencies));
        }
        return;
    }
    let sizes: Vec<usize> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![50, 200, 800, 2000]
    } else {
        sizes
    };
    let charta = repo().join("target/release/charta");
    assert!(
        charta.is_file(),
        "build charta first: cargo build --release"
    );
    let charta = charta.to_str().unwrap().to_owned();
    // Another build of charta to compare with, in the same run.
    let before = std::env::var("CHARTA_BEFORE")
        .ok()
        .filter(|b| !b.is_empty());
    let work = repo().join("target/bench-sites");
    let mut report = format!(
        "# Benchmark results\n\nMachine: {}\n\nCommand: `bash bench/run.sh` (see `bench/site.rs`){}. Each figure is over alternating runs into fresh output folders. The floor writes the very files charta writes from bytes already in memory; its time is the writing alone (loading them is timed apart and left out), and its memory is not comparable (it holds the whole site).\n\n",
        machine(),
        if before.is_some() {
            "; `charta (before)` is the previous build of charta, given as `CHARTA_BEFORE`"
        } else {
            ""
        }
    );
    report.push_str("| V | pages | program | median s | min–max s | pages/s | peak RSS MB |\n|---|---|---|---|---|---|---|\n");
    let mut ratios_text = String::new();
    // Outputs are removed only after every size has run: on ext4, creating
    // files shortly after many were deleted makes inode allocation scan the
    // freed inodes, which would slow whichever runs came next.
    let mut outputs: Vec<PathBuf> = Vec::new();
    let mut phases_text = String::new();
    let mut serve_text = String::new();
    let serve_at = if sizes.contains(&200) { 200 } else { sizes[0] };
    for &v in &sizes {
        let site = work.join(format!("v{v}/charta"));
        let shape = Shape {
            versions: v,
            documents: 1,
            languages: 3,
        };
        let date = generate_site(&site, shape, &charta);
        let runs = if v >= 800 { 3 } else { 7 };
        let reference = work.join(format!("v{v}/reference"));
        let _ = fs::remove_dir_all(&reference);
        let build = |charta: &str, out: &Path| {
            let _ = fs::remove_dir_all(out);
            measure(
                charta,
                &[
                    "--root",
                    site.to_str().unwrap(),
                    "build",
                    "--date",
                    &date,
                    "--out",
                    out.to_str().unwrap(),
                ],
            )
        };
        build(&charta, &reference);
        let pages = pages_in(&reference);
        let identical = before.as_deref().map(|before| {
            let out = work.join(format!("v{v}/reference-before"));
            build(before, &out);
            let same = same_tree(&reference, &out);
            outputs.push(out);
            same
        });
        let hugo_site = work.join(format!("v{v}/hugo"));
        let hugo_pages = generate_hugo(&hugo_site, &reference);
        settle_deletions();
        let mut programs = vec![("charta", Program::Charta(&charta))];
        if let Some(before) = &before {
            programs.push(("charta (before)", Program::Charta(before)));
        }
        programs.push(("Hugo", Program::Hugo(&hugo_site)));
        programs.push(("floor (writing)", Program::Floor(&reference)));
        let results = alternate(
            &programs,
            &site,
            &date,
            &work.join(format!("v{v}")),
            runs,
            &mut outputs,
        );
        for ((name, program), r) in programs.iter().zip(&results) {
            let (min, max) = range(&r.times);
            let m = r.median();
            let count = if matches!(program, Program::Hugo(_)) {
                hugo_pages
            } else {
                pages
            };
            let rss = if matches!(program, Program::Floor(_)) {
                "–".to_owned()
            } else {
                format!("{:.1}", r.peak_kb as f64 / 1024.0)
            };
            let _ = writeln!(
                report,
                "| {v} | {count} | {name} | {m:.3} | {min:.3}–{max:.3} | {:.0} | {rss} |",
                count as f64 / m,
            );
        }
        let hugo = &results[programs.len() - 2];
        let floor = &results[programs.len() - 1];
        let paired = |r: &Runs, other: &Runs, f: &dyn Fn(f64, f64) -> f64| -> String {
            let v: Vec<f64> = r
                .times
                .iter()
                .zip(&other.times)
                .map(|(a, b)| f(*a, *b))
                .collect();
            let (min, max) = range(&v);
            format!("{:.2}× ({min:.2}–{max:.2})", median(v.clone()))
        };
        let vs_hugo = |r: &Runs| {
            paired(r, hugo, &|c, h| {
                (pages as f64 / c) / (hugo_pages as f64 / h)
            })
        };
        let vs_floor = |r: &Runs| paired(r, floor, &|c, f| c / f);
        let mut row = format!(
            "| {v} | {} | {} | {:.1} MB",
            vs_hugo(&results[0]),
            vs_floor(&results[0]),
            results[0].peak_kb as f64 / 1024.0
        );
        if before.is_some() {
            let _ = write!(
                row,
                " | {} | {} | {:.1} MB | {}",
                vs_hugo(&results[1]),
                vs_floor(&results[1]),
                results[1].peak_kb as f64 / 1024.0,
                if identical == Some(true) {
                    "yes"
                } else {
                    "**no**"
                }
            );
        }
        let _ = writeln!(ratios_text, "{row} |");
        let _ = write!(
            phases_text,
            "\nV = {v} (median ms):\n\n| phase | ms |\n|---|---|\n"
        );
        for (phase, ms) in &results[0].phases {
            let _ = writeln!(phases_text, "| {phase} | {:.1} |", median(ms.clone()));
        }
        if v == serve_at {
            let after = serve_latency(&site, &charta, &date);
            let earlier = before.as_deref().map(|b| serve_latency(&site, b, &date));
            let _ = write!(
                serve_text,
                "\n## `charta serve` at V = {v}\n\nFrom saving a file to the preview serving the edited page, 7 saves of each kind, each once the full rebuild after the last one is done; median ms (min–max).\n\n| edit | charta |{}\n|---|---|{}\n",
                if before.is_some() {
                    " charta (before) |"
                } else {
                    ""
                },
                if before.is_some() { "---|" } else { "" },
            );
            for (i, (name, latencies)) in after.iter().enumerate() {
                let _ = write!(serve_text, "| {name} | {} |", ms_range(latencies));
                if let Some(earlier) = &earlier {
                    let _ = write!(serve_text, " {} |", ms_range(&earlier[i].1));
                }
                serve_text.push('\n');
            }
        }
        println!("V = {v} done");
    }
    // Other axes of growth: documents and languages, at a fixed history.
    let mut axes_text = String::from(
        "\n## Other axes of growth (V = 50)\n\n| site | pages | charta median s | pages/s | pages/s ÷ 1 × 3's | floor (writing) s | charta ÷ floor | peak RSS MB |\n|---|---|---|---|---|---|---|---|\n",
    );
    let mut base_rate = 0.0;
    for (documents, languages) in [(1, 3), (10, 3), (1, 10)] {
        let shape = Shape {
            versions: 50,
            documents,
            languages,
        };
        let dir = work.join(format!("axis-{documents}x{languages}"));
        let site = dir.join("charta");
        let date = generate_site(&site, shape, &charta);
        let reference = dir.join("reference");
        let _ = fs::remove_dir_all(&reference);
        measure(
            &charta,
            &[
                "--root",
                site.to_str().unwrap(),
                "build",
                "--date",
                &date,
                "--out",
                reference.to_str().unwrap(),
            ],
        );
        let pages = pages_in(&reference);
        settle_deletions();
        let programs = [
            ("charta", Program::Charta(&charta)),
            ("floor (writing)", Program::Floor(&reference)),
        ];
        let results = alternate(&programs, &site, &date, &dir, 5, &mut outputs);
        let (c, f) = (results[0].median(), results[1].median());
        let rate = pages as f64 / c;
        if base_rate == 0.0 {
            base_rate = rate;
        }
        let ratio: Vec<f64> = results[0]
            .times
            .iter()
            .zip(&results[1].times)
            .map(|(c, f)| c / f)
            .collect();
        let _ = writeln!(
            axes_text,
            "| {documents} document(s) × {languages} languages | {pages} | {c:.3} | {rate:.0} | {:.2} | {f:.3} | {:.2}× | {:.1} |",
            rate / base_rate,
            median(ratio),
            results[0].peak_kb as f64 / 1024.0
        );
        println!("{documents} × {languages} done");
    }
    report.push_str(&format!(
        "\n## Paired ratios\n\nEach ratio is over runs paired in the order they ran: median (min–max).\n\n| V | charta ÷ Hugo, pages per second | charta ÷ floor, time | charta peak RSS |{}\n|---|---|---|---|{}\n",
        if before.is_some() {
            " before ÷ Hugo | before ÷ floor | before peak RSS | output identical to before's |"
        } else {
            ""
        },
        if before.is_some() { "---|---|---|---|" } else { "" }
    ));
    report.push_str(&ratios_text);
    report.push_str(&serve_text);
    report.push_str(&axes_text);
    report.push_str("\n## charta's phases (`build --timings`)\n");
    report.push_str(&phases_text);
    println!("{report}");
    fs::write(repo().join("bench/RESULTS.md"), &report).unwrap();
    for output in outputs {
        let _ = fs::remove_dir_all(output);
    }
}
