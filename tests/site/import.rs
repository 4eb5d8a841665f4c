//! `charta import`: a policy written in Markdown becomes a document.

use crate::support::*;
use std::fs;
use std::path::Path;

fn fixture(name: &str) -> String {
    fixture_in("import", name)
}

/// A file of a folder of `tests/fixtures/`.
fn fixture_in(folder: &str, name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// `charta check --strict` finds nothing at all.
fn assert_strict_check_passes(site: &Site) {
    let check = site.charta(&["check", "--strict", "--date", DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        check.stderr
    );
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
    assert_strict_check_passes(&site);

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

/// The words of a policy page as a reader reads them: the title and the
/// policy from its preamble to its last section, with white space
/// collapsed. Numbers of clauses and list items are left out: a numbered
/// list in Markdown comes back as clauses, which charta numbers in text,
/// where the original `ordered:` list was numbered by the browser.
fn policy_words(page: &str) -> String {
    let title = &page[page.find("<h1>").unwrap()..page.find("</h1>").unwrap()];
    let start = page
        .find("<div class=\"preamble\">")
        .or_else(|| page.find("<section id="))
        .unwrap();
    let end = page.find("</article>").unwrap();
    let mut body = page[start..end].to_owned();
    // Clause numbers (`<span class="number">1</span>`, or a self-link).
    for open in ["<li><span class=\"number\">", "<li id="] {
        let mut out = String::new();
        let mut rest = body.as_str();
        while let Some(at) = rest.find(open) {
            out.push_str(&rest[..at]);
            let after = &rest[at..];
            let number_end = after
                .find("</span>")
                .filter(|_| open.starts_with("<li><span"))
                .map(|e| e + "</span>".len())
                .or_else(|| {
                    let a = after.find("<a class=\"number")?;
                    let close = after[a..].find("</a>")? + a + "</a>".len();
                    (a < after.find('>')? + 2).then_some(close)
                })
                .unwrap_or(open.len());
            out.push_str("<li>");
            rest = &after[number_end..];
        }
        out.push_str(rest);
        body = out;
    }
    text_of(&format!("{title}\n{body}"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_example_policies_come_back_from_their_markdown_word_for_word() {
    let example = Site::example("roundtrip-original");
    let run = example.build_with("public", &["--date", DATE, "--drafts", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for doc in ["privacy", "cookies"] {
        let site = new_site(&format!("roundtrip-{doc}"), &["ja", "ko", "en"]);
        let id = format!("imported-{doc}");
        for (i, lang) in ["ja", "ko", "en"].into_iter().enumerate() {
            let file = fixture_in("import-roundtrip", &format!("{doc}.{lang}.md"));
            let more: &[&str] = if i == 0 {
                &["--effective", "2027-06-01"]
            } else {
                &["--into"]
            };
            let run = import(&site, &file, &id, lang, more);
            assert_eq!(run.code, 0, "{doc} {lang}: {}", run.stderr);
        }
        let yaml = site.read(&format!("content/{id}.yaml"));
        // Captions, row headers, lists in cells, lead-ins and contact
        // blocks come back as the shapes they were.
        let shapes: &[&str] = match doc {
            "privacy" => &[
                "caption: ",
                "- contact:",
                "{ lead: ",
                "row_headers: true",
                "{ list: [",
            ],
            _ => &["caption: ", "- table:"],
        };
        for shape in shapes {
            assert!(yaml.contains(shape), "{doc}: no `{shape}` in\n{yaml}");
        }
        assert_strict_check_passes(&site);
        let run = site.build_with("public", &["--date", DATE, "--drafts", "--no-pdf"]);
        assert_eq!(run.code, 0, "{doc}: {}", run.stderr);
        for lang in ["ja", "ko", "en"] {
            let original = policy_words(&example.page(&format!("{lang}/{doc}/draft/index.html")));
            let rebuilt = policy_words(&site.page(&format!("{lang}/{id}/draft/index.html")));
            if original != rebuilt {
                let at = original
                    .chars()
                    .zip(rebuilt.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let near = |t: &str| {
                    t.chars()
                        .skip(at.saturating_sub(60))
                        .take(160)
                        .collect::<String>()
                };
                panic!(
                    "{doc} ({lang}) reads differently after import, from character {at}:\n original: …{}\n  rebuilt: …{}",
                    near(&original),
                    near(&rebuilt)
                );
            }
        }
    }
}
