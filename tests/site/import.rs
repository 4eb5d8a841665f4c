//! `charta import`: a policy written in Markdown becomes a document.

use crate::support::*;
use std::fs;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// `charta import FILE --document DOC --lang LANG` with more arguments.
fn import(site: &Site, file: &str, doc: &str, lang: &str, more: &[&str]) -> Run {
    let mut args = vec!["import", file, "--document", doc, "--lang", lang];
    args.extend(more);
    site.charta(&args)
}

/// The letters and digits of a text, in order: what a reader reads, without
/// the punctuation and spacing that markup and numbering change.
fn words(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag && c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn a_policy_in_markdown_becomes_a_document_in_every_language() {
    let site = new_site("import", &["ja", "en"]);
    let ja = import(
        &site,
        &fixture("terms.ja.md"),
        "terms",
        "ja",
        &["--effective", "2027-04-01"],
    );
    assert_eq!(ja.code, 0, "{}", ja.stderr);
    assert!(
        site.read("content/site.yaml")
            .contains("documents: [privacy, terms]")
    );
    let yaml = site.read("content/terms.yaml");
    // Typed numbers are dropped from headings; structure comes from the Markdown.
    assert!(
        yaml.contains("- clauses:") && yaml.contains("row_headers: true"),
        "{yaml}"
    );
    assert!(
        yaml.contains("{ lead: section-1-item-lead, text: section-1-item }"),
        "{yaml}"
    );
    let words_ja = site.read("locales/ja/terms.ftl");
    assert!(
        words_ja.contains("section-1-title = 取得する情報\n"),
        "{words_ja}"
    );
    // Lines of one Japanese paragraph join without a space.
    assert!(words_ja.contains("取り扱います。この方針は"), "{words_ja}");

    // English, against the same structure.
    let en = import(&site, &fixture("terms.en.md"), "terms", "en", &["--into"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    let check = site.charta(&["check", "--strict", "--date", DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        check.stderr
    );

    // The built pages read like the Markdown they came from.
    let run = site.build_with("public", &["--drafts", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (lang, file) in [("ja", "terms.ja.md"), ("en", "terms.en.md")] {
        let page = site.page(&format!("{lang}/terms/draft/index.html"));
        let article = &page[page.find("<article").unwrap()..page.find("</article>").unwrap()];
        let source = fs::read_to_string(fixture(file)).unwrap();
        // Without the numbers typed in headings, which charta computes itself.
        let source = source
            .replace("第1条 ", "")
            .replace("第2条 ", "")
            .replace("## 3. ", "## ")
            .replace("Article 1 ", "")
            .replace("Article 2 ", "")
            .replace("(https://example.com/contact)", "");
        let page_words = words(article);
        for paragraph in source.split("\n\n") {
            let expected = words(&paragraph.replace(['#', '|', '-', '*'], " "));
            let expected: String = expected.chars().filter(|c| !c.is_ascii_digit()).collect();
            let got: String = page_words.chars().filter(|c| !c.is_ascii_digit()).collect();
            assert!(
                got.contains(&expected),
                "{lang}: `{paragraph}` is not on the page"
            );
        }
    }
}

#[test]
fn a_translation_that_does_not_line_up_is_refused_at_its_line() {
    let site = new_site("import-mismatch", &["ja", "en"]);
    let ja = import(&site, &fixture("terms.ja.md"), "terms", "ja", &[]);
    assert_eq!(ja.code, 0, "{}", ja.stderr);
    let short = site.path("short.en.md");
    let text = fs::read_to_string(fixture("terms.en.md")).unwrap();
    fs::write(&short, text.replace("   - by email\n", "")).unwrap();
    let en = import(&site, short.to_str().unwrap(), "terms", "en", &["--into"]);
    assert_eq!(en.code, 1, "{}", en.stderr);
    assert!(
        en.stderr.contains("error[import-mismatch]: the en text does not line up with `terms`: at its 14th text the structure has message `section-2-clause-2-item-2`"),
        "{}",
        en.stderr
    );
    assert!(en.stderr.contains("short.en.md:19:1"), "{}", en.stderr);
    let untouched = fs::read_to_string(site.path("locales/en/terms.ftl")).unwrap();
    assert!(!untouched.contains("by phone"), "nothing is written");
}

#[test]
fn raw_html_is_not_imported() {
    let site = new_site("import-html", &["en"]);
    let file = site.path("html.md");
    fs::write(
        &file,
        "# Policy\n\n## Scope\n\n<table><tr><td rowspan=\"2\">merged</td></tr></table>\n",
    )
    .unwrap();
    let run = import(&site, file.to_str().unwrap(), "scope", "en", &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[import-html]: raw HTML cannot be imported"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("html.md:5:1"), "{}", run.stderr);
    assert!(run.stderr.contains("pandoc -t gfm"), "{}", run.stderr);
    assert!(
        !site.path("content/scope.yaml").exists(),
        "nothing is written"
    );
}
