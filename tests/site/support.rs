//! What every test shares: a copy of the example site, running the binary,
//! reading what it wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const LANGS: [&str; 3] = ["ja", "ko", "en"];
pub const DOCS: [&str; 2] = ["privacy", "cookies"];
pub const DATE: &str = "2026-12-01";

/// A copy of the example site in a folder of its own.
pub struct Site {
    pub root: PathBuf,
}

/// What a run of the binary did.
pub struct Run {
    pub code: i32,
    pub stderr: String,
}

impl Site {
    /// Copies the repository's example site (content, locales, themes, versions).
    pub fn example(name: &str) -> Site {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("sites")
            .join(name);
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["content", "locales", "themes", "versions"] {
            if repo.join(dir).exists() {
                copy_dir(&repo.join(dir), &root.join(dir));
            }
        }
        Site { root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        fs::write(self.path(rel), text).unwrap();
    }

    /// Replaces the one occurrence of `from` in a file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// The first line of a file that starts with `prefix`.
    pub fn line(&self, rel: &str, prefix: &str) -> String {
        self.read(rel)
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting with `{prefix}` in {rel}"))
            .to_owned()
    }

    /// Appends text to a file.
    pub fn append(&self, rel: &str, more: &str) {
        let text = self.read(rel);
        self.write(rel, &format!("{text}\n{more}\n"));
    }

    pub fn build(&self, out: &str) -> Run {
        self.build_with(out, &["--date", DATE])
    }

    /// Builds into `out` with more arguments (at least `--date`).
    pub fn build_with(&self, out: &str, args: &[&str]) -> Run {
        let out = self.path(out);
        let mut all = vec![
            "--root",
            self.root.to_str().unwrap(),
            "build",
            "--out",
            out.to_str().unwrap(),
        ];
        all.extend(args);
        run(&all)
    }

    /// Plans the draft of `doc` for `effective` (its `effective:` line) and
    /// runs `charta release` on [`DATE`].
    pub fn release(&self, doc: &str, effective: &str) -> Run {
        self.plan(doc, effective);
        self.release_with(doc, &[])
    }

    /// Sets the planned effective date of a document's draft.
    pub fn plan(&self, doc: &str, effective: &str) {
        let rel = format!("content/{doc}.yaml");
        let text = self.read(&rel);
        let planned: String = text
            .lines()
            .map(|l| {
                if l.starts_with("effective:") {
                    format!("effective: {effective}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        self.write(&rel, &planned);
    }

    /// Runs `charta release <doc> --date DATE` with more arguments.
    pub fn release_with(&self, doc: &str, args: &[&str]) -> Run {
        let mut all = vec![
            "--root",
            self.root.to_str().unwrap(),
            "release",
            doc,
            "--date",
            DATE,
        ];
        all.extend(args);
        run(&all)
    }

    /// Postpones the example's upcoming privacy version, 2027-01-01, to
    /// 2027-02-01 on [`DATE`]; it must succeed.
    pub fn postpone_upcoming(&self) {
        let run = self.charta(&[
            "postpone",
            "privacy",
            "2027-01-01",
            "--to",
            "2027-02-01",
            "--reason",
            "More notice",
            "--date",
            DATE,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    /// Runs `charta` on this site with these arguments.
    pub fn charta(&self, args: &[&str]) -> Run {
        let mut all = vec!["--root", self.root.to_str().unwrap()];
        all.extend(args);
        run(&all)
    }

    /// Builds into `public/`, which must succeed.
    pub fn build_ok(&self) -> PathBuf {
        let run = self.build("public");
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        self.path("public")
    }

    pub fn page(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }
}

pub fn run(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_charta"))
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

/// Every `attr="value"` in an HTML text.
pub fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Breaks a copy of the example site, builds it over a good build, and checks
/// that the build fails with exit code 1, that stderr names each expected
/// text, and that the previous output is untouched.
pub fn assert_fails(name: &str, break_it: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::example(name);
    let out = site.build_ok();
    let before = tree(&out);
    break_it(&site);
    let run = site.build("public");
    assert_eq!(run.code, 1, "expected exit code 1, stderr:\n{}", run.stderr);
    for text in expected {
        assert!(
            run.stderr.contains(text),
            "stderr lacks `{text}`:\n{}",
            run.stderr
        );
    }
    assert!(before == tree(&out), "the previous output changed");
    let leftovers: Vec<_> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") && n != ".public.charta-output")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    run.stderr
}

/// Compares a page with `tests/snapshots/<name>`; `UPDATE_SNAPSHOTS=1`
/// rewrites the snapshot so that a reviewer sees the change in the diff.
pub fn assert_snapshot(name: &str, page: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, page).unwrap();
    }
    let expected =
        fs::read_to_string(&path).expect("run with UPDATE_SNAPSHOTS=1 to create the snapshot");
    if page != expected {
        let line = page
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "the page differs from tests/snapshots/{name} at line {}:\n  got:      {:?}\n  expected: {:?}\nrun UPDATE_SNAPSHOTS=1 cargo test to accept",
            line + 1,
            page.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

/// Runs `charta` with arguments; stdout too.
pub fn run_with_stdout(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_charta"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The text of an HTML fragment: tags removed, the entities charta writes decoded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Checks that every link of every page of a built site lands: relative
/// `href` and `src` (with their fragments), and absolute addresses under
/// `base_url` (canonical, `hreflang` alternates, feeds, the sitemap's
/// entries). Returns how many links were checked.
pub fn assert_links_resolve(out: &Path, base_url: &str) -> usize {
    let files = tree(out);
    let ids = |target: &Path| -> Vec<String> {
        let html = fs::read_to_string(target).unwrap_or_default();
        attributes(&html, "id")
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    let mut checked = 0;
    for (path, bytes) in &files {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["html", "xml"].contains(&extension) {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).unwrap();
        let dir = out.join(path).parent().unwrap().to_path_buf();
        let mut links: Vec<String> = attributes(&text, "href")
            .into_iter()
            .chain(attributes(&text, "src"))
            .map(|l| l.replace("&amp;", "&"))
            .collect();
        for (i, _) in text.match_indices("<loc>") {
            let rest = &text[i + 5..];
            links.push(rest[..rest.find("</loc>").unwrap()].to_owned());
        }
        for link in links {
            let (address, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if let Some(rest) = address.strip_prefix(base_url) {
                out.join(rest)
            } else if address.contains(':') {
                continue;
            } else if let Some(from_root) = address.strip_prefix('/') {
                out.join(from_root)
            } else if address.is_empty() {
                out.join(path)
            } else {
                dir.join(address)
            };
            let target = if target.is_dir() || address.ends_with('/') {
                target.join("index.html")
            } else {
                target
            };
            assert!(target.is_file(), "{}: {link} lands nowhere", path.display());
            if !fragment.is_empty() {
                assert!(
                    ids(&target).iter().any(|id| id == fragment),
                    "{}: {link}: no element with id `{fragment}`",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

/// A new site made by `charta new`, with these languages (the first is its
/// source language), its privacy policy released to take effect on [`DATE`].
pub fn new_site(name: &str, languages: &[&str]) -> Site {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("sites")
        .join(name);
    let _ = fs::remove_dir_all(&root);
    let made = run(&["new", root.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let site = Site { root };
    let yaml = site.read("content/site.yaml");
    let listed: String = yaml
        .lines()
        .map(|l| {
            if l.starts_with("languages:") {
                format!("languages: [{}]\n", languages.join(", "))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    site.write("content/site.yaml", &listed);
    site
}
