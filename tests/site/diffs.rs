//! Comparison pages and `charta diff`.

use crate::support::*;

const PRIVACY_PAIRS: [&str; 4] = [
    "2024-04-01...2025-04-01",
    "2025-04-01...2026-04-01",
    "2026-04-01...2027-01-01",
    "2024-04-01...2026-04-01",
];

#[test]
fn comparison_pages_exist_for_adjacent_and_current_pairs() {
    let site = Site::example("diff-pairs");
    site.build_ok();
    for lang in LANGS {
        for pair in PRIVACY_PAIRS {
            assert!(
                site.path(&format!("public/{lang}/privacy/diff/{pair}/index.html"))
                    .is_file(),
                "{lang} {pair}"
            );
        }
        assert!(
            site.path(&format!(
                "public/{lang}/cookies/diff/2024-04-01...2026-04-01/index.html"
            ))
            .is_file()
        );
    }
    // Not every pair: 2024 against the upcoming 2027 version is neither adjacent nor current.
    assert!(
        !site
            .path("public/en/privacy/diff/2024-04-01...2027-01-01")
            .exists()
    );
}

#[test]
fn the_summary_counts_and_links_each_changed_section() {
    let site = Site::example("diff-summary");
    site.build_ok();
    let page = site.page("ja/privacy/diff/2024-04-01...2025-04-01/index.html");
    assert!(page.contains("<li>追加：1</li>"), "one section added");
    assert!(page.contains("<li>削除：0</li>"));
    assert!(page.contains("href=\"#d-overseas-transfer\""));
    assert!(page.contains("<section class=\"diff-section added\" id=\"d-overseas-transfer\""));
    // Sections after the added one are renumbered, and shown as such.
    assert!(page.contains("第7条 → 第8条"));
    // Every summary link lands on a section of the page.
    let ids = attributes(&page, "id");
    for href in attributes(&page, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
    {
        assert!(ids.contains(&href), "#{href}");
    }
}

#[test]
fn a_table_cell_edit_is_shown_inside_its_cell() {
    let site = Site::example("diff-table");
    site.build_ok();
    let page = site.page("en/privacy/diff/2024-04-01...2025-04-01/index.html");
    assert!(
        page.contains("<td><del>One year</del><ins>Three years</ins> after the inquiry is closed"),
        "cell edit"
    );
    assert!(page.contains("<tr class=\"changed\">"));
}

#[test]
fn a_removed_clause_and_a_reworded_paragraph() {
    let site = Site::example("diff-clause");
    site.build_ok();
    let page = site.page("en/privacy/diff/2025-04-01...2026-04-01/index.html");
    assert!(page.contains("<div class=\"unit removed depth-0\"><span class=\"label\">(3)</span> <span class=\"badge removed\">Removed</span><p><del>"), "removed clause");
    assert!(
        page.contains("id=\"d-_preamble\""),
        "the reworded preamble is shown"
    );
    assert!(page.contains("<section class=\"diff-section changed\" id=\"d-third-parties\""));
}

/// The page shows the old text once insertions are removed, and the new text
/// once deletions are removed: checked against the two versions' own pages.
#[test]
fn the_page_reconstructs_both_versions_text() {
    let site = Site::example("diff-roundtrip");
    site.build_ok();
    for lang in LANGS {
        let diff = site.page(&format!(
            "{lang}/privacy/diff/2025-04-01...2026-04-01/index.html"
        ));
        let start = diff.find("id=\"d-_preamble\"").expect("preamble section");
        let unit = &diff[start..];
        let unit = &unit[unit.find("<p>").unwrap() + 3..];
        let unit = &unit[..unit.find("</p>").unwrap()];
        let without = |html: &str, tag: &str| {
            let mut out = String::new();
            let mut rest = html;
            while let Some(i) = rest.find(&format!("<{tag}>")) {
                out.push_str(&rest[..i]);
                let after = &rest[i..];
                rest = &after[after.find(&format!("</{tag}>")).unwrap() + tag.len() + 3..];
            }
            out.push_str(rest);
            out
        };
        let preamble = |page: &str| {
            let at = page.find("<div class=\"preamble\">").unwrap();
            let rest = &page[at..];
            text_of(&rest[..rest.find("</div>").unwrap()])
                .trim()
                .to_owned()
        };
        let old = preamble(&site.page(&format!("{lang}/privacy/2025-04-01/index.html")));
        let new = preamble(&site.page(&format!("{lang}/privacy/2026-04-01/index.html")));
        assert_eq!(text_of(&without(unit, "ins")), old, "{lang}: old text");
        assert_eq!(text_of(&without(unit, "del")), new, "{lang}: new text");
    }
}

#[test]
fn version_pages_link_their_comparisons() {
    let site = Site::example("diff-links");
    site.build_ok();
    let v2025 = site.page("en/privacy/2025-04-01/index.html");
    assert!(v2025.contains("<a href=\"../../../en/privacy/diff/2024-04-01...2025-04-01/\">See what changed from the previous version</a>"));
    assert!(v2025.contains("<a href=\"../../../en/privacy/diff/2025-04-01...2026-04-01/\">Compare with the current version</a>"));
    let current = site.page("en/privacy/index.html");
    assert!(
        current.contains(
            "<a href=\"../../en/privacy/diff/2026-04-01...2027-01-01/\">See what changes</a>"
        ),
        "upcoming notice"
    );
    let history = site.page("en/privacy/versions/index.html");
    assert!(history.contains("href=\"../../../en/privacy/diff/2024-04-01...2025-04-01/\""));
}

#[test]
fn screen_readers_hear_where_changes_start_and_end() {
    let site = Site::example("diff-a11y");
    site.build_ok();
    let page = site.page("ko/privacy/diff/2024-04-01...2025-04-01/index.html");
    assert!(
        page.contains("--del-start: \"삭제 시작\""),
        "localized marker words"
    );
    let css = site.page("assets/style.css");
    assert!(css.contains("del::before { content: \" [\" var(--del-start"));
    assert!(css.contains("text-decoration: line-through"));
}

#[test]
fn snapshot_of_an_english_comparison_page() {
    let site = Site::example("diff-snapshot");
    site.build_ok();
    assert_snapshot(
        "en-privacy-diff.html",
        &site.page("en/privacy/diff/2024-04-01...2025-04-01/index.html"),
    );
}

#[test]
fn charta_diff_prints_the_comparison() {
    let site = Site::example("diff-cli");
    let root = site.root.to_str().unwrap();
    let (code, out, err) = run_with_stdout(&[
        "--root",
        root,
        "diff",
        "privacy",
        "2024-04-01",
        "2025-04-01",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("privacy (en): 2024-04-01 → 2025-04-01\nsections: 1 added, 0 removed,"),
        "{out}"
    );
    assert!(out.contains("[-One year-]{+Three years+}"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not on a terminal");

    // The draft can be compared before it is released; the rewritten Japanese
    // sentence reads as one deletion and one insertion.
    let (code, out, err) = run_with_stdout(&[
        "--root",
        root,
        "diff",
        "privacy",
        "2027-01-01",
        "draft",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["language"], "ja");
    let changed: Vec<&serde_json::Value> = json["diff"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "changed")
        .collect();
    assert_eq!(changed.len(), 1);
    let unit = changed[0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["status"] == "changed")
        .unwrap();
    let ops: Vec<&str> = unit["body"]["text"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["op"].as_str().unwrap())
        .collect();
    assert_eq!(
        ops,
        vec!["equal", "delete", "insert", "equal"],
        "one run of change"
    );

    let (code, _, err) =
        run_with_stdout(&["--root", root, "diff", "privacy", "2023-01-01", "draft"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no version `2023-01-01`"), "{err}");
}
