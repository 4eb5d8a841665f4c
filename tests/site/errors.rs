//! One test per class of error in the sources, and the injection cases.

use crate::support::*;
use std::fs;
use std::path::Path;

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
        &["error[", "content/privacy.yaml:2:8"],
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

/// Removes the line that defines `id` from a file of the site.
fn remove_message(site: &Site, file: &str, id: &str) {
    let text = site.read(file);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(&format!("{id} =")))
        .collect();
    site.write(file, &kept.join("\n"));
}

/// A message the source language has but another language lacks is a
/// translation still to do: a warning in the draft (so work in progress can be
/// merged), an error for `check --strict`; the draft is not published in that
/// language until it is translated.
#[test]
fn untranslated_message_in_the_draft() {
    let site = Site::example("untranslated");
    remove_message(&site, "locales/ko/cookies.ftl", "cookies-title");
    let run = site.build_with("public", &["--date", DATE, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for text in [
        "warning[untranslated]: message `cookies-title` is not yet translated into ko",
        "content/cookies.yaml:2:8",
        "it exists in ja, en",
        "until then the draft is not published in ko",
    ] {
        assert!(
            run.stderr.contains(text),
            "stderr lacks `{text}`:\n{}",
            run.stderr
        );
    }
    assert!(!site.path("public/ko/cookies/draft").exists());
    assert!(site.path("public/en/cookies/draft/index.html").is_file());
    assert!(
        !site
            .page("en/cookies/draft/index.html")
            .contains("href=\"../../../ko/cookies/draft/\"")
    );
    // Published versions are untouched by the draft's state.
    assert!(site.path("public/ko/cookies/index.html").is_file());

    let root = site.root.to_str().unwrap();
    assert_eq!(
        run_with_stdout(&["--root", root, "check", "--date", DATE]).0,
        0
    );
    let (code, _, stderr) = run_with_stdout(&["--root", root, "check", "--strict", "--date", DATE]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[untranslated]"), "{stderr}");
}

/// With `fallback:` set, the draft shows the fallback language's words,
/// marked with their language and announced on the page.
#[test]
fn fallback_language_is_shown_and_marked() {
    let site = Site::example("fallback");
    site.append("content/site.yaml", "fallback: en");
    remove_message(&site, "locales/ko/cookies.ftl", "cookies-title");
    let run = site.build_with("public", &["--date", DATE, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("until then the draft shows the en text"),
        "{}",
        run.stderr
    );
    let page = site.page("ko/cookies/draft/index.html");
    assert!(
        page.contains("<h1><span class=\"fallback\" lang=\"en\">Cookie Policy</span></h1>"),
        "marked words"
    );
    assert!(page.contains("class=\"banner fallback-notice\""), "notice");
    assert!(page.contains("English"), "names the language");
}

#[test]
fn missing_message_in_every_language_is_an_error() {
    assert_fails(
        "missing-message",
        |s| {
            for lang in LANGS {
                remove_message(s, &format!("locales/{lang}/cookies.ftl"), "cookies-title");
            }
        },
        &[
            "error[missing-message]: message `cookies-title` is missing in ja, ko, en",
            "content/cookies.yaml:2:8",
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
fn a_fluent_syntax_error_in_a_used_message_is_one_finding() {
    // The message exists, with a syntax error: not also "missing" or "untranslated".
    let site = Site::example("fluent-syntax-once");
    let preamble = site.line("locales/en/privacy.ftl", "privacy-preamble = ");
    site.edit(
        "locales/en/privacy.ftl",
        &preamble,
        "privacy-preamble = We { -company handle it.",
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1);
    let findings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .collect();
    assert_eq!(
        findings,
        ["error[fluent-syntax]: Fluent syntax error: Expected a token starting with \"}\""],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("locales/en/privacy.ftl:7:34"),
        "{}",
        run.stderr
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
                "effective: 2027-06-01",
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
                "effective: 2027-06-01",
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
                "effective: 2027-06-01",
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
    assert!(stderr.contains("problem(s)") && stderr.contains("; nothing was written"));
}

#[test]
fn a_bad_date_does_not_hide_the_documents_other_problems() {
    // Three faults in one document: its date, a Korean message, a link.
    let site = Site::example("three-faults");
    site.edit(
        "content/privacy.yaml",
        "effective: 2027-06-01",
        "effective: 2027-06-31",
    );
    let ko = site.line("locales/ko/privacy.ftl", "privacy-preamble = ");
    site.edit("locales/ko/privacy.ftl", &format!("{ko}\n"), "");
    let en = site.line("locales/en/privacy.ftl", "privacy-preamble = ");
    site.edit(
        "locales/en/privacy.ftl",
        &en,
        &format!("{en} See [us](#contct)."),
    );
    for args in [
        &["check", "--date", DATE][..],
        &["check", "--release", "--date", DATE][..],
    ] {
        let run = site.charta(args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        for expected in [
            "error[bad-date]: `2027-06-31` is not a day of the calendar",
            "message `privacy-preamble` is not yet translated into ko",
            "the link `#contct` points at no section or clause of this document; did you mean `#contact`?",
        ] {
            assert!(
                run.stderr.contains(expected),
                "{args:?}: {expected}\n{}",
                run.stderr
            );
        }
        // The unreadable date is not judged as if it were a date.
        assert!(!run.stderr.contains("1970"), "{}", run.stderr);
    }
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
    // Valid Fluent (the braces are string literals), so the only thing that
    // can refuse it is the Markdown check of the message.
    let stderr = assert_fails(
        "heading-attrs",
        |s| {
            s.edit(
                "locales/en/cookies.ftl",
                "cookies-about = ",
                "cookies-about =\n    # About {\"{\"}#x onclick=alert(1){\"}\"}\n\n    ",
            );
        },
        &[
            "error[heading]: message `cookies-about` in en",
            "locales/en/cookies.ftl:",
        ],
    );
    assert_eq!(
        stderr.matches("error[").count(),
        1,
        "only the heading is refused:\n{stderr}"
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
    let run = site.build_with("public", &["--date", DATE, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("en/cookies/draft/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>"));
}
