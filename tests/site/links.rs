//! Links in a policy's words: to a clause by its computed number, to the
//! site's other documents, their parts and their version histories, and
//! which version of the other document each version of a policy opens.

use crate::support::*;

/// The `<a …>` elements of a page whose words are `text`.
fn link_to<'a>(page: &'a str, text: &str) -> Vec<&'a str> {
    let end = format!(">{text}</a>");
    page.match_indices(&end)
        .filter_map(|(at, _)| {
            let start = page[..at].rfind("<a ")?;
            Some(&page[start..at + end.len()])
        })
        .collect()
}

#[test]
fn drafts_link_to_clauses_documents_and_histories_in_each_language() {
    let site = Site::example("links-drafts");
    let run = site.build_with("public", &["--date", DATE, "--drafts", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let ja = site.page("ja/privacy/draft/index.html");
    // `[](#rights-how)`: the first clause of section 9, numbered as each
    // language numbers clauses when it refers to them.
    assert_eq!(
        link_to(&ja, "第9条第1項"),
        ["<a href=\"#rights-how\">第9条第1項</a>"]
    );
    assert_eq!(
        link_to(&site.page("ko/privacy/draft/index.html"), "제9조 제1항"),
        ["<a href=\"#rights-how\">제9조 제1항</a>"]
    );
    assert_eq!(
        link_to(&site.page("en/privacy/draft/index.html"), "section 9(1)"),
        ["<a href=\"#rights-how\">section 9(1)</a>"]
    );
    // `[](@cookies)`: the other document's title, at its current address
    // (the draft is read as of the build date).
    assert_eq!(
        link_to(&ja, "Cookieポリシー"),
        ["<a href=\"../../../ja/cookies/\">Cookieポリシー</a>"]
    );
    // `[](@privacy/versions)`: a document's history, named in words.
    assert_eq!(
        link_to(&ja, "プライバシーポリシーの改定履歴"),
        ["<a href=\"../../../ja/privacy/versions/\">プライバシーポリシーの改定履歴</a>"]
    );
    // Worded links keep their words.
    let en = site.page("en/privacy/draft/index.html");
    assert_eq!(
        link_to(&en, "The version history"),
        ["<a href=\"../../../en/privacy/versions/\">The version history</a>"]
    );
    // `[](@cookies#managing)`: a section of another document, with that
    // document's title and the section's number and title; worded in English.
    assert_eq!(
        link_to(&en, "how to turn it off"),
        ["<a href=\"../../../en/cookies/#managing\">how to turn it off</a>"]
    );
    assert_eq!(
        link_to(&ja, "Cookieポリシー第4条（Cookieの管理）"),
        ["<a href=\"../../../ja/cookies/#managing\">Cookieポリシー第4条（Cookieの管理）</a>"]
    );
    // Every link of every page lands on a page and anchor the site has.
    assert!(assert_links_resolve(&site.path("public"), "https://policies.hoshizora.example/") > 0);
}

#[test]
fn a_released_version_opens_the_other_document_as_it_stood_then() {
    let site = Site::example("links-released");
    // The cookie policy's draft is made to link to the privacy policy's
    // contact section, and released for 2027-02-01, after privacy's
    // 2027-01-01.
    site.edit(
        "locales/en/cookies.ftl",
        "to [privacy@hoshizora.example](mailto:privacy@hoshizora.example).",
        "to the desk named in [](@privacy#contact).",
    );
    for lang in ["ja", "ko", "en"] {
        let rel = format!("locales/{lang}/cookies.ftl");
        let line = site.line(&rel, "release-summary = ");
        site.edit(&rel, &line, &format!("{line} (2027)"));
    }
    let run = site.release("cookies", "2027-02-01");
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Before either takes effect, the upcoming cookie policy opens the
    // privacy policy that will be in force on its day: privacy's upcoming
    // version, by its permalink.
    let run = site.build_with("public", &["--date", DATE, "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let upcoming = site.page("en/cookies/2027-02-01/index.html");
    assert_eq!(
        attributes_of_links(&upcoming, "of the Privacy Policy"),
        ["../../../en/privacy/2027-01-01/#contact"]
    );
    // Machines get the address in full.
    let json = site.page("en/cookies/2027-02-01.json");
    assert!(
        json.contains(
            "href=\\\"https://policies.hoshizora.example/en/privacy/2027-01-01/#contact\\\""
        ),
        "{json}"
    );

    // Once both are in force, the current page opens privacy's current page.
    let run = site.build_with("later", &["--date", "2027-03-01", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let current = site.read("later/en/cookies/index.html");
    assert_eq!(
        attributes_of_links(&current, "of the Privacy Policy"),
        ["../../en/privacy/#contact"]
    );
    assert!(assert_links_resolve(&site.path("later"), "https://policies.hoshizora.example/") > 0);
}

/// The `href` of each link whose words end with `ending`.
fn attributes_of_links<'a>(page: &'a str, ending: &str) -> Vec<&'a str> {
    let end = format!("{ending}</a>");
    page.match_indices(&end)
        .filter_map(|(at, _)| {
            let start = page[..at].rfind("<a href=\"")? + "<a href=\"".len();
            let close = start + page[start..].find('"')?;
            Some(&page[start..close])
        })
        .collect()
}
