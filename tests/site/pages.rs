//! The example site as readers get it: pages, structure, links, determinism.

use crate::support::*;
use std::fs;
use std::path::Path;

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
            // Root-relative links (404.html) start from the site's base path, `/` here.
            let mut target = match file.strip_prefix('/') {
                Some(from_root) => out.join(from_root),
                None => dir.join(file),
            };
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
    let a = site.build_with("a", &["--date", DATE, "--drafts"]);
    let b = site.build_with("b", &["--date", DATE, "--drafts"]);
    assert_eq!((a.code, b.code), (0, 0));
    let (a, b) = (tree(&site.path("a")), tree(&site.path("b")));
    assert!(a.len() > 10);
    assert!(a == b, "two builds differ");
}

#[test]
fn snapshot_of_the_japanese_privacy_policy() {
    let site = Site::example("snapshot");
    site.build_ok();
    assert_snapshot("ja-privacy.html", &site.page("ja/privacy/index.html"));
}

#[test]
fn a_failed_build_leaves_no_partial_site_on_first_build() {
    let site = Site::example("first-failure");
    site.edit(
        "content/privacy.yaml",
        "effective: 2027-06-01",
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

#[test]
fn messages_keep_the_shape_the_yaml_gives_them() {
    let site = Site::example("message-shape");
    // A Korean date that starts like an ordered list, underscores for bold
    // next to brackets, and a table cell written over two lines.
    site.edit(
        "locales/ko/cookies.ftl",
        "cookies-about = ",
        "cookies-about = 2023. 9. 15부터 __「쿠키」__에 관한 설명입니다. ",
    );
    site.edit(
        "locales/ja/cookies.ftl",
        "cookies-session-purpose = ログインの状態を保つ（必須）",
        "cookies-session-purpose = ログインの状態を保つ\n    （必須）",
    );
    let run = site.build_with("public", &["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ko = site.page("ko/cookies/draft/index.html");
    assert!(
        ko.contains("<p>2023. 9. 15부터 <strong>「쿠키」</strong>에 관한 설명입니다. "),
        "{ko}"
    );
    assert!(!ko.contains("<ol start=\"2023\">"));
    let ja = site.page("ja/cookies/draft/index.html");
    assert!(ja.contains("ログインの状態を保つ<br />\n（必須）"), "{ja}");
}
