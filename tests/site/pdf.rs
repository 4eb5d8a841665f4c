//! PDFs: one per released version and language, linked from its page and
//! listed in its export, with the page's text in reading order, a footer on
//! every page, the same bytes on every build, and clear errors for a missing
//! font or a broken template. Reading the text back needs `pdftotext` and
//! `pdfinfo` (Debian's poppler-utils, which `.ci/run` installs).

use crate::support::*;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The text of a PDF, in the order its content was drawn (`-raw`), pages
/// separated by form feeds.
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed to read PDFs back");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(output.stdout).unwrap()
}

fn pdf_info(pdf: &Path) -> String {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) must be installed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text with every space and line break taken out: the PDF breaks lines
/// where the page does not, and sets a thin space between Japanese and
/// Latin letters. A hyphen the PDF adds where it breaks a word reads back
/// as a soft hyphen, which goes too.
pub(crate) fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

/// Text without the addresses the PDF prints after a link's words
/// (`<https://…>`), which the page has only as the link's target.
fn without_printed_addresses(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<http") {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The released versions of a document, from its `versions/` folder.
fn released(site: &Site, doc: &str) -> Vec<String> {
    let mut keys: Vec<String> = fs::read_dir(site.path(&format!("versions/{doc}")))
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (e.file_type().unwrap().is_dir() && !name.starts_with('.')).then_some(name)
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_released_version_has_a_pdf_in_every_language_the_same_on_every_build() {
    let site = Site::example("pdf-every-version");
    let first = site.build_with("public", &["--date", DATE, "--drafts"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = site.build_with("again", &["--date", DATE, "--drafts"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let mut count = 0;
    for doc in DOCS {
        for key in released(&site, doc) {
            for lang in LANGS {
                let rel = format!("{lang}/{doc}/{key}.pdf");
                let pdf = site.path(&format!("public/{rel}"));
                let bytes = fs::read(&pdf).unwrap_or_else(|_| panic!("{rel} is missing"));
                assert!(bytes.starts_with(b"%PDF-"), "{rel} is not a PDF");
                assert_eq!(
                    bytes,
                    fs::read(site.path(&format!("again/{rel}"))).unwrap(),
                    "{rel} differs between two builds of the same sources"
                );
                // Linked from the version's page and listed in its export.
                let page = site.page(&format!("{lang}/{doc}/{key}/index.html"));
                assert!(
                    page.contains(&format!("href=\"../../../{lang}/{doc}/{key}.pdf\"")),
                    "the page of {lang}/{doc}/{key} does not link its PDF"
                );
                let export = site.page(&format!("{lang}/{doc}/{key}.json"));
                assert!(
                    export.contains(&format!(
                        "\"pdf\": \"https://policies.hoshizora.example/{rel}\""
                    )),
                    "the export of {lang}/{doc}/{key} does not list its PDF"
                );
                let info = pdf_info(&pdf);
                assert!(info.contains("Tagged:          yes"), "{rel}: {info}");
                count += 1;
            }
        }
    }
    assert_eq!(
        count, 18,
        "two documents, six released versions, three languages"
    );
    // The draft is not a version anyone agreed to: no PDF of it.
    for lang in LANGS {
        assert!(
            !site
                .path(&format!("public/{lang}/privacy/draft.pdf"))
                .exists()
        );
    }
    assert_links_resolve(&site.path("public"), "https://policies.hoshizora.example/");
}

#[test]
fn a_pdf_has_the_pages_text_in_reading_order_and_a_footer_on_every_page() {
    let site = Site::example("pdf-text");
    let out = site.build_ok();
    for lang in LANGS {
        let pdf = out.join(format!("{lang}/privacy/2026-04-01.pdf"));
        let text = pdf_text(&pdf);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let info = pdf_info(&pdf);
        let count: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(pages.len(), count, "{lang}: one text page per PDF page");
        assert!(count >= 3, "{lang}: the privacy policy fills several pages");
        // Every page names the document, its date and version, and its number.
        let export: serde_json::Value =
            serde_json::from_str(&site.page(&format!("{lang}/privacy/2026-04-01.json"))).unwrap();
        let title = export["title"].as_str().unwrap();
        for (i, page) in pages.iter().enumerate() {
            let page = squeezed(page);
            assert!(
                page.contains(&squeezed(title)),
                "{lang} page {}: no title",
                i + 1
            );
            assert!(
                page.contains("2026-04-01"),
                "{lang} page {}: no version",
                i + 1
            );
            let number = match lang {
                "ja" => format!("{}／{}ページ", i + 1, count),
                "ko" => format!("{}/{}쪽", i + 1, count),
                _ => format!("Page{}of{}", i + 1, count),
            };
            assert!(
                page.contains(&number),
                "{lang} page {}: no `{number}`",
                i + 1
            );
        }
        // Every section's heading and every paragraph, list item and table
        // cell of the page, in the page's order (each page's last line, its
        // footer, left out).
        let all: String = pages
            .iter()
            .map(|p| {
                let body = p.trim_end();
                squeezed(body.rsplit_once('\n').map_or(body, |(b, _)| b))
            })
            .collect();
        assert!(
            all.contains("<https://"),
            "{lang}: a link's address is printed"
        );
        let all = without_printed_addresses(&all);
        let mut at = 0;
        let mut checked = 0;
        for section in export["sections"].as_array().unwrap() {
            let heading = squeezed(&format!(
                "{}{}",
                section["number"].as_str().unwrap(),
                section["title"].as_str().unwrap()
            ));
            let html = section["html"].as_str().unwrap();
            let mut pieces = vec![heading];
            // One piece per block, cell, term and value.
            let blocks = html
                .replace("</dt>", "</dt>\n")
                .replace("</th>", "</th>\n")
                .replace("</td>", "</td>\n")
                .replace("</li>", "</li>\n")
                .replace("<ul>", "<ul>\n")
                .replace("<ol>", "<ol>\n");
            for piece in blocks.split('\n').map(text_of) {
                let piece = squeezed(&piece);
                if !piece.is_empty() {
                    pieces.push(piece);
                }
            }
            for piece in pieces {
                let found = all[at..].find(&piece).unwrap_or_else(|| {
                    panic!("{lang}: `{piece}` is not in the PDF after position {at}")
                });
                at += found;
                checked += 1;
            }
        }
        assert!(checked > 40, "{lang}: only {checked} pieces compared");
    }
}

#[test]
fn key_terms_link_to_their_definitions_in_the_pdf_and_on_the_page() {
    let site = Site::example("pdf-terms");
    // The draft defines key terms; release it so that it has a PDF.
    let released = site.release("privacy", "2027-06-01");
    assert_eq!(released.code, 0, "{}", released.stderr);
    let out = site.build_ok();
    let page = site.page("ja/privacy/2027-06-01/index.html");
    assert!(
        page.contains("<nav class=\"key-terms\""),
        "the page lists the key terms"
    );
    assert!(page.contains("<a href=\"#definitions-sensitive\">要配慮個人情報</a>"));
    // The longest term wins: 要配慮個人情報 is one link, not 要配慮 and a link.
    assert!(!page.contains("要配慮<a href=\"#definitions-personal-information\">"));
    let text = pdf_text(&out.join("ja/privacy/2027-06-01.pdf"));
    assert!(squeezed(&text).contains("要配慮個人情報"));
}

#[test]
fn words_that_look_like_typst_are_printed_as_typed() {
    let site = new_site("pdf-typst-words", &["en"]);
    site.edit(
        "locales/en/privacy.ftl",
        "purposes-service = We use personal information to provide our service.",
        "purposes-service = We use #read(\"/etc/passwd\") and $x^2$ and \\<label> @ref = heading",
    );
    let released = site.release("privacy", DATE);
    assert_eq!(released.code, 0, "{}", released.stderr);
    let out = site.build_ok();
    let text = pdf_text(&out.join(format!("en/privacy/{DATE}.pdf")));
    assert!(
        squeezed(&text).contains(&squeezed(
            "We use #read(\"/etc/passwd\") and $x^2$ and <label> @ref = heading"
        )),
        "{text}"
    );
    assert!(
        !text.contains("root:"),
        "the template read a file of the machine"
    );
}

#[test]
fn a_character_no_font_has_fails_the_build_and_names_it() {
    let site = new_site("pdf-missing-glyph", &["en"]);
    site.edit(
        "locales/en/privacy.ftl",
        "purposes-service = We use personal information to provide our service.",
        "purposes-service = We use personal information 𐀀𐀁 to provide our service.",
    );
    let released = site.release("privacy", DATE);
    assert_eq!(released.code, 0, "{}", released.stderr);
    let run = site.build("public");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[pdf-font]"), "{}", run.stderr);
    assert!(run.stderr.contains("𐀀𐀁"), "{}", run.stderr);
    assert!(
        run.stderr.contains("fonts/"),
        "says where a font can go: {}",
        run.stderr
    );
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn a_broken_pdf_template_is_an_error_at_its_line() {
    let site = new_site("pdf-template", &["en"]);
    let released = site.release("privacy", DATE);
    assert_eq!(released.code, 0, "{}", released.stderr);
    fs::create_dir_all(site.path("templates")).unwrap();
    site.write(
        "templates/pdf.typ",
        "#let data = json(\"data.json\")\n#set document(title: data.title)\n= #data.title\n#data.no-such-field\n",
    );
    let run = site.build("public");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[pdf-template]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/pdf.typ:4:"),
        "{}",
        run.stderr
    );
    // The template may read data.json and nothing else.
    site.write(
        "templates/pdf.typ",
        "#set document(title: \"x\")\n#read(\"content/site.yaml\")\n",
    );
    let run = site.build("public");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/pdf.typ:2:"),
        "{}",
        run.stderr
    );
    // Without --no-pdf nothing is written; with it, the pages are.
    assert!(!site.path("public").exists());
    let pages = site.build_with("public", &["--date", DATE, "--no-pdf"]);
    assert_eq!(pages.code, 0, "{}", pages.stderr);
    assert!(!site.path(&format!("public/en/privacy/{DATE}.pdf")).exists());
    assert!(
        !site
            .page(&format!("en/privacy/{DATE}/index.html"))
            .contains(".pdf")
    );
}
