//! The legal team's tools: `new`, `schema`, `check` formats, and `serve`.

use crate::support::*;
use std::fs;
use std::path::Path;

#[test]
fn a_new_site_checks_clean_and_publishes_after_its_first_release() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-site");
    let _ = fs::remove_dir_all(&dir);
    let path = dir.to_str().unwrap();
    let (code, _, err) = run_with_stdout(&["new", path]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_with_stdout(&["--root", path, "check", "--strict", "--date", DATE]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
    let (code, _, err) = run_with_stdout(&[
        "--root",
        path,
        "release",
        "privacy",
        "--effective",
        "2026-11-01",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_with_stdout(&["--root", path, "build", "--date", DATE]);
    assert_eq!(code, 0, "{err}");
    for lang in LANGS {
        assert!(
            dir.join(format!("public/{lang}/privacy/index.html"))
                .is_file(),
            "{lang}"
        );
    }
    // A folder that holds something is never written into.
    let (code, _, err) = run_with_stdout(&["new", path]);
    assert_eq!(code, 2);
    assert!(err.contains("is not empty"), "{err}");
}

#[test]
fn yaml_files_point_editors_at_the_schema() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, _) = run_with_stdout(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        fs::read_to_string(repo.join("schema/document.schema.json")).unwrap()
    );
    let (_, site_schema, _) = run_with_stdout(&["schema", "site"]);
    assert_eq!(
        site_schema,
        fs::read_to_string(repo.join("schema/site.schema.json")).unwrap()
    );
    for (file, schema) in [
        ("content/privacy.yaml", "document"),
        ("content/cookies.yaml", "document"),
        ("content/site.yaml", "site"),
    ] {
        let first = fs::read_to_string(repo.join(file))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{file} has no schema modeline"));
        assert!(target.ends_with(&format!("{schema}.schema.json")), "{file}");
        assert!(
            repo.join("content").join(target).is_file(),
            "{file} points at {target}"
        );
    }
}

#[test]
fn check_reports_for_people_tools_and_pull_requests() {
    let site = Site::example("check-formats");
    site.edit(
        "content/privacy.yaml",
        "effective: 2027-06-01",
        "effective: 2027-06-31",
    );
    let root = site.root.to_str().unwrap();
    let (code, _, human) = run_with_stdout(&["--root", root, "check", "--date", DATE]);
    assert_eq!(code, 1);
    assert!(human.contains("error[bad-date]: `2027-06-31` is not a day of the calendar\n --> content/privacy.yaml:3:12\n  |\n3 | effective: 2027-06-31\n  |            ^^^^^^^^^^"), "{human}");

    let (code, json, _) =
        run_with_stdout(&["--root", root, "check", "--format", "json", "--date", DATE]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["errors"], 1);
    let finding = &report["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["code"], "bad-date");
    assert_eq!(finding["file"], "content/privacy.yaml");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(3), Some(12))
    );
    assert_eq!(report["translations"].as_array().unwrap().len(), 3);

    let (code, github, _) = run_with_stdout(&[
        "--root", root, "check", "--format", "github", "--date", DATE,
    ]);
    assert_eq!(code, 1);
    assert!(github.starts_with("::error file=content/privacy.yaml,line=3,col=12,title=charta bad-date::`2027-06-31` is not a day of the calendar%0Ahelp: "), "{github}");

    // Nothing is written.
    assert!(!site.path("public").exists());
}
