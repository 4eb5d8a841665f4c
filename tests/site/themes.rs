//! Themes: single files overridden in layers over the built-in theme, and
//! the variables templates get, as `docs/themes.md` documents them.

use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const TEMPLATES: [&str; 6] = [
    "404.html",
    "diff.html",
    "document.html",
    "index.html",
    "languages.html",
    "versions.html",
];

/// Tera prints a context as JSON, except that a missing value prints as
/// nothing: this puts `null` there (outside strings only).
fn context_json(text: &str) -> serde_json::Value {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped, mut after_colon) = (false, false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if after_colon && !c.is_whitespace() {
            if matches!(c, ',' | '}' | ']') {
                out.push_str(" null");
            }
            after_colon = false;
        }
        match c {
            '"' => in_string = true,
            ':' => after_colon = true,
            _ => {}
        }
        out.push(c);
    }
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Every variable path of a context: `document.sections[].id`. The page
/// wording (`page.labels`) is one variable.
fn variables(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) if prefix != "page.labels" => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                variables(inner, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                variables(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// The variables `docs/themes.md` lists, by section heading.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/themes.md")).unwrap();
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            current = Some(heading.to_owned());
        } else if line.starts_with("## ") {
            current = None;
        } else if let (Some(section), Some(row)) = (&current, line.strip_prefix("| `")) {
            let variable = &row[..row.find('`').unwrap()];
            sections
                .entry(section.clone())
                .or_default()
                .insert(variable.to_owned());
        }
    }
    sections
}

#[test]
fn the_documented_variables_are_the_ones_templates_get() {
    let site = Site::example("theme-context");
    fs::create_dir_all(site.path("templates")).unwrap();
    for template in TEMPLATES {
        site.write(
            &format!("templates/{template}"),
            &format!("{template}\n{{{{ __tera_context }}}}"),
        );
    }
    let out = site.path("public");
    let run = site.build_with("public", &["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // What each template got, over every page it made.
    let mut real: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in tree(&out) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let (template, context) = text.split_once('\n').unwrap();
        let template = TEMPLATES.iter().find(|t| **t == template).unwrap();
        let context = context
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#x2F;", "/")
            .replace("&amp;", "&");
        variables(
            &context_json(&context),
            "",
            real.entry(template).or_default(),
        );
    }
    assert_eq!(real.len(), TEMPLATES.len(), "every template was used");
    let page: BTreeSet<String> = real
        .values()
        .flatten()
        .filter(|v| v.starts_with("page."))
        .cloned()
        .collect();
    let documented = documented();
    assert_eq!(
        documented["Every page: `page`"], page,
        "docs/themes.md, `page` (left: documented, right: real)"
    );
    let section_of = |template: &str| match template {
        "languages.html" | "404.html" => "`languages.html` and `404.html`".to_owned(),
        other => format!("`{other}`"),
    };
    for (template, variables) in &real {
        let own: BTreeSet<String> = variables
            .iter()
            .filter(|v| !v.starts_with("page."))
            .cloned()
            .collect();
        assert_eq!(
            documented[&section_of(template)],
            own,
            "docs/themes.md, {template} (left: documented, right: real)"
        );
    }
}

/// The example site without its copy of the default theme: the built-in one serves.
fn without_theme_folder(name: &str) -> Site {
    let site = Site::example(name);
    fs::remove_dir_all(site.path("themes")).unwrap();
    site
}

#[test]
fn a_site_overrides_single_files_of_the_built_in_theme() {
    let site = without_theme_folder("theme-override");
    fs::create_dir_all(site.path("templates")).unwrap();
    let base = include_str!("../../themes/default/templates/base.html");
    site.write(
        "templates/base.html",
        &base.replace(
            "<main id=\"_main\">",
            "<p class=\"site-notice\">{{ page.labels[\"site-notice\"] }}</p>\n<main id=\"_main\">",
        ),
    );
    for (lang, words) in [("ja", "お知らせ"), ("ko", "알림"), ("en", "Notice")] {
        site.append(
            &format!("locales/{lang}/site.ftl"),
            &format!("site-notice = {words}\n"),
        );
    }
    fs::create_dir_all(site.path("static/.well-known")).unwrap();
    fs::create_dir_all(site.path("static/assets")).unwrap();
    site.write("static/favicon.ico", "icon");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:security@example.com\n",
    );
    site.write("static/assets/style.css", "body { color: black; }\n");
    let out = site.build_ok();
    // base.html is the site's; document.html still comes from the built-in theme.
    let page = site.page("ko/privacy/index.html");
    assert!(page.contains("<p class=\"site-notice\">알림</p>"), "{page}");
    assert!(page.contains("<nav class=\"toc\""), "{page}");
    assert!(
        site.page("en/privacy/versions/index.html")
            .contains(">Notice</p>")
    );
    assert_eq!(site.page("favicon.ico"), "icon");
    assert!(
        site.page(".well-known/security.txt")
            .starts_with("Contact:")
    );
    assert_eq!(site.page("assets/style.css"), "body { color: black; }\n");
    // The mark that protects the output folder is not part of the site.
    assert!(!out.join(".charta-output").exists());
    assert!(site.path(".public.charta-output").is_file());
}

#[test]
fn a_theme_of_one_template_falls_back_to_the_built_in_theme() {
    let site = without_theme_folder("theme-one-template");
    fs::create_dir_all(site.path("themes/plain/templates")).unwrap();
    let base = include_str!("../../themes/default/templates/base.html");
    site.write(
        "themes/plain/templates/base.html",
        &base.replace("<body>", "<body class=\"plain\">"),
    );
    site.edit("content/site.yaml", "theme: default", "theme: plain");
    site.build_ok();
    assert!(
        site.page("ja/privacy/index.html")
            .contains("<body class=\"plain\">")
    );
    assert!(
        site.page("assets/style.css").contains("--accent"),
        "the built-in stylesheet"
    );
}

#[test]
fn a_static_file_cannot_take_the_place_of_a_page() {
    assert_fails(
        "static-replaces-page",
        |s| {
            fs::create_dir_all(s.path("static/ja")).unwrap();
            s.write("static/ja/index.html", "<p>mine</p>");
        },
        &[
            "error[static-file-replaces-page]: static/ja/index.html would take the place of a file charta makes",
            "--> static/ja/index.html",
        ],
    );
}
