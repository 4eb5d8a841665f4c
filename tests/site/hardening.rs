//! Hostile and unlucky inputs: nesting that would exhaust the stack, files
//! at the size limit, invisible characters, a build killed at any step, a
//! reader polling the site while it is rebuilt, two commands at once, and
//! output streams closed early.

use crate::support::*;
use std::fs;
use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Replaces the one line of `rel` that starts with `prefix`.
fn replace_line(site: &Site, rel: &str, prefix: &str, line: &str) {
    let old = site.line(rel, prefix);
    site.edit(rel, &old, line);
}

#[test]
fn deep_nesting_is_an_error_at_the_spot_not_a_crash() {
    for (name, message) in [
        (
            "nesting-open",
            format!("cookies-about = {}", "{".repeat(10_000)),
        ),
        (
            "nesting-valid",
            format!(
                "cookies-about = {}\"x\"{}",
                "{".repeat(10_000),
                "}".repeat(10_000)
            ),
        ),
    ] {
        let site = Site::example(name);
        replace_line(
            &site,
            "locales/en/cookies.ftl",
            "cookies-about = ",
            &message,
        );
        for args in [
            vec!["check", "--date", DATE],
            vec!["build", "--date", DATE],
            vec!["diff", "cookies", "2024-04-01", "draft", "--lang", "en"],
        ] {
            let run = site.charta(&args);
            assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr
                    .contains("error[too-deep]: placeables nest more than 32 levels deep here"),
                "{args:?}: {}",
                run.stderr
            );
            // The 33rd `{` of line 10, after `cookies-about = ` (16 characters).
            assert!(
                run.stderr.contains("--> locales/en/cookies.ftl:10:49"),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn unused_messages_up_to_the_size_limit_take_linear_time() {
    let site = Site::example("unused-at-the-cap");
    let mut text = site.read("locales/en/cookies.ftl");
    let mut i = 0;
    // Just under the 8 MiB limit of a source file.
    while text.len() < 8 * 1024 * 1024 - 200 {
        text.push_str(&format!(
            "unused-{i} = Words that nothing uses, number {i}.\n"
        ));
        i += 1;
    }
    site.write("locales/en/cookies.ftl", &text);
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_charta"))
        .args([
            "--root",
            site.root.to_str().unwrap(),
            "check",
            "--format",
            "json",
        ])
        .args(["--date", DATE])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(0));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains(&format!("\"warnings\": {i}")),
        "{i} warnings"
    );
    // Linear work takes a few seconds even unoptimized; the quadratic scan
    // this replaces took a minute optimized.
    assert!(took < Duration::from_secs(30), "{took:?} for {i} messages");
}

#[test]
fn invisible_characters_are_refused_at_their_place_and_shown_escaped() {
    let site = Site::example("control-raw");
    replace_line(
        &site,
        "locales/en/cookies.ftl",
        "cookies-about = ",
        "cookies-about = A cookie\u{7} is a \u{1b}]0;owned\u{7}file.",
    );
    let run = site.charta(&["build", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[control-character]: the file holds the invisible character U+0007, which pages and feeds cannot carry"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> locales/en/cookies.ftl:10:25"),
        "{}",
        run.stderr
    );
    // Nothing of the file reaches the terminal raw.
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'));
    assert!(
        run.stderr.contains("\\u{1b}]0;owned\\u{7}"),
        "{}",
        run.stderr
    );

    // Written as a Fluent escape: refused at the message.
    let site = Site::example("control-escape");
    replace_line(
        &site,
        "locales/en/cookies.ftl",
        "cookies-about = ",
        "cookies-about = A cookie{ \"\\u0007\" } is a small file.",
    );
    let run = site.charta(&["build", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[control-character]: the text of `cookies-about` holds the invisible character U+0007"),
        "{}",
        run.stderr
    );

    // Private-use characters are text, not charta's emphasis markers.
    let site = Site::example("private-use");
    replace_line(
        &site,
        "locales/en/cookies.ftl",
        "cookies-about = ",
        "cookies-about = A \u{e000}cookie\u{e001} is a small file.",
    );
    let run = site.build_with("public", &["--date", DATE, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("en/cookies/draft/index.html");
    assert!(
        page.contains("A \u{e000}cookie\u{e001} is a small file."),
        "markers leaked"
    );
    assert!(!page.contains("<strong>cookie"));
}

#[test]
fn addresses_are_checked_as_strictly_as_links() {
    let site = Site::example("base-url-line-break");
    site.edit(
        "content/site.yaml",
        "base_url: https://policies.hoshizora.example/",
        "base_url: \"https://policies.hoshizora.example/\\nDisallow: /\"",
    );
    let run = site.charta(&["build", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[bad-setting]: `base_url` must be an http(s) address")
    );
    assert!(run.stderr.contains("\\u{a}Disallow"), "{}", run.stderr);

    let site = Site::example("bidi-in-url");
    let yaml = site.read("content/privacy.yaml");
    let line = yaml
        .lines()
        .find(|l| l.contains("{ url:") || l.contains("url: https"))
        .map(str::to_owned);
    if let Some(line) = line {
        let spoofed = line.replacen("https://", "https://\u{202e}", 1);
        site.edit("content/privacy.yaml", &line, &spoofed);
        let run = site.charta(&["check", "--date", DATE]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("error[bad-literal]"), "{}", run.stderr);
        assert!(run.stderr.contains("\\u{202e}"), "{}", run.stderr);
    } else {
        let email = "privacy@hoshizora.example";
        let text = site.read("content/privacy.yaml");
        assert!(text.contains(email), "the example has an e-mail literal");
        site.write(
            "content/privacy.yaml",
            &text.replacen(email, "privacy@\u{2066}hoshizora.example", 1),
        );
        let run = site.charta(&["check", "--date", DATE]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("error[bad-literal]"), "{}", run.stderr);
    }
}

#[test]
fn a_reader_always_finds_a_whole_site_while_it_is_rebuilt() {
    let site = Site::example("polling-reader");
    site.build_ok();
    let index = site.path("public/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        let index = index.clone();
        std::thread::spawn(move || {
            let (mut checks, mut misses) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                checks += 1;
                if fs::metadata(&index).is_err() {
                    misses += 1;
                }
            }
            (checks, misses)
        })
    };
    for _ in 0..15 {
        let run = site.build("public");
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (checks, misses) = reader.join().unwrap();
    assert!(checks > 1000, "the reader ran {checks} times");
    println!("polling reader: {misses} misses in {checks} checks over 15 builds");
    assert_eq!(misses, 0, "{misses} of {checks} checks found no index.html");
}

#[test]
#[cfg(unix)]
fn a_build_killed_at_any_step_leaves_a_whole_site_and_no_leftovers() {
    let site = Site::example("killed-build");
    site.build_ok();
    let whole = |site: &Site| {
        let files = tree(&site.path("public"));
        assert!(files.len() > 50, "{} files", files.len());
        assert!(files.keys().any(|p| p.ends_with("ja/privacy/index.html")));
    };
    let leftovers = |site: &Site| -> Vec<String> {
        fs::read_dir(&site.root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public.") && n != ".public.charta-output")
            .collect()
    };
    for step in ["before-swap", "after-swap"] {
        let out = site.path("public");
        let status = Command::new(env!("CARGO_BIN_EXE_charta"))
            .args([
                "--root",
                site.root.to_str().unwrap(),
                "build",
                "--date",
                DATE,
            ])
            .args(["--out", out.to_str().unwrap()])
            .env("CHARTA_FAIL_AT", step)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(
            !status.success(),
            "{step}: the fault did not stop the build"
        );
        whole(&site);
        assert_eq!(leftovers(&site).len(), 1, "{step}: {:?}", leftovers(&site));
        // The next build removes what the killed one left.
        site.build_ok();
        whole(&site);
        assert!(
            leftovers(&site).is_empty(),
            "{step}: {:?}",
            leftovers(&site)
        );
    }
    // An output folder that is a link stays a link to a rebuilt folder.
    let real = site.path("published");
    fs::rename(site.path("public"), &real).unwrap();
    std::os::unix::fs::symlink(&real, site.path("public")).unwrap();
    site.build_ok();
    assert!(
        fs::symlink_metadata(site.path("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.join("index.html").is_file());
}

#[test]
#[cfg(unix)]
fn releases_take_turns_and_stopped_ones_are_reported() {
    let site = Site::example("release-lock");
    // A running command holds the lock (`flock`, as charta takes it); the
    // file names the holder.
    let lock = site.path("versions/.charta-lock");
    fs::write(&lock, "4242").unwrap();
    // `-o`: the lock belongs to flock itself, not to the command it runs.
    let mut holder = Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn()
        .expect("flock(1) from util-linux");
    std::thread::sleep(Duration::from_millis(300));
    let before = tree(&site.path("versions"));
    let run = site.release_with("privacy", &[]);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("another charta command is changing versions/ (process 4242)"),
        "{}",
        run.stderr
    );
    assert!(before == tree(&site.path("versions")));
    // Once its holder is gone, however it ended, the lock is free: the
    // system releases a `flock` with the process.
    let run = site.release_with("privacy", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // A release stopped halfway left a hidden folder: `check` says how to remove it.
    fs::create_dir_all(site.path("versions/privacy/.2027-09-01.releasing-4242/locales")).unwrap();
    let run = site.charta(&["check", "--date", DATE]);
    assert!(
        run.stderr.contains(
            "warning[stopped-release]: versions/privacy/.2027-09-01.releasing-4242/ is what remains of a release that was stopped"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("rm -r 'versions/privacy/.2027-09-01.releasing-4242'")
    );
}

#[test]
#[cfg(unix)]
fn a_closed_output_stream_ends_the_command_quietly() {
    // Enough warnings for more than a pipe's buffer of output.
    let site = Site::example("closed-pipe");
    let mut text = site.read("locales/en/cookies.ftl");
    for i in 0..3000 {
        text.push_str(&format!("unused-{i} = Words that nothing uses.\n"));
    }
    site.write("locales/en/cookies.ftl", &text);
    for format in ["human", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_charta"))
            .args([
                "--root",
                site.root.to_str().unwrap(),
                "check",
                "--date",
                DATE,
            ])
            .args(["--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little of each stream, then close both, as `| head` does.
        let mut first = [0u8; 64];
        if format == "json" {
            let _ = child.stdout.as_mut().unwrap().read(&mut first);
        } else {
            let _ = child.stderr.as_mut().unwrap().read(&mut first);
        }
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(2), "{format}: {status:?}");
    }
    // A command that wrote its work keeps its success: a retry would be refused.
    let full = fs::File::create("/dev/full").unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_charta"))
        .args([
            "--root",
            site.root.to_str().unwrap(),
            "build",
            "--date",
            DATE,
        ])
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(site.path("public/index.html").is_file());
}

#[test]
#[cfg(unix)]
fn special_files_and_links_in_versions_are_named() {
    let site = Site::example("folder-as-file");
    fs::remove_file(site.path("content/cookies.yaml")).unwrap();
    fs::create_dir(site.path("content/cookies.yaml")).unwrap();
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[not-a-file]: content/cookies.yaml is a folder"),
        "{}",
        run.stderr
    );

    let site = Site::example("linked-folder-in-version");
    let locales = site.path("versions/cookies/2024-04-01/locales");
    fs::rename(&locales, site.path("moved-locales")).unwrap();
    std::os::unix::fs::symlink(site.path("moved-locales"), &locales).unwrap();
    let run = site.charta(&["check", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error[tampered-version]: versions/cookies/2024-04-01/locales is a link to a folder"
        ),
        "{}",
        run.stderr
    );

    // JSON stays JSON when the site cannot be read at all.
    let (code, out, _) = run_with_stdout(&[
        "--root",
        site.path("no-such-site").to_str().unwrap(),
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        report["failure"]
            .as_str()
            .unwrap()
            .contains("has no content/site.yaml")
    );
}

#[test]
fn a_message_defined_thousands_of_times_is_reported_once_and_quickly() {
    // Found by the fuzzer: one line repeated 4,680 times took seconds.
    let site = Site::example("repeated-definition");
    let mut text = site.read("locales/ja/privacy.ftl");
    for _ in 0..5_000 {
        text.push_str("okies-col-name = Name\n");
    }
    site.write("locales/ja/privacy.ftl", &text);
    let started = Instant::now();
    let run = site.charta(&["check", "--date", DATE]);
    let took = started.elapsed();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr
            .matches("error[duplicate-message]: `okies-col-name` is defined twice")
            .count(),
        1,
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn thousands_of_syntax_errors_are_located_in_linear_time() {
    // Found by the fuzzer: 24,000 broken lines took seconds to locate.
    let site = Site::example("many-syntax-errors");
    let mut text = site.read("locales/ko/privacy.ftl");
    for _ in 0..30_000 {
        text.push_str("pt>\n");
    }
    site.write("locales/ko/privacy.ftl", &text);
    let started = Instant::now();
    let (code, out, _) = run_with_stdout(&[
        "--root",
        site.root.to_str().unwrap(),
        "check",
        "--format",
        "json",
        "--date",
        DATE,
    ]);
    let took = started.elapsed();
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let last = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "fluent-syntax")
        .map(|f| f["line"].as_u64().unwrap())
        .max()
        .unwrap();
    assert_eq!(
        last as usize,
        text.lines().count(),
        "the last broken line is located"
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
}
