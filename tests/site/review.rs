//! `charta review --base <ref>`: the pull-request comment, on git fixtures
//! made from the example site — a draft edit, a release, a versions-only
//! change, a new language, and `site.yaml` written with block-style lists.

use crate::support::*;
use std::process::Command;

fn git(site: &Site, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(&site.root)
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.com",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The example site as a repository with one commit, `base`.
fn repository(name: &str) -> Site {
    let site = Site::example(name);
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "base"]);
    git(&site, &["tag", "base"]);
    site
}

fn commit(site: &Site) {
    git(site, &["add", "-A"]);
    git(site, &["commit", "-q", "-m", "change"]);
}

/// The review against `base`, which must succeed.
fn review(site: &Site) -> String {
    let (code, out, err) = run_with_stdout(&[
        "--root",
        site.root.to_str().unwrap(),
        "review",
        "--base",
        "base",
        "--date",
        DATE,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!-- charta-review -->\n"), "{out}");
    assert!(out.chars().count() <= 65_536);
    out
}

#[test]
fn a_draft_edit_is_compared_with_the_latest_version() {
    let site = repository("review-draft");
    site.edit(
        "locales/en/privacy.ftl",
        "on how to view earlier vers",
        "on how to read earlier vers",
    );
    let text = site.read("locales/en/privacy.ftl");
    let line = text
        .lines()
        .find(|l| l.starts_with("privacy-preamble = "))
        .unwrap()
        .to_owned();
    site.edit(
        "locales/en/privacy.ftl",
        &line,
        &format!("{line} Thank you."),
    );
    commit(&site);
    let out = review(&site);
    assert!(
        out.contains("#### The draft (planned for 2027-06-01), compared with version 2027-01-01"),
        "{out}"
    );
    assert!(out.contains("{+ Thank you.+}"), "{out}");
    assert!(!out.contains("Releases version"), "{out}");
    assert!(!out.contains("cookies"), "{out}");
}

#[test]
fn a_release_is_compared_with_the_version_before_it() {
    let site = repository("review-release");
    let run = site.release_with("privacy", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit(&site);
    let out = review(&site);
    assert!(
        out.contains(
            "#### Releases version 2027-06-01 (takes effect 2027-06-01), compared with 2027-01-01"
        ),
        "{out}"
    );
    assert!(out.contains("| ja | 0 | 0 | 1 | 0 |"), "{out}");
    assert!(out.contains("<details><summary>ko</summary>"), "{out}");
    // The draft is the released text now: it is not compared again.
    assert!(!out.contains("The draft"), "{out}");
    println!("{out}");
}

#[test]
fn a_versions_only_change_is_reviewed_and_a_removal_is_flagged() {
    let site = repository("review-versions");
    site.postpone_upcoming();
    commit(&site);
    let out = review(&site);
    assert!(
        out.contains("- postpones version 2027-01-01 to **2027-02-01** (More notice)"),
        "{out}"
    );
    assert!(!out.contains(":warning:"), "{out}");
    assert!(!out.contains("Releases version"), "{out}");

    // A version removed by hand (with its ledger entry) is loud.
    std::fs::remove_dir_all(site.path("versions/cookies/2026-04-01")).unwrap();
    commit(&site);
    let out = review(&site);
    assert!(
        out.contains(":warning: **removes version 2026-04-01** from `versions/cookies/`"),
        "{out}"
    );
    assert!(out.contains("problem(s) in the site"), "{out}");
}

#[test]
fn a_record_made_with_a_false_date_is_refused_or_flagged() {
    let site = repository("review-false-date");
    // Before the ledger's latest entry: refused, nothing written.
    let before = tree(&site.path("versions"));
    let run = site.charta(&[
        "withdraw",
        "privacy",
        "2026-04-01",
        "--reason",
        "x",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot be before it"), "{}", run.stderr);
    assert!(before == tree(&site.path("versions")));
    // A withdrawal recorded on a pretended day is flagged by the review,
    // which reads today itself.
    let run = site.charta(&[
        "withdraw",
        "privacy",
        "2027-01-01",
        "--reason",
        "x",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit(&site);
    let (code, out, err) = run_with_stdout(&[
        "--root",
        site.root.to_str().unwrap(),
        "review",
        "--base",
        "base",
        "--date",
        "2027-01-05",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(":warning: **withdraws version 2027-01-01, which is already in force** (x)"),
        "{out}"
    );
}

#[test]
fn a_new_language_and_block_style_settings_are_read() {
    let site = Site::example("review-language");
    // The base has two languages, written as a block-style list.
    let settings = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &settings.replace("languages: [ja, ko, en]", "languages:\n  - ja\n  - ko\n"),
    );
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "base"]);
    git(&site, &["tag", "base"]);
    site.write(
        "content/site.yaml",
        &settings.replace(
            "languages: [ja, ko, en]",
            "languages:\n  - ja\n  - ko\n  - en\n",
        ),
    );
    site.edit(
        "locales/ko/privacy.ftl",
        "이전 버전 목록에서 변경 전의",
        "이전 버전 목록에서 예전의",
    );
    commit(&site);
    let out = review(&site);
    assert!(out.contains("- adds the language **en**"), "{out}");
    assert!(out.contains("<details><summary>ko</summary>"), "{out}");
    assert!(out.contains("{+예전의 각 버전"), "{out}");
}

#[test]
fn nothing_to_see_says_so_and_a_long_review_is_cut() {
    let site = repository("review-nothing");
    site.write("README.txt", "Notes for editors.\n");
    commit(&site);
    let out = review(&site);
    assert!(out.contains("Nothing that readers see changes"), "{out}");

    let site = repository("review-cut");
    let run = site.release_with("privacy", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit(&site);
    let (code, out, err) = run_with_stdout(&[
        "--root",
        site.root.to_str().unwrap(),
        "review",
        "--base",
        "base",
        "--limit",
        "1500",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.chars().count() <= 1500, "{}", out.chars().count());
    assert!(out.contains("**This comparison was cut here**"), "{out}");
}

/// `check --base base`, which must fail with these texts.
fn check_base_refuses(site: &Site, expected: &[&str]) {
    let run = site.charta(&["check", "--date", DATE, "--base", "base"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for text in expected {
        assert!(run.stderr.contains(text), "{text}:\n{}", run.stderr);
    }
}

#[test]
fn the_base_record_must_be_kept_even_where_the_ledger_is_consistent() {
    // The newest version removed together with its ledger entry: the
    // ledger alone is consistent, the base is not kept.
    let site = repository("record-newest");
    std::fs::remove_dir_all(site.path("versions/privacy/2027-01-01")).unwrap();
    let ledger = site.read("versions/privacy/ledger.yaml");
    let cut = ledger.find("- recorded: 2027-01-01").unwrap();
    site.write("versions/privacy/ledger.yaml", &ledger[..cut]);
    let plain = site.charta(&["check", "--date", DATE]);
    assert_eq!(plain.code, 0, "locally consistent: {}", plain.stderr);
    check_base_refuses(
        &site,
        &[
            "error[rewritten-record]: the record of `privacy` at base has 4 entries, and this branch removes or changes entry 4 (version 2027-01-01",
        ],
    );
    commit(&site);
    let out = review(&site);
    assert!(
        out.contains(":warning: **the record of \\`privacy\\` at base has 4 entries"),
        "{out}"
    );

    // Every version of a document removed, ledger and all.
    let site = repository("record-document");
    std::fs::remove_dir_all(site.path("versions/cookies")).unwrap();
    check_base_refuses(
        &site,
        &[
            "error[rewritten-record]: the record of `cookies` at base has 2 entries, and this branch removes or changes entry 1",
        ],
    );

    // A ledger started anew over fewer versions.
    let site = repository("record-restarted");
    std::fs::remove_dir_all(site.path("versions/cookies/2024-04-01")).unwrap();
    std::fs::remove_file(site.path("versions/cookies/ledger.yaml")).unwrap();
    let init = site.charta(&["ledger", "init", "cookies", "--date", DATE]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    check_base_refuses(
        &site,
        &["error[rewritten-record]: the record of `cookies` at base has 2 entries"],
    );

    // Postponing and withdrawing on record keep it.
    let site = repository("record-kept");
    site.postpone_upcoming();
    let run = site.charta(&["check", "--date", DATE, "--base", "base"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_change_of_link_target_alone_is_shown() {
    let site = repository("review-link");
    site.edit(
        "locales/en/cookies.ftl",
        "(https://hoshizora.example/cookie-settings)",
        "(https://elsewhere.example/cookie-settings)",
    );
    commit(&site);
    let out = review(&site);
    assert!(
        out.contains("#### The draft (planned for 2026-04-01), compared with version 2026-04-01"),
        "{out}"
    );
    assert!(
        out.contains("The words read the same, but their formatting changes"),
        "{out}"
    );
    assert!(!out.contains("Nothing that readers see changes"), "{out}");
}
