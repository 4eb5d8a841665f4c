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
    // Released on its planned date, then built on the day it takes effect.
    let (code, _, err) = run_with_stdout(&["--root", path, "release", "privacy", "--date", DATE]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("released versions/privacy/2027-04-01"),
        "{err}"
    );
    let (code, _, err) = run_with_stdout(&["--root", path, "build", "--date", "2027-04-01"]);
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

/// A running `charta serve`, stopped when dropped.
struct Server {
    child: std::process::Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Site) -> Server {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_charta"))
            .args([
                "--root",
                site.root.to_str().unwrap(),
                "serve",
                "--port",
                "0",
                "--date",
                DATE,
            ])
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = std::io::BufReader::new(stderr).lines();
        let port = loop {
            let line = lines.next().expect("serve ended before listening").unwrap();
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }

    /// Sends a raw request target; returns (status code, body).
    fn get(&self, target: &str) -> (u16, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_owned());
        (status, body)
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__charta/status").1).unwrap()
    }

    /// Waits until a full build after the `builds`th has finished (a
    /// quick preview is not one).
    fn wait_for_full_build_after(&self, builds: u64) -> serde_json::Value {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let status = self.status();
            if status["builds"].as_u64().unwrap() > builds {
                return status;
            }
            assert!(std::time::Instant::now() < deadline, "no full rebuild");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Waits until a build after `generation` has finished.
    fn wait_for_build_after(&self, generation: u64) -> serde_json::Value {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let status = self.status();
            if status["generation"].as_u64().unwrap() > generation {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no rebuild within 20 s"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

#[test]
fn serve_rebuilds_on_save_shows_errors_and_recovers() {
    let site = Site::example("serve");
    let server = Server::start(&site);
    let (code, page) = server.get("/en/privacy/draft/");
    assert_eq!(code, 200);
    assert!(page.contains("/__charta/wait?g="), "live reload script");
    let status = server.status();
    let (first, builds) = (
        status["generation"].as_u64().unwrap(),
        status["builds"].as_u64().unwrap(),
    );

    // A page waiting for the next build is answered when a file is saved.
    let port = server.port;
    let waiter = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET /__charta/wait?g={first} HTTP/1.1\r\n\r\n").unwrap();
        let mut r = String::new();
        s.read_to_string(&mut r).unwrap();
        r
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    let text = site.read("locales/en/privacy.ftl");
    site.write(
        "locales/en/privacy.ftl",
        &text.replacen(
            "privacy-title = Privacy Policy",
            "privacy-title = Privacy Notice",
            1,
        ),
    );
    let status = server.wait_for_build_after(first);
    assert!(status["error"].is_null(), "{status}");
    let answer = waiter.join().unwrap();
    assert!(
        answer.ends_with(&(first + 1).to_string()),
        "reload signal: {answer}"
    );
    assert!(
        server
            .get("/en/privacy/draft/")
            .1
            .contains("<h1>Privacy Notice</h1>")
    );
    // What answered first may be the quick preview: the next edit waits
    // for the full build, which is the last good one it falls back on.
    let status = server.wait_for_full_build_after(builds);
    assert!(status["error"].is_null(), "{status}");

    // A broken file: the last good build stays served, with the errors on the page.
    let generation = status["generation"].as_u64().unwrap();
    site.edit(
        "content/privacy.yaml",
        "effective: 2027-06-01",
        "effective: 2027-02-30",
    );
    let status = server.wait_for_build_after(generation);
    assert!(
        status["error"]
            .as_str()
            .unwrap()
            .contains("error[bad-date]"),
        "{status}"
    );
    let (code, page) = server.get("/en/privacy/draft/");
    assert_eq!(code, 200);
    assert!(page.contains("role=\"alert\"") && page.contains("error[bad-date]"));
    assert!(
        page.contains("<h1>Privacy Notice</h1>"),
        "still the last good build"
    );

    // Fixing it brings the page back.
    let generation = status["generation"].as_u64().unwrap();
    site.edit(
        "content/privacy.yaml",
        "effective: 2027-02-30",
        "effective: 2027-06-01",
    );
    let status = server.wait_for_build_after(generation);
    assert!(status["error"].is_null(), "{status}");
    assert!(
        !server
            .get("/en/privacy/draft/")
            .1
            .contains("role=\"alert\"")
    );
}

#[test]
fn serve_previews_an_edit_of_draft_words_before_the_full_rebuild() {
    let site = Site::example("serve-preview");
    let server = Server::start(&site);
    let status = server.status();
    let (first, builds) = (
        status["generation"].as_u64().unwrap(),
        status["builds"].as_u64().unwrap(),
    );
    site.edit(
        "locales/ja/privacy.ftl",
        "privacy-title = プライバシーポリシー",
        "privacy-title = 個人情報保護方針",
    );
    let status = server.wait_for_build_after(first);
    let (code, page) = server.get("/ja/privacy/draft/");
    assert_eq!(code, 200);
    assert!(page.contains("<h1>個人情報保護方針</h1>"), "{page}");
    // What changed first was the preview, not a full build.
    assert_eq!(status["previews"].as_u64(), Some(1), "{status}");
    // The full rebuild follows. It makes the same pages as the preview
    // served, so open pages are not reloaded a second time.
    let status = server.wait_for_full_build_after(builds);
    assert!(status["error"].is_null(), "{status}");
    assert_eq!(
        status["generation"].as_u64().unwrap(),
        first + 1,
        "{status}"
    );
    assert!(
        server
            .get("/ja/privacy/draft/")
            .1
            .contains("<h1>個人情報保護方針</h1>")
    );
    // The comparison with the draft shows the edit too.
    let (code, diff) = server.get("/ja/privacy/diff/2027-01-01...draft/");
    assert_eq!(code, 200);
    assert!(diff.contains("個人情報保護方針"), "{diff}");
}

#[test]
fn serve_previews_every_kind_of_edit_then_leaves_no_page_stale() {
    let site = Site::example("serve-preview-kinds");
    let server = Server::start(&site);
    // Each edit: the file, the text replaced, its replacement, the page it
    // shows on first, and what that page then shows.
    let edits = [
        (
            "content/privacy.yaml",
            "effective: 2027-06-01",
            "effective: 2027-07-01",
            "/en/privacy/draft/",
            "datetime=\"2027-07-01\"",
        ),
        (
            "locales/en/site.ftl",
            "site-title = { -company } Policies",
            "site-title = { -company } Policy Centre",
            "/en/privacy/draft/",
            "Hoshizora Clinical Inc. Policy Centre",
        ),
        (
            "themes/default/templates/base.html",
            "</body>",
            "<!-- a template edit --></body>",
            "/en/cookies/draft/",
            "<!-- a template edit -->",
        ),
        (
            "themes/default/static/style.css",
            "/* charta default theme:",
            "/* a stylesheet edit */\n/* charta default theme:",
            "/assets/style.css",
            "/* a stylesheet edit */",
        ),
    ];
    for (i, (file, from, to, page, shows)) in edits.into_iter().enumerate() {
        let status = server.status();
        let (generation, builds) = (
            status["generation"].as_u64().unwrap(),
            status["builds"].as_u64().unwrap(),
        );
        site.edit(file, from, to);
        let status = server.wait_for_build_after(generation);
        // The first change served is the quick preview, and it shows the edit.
        assert_eq!(
            status["previews"].as_u64(),
            Some(i as u64 + 1),
            "{file}: {status}"
        );
        let (code, body) = server.get(page);
        assert_eq!(code, 200, "{page}");
        assert!(
            body.contains(shows),
            "{file}: {page} does not show the edit"
        );
        // Then the full rebuild: no errors, and every page shows the edit,
        // not only the ones previewed.
        let status = server.wait_for_full_build_after(builds);
        assert!(status["error"].is_null(), "{file}: {status}");
        if file != "content/privacy.yaml" {
            let current = server.get("/en/privacy/").1;
            assert!(
                current.contains(shows) || page == "/assets/style.css",
                "{file}: {current}"
            );
        }
        assert!(server.get(page).1.contains(shows), "{file}");
    }
}

/// A page as served, without the reload script's generation, which
/// changes with every build.
fn without_generation(page: &str) -> String {
    match page.split_once("var g=") {
        Some((before, after)) => {
            let rest = after.split_once(';').map_or("", |(_, rest)| rest);
            format!("{before}var g=?;{rest}")
        }
        None => page.to_owned(),
    }
}

impl Server {
    /// Pages open in a browser, as its reload script keeps them: each
    /// waits for a change after `generation`, naming itself. Returns once
    /// the server counts them open; each thread ends with the next change.
    fn open(&self, pages: &[&str], generation: u64) -> Vec<std::thread::JoinHandle<()>> {
        let port = self.port;
        let browsers = pages
            .iter()
            .map(|page| {
                let target = format!(
                    "/__charta/wait?g={generation}&p={}",
                    page.replace('/', "%2F")
                );
                std::thread::spawn(move || {
                    use std::io::{Read, Write};
                    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                    write!(s, "GET {target} HTTP/1.1\r\n\r\n").unwrap();
                    let mut r = String::new();
                    s.read_to_string(&mut r).unwrap();
                })
            })
            .collect();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.status()["open"].as_u64() != Some(pages.len() as u64) {
            assert!(
                std::time::Instant::now() < deadline,
                "the pages never waited"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        browsers
    }

    /// After an edit, the `pages` as served while the quick preview is (no
    /// full build since `builds`), and the generation then; `None` when
    /// the full rebuild came before the preview could be seen.
    fn while_previewed(
        &self,
        generation: u64,
        builds: u64,
        pages: &[&str],
    ) -> Option<(Vec<String>, u64)> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            assert!(std::time::Instant::now() < deadline, "no preview");
            let status = self.status();
            if status["builds"].as_u64() != Some(builds) {
                return None;
            }
            let now = status["generation"].as_u64().unwrap();
            if now == generation {
                std::thread::sleep(std::time::Duration::from_millis(1));
                continue;
            }
            let served: Vec<String> = pages.iter().map(|page| self.get(page).1).collect();
            return (self.status()["builds"].as_u64() == Some(builds)).then_some((served, now));
        }
    }

    /// Renames the English site title to `<title> <attempt>` with `open`
    /// pages waiting, until the preview is seen (a slow machine may build
    /// the whole example first): the `pages` as the preview served them,
    /// the preview's generation, the count of full builds before it, and
    /// the title shown.
    fn preview_site_title(
        &self,
        site: &Site,
        open: &[&str],
        pages: &[&str],
        title: &str,
    ) -> (Vec<String>, u64, u64, String) {
        for attempt in 1..=5 {
            let status = self.status();
            let (generation, builds) = (
                status["generation"].as_u64().unwrap(),
                status["builds"].as_u64().unwrap(),
            );
            let browsers = self.open(open, generation);
            let text = site.read("locales/en/site.ftl");
            let line = text
                .lines()
                .find(|l| l.starts_with("site-title = "))
                .unwrap()
                .to_owned();
            let shown = format!("{title} {attempt}");
            site.edit(
                "locales/en/site.ftl",
                &line,
                &format!("site-title = {{ -company }} {shown}"),
            );
            let seen = self.while_previewed(generation, builds, pages);
            for browser in browsers {
                browser.join().unwrap();
            }
            match seen {
                Some((served, previewed)) => return (served, previewed, builds, shown),
                None => {
                    self.wait_for_full_build_after(builds);
                }
            }
        }
        panic!("the full rebuild came before the preview five times");
    }
}

#[test]
fn serve_previews_the_pages_open_in_a_browser_for_an_edit_that_shows_everywhere() {
    let site = Site::example("serve-open-pages");
    let server = Server::start(&site);
    // Two pages open in a browser: an archived version and a comparison,
    // neither of them a draft's.
    let open = [
        "/en/privacy/2024-04-01/",
        "/en/privacy/diff/2024-04-01...2025-04-01/",
    ];
    let closed = "/en/cookies/2024-04-01/";
    // The site's title, on every English page. While the preview is
    // served, the open pages show the edit and a page that is not open
    // does not yet.
    let (served, previewed, builds, shown) =
        server.preview_site_title(&site, &open, &[open[0], open[1], closed], "Policy Centre");
    for page in &served[..2] {
        assert!(
            page.contains(&format!("Hoshizora Clinical Inc. {shown}")),
            "{page}"
        );
    }
    assert!(
        !served[2].contains(&shown),
        "a page not open is not previewed"
    );
    // The full rebuild makes the same pages, byte for byte. The page that
    // was not open but was asked for meanwhile was served stale: open
    // pages are told to reload.
    let status = server.wait_for_full_build_after(builds);
    assert!(status["error"].is_null(), "{status}");
    for (page, previewed) in open.iter().zip(&served) {
        assert_eq!(
            without_generation(&server.get(page).1),
            without_generation(previewed),
            "{page}"
        );
    }
    assert!(server.get(closed).1.contains(&shown));
    assert_eq!(
        status["generation"].as_u64(),
        Some(previewed + 1),
        "{status}"
    );

    // Again, with only the open pages looked at: they showed the edit
    // already, so the full rebuild does not reload them a second time.
    let (served, previewed, builds, shown) =
        server.preview_site_title(&site, &open, &open, "Policy Hub");
    for page in &served {
        assert!(
            page.contains(&format!("Hoshizora Clinical Inc. {shown}")),
            "{page}"
        );
    }
    let status = server.wait_for_full_build_after(builds);
    assert!(status["error"].is_null(), "{status}");
    assert_eq!(status["generation"].as_u64(), Some(previewed), "{status}");
    assert!(server.get(closed).1.contains(&shown));
}

#[test]
fn serve_reloads_a_page_not_found_when_the_rebuild_changes_it() {
    let site = Site::example("serve-not-found");
    let server = Server::start(&site);
    // A page that does not exist is answered with 404.html, which shows
    // the site's title: it is reloaded when the rebuild changes that.
    let missing = "/en/no-such-policy/";
    let (code, before) = server.get(missing);
    assert_eq!(code, 404);
    let (_, previewed, builds, shown) =
        server.preview_site_title(&site, &[missing], &[missing], "Policy Desk");
    let status = server.wait_for_full_build_after(builds);
    assert_eq!(
        status["generation"].as_u64(),
        Some(previewed + 1),
        "{status}"
    );
    let (code, after) = server.get(missing);
    assert_eq!(code, 404);
    assert_ne!(without_generation(&before), without_generation(&after));
    assert!(after.contains(&shown), "{after}");
}

#[test]
fn serve_watches_an_override_folder_made_while_it_runs() {
    let site = Site::example("serve-new-folder");
    assert!(!site.root.join("templates").exists());
    let server = Server::start(&site);
    let builds = server.status()["builds"].as_u64().unwrap();
    // A file at the root that is not a source starts no build.
    site.write("NOTES.md", "not a source");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(server.status()["builds"].as_u64().unwrap(), builds);
    // A first override of a theme file, in a templates/ made now.
    let base = site.read("themes/default/templates/base.html").replacen(
        "</body>",
        "<!-- the site's own base -->\n</body>",
        1,
    );
    fs::create_dir(site.root.join("templates")).unwrap();
    site.write("templates/base.html", &base);
    let status = server.wait_for_full_build_after(builds);
    assert!(status["error"].is_null(), "{status}");
    let builds = status["builds"].as_u64().unwrap();
    // Saved again, once watched: the edit after it shows too.
    site.write(
        "templates/base.html",
        &base.replace("the site's own base", "the site's own base, edited"),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !server
        .get("/en/privacy/")
        .1
        .contains("<!-- the site's own base, edited -->")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = server.wait_for_full_build_after(builds);
    assert!(status["error"].is_null(), "{status}");
}

#[test]
fn serve_refuses_paths_outside_the_site_and_survives_hangups() {
    let site = Site::example("serve-paths");
    fs::write(site.root.join("secret.txt"), "do not serve").unwrap();
    let server = Server::start(&site);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/ja/%2E%2E/%2E%2E/secret.txt",
        "//etc/passwd",
        "/..%2fsecret.txt",
        "/content/site.yaml",
    ] {
        let (code, body) = server.get(target);
        assert!(code == 400 || code == 404, "{target}: {code}");
        assert!(
            !body.contains("do not serve") && !body.contains("base_url"),
            "{target}"
        );
    }
    assert_eq!(server.get("/secret.txt").0, 404);
    assert_eq!(server.get("/ja/privacy").0, 301);

    // Clients that hang up mid-request or mid-response do not stop the server.
    for _ in 0..20 {
        use std::io::Write;
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let _ = s.write_all(b"GET /ja/privacy/ HTTP/1.1\r\n\r\n");
        drop(s);
        let mut half = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let _ = half.write_all(b"GET /ja/pri");
    }
    assert_eq!(server.get("/ja/privacy/").0, 200);
}

#[test]
fn serve_refuses_a_request_line_without_end_and_keeps_serving() {
    use std::io::{Read as _, Write as _};
    let site = Site::example("serve-long-line");
    let server = Server::start(&site);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    // A megabyte of request line and no line break: the server stops reading.
    let long = format!("GET /{}", "a".repeat(1024 * 1024));
    let _ = stream.write_all(long.as_bytes());
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    let (code, page) = server.get("/en/privacy/");
    assert_eq!(code, 200);
    assert!(page.contains("<html"));
}

#[test]
fn a_preview_build_publishes_its_own_addresses() {
    let site = Site::example("base-url");
    let run = site.build_with(
        "public",
        &[
            "--date",
            DATE,
            "--base-url",
            "https://preview.example.org/pr-42",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("en/privacy/index.html");
    assert!(
        page.contains("rel=\"canonical\" href=\"https://preview.example.org/pr-42/en/privacy/\"")
    );
    for file in [
        "sitemap.xml",
        "robots.txt",
        "en/privacy/feed.xml",
        "ja/privacy/index.html",
    ] {
        let text = site.page(file);
        assert!(
            text.contains("https://preview.example.org/pr-42/"),
            "{file}"
        );
        assert!(
            !text.contains("policies.hoshizora.example"),
            "{file} keeps the production address"
        );
    }
    // Checked as strictly as the setting.
    let run = site.build_with(
        "public",
        &[
            "--date",
            DATE,
            "--base-url",
            "https://x.example/\nDisallow: /",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not an https:// or http:// address"),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_names_a_free_port_when_its_port_is_taken() {
    let site = Site::example("serve-busy");
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.charta(&["serve", "--port", &port, "--date", DATE]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("another program uses that port: try `charta serve --port "),
        "{}",
        run.stderr
    );
}

/// The `run:` commands of one job of a workflow, in order, with the step's
/// name (a small reader of the form `charta new` writes).
fn job_commands(workflow: &str, job: &str) -> Vec<(String, String)> {
    let mut commands = Vec::new();
    let mut in_job = false;
    let mut name = String::new();
    let mut lines = workflow.lines().peekable();
    while let Some(line) = lines.next() {
        if line.len() > 2
            && !line.starts_with("   ")
            && line.starts_with("  ")
            && line.ends_with(':')
        {
            in_job = line.trim() == format!("{job}:");
            continue;
        }
        if !in_job {
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(step) = trimmed.strip_prefix("- name: ") {
            name = step.to_owned();
        } else if trimmed.starts_with("- uses:") {
            name.clear();
        }
        if let Some(command) = trimmed.strip_prefix("run: ") {
            let indent = line.len() - trimmed.len();
            let command = if command == "|" {
                let mut block = String::new();
                while let Some(next) = lines.peek() {
                    if next.trim().is_empty() || next.len() - next.trim_start().len() <= indent {
                        break;
                    }
                    block.push_str(next.trim_start());
                    block.push('\n');
                    lines.next();
                }
                block
            } else {
                command.to_owned()
            };
            commands.push((name.clone(), command));
        }
    }
    commands
}

/// Runs a workflow step's command with bash, `charta` on the PATH.
fn run_step(dir: &Path, command: &str, env: &[(&str, &str)]) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_charta")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = std::process::Command::new("bash")
        .args(["-eo", "pipefail", "-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code().unwrap_or(-1), text)
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Legal")
        .env("GIT_AUTHOR_EMAIL", "legal@example.com")
        .env("GIT_COMMITTER_NAME", "Legal")
        .env("GIT_COMMITTER_EMAIL", "legal@example.com")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_new_repository_runs_its_workflow_commands_here() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-repository");
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).unwrap();
    let origin = tmp.join("origin");
    let made = run(&["new", origin.to_str().unwrap(), "--languages", "ja,en"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stderr.contains("charta serve"), "{}", made.stderr);

    let workflow = fs::read_to_string(origin.join(".github/workflows/policies.yml")).unwrap();
    assert!(workflow.contains("- cron: \"5 15 * * *\" # 00:05 in Asia/Tokyo"));
    assert!(workflow.contains(&format!(
        "uses: charta-policies/charta@v{}",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(
        origin
            .join(".github/workflows/policies-comment.yml")
            .is_file()
    );
    let ignored = fs::read_to_string(origin.join(".gitignore")).unwrap();
    assert!(ignored.contains("/public\n"));
    let readme = fs::read_to_string(origin.join("README.md")).unwrap();
    assert!(readme.contains("charta serve") && readme.contains("ja, en"));
    let site_yaml = fs::read_to_string(origin.join("content/site.yaml")).unwrap();
    assert!(site_yaml.contains("languages: [ja, en]"));
    assert!(!origin.join("locales/ko").exists());

    // The repository on main, and a pull request that edits the draft.
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-q", "-m", "Our policies"]);
    let work = tmp.join("work");
    git(
        &tmp,
        &[
            "clone",
            "-q",
            origin.to_str().unwrap(),
            work.to_str().unwrap(),
        ],
    );
    git(&work, &["checkout", "-q", "-b", "edit"]);
    let ftl = work.join("locales/en/privacy.ftl");
    let text = fs::read_to_string(&ftl).unwrap();
    let edited = text.replacen(
        "privacy-title = Privacy Policy",
        "privacy-title = Revised Privacy Policy",
        1,
    );
    assert_ne!(edited, text);
    fs::write(&ftl, edited).unwrap();
    git(&work, &["commit", "-q", "-am", "Edit"]);

    // The pull request's job, step by step, as the workflow runs it.
    let date = [("BASE_REF", "main"), ("PR", "7")];
    let mut names = Vec::new();
    for (name, command) in job_commands(&workflow, "check") {
        names.push(name.clone());
        let (code, output) = run_step(&work, &command, &date);
        assert_eq!(code, 0, "{name}: {command}\n{output}");
    }
    assert_eq!(
        names,
        [
            "Check the site",
            "Would the changed drafts release?",
            "Compare what readers would see before and after",
            "Build a preview",
        ]
    );
    let comparison = fs::read_to_string(work.join("review/comparison.md")).unwrap();
    assert!(comparison.contains("### privacy\n"), "{comparison}");
    assert_eq!(
        fs::read_to_string(work.join("review/number")).unwrap(),
        "7\n"
    );
    // The preview: its own address, and nothing to index.
    let robots = fs::read_to_string(work.join("preview/robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");
    for (path, bytes) in tree(&work.join("preview")) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains("<meta name=\"robots\" content=\"noindex\">"),
                "{}",
                path.display()
            );
            assert!(!html.contains("policies.example.com"), "{}", path.display());
        }
    }

    // The publishing job, without the steps that need GitHub (curl of the
    // published site, `gh`): the site is built for the Pages address.
    git(&work, &["checkout", "-q", "main"]);
    let pages = [("PAGES_URL", "https://example.github.io/policies")];
    for (name, command) in job_commands(&workflow, "publish") {
        if command.contains("curl") || command.contains("gh workflow") {
            continue;
        }
        let (code, output) = run_step(&work, &command, &pages);
        assert_eq!(code, 0, "{name}: {command}\n{output}");
    }
    let status = fs::read_to_string(work.join("public/charta.json")).unwrap();
    assert!(status.contains("\"generator\": \"charta\""), "{status}");
    // A published site that missed a switch-over fails the last step loudly.
    fs::write(
        work.join("published.json"),
        "{\"built_for\": \"2020-01-01\", \"next_change\": \"2020-02-01\", \"documents\": [{\"document\": \"privacy\", \"next\": \"2020-02-01\"}]}",
    )
    .unwrap();
    let (_, last) = job_commands(&workflow, "publish").pop().unwrap();
    let (code, output) = run_step(&work, &last, &pages);
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("published-site-late"), "{output}");
}

#[test]
fn serve_leads_editors_to_the_draft_and_says_why_one_is_not_shown() {
    // A new site: nothing released yet, and one Korean message missing.
    let site = new_site("serve-drafts", &["ja", "ko", "en"]);
    let line = site.line("locales/ko/privacy.ftl", "privacy-title = ");
    site.edit("locales/ko/privacy.ftl", &format!("{line}\n"), "");
    let server = Server::start(&site);

    // The language's page lists the document by its draft.
    let (code, index) = server.get("/en/");
    assert_eq!(code, 200);
    assert!(
        index.contains("<a href=\"privacy/draft/\">Privacy Policy</a>"),
        "{index}"
    );
    assert!(
        index.contains("class=\"draft-link\" href=\"privacy/draft/\""),
        "{index}"
    );
    // No version is in force yet: the document's address says where the draft is.
    let (code, page) = server.get("/en/privacy/");
    assert_eq!(code, 404);
    assert!(
        page.contains("privacy has no version in force yet"),
        "{page}"
    );
    assert!(page.contains("href=\"/en/privacy/draft/\""), "{page}");
    // The Korean draft lacks a message: the page says which, instead of a bare 404.
    let (code, page) = server.get("/ko/privacy/draft/");
    assert_eq!(code, 404);
    assert!(
        page.contains("The ko draft of privacy is not shown"),
        "{page}"
    );
    assert!(
        page.contains("message `privacy-title` is not yet translated into ko"),
        "{page}"
    );
    assert!(
        page.contains("/__charta/wait?g="),
        "it reloads when the word is added"
    );
    // An address that is nothing is still the site's 404 page.
    let (code, page) = server.get("/en/nothing/");
    assert_eq!(code, 404);
    assert!(!page.contains("is not shown"));
}
