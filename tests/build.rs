//! Integration tests: the real `charta` binary on the example site and on
//! broken copies of it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const LANGS: [&str; 3] = ["ja", "ko", "en"];
const DOCS: [&str; 2] = ["privacy", "cookies"];
const DATE: &str = "2026-11-29";

/// A copy of the example site in a folder of its own.
struct Site {
    root: PathBuf,
}

/// What a run of the binary did.
struct Run {
    code: i32,
    stderr: String,
}

impl Site {
    /// Copies the repository's example site (content, locales, themes, versions).
    fn example(name: &str) -> Site {
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

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.path(rel), text).unwrap();
    }

    /// Replaces the one occurrence of `from` in a file.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Appends text to a file.
    fn append(&self, rel: &str, more: &str) {
        let text = self.read(rel);
        self.write(rel, &format!("{text}\n{more}\n"));
    }

    fn build(&self, out: &str) -> Run {
        run(&[
            "--root",
            self.root.to_str().unwrap(),
            "build",
            "--out",
            self.path(out).to_str().unwrap(),
            "--date",
            DATE,
        ])
    }

    /// Builds into `public/`, which must succeed.
    fn build_ok(&self) -> PathBuf {
        let run = self.build("public");
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        self.path("public")
    }

    fn page(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }
}

fn run(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_charta"))
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn copy_dir(from: &Path, to: &Path) {
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
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
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
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
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
fn assert_fails(name: &str, break_it: impl FnOnce(&Site), expected: &[&str]) -> String {
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
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    run.stderr
}

#[test]
fn example_site_has_every_page() {
    let site = Site::example("pages");
    let out = site.build_ok();
    assert!(out.join("index.html").is_file());
    assert!(out.join("assets/style.css").is_file());
    for lang in LANGS {
        assert!(
            out.join(lang).join("index.html").is_file(),
            "{lang}/index.html"
        );
        for doc in DOCS {
            let page = site.page(&format!("{lang}/{doc}/index.html"));
            assert!(
                page.starts_with("<!DOCTYPE html>\n<html lang=\""),
                "{lang}/{doc}"
            );
            assert!(
                page.contains(&format!("<html lang=\"{lang}\">")),
                "{lang}/{doc}"
            );
        }
    }
}

#[test]
fn pages_show_title_date_numbers_and_tables() {
    let site = Site::example("structure");
    site.build_ok();
    let ja = site.page("ja/privacy/index.html");
    let ko = site.page("ko/privacy/index.html");
    let en = site.page("en/privacy/index.html");

    assert!(ja.contains("<title>プライバシーポリシー"), "ja title");
    assert!(ja.contains("<time datetime=\"2026-04-01\">2026年4月1日</time>"));
    assert!(ko.contains("<time datetime=\"2026-04-01\">2026년 4월 1일</time>"));
    assert!(en.contains("<time datetime=\"2026-04-01\">April 1, 2026</time>"));

    // Eleven numbered sections in each language's style.
    assert!(
        ja.contains("<span class=\"number\">第1条</span>")
            && ja.contains("<span class=\"number\">第11条</span>")
    );
    assert!(!ja.contains("第12条"));
    assert!(ko.contains("<span class=\"number\">제11조</span>"));
    assert!(en.contains("<span class=\"number\">11.</span>"));
    // Clause styles: Korean clauses are circled numbers.
    assert!(ko.contains("<span class=\"number\">①</span>"));
    assert!(
        ja.contains("<span class=\"number\">（1）</span>"),
        "ja sub-clauses"
    );

    for page in [&ja, &ko, &en] {
        assert!(page.contains("<th scope=\"col\">"));
        assert!(page.contains("<th scope=\"row\">"));
        assert!(page.contains("<caption>"));
        assert!(page.contains("<dl class=\"contact\">"));
        assert!(page.contains("href=\"mailto:privacy@hoshizora.example\""));
        assert!(page.contains("<strong class=\"lead\">"));
        assert!(
            !page.contains('\u{2068}') && !page.contains('\u{2069}'),
            "bidi isolation marks"
        );
    }
}

#[test]
fn table_of_contents_and_cross_references_land_on_sections() {
    let site = Site::example("anchors");
    site.build_ok();
    for lang in LANGS {
        for doc in DOCS {
            let page = site.page(&format!("{lang}/{doc}/index.html"));
            let ids = attributes(&page, "id");
            let mut fragments = 0;
            for href in attributes(&page, "href") {
                if let Some(fragment) = href.strip_prefix('#') {
                    fragments += 1;
                    assert!(
                        ids.contains(&fragment),
                        "{lang}/{doc}: #{fragment} lands nowhere"
                    );
                }
            }
            assert!(fragments > 5, "{lang}/{doc} has a table of contents");
        }
    }
}

#[test]
fn every_relative_link_lands_on_a_file() {
    let site = Site::example("links");
    let out = site.build_ok();
    for (path, bytes) in tree(&out) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = out.join(&path).parent().unwrap().to_path_buf();
        for href in attributes(&html, "href") {
            if href.starts_with('#') || href.contains(':') {
                continue;
            }
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let mut target = dir.join(file);
            if href.ends_with('/') || file.is_empty() || target.is_dir() {
                target = target.join("index.html");
            }
            assert!(target.is_file(), "{}: {href} lands nowhere", path.display());
            if !fragment.is_empty() {
                let target_html = fs::read_to_string(&target).unwrap();
                assert!(
                    attributes(&target_html, "id").contains(&fragment),
                    "{}: {href}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn language_switch_keeps_the_document() {
    let site = Site::example("switch");
    site.build_ok();
    let page = site.page("ko/cookies/index.html");
    for lang in LANGS {
        assert!(
            page.contains(&format!("href=\"../../{lang}/cookies/\" lang=\"{lang}\"")),
            "{lang}"
        );
    }
    assert!(page.contains("aria-current=\"page\">한국어</a>"));
    let chooser = site.page("index.html");
    for lang in LANGS {
        assert!(
            chooser.contains(&format!("href=\"{lang}/\" hreflang=\"{lang}\"")),
            "{lang}"
        );
    }
}

#[test]
fn bold_works_next_to_japanese_brackets() {
    let site = Site::example("cjk-bold");
    site.build_ok();
    let ja = site.page("ja/privacy/index.html");
    assert!(
        ja.contains("<strong>「個人情報」</strong>"),
        "bold bracketed term"
    );
    assert!(!ja.contains("**"), "no literal asterisks left");
}

#[test]
fn builds_are_byte_identical() {
    let site = Site::example("determinism");
    let a = site.build("a");
    let b = site.build("b");
    assert_eq!((a.code, b.code), (0, 0));
    let (a, b) = (tree(&site.path("a")), tree(&site.path("b")));
    assert!(a.len() > 10);
    assert!(a == b, "two builds differ");
}

#[test]
fn snapshot_of_the_japanese_privacy_policy() {
    let site = Site::example("snapshot");
    site.build_ok();
    let page = site.page("ja/privacy/index.html");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/ja-privacy.html");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &page).unwrap();
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
            "the page differs from tests/snapshots/ja-privacy.html at line {}:\n  got:      {:?}\n  expected: {:?}\nrun UPDATE_SNAPSHOTS=1 cargo test to accept",
            line + 1,
            page.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

#[test]
fn a_failed_build_leaves_no_partial_site_on_first_build() {
    let site = Site::example("first-failure");
    site.edit(
        "content/privacy.yaml",
        "effective: 2026-04-01",
        "effective: 2026-02-30",
    );
    let run = site.build("public");
    assert_eq!(run.code, 1);
    assert!(!site.path("public").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = Site::example("foreign-out");
    fs::create_dir_all(site.path("public")).unwrap();
    site.write("public/precious.txt", "keep me");
    let run = site.build("public");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("was not made by charta"));
    assert_eq!(site.read("public/precious.txt"), "keep me");
}

#[test]
fn not_a_site_is_a_usage_error() {
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("not-a-site");
    fs::create_dir_all(&empty).unwrap();
    let run = run(&["--root", empty.to_str().unwrap(), "build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no content/site.yaml"));
}

// ---- One test per class of error --------------------------------------------

#[test]
fn yaml_syntax_error() {
    assert_fails(
        "yaml-syntax",
        |s| {
            s.edit(
                "content/privacy.yaml",
                "title: privacy-title",
                "title: [privacy-title",
            )
        },
        &["error[", "content/privacy.yaml:"],
    );
}

#[test]
fn unknown_key() {
    assert_fails(
        "unknown-key",
        |s| {
            s.edit(
                "content/cookies.yaml",
                "title: cookies-title",
                "title: cookies-title\ntitel: cookies-title",
            )
        },
        &[
            "error[unknown-key]",
            "unknown field `titel`",
            "content/cookies.yaml:3:1",
        ],
    );
}

#[test]
fn wrong_type() {
    assert_fails(
        "wrong-type",
        |s| {
            s.edit(
                "content/privacy.yaml",
                "  - id: collection\n",
                "  - id: [collection]\n",
            )
        },
        &["error[wrong-type]", "content/privacy.yaml:"],
    );
}

#[test]
fn duplicate_section_id() {
    let stderr = assert_fails(
        "duplicate-id",
        |s| {
            s.edit(
                "content/privacy.yaml",
                "  - id: collection\n",
                "  - id: definitions\n",
            )
        },
        &[
            "error[duplicate-id]",
            "duplicate id `definitions`",
            "already used at line 7",
        ],
    );
    let line =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/privacy.yaml"))
            .unwrap()
            .lines()
            .position(|l| l == "  - id: collection")
            .unwrap()
            + 1;
    assert!(
        stderr.contains(&format!("content/privacy.yaml:{line}:9")),
        "{stderr}"
    );
}

#[test]
fn missing_message_in_one_locale() {
    assert_fails(
        "missing-message",
        |s| {
            let text = s.read("locales/ko/cookies.ftl");
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("cookies-title ="))
                .collect();
            s.write("locales/ko/cookies.ftl", &kept.join("\n"));
        },
        &[
            "error[missing-message]: message `cookies-title` is missing in ko",
            "content/cookies.yaml:2:8",
            "it exists in ja, en",
        ],
    );
}

#[test]
fn fluent_syntax_error() {
    assert_fails(
        "fluent-syntax",
        |s| s.append("locales/en/privacy.ftl", "broken-message = { -company"),
        &["error[fluent-syntax]", "locales/en/privacy.ftl:"],
    );
}

#[test]
fn unresolved_placeable() {
    assert_fails(
        "unresolved",
        |s| {
            let text = s.read("locales/ja/cookies.ftl");
            let fixed = text.replacen("cookies-title = ", "cookies-title = { $who }", 1);
            s.write("locales/ja/cookies.ftl", &fixed);
        },
        &[
            "error[unresolved-placeable]",
            "message `cookies-title` in ja cannot be resolved",
            "Unknown variable: $who",
            "locales/ja/cookies.ftl:",
        ],
    );
}

#[test]
fn unknown_term() {
    assert_fails(
        "unknown-term",
        |s| {
            let text = s.read("locales/en/cookies.ftl");
            let fixed = text.replacen("cookies-title = ", "cookies-title = { -compnay } ", 1);
            s.write("locales/en/cookies.ftl", &fixed);
        },
        &["error[unresolved-placeable]", "Unknown term: -compnay"],
    );
}

#[test]
fn invalid_dates() {
    assert_fails(
        "bad-date",
        |s| {
            s.edit(
                "content/privacy.yaml",
                "effective: 2026-04-01",
                "effective: 2026-4-1",
            )
        },
        &[
            "error[bad-date]",
            "`2026-4-1` is not a date of the form YYYY-MM-DD",
            "content/privacy.yaml:3:12",
        ],
    );
    assert_fails(
        "impossible-date",
        |s| {
            s.edit(
                "content/privacy.yaml",
                "effective: 2026-04-01",
                "effective: 2023-02-30",
            )
        },
        &[
            "error[bad-date]",
            "`2023-02-30` is not a day of the calendar",
        ],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let stderr = assert_fails(
        "many",
        |s| {
            s.edit(
                "content/privacy.yaml",
                "effective: 2026-04-01",
                "effective: 2026-13-01",
            );
            s.edit(
                "content/cookies.yaml",
                "title: cookies-title",
                "title: cookies-titel",
            );
        },
        &[
            "error[bad-date]",
            "error[missing-message]: message `cookies-titel` is missing in ja, ko, en",
            "did you mean `cookies-title`?",
        ],
    );
    assert!(stderr.contains("problem(s); nothing was written"));
}

// ---- Injection ---------------------------------------------------------------

#[test]
fn raw_html_in_a_message_is_rejected() {
    assert_fails(
        "script",
        |s| {
            let text = s.read("locales/en/cookies.ftl");
            s.write(
                "locales/en/cookies.ftl",
                &text.replacen(
                    "cookies-title = ",
                    "cookies-title = <script>alert(1)</script>",
                    1,
                ),
            );
        },
        &[
            "error[raw-html]",
            "message `cookies-title` in en",
            "locales/en/cookies.ftl:",
        ],
    );
    assert_fails(
        "img-onerror",
        |s| {
            let text = s.read("locales/ko/cookies.ftl");
            s.write(
                "locales/ko/cookies.ftl",
                &text.replacen(
                    "cookies-title = ",
                    "cookies-title = <img src=x onerror=alert(1)>",
                    1,
                ),
            );
        },
        &["error[raw-html]"],
    );
}

#[test]
fn script_links_are_rejected() {
    for (name, link) in [
        ("javascript-link", "[x](javascript:alert(1))"),
        ("javascript-autolink", "<javascript:alert(1)>"),
        ("data-link", "[x](data:text/html,<script>alert(1)</script>)"),
        ("tab-javascript", "[x](<java\tscript:alert(1)>)"),
    ] {
        assert_fails(
            name,
            |s| {
                let text = s.read("locales/ja/privacy.ftl");
                let broken = text.replacen(
                    "privacy-preamble = ",
                    &format!("privacy-preamble = {link} "),
                    1,
                );
                s.write("locales/ja/privacy.ftl", &broken);
            },
            &["error[unsafe-link]"],
        );
    }
}

#[test]
fn heading_attributes_cannot_carry_handlers() {
    assert_fails(
        "heading-attrs",
        |s| {
            let text = s.read("locales/en/cookies.ftl");
            s.write(
                "locales/en/cookies.ftl",
                &text.replacen(
                    "cookies-title = ",
                    "cookies-title = x\n    # T {#x onclick=alert(1)}\n    ",
                    1,
                ),
            );
        },
        &["error["],
    );
}

#[test]
fn literals_in_yaml_are_escaped() {
    let site = Site::example("literal-escape");
    site.edit(
        "content/cookies.yaml",
        "title: cookies-title",
        "title: { literal: \"<script>alert(1)</script>\" }",
    );
    site.build_ok();
    let page = site.page("en/cookies/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>"));
}
