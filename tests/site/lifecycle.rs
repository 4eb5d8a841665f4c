//! The release lifecycle a legal team relies on: languages in step, one
//! effective date, no backdating by accident, a record of every release
//! that the archive is checked against, postponing and withdrawing, and
//! stable ids across releases. Every refusal is checked to write nothing.

use crate::support::*;
use std::fs;

/// Appends words to one message's text in one language's draft.
fn reword(site: &Site, lang: &str, doc: &str, id: &str, more: &str) {
    let rel = format!("locales/{lang}/{doc}.ftl");
    let line = site.line(&rel, &format!("{id} = "));
    site.edit(&rel, &line, &format!("{line}{more}"));
}

/// Runs a command that must be refused with exit 1 and leave `versions/`
/// and `content/` exactly as they were; returns its output.
fn refused(site: &Site, args: &[&str]) -> String {
    let before = (tree(&site.path("versions")), tree(&site.path("content")));
    let run = site.charta(args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(
        before == (tree(&site.path("versions")), tree(&site.path("content"))),
        "the refused command changed files"
    );
    run.stderr
}

#[test]
fn a_changed_source_text_blocks_the_release_until_each_translation_is_reviewed() {
    let site = Site::example("stale-translation");
    reword(&site, "ja", "privacy", "privacy-preamble", "（改訂）");
    // `check` warns; `check --release` and `release` refuse, naming each language.
    let check = site.charta(&["check", "--date", DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("warning[stale-translation]"));
    let predicted = site.charta(&["check", "--release", "--date", DATE]);
    assert_eq!(predicted.code, 1, "{}", predicted.stderr);
    let err = refused(&site, &["release", "privacy", "--date", DATE]);
    for lang in ["ko", "en"] {
        let expected = format!(
            "error[stale-translation]: message `privacy-preamble` changed in ja since the 2027-01-01 release, but its {lang} text did not"
        );
        assert!(err.contains(&expected), "{err}");
        assert!(predicted.stderr.contains(&expected), "{}", predicted.stderr);
        assert!(
            err.contains(&format!("--> locales/{lang}/privacy.ftl:7:1")),
            "{err}"
        );
    }
    // The help gives the review stamp to write; written above the message in
    // both languages, the release goes through and freezes the stamps.
    let stamp = err
        .lines()
        .find_map(|l| {
            l.split('`')
                .find(|part| part.starts_with("# reviewed: ja "))
        })
        .expect("the help names the stamp")
        .to_owned();
    for lang in ["ko", "en"] {
        let rel = format!("locales/{lang}/privacy.ftl");
        let text = site.read(&rel);
        let line = text
            .lines()
            .find(|l| l.starts_with("privacy-preamble = "))
            .unwrap()
            .to_owned();
        site.edit(&rel, &line, &format!("{stamp}\n{line}"));
    }
    let check = site.charta(&["check", "--release", "--date", DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("reviewed   1"), "{}", check.stderr);
    let run = site.release_with("privacy", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("versions/privacy/2027-06-01/locales/ko/privacy.ftl")
            .contains(&stamp)
    );
}

#[test]
fn check_release_predicts_what_release_refuses_and_dry_run_writes_nothing() {
    let site = Site::example("predict");
    let text = site.read("locales/ko/privacy.ftl");
    let summary = text
        .lines()
        .find(|l| l.starts_with("release-summary = "))
        .unwrap()
        .to_owned();
    site.edit("locales/ko/privacy.ftl", &format!("{summary}\n"), "");
    // A plain check passes: the draft is fine as a draft.
    let check = site.charta(&["check", "--strict", "--date", DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let predicted = site.charta(&["check", "--release", "--date", DATE]);
    assert_eq!(predicted.code, 1);
    assert!(
        predicted
            .stderr
            .contains("error[missing-summary]: `release-summary` is missing in ko"),
        "{}",
        predicted.stderr
    );
    // The cookie policy's draft equals its latest version: nothing to predict.
    assert!(
        !predicted.stderr.contains("cookies"),
        "{}",
        predicted.stderr
    );
    let err = refused(&site, &["release", "privacy", "--date", DATE]);
    assert!(err.contains("error[missing-summary]"), "{err}");

    // With the summary back, a dry run says what it would freeze and writes nothing.
    site.write("locales/ko/privacy.ftl", &text);
    let before = tree(&site.path("versions"));
    let run = site.release_with("privacy", &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "would release versions/privacy/2027-06-01 (8 files, sha256:",
        "versions/privacy/2027-06-01/locales/ko/privacy.ftl",
        "versions/privacy/2027-06-01/release.yaml",
        "ja: against 2027-01-01, 0 section(s) added, 0 removed, 1 changed, 0 moved",
        "nothing was written (--dry-run)",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    assert!(before == tree(&site.path("versions")), "--dry-run wrote");
    // The digest it announced is the one the real release records.
    let digest = run.stderr.split("sha256:").nth(1).unwrap()[..64].to_owned();
    let run = site.release_with("privacy", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read("versions/privacy/ledger.yaml").contains(&format!(
        "- released: 2027-06-01\n  on: {DATE}\n  digest: sha256:{digest}"
    )));
}

#[test]
fn removing_renaming_or_replacing_a_released_version_is_an_error() {
    let removed = |name: &str, version: &str| {
        let site = Site::example(name);
        site.build_ok();
        let before = tree(&site.path("public"));
        fs::remove_dir_all(site.path(&format!("versions/privacy/{version}"))).unwrap();
        for command in ["check", "build"] {
            let run = site.charta(&[command, "--date", DATE]);
            assert_eq!(run.code, 1, "{command}: {}", run.stderr);
            let expected = format!(
                "error[missing-version]: version {version} of `privacy` is missing: the ledger records its release, but versions/privacy/{version}/ does not exist"
            );
            assert!(run.stderr.contains(&expected), "{command}: {}", run.stderr);
        }
        assert!(before == tree(&site.path("public")), "the site was touched");
    };
    removed("removed-middle", "2025-04-01");
    removed("removed-newest", "2027-01-01");

    // Renamed: the old date is missing, the new folder is unknown.
    let site = Site::example("renamed-version");
    fs::rename(
        site.path("versions/cookies/2026-04-01"),
        site.path("versions/cookies/2026-05-01"),
    )
    .unwrap();
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[missing-version]: version 2026-04-01 of `cookies`")
    );

    // Replaced by another text with the same date, made by charta itself in
    // another copy, so that its manifest is consistent: only the ledger tells.
    let other = Site::example("replacement");
    fs::remove_dir_all(other.path("versions/cookies/2026-04-01")).unwrap();
    fs::remove_file(other.path("versions/cookies/ledger.yaml")).unwrap();
    let init = other.charta(&["ledger", "init", "cookies", "--date", DATE]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    other.plan("cookies", "2026-04-01");
    reword(&other, "ja", "cookies", "cookies-preamble", "（差し替え）");
    for lang in ["ko", "en"] {
        reword(&other, lang, "cookies", "cookies-preamble", " (replaced)");
    }
    let made = other.release_with("cookies", &["--backdate", "a test of a replaced version"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let site = Site::example("replaced-version");
    fs::remove_dir_all(site.path("versions/cookies/2026-04-01")).unwrap();
    copy_dir(
        &other.path("versions/cookies/2026-04-01"),
        &site.path("versions/cookies/2026-04-01"),
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[replaced-version]: versions/cookies/2026-04-01/ is not the version released for 2026-04-01"
        ),
        "{}",
        run.stderr
    );

    // A folder the ledger does not know, and an edited ledger.
    let site = Site::example("unrecorded-version");
    copy_dir(
        &site.path("versions/cookies/2026-04-01"),
        &site.path("versions/cookies/2026-05-01"),
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert!(
        run.stderr
            .contains("error[unrecorded-version]: versions/cookies/2026-05-01/ is not in the ledger of `cookies`"),
        "{}",
        run.stderr
    );
    let site = Site::example("edited-ledger");
    let ledger = site.read("versions/privacy/ledger.yaml");
    site.write(
        "versions/privacy/ledger.yaml",
        &ledger.replacen("- recorded: 2025-04-01", "- recorded: 2025-05-01", 1),
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[broken-ledger]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> versions/privacy/ledger.yaml:"),
        "{}",
        run.stderr
    );

    // No ledger at all: a clear error and the command that starts one.
    let site = Site::example("no-ledger");
    fs::remove_file(site.path("versions/cookies/ledger.yaml")).unwrap();
    let run = site.charta(&["check", "--date", DATE]);
    assert!(
        run.stderr.contains("error[missing-ledger]"),
        "{}",
        run.stderr
    );
    let init = site.charta(&["ledger", "init", "cookies", "--date", DATE]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = site.charta(&["ledger", "init", "cookies", "--date", DATE]);
    assert_eq!(again.code, 2);
}

#[test]
fn past_dates_need_a_recorded_reason_and_an_unchanged_text_is_refused() {
    let site = Site::example("backdated");
    site.plan("privacy", "2027-06-01");
    // Today stands after the planned date: the release would be backdated.
    let err = refused(&site, &["release", "privacy", "--date", "2027-07-01"]);
    assert!(
        err.contains("error[backdated-release]: the effective date 2027-06-01 is before today (2027-07-01 in Asia/Tokyo)"),
        "{err}"
    );
    assert!(err.contains("--> content/privacy.yaml:3:12"), "{err}");
    let run = site.charta(&[
        "release",
        "privacy",
        "--date",
        "2027-07-01",
        "--backdate",
        "Imported from the policy in force before charta",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("versions/privacy/ledger.yaml")
            .contains("backdated: \"Imported from the policy in force before charta\"")
    );
    let run = site.build_with("public", &["--date", "2027-07-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let history = site.page("en/privacy/versions/index.html");
    assert!(history.contains(
        "Released on July 1, 2027 with an effective date in the past. Reason: Imported from the policy in force before charta"
    ), "{history}");
    assert!(history.contains("Effective dates are calendar days in the Asia/Tokyo time zone."));

    // The cookie policy's draft says what its latest version says.
    let site = Site::example("unchanged");
    site.plan("cookies", "2027-09-01");
    for lang in LANGS {
        reword(&site, lang, "cookies", "release-summary", " (2027)");
    }
    let err = refused(&site, &["release", "cookies", "--date", DATE]);
    assert!(err.contains(
        "error[unchanged-draft]: the draft of `cookies` says exactly what the version of 2026-04-01 says, in every language"
    ), "{err}");
    // Emphasis is part of the text: making a phrase bold is a change.
    for lang in LANGS {
        let rel = format!("locales/{lang}/cookies.ftl");
        let text = site.read(&rel);
        let line = text
            .lines()
            .find(|l| l.starts_with("cookies-about = "))
            .unwrap()
            .to_owned();
        let bold = line.replacen("cookies-about = ", "cookies-about = **", 1) + "**";
        site.edit(&rel, &line, &bold);
    }
    let run = site.release_with("cookies", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_effective_date_is_the_drafts_planned_date() {
    let site = Site::example("one-date");
    let err = refused(
        &site,
        &[
            "release",
            "privacy",
            "--effective",
            "2027-07-01",
            "--date",
            DATE,
        ],
    );
    assert!(err.contains(
        "error[effective-date-differs]: --effective 2027-07-01 differs from the planned date 2027-06-01 in the draft"
    ), "{err}");
    assert!(err.contains("--> content/privacy.yaml:3:12"), "{err}");
    // Given and equal, or left out: the same release.
    let run = site.charta(&[
        "release",
        "privacy",
        "--effective",
        "2027-06-01",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("content/privacy.yaml")
            .contains("\neffective: 2027-06-01\n")
    );
    assert!(
        site.read("versions/privacy/2027-06-01/privacy.yaml")
            .contains("\neffective: 2027-06-01\n")
    );
}

#[test]
fn an_upcoming_version_can_be_postponed_or_withdrawn_on_record() {
    let site = Site::example("postpone");
    // In force already: refused.
    let run = site.charta(&[
        "postpone",
        "privacy",
        "2026-04-01",
        "--to",
        "2027-03-01",
        "--reason",
        "x",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("a version in force can be neither postponed nor withdrawn")
    );
    // Not later than it was: refused.
    let run = site.charta(&[
        "postpone",
        "privacy",
        "2027-01-01",
        "--to",
        "2026-12-15",
        "--reason",
        "x",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 2);
    let run = site.charta(&[
        "postpone",
        "privacy",
        "2027-01-01",
        "--to",
        "2027-02-01",
        "--reason",
        "The regulator asked for a longer notice period",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("versions/privacy/2027-01-01").exists());
    assert!(
        site.read("versions/privacy/2027-02-01/privacy.yaml")
            .contains("\neffective: 2027-02-01\n")
    );
    // Inside the postponed window, the version before stays current.
    let run = site.build_with("public", &["--date", "2027-01-15"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let current = site.page("en/privacy/index.html");
    assert!(current.contains("datetime=\"2026-04-01\""), "{current}");
    assert!(
        current.contains("takes effect on February 1, 2027"),
        "{current}"
    );
    let history = site.page("en/privacy/versions/index.html");
    let note = "The version announced for January 1, 2027 was postponed to February 1, 2027 on December 1, 2026. Reason: The regulator asked for a longer notice period";
    assert!(history.contains(note), "{history}");
    let feed = site.page("en/privacy/feed.xml");
    assert!(feed.contains(&format!("<title>{note}</title>")), "{feed}");

    // Withdrawn: the folder goes, the record stays, the site stays whole.
    let run = site.charta(&[
        "withdraw",
        "privacy",
        "2027-02-01",
        "--reason",
        "Replaced by a new draft",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("versions/privacy/2027-02-01").exists());
    let run = site.build_with("public", &["--date", "2027-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let history = site.page("ja/privacy/versions/index.html");
    assert!(history.contains("2027年2月1日に施行予定だった版は、施行前の2026年12月1日に撤回されました。理由：Replaced by a new draft"), "{history}");
    // Its date stays taken; and bringing the folder back is an error.
    let ledger = site.read("versions/privacy/ledger.yaml");
    assert!(ledger.contains("- withdrawn: 2027-02-01"));
}

#[test]
fn a_renamed_id_is_noticed_and_an_alias_keeps_links_and_comparisons() {
    let site = Site::example("renamed-id");
    site.edit(
        "content/privacy.yaml",
        "  - id: purposes\n",
        "  - id: purposes-of-use\n",
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(
        "warning[renamed-id]: section `purposes` of the 2027-01-01 version is gone from the draft, and `purposes-of-use` says much the same"
    ), "{}", run.stderr);
    assert!(
        run.stderr.contains("add `aliases: [purposes]`"),
        "{}",
        run.stderr
    );
    let (code, out, _) = run_with_stdout(&[
        "--root",
        site.root.to_str().unwrap(),
        "diff",
        "privacy",
        "2027-01-01",
        "draft",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("1 added, 1 removed"), "{out}");

    site.edit(
        "content/privacy.yaml",
        "  - id: purposes-of-use\n",
        "  - id: purposes-of-use\n    aliases: [purposes]\n",
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert!(!run.stderr.contains("renamed-id"), "{}", run.stderr);
    let (_, out, _) = run_with_stdout(&[
        "--root",
        site.root.to_str().unwrap(),
        "diff",
        "privacy",
        "2027-01-01",
        "draft",
        "--lang",
        "en",
    ]);
    assert!(out.contains("0 added, 0 removed, 1 changed"), "{out}");
    let run = site.build_with("public", &["--date", DATE, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = site.page("en/privacy/draft/index.html");
    assert!(draft.contains("<section id=\"purposes-of-use\""), "{draft}");
    assert!(draft.contains("<span id=\"purposes\"></span>"), "{draft}");
}

#[test]
fn a_postponed_version_keeps_its_text() {
    let site = Site::example("postponed-text");
    site.postpone_upcoming();
    // Its words changed afterwards, with a manifest and ledger made to match:
    // only the text released for 2027-01-01 can tell.
    let rel = "versions/privacy/2027-02-01/locales/en/privacy.ftl";
    let text = site
        .read(rel)
        .replacen("Privacy Policy", "Privacy Notice", 1);
    site.write(rel, &text);
    let manifest = site.read("versions/privacy/2027-02-01/release.yaml");
    let old_file = manifest
        .lines()
        .find(|l| l.contains("\"locales/en/privacy.ftl\""))
        .unwrap()
        .to_owned();
    let new_file = format!(
        "  \"locales/en/privacy.ftl\": {}",
        charta::frozen::file_digest(text.as_bytes())
    );
    site.edit(
        "versions/privacy/2027-02-01/release.yaml",
        &old_file,
        &new_file,
    );
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "versions/privacy/2027-02-01/ was postponed from 2027-01-01, but its text is no longer the one released for 2027-01-01"
        ) || run.stderr.contains("error[tampered-version]"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_documents_unfinished_translation_does_not_block_anothers_release() {
    let site = Site::example("other-document");
    let text = site.read("locales/ko/cookies.ftl");
    let line = site.line("locales/ko/cookies.ftl", "cookies-about = ");
    site.write(
        "locales/ko/cookies.ftl",
        &text.replacen(&format!("{line}\n"), "", 1),
    );
    let run = site.release_with("privacy", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.path("versions/privacy/2027-06-01/release.yaml")
            .is_file()
    );
}
