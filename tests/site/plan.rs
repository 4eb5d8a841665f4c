//! The plan of the site: every link lands, languages come and go without
//! dead ends, right-to-left languages, one-language sites.

use crate::support::*;
use std::fs;
use std::path::Path;

const EXAMPLE_BASE: &str = "https://policies.hoshizora.example/";
const NEW_SITE_BASE: &str = "https://policies.example.com/";

fn fixture(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_link_fragment_and_alternate_of_the_example_lands() {
    let site = Site::example("crawl-example");
    for args in [&[][..], &["--drafts"][..]] {
        let run = site.build_with("public", args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let checked = assert_links_resolve(&site.path("public"), EXAMPLE_BASE);
        assert!(checked > 1_000, "only {checked} links checked");
    }
}

/// The example site with German added to its languages: the page wording
/// translated, the drafts not yet.
fn with_german(name: &str) -> Site {
    let site = Site::example(name);
    site.edit(
        "content/site.yaml",
        "languages: [ja, ko, en]",
        "languages: [ja, ko, en, de]",
    );
    fs::create_dir_all(site.path("locales/de")).unwrap();
    site.write("locales/de/site.ftl", &fixture("german/site.ftl"));
    for doc in DOCS {
        site.write(&format!("locales/de/{doc}.ftl"), "# Noch zu übersetzen.\n");
    }
    site
}

/// Freezes the German translation of privacy 2026-04-01 (the version in force).
fn add_german(site: &Site, extra: &[&str]) -> Run {
    let words = site.path("translation-de");
    fs::create_dir_all(&words).unwrap();
    fs::write(words.join("privacy.ftl"), fixture("german/privacy.ftl")).unwrap();
    fs::write(
        words.join("site.ftl"),
        fixture("german/site-2026-04-01.ftl"),
    )
    .unwrap();
    add_translation(site, &words, extra)
}

/// `charta add-translation privacy de --version 2026-04-01 --from <words>`.
fn add_translation(site: &Site, words: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "add-translation",
        "privacy",
        "de",
        "--version",
        "2026-04-01",
        "--from",
        words.to_str().unwrap(),
        "--date",
        DATE,
    ];
    args.extend(extra);
    site.charta(&args)
}

#[test]
fn a_language_without_a_published_version_is_offered_nowhere() {
    let site = with_german("german-before");
    let out = site.build_ok();
    assert!(!out.join("de").exists(), "no German pages yet");
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("hreflang=\"de\"") && !text.contains("/de/"),
            "{} offers German",
            path.display()
        );
    }
    assert!(!site.page("index.html").contains("Deutsch"));
    let check = site.charta(&["check", "--date", DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("warning[language-unpublished]: `privacy` has no published version in de"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("charta add-translation privacy de --version 2026-04-01"),
        "{}",
        check.stderr
    );
    assert_links_resolve(&out, EXAMPLE_BASE);
}

#[test]
fn a_translation_added_later_publishes_the_version_in_force_without_changing_it() {
    let site = with_german("german-added");
    let version = site.path("versions/privacy/2026-04-01");
    let released = tree(&version);
    let ledger_before = site.read("versions/privacy/ledger.yaml");

    // The draft's German words translate today's text, not 2026-04-01's.
    let refused = site.charta(&[
        "add-translation",
        "privacy",
        "de",
        "--version",
        "2026-04-01",
        "--date",
        DATE,
    ]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--from <folder>"),
        "{}",
        refused.stderr
    );

    // A dry run checks the translation as published and writes nothing.
    let dry = add_german(&site, &["--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(tree(&version), released);
    assert_eq!(site.read("versions/privacy/ledger.yaml"), ledger_before);

    let added = add_german(&site, &[]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    // The released files are untouched; the translation is beside them.
    let now = tree(&version);
    for (path, bytes) in &released {
        assert_eq!(now.get(path), Some(bytes), "{} changed", path.display());
    }
    let mut new: Vec<String> = now
        .keys()
        .filter(|p| !released.contains_key(*p))
        .map(|p| p.display().to_string())
        .collect();
    new.sort();
    assert_eq!(
        new,
        [
            "added-de.yaml",
            "locales/de/privacy.ftl",
            "locales/de/site.ftl"
        ]
    );
    let ledger = site.read("versions/privacy/ledger.yaml");
    assert!(ledger.starts_with(&ledger_before), "the record only grows");
    assert!(
        ledger.contains("- translated: 2026-04-01\n  language: de\n  on: 2026-12-01\n"),
        "{ledger}"
    );

    let out = site.build_ok();
    let page = site.page("de/privacy/index.html");
    assert!(page.contains("<html lang=\"de\">"));
    assert!(page.contains("Datenschutz"), "German words");
    assert!(
        site.page("ja/privacy/index.html")
            .contains("hreflang=\"de\" href=\"https://policies.hoshizora.example/de/privacy/\"")
    );
    // Only the version with German words has German pages.
    assert!(!out.join("de/privacy/2025-04-01").exists());
    assert!(!out.join("de/cookies").exists());
    assert!(
        !site
            .page("ja/privacy/2025-04-01/index.html")
            .contains("hreflang=\"de\""),
        "no German alternate where there is no German page"
    );
    let history = site.page("de/privacy/versions/index.html");
    assert!(
        history.contains("Übersetzung hinzugefügt am 1. Dezember 2026: Deutsch"),
        "{history}"
    );
    assert!(
        site.page("en/privacy/versions/index.html")
            .contains("Translation added on December 1, 2026: Deutsch")
    );
    assert!(site.page("index.html").contains("Deutsch"));
    assert!(site.page("sitemap.xml").contains("hreflang=\"de\""));
    assert_links_resolve(&out, EXAMPLE_BASE);

    // Until the upcoming version has German too, `check` says so.
    let check = site.charta(&["check", "--date", DATE]);
    assert!(
        check.stderr.contains(
            "warning[language-gap]: version 2027-01-01 of `privacy` has no de translation"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn an_added_translation_is_frozen_and_on_record() {
    let site = with_german("german-frozen");
    assert_eq!(add_german(&site, &[]).code, 0);
    let added = "versions/privacy/2026-04-01/locales/de/privacy.ftl";

    // Edited after it was added.
    let text = site.read(added);
    site.write(added, &text.replacen("Datenschutz", "Datenschatz", 1));
    let run = site.build("public");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "of version versions/privacy/2026-04-01 was changed after its translation was added"
        ),
        "{}",
        run.stderr
    );
    site.write(added, &text);
    site.build_ok();

    // Its manifest alone taken out: the files are unaccounted for.
    let manifest = site.path("versions/privacy/2026-04-01/added-de.yaml");
    let saved = fs::read(&manifest).unwrap();
    fs::remove_file(&manifest).unwrap();
    let run = site.build("public");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("locales/de/privacy.ftl was added to version versions/privacy/2026-04-01"),
        "{}",
        run.stderr
    );
    // All of it taken out, while the ledger records it.
    let words = site.path("versions/privacy/2026-04-01/locales/de");
    let kept = tree(&words);
    fs::remove_dir_all(&words).unwrap();
    let run = site.build("public");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[missing-translation]"),
        "{}",
        run.stderr
    );
    fs::create_dir_all(&words).unwrap();
    for (path, bytes) in kept {
        fs::write(words.join(path), bytes).unwrap();
    }
    fs::write(&manifest, saved).unwrap();
    site.build_ok();

    // The record refuses a translation it did not make.
    let ledger = site.read("versions/privacy/ledger.yaml");
    let before_translation = &ledger[..ledger.find("- translated:").unwrap()];
    site.write("versions/privacy/ledger.yaml", before_translation);
    let run = site.build("public");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[unrecorded-translation]"),
        "{}",
        run.stderr
    );
    site.write("versions/privacy/ledger.yaml", &ledger);

    // Twice is refused: published words are corrected in a new release.
    let again = add_german(&site, &[]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already has a de translation"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_incomplete_translation_is_not_added() {
    let site = with_german("german-incomplete");
    let words = site.path("translation-de");
    fs::create_dir_all(&words).unwrap();
    // Only the title.
    fs::write(
        words.join("privacy.ftl"),
        "privacy-title = Datenschutzerklärung\n",
    )
    .unwrap();
    let version = site.path("versions/privacy/2026-04-01");
    let released = tree(&version);
    let run = add_translation(&site, &words, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[missing-message]"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&version), released, "nothing is left behind");
}

#[test]
fn removing_a_language_leaves_no_dead_end() {
    let site = Site::example("language-removed");
    site.edit(
        "content/site.yaml",
        "languages: [ja, ko, en]",
        "languages: [ja, en]",
    );
    let out = site.build_ok();
    assert!(!out.join("ko").exists());
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("hreflang=\"ko\""), "{}", path.display());
    }
    assert_links_resolve(&out, EXAMPLE_BASE);
}

#[test]
fn right_to_left_languages_get_dir_rtl() {
    let site = new_site("arabic", &["ar", "en"]);
    fs::create_dir_all(site.path("locales/ar")).unwrap();
    site.write("locales/ar/site.ftl", &fixture("arabic/site.ftl"));
    site.write("locales/ar/privacy.ftl", &fixture("arabic/privacy.ftl"));
    assert_eq!(site.release("privacy", DATE).code, 0);
    let out = site.build_ok();
    let arabic = site.page("ar/privacy/index.html");
    assert!(arabic.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        site.page("en/privacy/index.html")
            .contains("<html lang=\"en\">")
    );
    // The English page's link to the Arabic one is marked right to left.
    assert!(
        site.page("en/privacy/index.html")
            .contains("lang=\"ar\" dir=\"rtl\" hreflang=\"ar\"")
    );
    assert!(
        site.page("index.html")
            .contains("<li lang=\"ar\" dir=\"rtl\">")
    );
    // The layout mirrors: the stylesheet uses logical properties only.
    let css = site.page("assets/style.css");
    for physical in ["left", "right"] {
        assert!(
            !css.contains(&format!("-{physical}:")) && !css.contains(&format!("{physical}:")),
            "the stylesheet uses `{physical}`"
        );
    }
    assert_links_resolve(&out, NEW_SITE_BASE);
}

#[test]
fn a_one_language_site_opens_on_its_documents() {
    let site = new_site("one-language", &["en"]);
    assert_eq!(site.release("privacy", DATE).code, 0);
    let out = site.build_ok();
    let home = site.page("index.html");
    assert!(
        !home.contains("class=\"chooser\""),
        "no choice of one language"
    );
    assert!(
        home.contains("<a href=\"en/privacy/\">Privacy Policy</a>"),
        "{home}"
    );
    assert!(home.contains("<link rel=\"canonical\" href=\"https://policies.example.com/en/\">"));
    assert!(!home.contains("language-switch"));
    let sitemap = site.page("sitemap.xml");
    assert!(
        !sitemap.contains("<loc>https://policies.example.com/</loc>"),
        "`/` names en/ as canonical, so the sitemap lists en/"
    );
    assert_links_resolve(&out, NEW_SITE_BASE);
}
