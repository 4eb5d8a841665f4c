//! Released versions: which one is current, permalinks, history, banners,
//! integrity of frozen versions, `charta release`, feeds, sitemap and JSON.

use crate::support::*;
use std::fs;

/// The effective date shown in a document page's header.
fn shown_effective(page: &str) -> &str {
    let at = page
        .find("<p class=\"effective\">")
        .expect("effective date");
    let rest = &page[at..];
    let start = rest.find("datetime=\"").unwrap() + 10;
    &rest[start..start + 10]
}

#[test]
fn current_version_follows_the_build_date() {
    let site = Site::example("current-by-date");
    // (build date, current version, upcoming version announced on the current page)
    let cases = [
        ("2025-03-31", Some("2024-04-01"), Some("2025-04-01")),
        ("2025-04-01", Some("2025-04-01"), Some("2026-04-01")),
        ("2026-03-31", Some("2025-04-01"), Some("2026-04-01")),
        ("2026-04-01", Some("2026-04-01"), Some("2027-01-01")),
        ("2026-12-31", Some("2026-04-01"), Some("2027-01-01")),
        ("2027-01-01", Some("2027-01-01"), None),
    ];
    for (date, current, upcoming) in cases {
        let out = format!("out-{date}");
        let run = site.build_with(&out, &["--date", date]);
        assert_eq!(run.code, 0, "{date}: {}", run.stderr);
        let page = site.read(&format!("{out}/en/privacy/index.html"));
        assert_eq!(Some(shown_effective(&page)), current, "current on {date}");
        match upcoming {
            Some(next) => {
                assert!(page.contains("class=\"banner notice\""), "{date}: notice");
                assert!(
                    page.contains(&format!(
                        "href=\"../../en/privacy/{next}/\">Read the new version</a>"
                    )),
                    "{date}: {next}"
                );
            }
            None => assert!(
                !page.contains("class=\"banner notice\""),
                "{date}: no notice"
            ),
        }
    }
    // Before the first version took effect, nothing is current, but every version has its permalink.
    let run = site.build_with("out-early", &["--date", "2024-03-31"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("out-early/en/privacy/index.html").exists());
    assert!(
        site.path("out-early/en/privacy/2024-04-01/index.html")
            .exists()
    );
    assert!(
        site.read("out-early/en/privacy/2024-04-01/index.html")
            .contains("class=\"banner upcoming\"")
    );
}

#[test]
fn version_pages_have_permalinks_banners_and_the_version_list() {
    let site = Site::example("version-pages");
    site.build_ok();
    let archived = site.page("en/privacy/2024-04-01/index.html");
    assert!(archived.contains("class=\"banner archived\""));
    assert!(archived.contains("It was in force from April 1, 2024 until March 31, 2025."));
    assert!(archived.contains("<a href=\"../../../en/privacy/\">Read the current version</a>"));
    assert!(archived.contains("<link rel=\"canonical\" href=\"https://policies.hoshizora.example/en/privacy/2024-04-01/\">"));

    let upcoming = site.page("ja/privacy/2027-01-01/index.html");
    assert!(upcoming.contains("この版は2027年1月1日に施行されます。"));

    // The current version's permalink names the main address as canonical.
    let permalink = site.page("en/privacy/2026-04-01/index.html");
    assert!(permalink.contains(
        "<link rel=\"canonical\" href=\"https://policies.hoshizora.example/en/privacy/\">"
    ));

    // Every policy page lists every version, linked from the page itself, and the history.
    let current = site.page("ko/privacy/index.html");
    for date in ["2024-04-01", "2025-04-01", "2026-04-01", "2027-01-01"] {
        let href = format!("href=\"../../ko/privacy/{date}/\"");
        let marked = current.contains(&format!("<time datetime=\"{date}\">"));
        assert!(current.contains(&href) || marked, "{date} listed");
    }
    assert!(current.contains("href=\"../../ko/privacy/versions/\""));

    // The language switch keeps the version.
    for lang in LANGS {
        assert!(
            archived.contains(&format!(
                "href=\"../../../{lang}/privacy/2024-04-01/\" lang=\"{lang}\""
            )),
            "{lang}"
        );
    }
}

#[test]
fn the_digest_recorded_at_release_is_shown() {
    let site = Site::example("digest");
    site.build_ok();
    let manifest = site.read("versions/privacy/2025-04-01/release.yaml");
    let digest = manifest
        .lines()
        .find_map(|l| l.strip_prefix("digest: "))
        .expect("digest line");
    assert!(digest.starts_with("sha256:") && digest.len() == 71);
    let page = site.page("ja/privacy/2025-04-01/index.html");
    assert!(page.contains(&format!("<code>{digest}</code>")));
}

#[test]
fn history_lists_versions_with_their_summaries() {
    let site = Site::example("history");
    site.build_ok();
    let history = site.page("en/privacy/versions/index.html");
    let positions: Vec<usize> = ["2027-01-01", "2026-04-01", "2025-04-01", "2024-04-01"]
        .iter()
        .map(|d| {
            history
                .find(&format!("href=\"../../../en/privacy/{d}/\""))
                .expect(d)
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "newest first");
    assert!(history.contains("(upcoming)") && history.contains("(current)"));
    let summary =
        fs::read_to_string(site.path("versions/privacy/2025-04-01/locales/en/privacy.ftl"))
            .unwrap();
    let line = summary
        .lines()
        .find(|l| l.starts_with("release-summary = "))
        .unwrap();
    let words = line.trim_start_matches("release-summary = ");
    assert!(history.contains(&words[..40]), "summary shown");
}

#[test]
fn drafts_are_published_only_when_asked_and_never_indexed() {
    let site = Site::example("drafts");
    site.build_ok();
    assert!(!site.path("public/en/privacy/draft").exists());
    let run = site.build_with("with-drafts", &["--date", DATE, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = site.read("with-drafts/en/privacy/draft/index.html");
    assert!(draft.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(draft.contains("class=\"banner draft\""));
    assert!(!site.read("with-drafts/sitemap.xml").contains("/draft/"));
}

#[test]
fn a_changed_frozen_file_fails_the_build() {
    assert_fails(
        "tamper-edit",
        |s| {
            let path = "versions/privacy/2025-04-01/locales/ja/privacy.ftl";
            let text = s.read(path);
            s.write(path, &text.replacen("。", "．", 1));
        },
        &[
            "error[tampered-version]",
            "locales/ja/privacy.ftl of version versions/privacy/2025-04-01 was changed after it was released",
        ],
    );
}

#[test]
fn an_added_or_removed_frozen_file_fails_the_build() {
    assert_fails(
        "tamper-add",
        |s| s.write("versions/cookies/2024-04-01/notes.txt", "x"),
        &[
            "error[tampered-version]",
            "notes.txt was added to version versions/cookies/2024-04-01",
        ],
    );
    assert_fails(
        "tamper-remove",
        |s| fs::remove_file(s.path("versions/cookies/2024-04-01/locales/ko/cookies.ftl")).unwrap(),
        &["locales/ko/cookies.ftl was removed from version versions/cookies/2024-04-01"],
    );
}

#[test]
fn release_freezes_the_draft() {
    let site = Site::example("release-ok");
    for lang in LANGS {
        let path = format!("locales/{lang}/cookies.ftl");
        let text = site.read(&path);
        let line = text
            .lines()
            .find(|l| l.starts_with("release-summary = "))
            .unwrap()
            .to_owned();
        let preamble = text
            .lines()
            .find(|l| l.starts_with("cookies-preamble = "))
            .unwrap()
            .to_owned();
        site.write(
            &path,
            &text
                .replacen(&line, "release-summary = Clarified the wording.", 1)
                .replacen(&preamble, &format!("{preamble} (2027)"), 1),
        );
    }
    let run = site.release("cookies", "2027-03-01");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("released versions/cookies/2027-03-01"));
    let yaml = site.read("versions/cookies/2027-03-01/cookies.yaml");
    assert!(yaml.contains("\neffective: 2027-03-01\n"));
    for lang in LANGS {
        assert!(
            site.path(&format!(
                "versions/cookies/2027-03-01/locales/{lang}/cookies.ftl"
            ))
            .is_file()
        );
        assert!(
            site.path(&format!(
                "versions/cookies/2027-03-01/locales/{lang}/site.ftl"
            ))
            .is_file()
        );
    }
    site.build_ok();
    let page = site.page("en/cookies/index.html");
    assert!(page.contains("href=\"../../en/cookies/2027-03-01/\">Read the new version</a>"));
    // The draft now equals the release and names its date: another
    // release of it is refused, and so is one on the same day.
    let again = site.release_with("cookies", &[]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("error[unchanged-draft]"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("error[date-not-after-latest]"),
        "{}",
        again.stderr
    );
}

/// Runs a release that must be refused, and checks that nothing was written.
fn assert_release_refused(
    name: &str,
    prepare: impl FnOnce(&Site),
    effective: &str,
    code: i32,
    expected: &str,
) {
    let site = Site::example(name);
    prepare(&site);
    let before = tree(&site.path("versions"));
    let run = site.release("privacy", effective);
    assert_eq!(run.code, code, "{}", run.stderr);
    assert!(
        run.stderr.contains(expected),
        "stderr lacks `{expected}`:\n{}",
        run.stderr
    );
    assert!(before == tree(&site.path("versions")), "versions/ changed");
}

#[test]
fn release_refuses_a_date_not_after_the_latest_version() {
    assert_release_refused(
        "release-early",
        |_| {},
        "2027-01-01",
        1,
        "already has a version effective on 2027-01-01",
    );
    assert_release_refused(
        "release-earlier",
        |_| {},
        "2026-06-01",
        1,
        "must take effect after it",
    );
}

#[test]
fn release_refuses_a_draft_with_problems() {
    assert_release_refused(
        "release-broken",
        |s| {
            let text = s.read("locales/ko/privacy.ftl");
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("contact-title ="))
                .collect();
            s.write("locales/ko/privacy.ftl", &kept.join("\n"));
        },
        "2027-07-01",
        1,
        "error[untranslated]: message `contact-title` is not yet translated into ko",
    );
    assert_release_refused(
        "release-no-summary",
        |s| {
            let text = s.read("locales/en/privacy.ftl");
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("release-summary ="))
                .collect();
            s.write("locales/en/privacy.ftl", &kept.join("\n"));
        },
        "2027-07-01",
        1,
        "`release-summary` is missing in en",
    );
}

#[test]
fn release_refuses_last_versions_summary() {
    let site = Site::example("release-stale");
    let run = site.release("cookies", "2027-07-01");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[stale-summary]"),
        "{}",
        run.stderr
    );
    assert!(!site.path("versions/cookies/2027-07-01").exists());
}

#[test]
fn sitemap_feed_and_json_hold_what_they_should() {
    let site = Site::example("syndication");
    site.build_ok();
    let sitemap = site.page("sitemap.xml");
    assert_well_formed(&sitemap);
    let base = "https://policies.hoshizora.example/";
    assert!(sitemap.contains(&format!("<loc>{base}ko/privacy/</loc>")));
    for lang in LANGS {
        assert!(
            sitemap.contains(&format!(
                "hreflang=\"{lang}\" href=\"{base}{lang}/privacy/\""
            )),
            "{lang}"
        );
    }
    assert!(sitemap.contains(&format!(
        "hreflang=\"x-default\" href=\"{base}ja/privacy/\""
    )));
    assert!(sitemap.contains(&format!("<loc>{base}en/privacy/2024-04-01/</loc>")));
    assert!(
        !sitemap.contains(&format!("<loc>{base}en/privacy/2026-04-01/</loc>")),
        "current permalink is canonicalized"
    );
    assert!(
        site.page("robots.txt")
            .contains(&format!("Sitemap: {base}sitemap.xml"))
    );

    let feed = site.page("ja/privacy/feed.xml");
    assert_well_formed(&feed);
    assert_eq!(feed.matches("<entry>").count(), 4);
    assert!(feed.contains("xml:lang=\"ja\""));
    assert!(feed.contains(&format!("<id>{base}ja/privacy/2024-04-01/</id>")));
    let page = site.page("ja/privacy/index.html");
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../ja/privacy/feed.xml\">"
    ));

    let json: serde_json::Value =
        serde_json::from_str(&site.page("en/privacy/2024-04-01.json")).unwrap();
    assert_eq!(json["document"], "privacy");
    assert_eq!(json["language"], "en");
    assert_eq!(json["effective"], "2024-04-01");
    assert!(json["digest"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(
        json["sections"].as_array().unwrap().len(),
        10,
        "the first version had ten sections"
    );
    let later: serde_json::Value =
        serde_json::from_str(&site.page("en/privacy/2025-04-01.json")).unwrap();
    assert_eq!(later["sections"].as_array().unwrap().len(), 11);
    assert!(
        later["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "overseas-transfer")
    );
}

#[test]
fn not_found_page_links_every_language() {
    let site = Site::example("not-found");
    site.build_ok();
    let page = site.page("404.html");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    for lang in LANGS {
        assert!(
            page.contains(&format!("href=\"/{lang}/\" hreflang=\"{lang}\"")),
            "{lang}"
        );
    }
    assert!(page.contains("href=\"/assets/style.css\""));
}

/// A small well-formedness check: every tag closes in order and attribute
/// values are quoted. Enough to catch a broken template or an unescaped `<`.
fn assert_well_formed(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("unclosed tag");
        let tag = &after[..close];
        rest = &after[close + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}
