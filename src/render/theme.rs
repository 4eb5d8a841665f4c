//! The theme: templates and static files, in layers.
//!
//! A file is looked up in three places, first found wins (the convention of
//! Zola and Hugo): the site's own `templates/` and `static/`, the chosen
//! theme under `themes/<name>/`, and the built-in default theme, which is
//! the fallback of every theme. A site can so change one template or the
//! stylesheet and keep the rest. A theme's `static/` is published under
//! `assets/`; the site's `static/` mirrors the site's root (a favicon,
//! `.well-known/`, or `assets/style.css` to replace the theme's).

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Site;
use crate::sources::SiteSources;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The name of the built-in theme.
pub const BUILT_IN_NAME: &str = "default";

/// The built-in theme's files, by path under the theme's folder; the same
/// as `themes/default/` in charta's repository (a test checks).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "templates/404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/diff.html",
        include_str!("../../themes/default/templates/diff.html"),
    ),
    (
        "templates/document.html",
        include_str!("../../themes/default/templates/document.html"),
    ),
    (
        "templates/index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "templates/languages.html",
        include_str!("../../themes/default/templates/languages.html"),
    ),
    (
        "templates/versions.html",
        include_str!("../../themes/default/templates/versions.html"),
    ),
    (
        "templates/pdf.typ",
        include_str!("../../themes/default/templates/pdf.typ"),
    ),
    (
        "static/style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
];

/// The templates every theme has (from the built-in theme when a theme
/// leaves one out).
pub const TEMPLATES: &[&str] = &[
    "404.html",
    "base.html",
    "diff.html",
    "document.html",
    "index.html",
    "languages.html",
    "pdf.typ",
    "versions.html",
];

/// The site's theme, its layers resolved.
pub struct Theme<'s> {
    /// Every template, loaded.
    pub templates: tera::Tera,
    /// Each template's text and the file it came from, for problems in it.
    texts: BTreeMap<String, (Cow<'s, str>, PathBuf)>,
    /// Files published under `assets/`, by path under it.
    pub assets: BTreeMap<String, Cow<'s, [u8]>>,
    /// Files of the site's `static/`, published by their path under it.
    pub files: BTreeMap<String, &'s [u8]>,
    /// What typesets the PDFs, when the site asks for them; fonts come from
    /// the site's `fonts/` and the system's font folders.
    pub typesetter: Option<super::pdf::Typesetter>,
}

impl<'s> Theme<'s> {
    /// Resolves the layers of the site's theme and loads its templates.
    pub fn load(site: &Site, sources: &'s SiteSources) -> Result<Theme<'s>, Diagnostics> {
        let name = &site.settings.theme;
        let chosen = sources.themes.get(name);
        if chosen.is_none() && name != BUILT_IN_NAME {
            let mut diags = Diagnostics::new();
            diags.push(Diagnostic::error(
                "missing-theme",
                format!("theme `{name}` does not exist"),
            ));
            return Err(diags);
        }
        let mut texts: BTreeMap<String, (Cow<'s, str>, PathBuf)> = BTreeMap::new();
        let mut assets: BTreeMap<String, Cow<'s, [u8]>> = BTreeMap::new();
        // Lowest layer first; each layer replaces what it has.
        for (path, text) in BUILT_IN {
            let built_in = PathBuf::from(format!("(built-in theme)/{path}"));
            if let Some(template) = path.strip_prefix("templates/") {
                texts.insert(template.to_owned(), (Cow::Borrowed(*text), built_in));
            } else if let Some(asset) = path.strip_prefix("static/") {
                assets.insert(asset.to_owned(), Cow::Borrowed(text.as_bytes()));
            }
        }
        let layers = chosen.into_iter().chain([&sources.overrides]);
        for layer in layers {
            for (template, file) in &layer.templates {
                texts.insert(
                    template.clone(),
                    (Cow::Borrowed(file.text.as_str()), file.path.clone()),
                );
            }
        }
        if let Some(theme) = chosen {
            for (path, bytes) in &theme.assets {
                assets.insert(path.clone(), Cow::Borrowed(bytes.as_slice()));
            }
        }
        // The site's static/ mirrors the root: its assets/ replaces theme files.
        let mut files = BTreeMap::new();
        for (path, bytes) in &sources.overrides.assets {
            match path.strip_prefix("assets/") {
                Some(asset) => {
                    assets.insert(asset.to_owned(), Cow::Borrowed(bytes.as_slice()));
                }
                None => {
                    files.insert(path.clone(), bytes.as_slice());
                }
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // The PDF template is Typst's, not Tera's.
        let raw: Vec<(&str, &str)> = texts
            .iter()
            .filter(|(name, _)| !name.ends_with(".typ"))
            .map(|(name, (text, _))| (name.as_str(), text.as_ref()))
            .collect();
        if let Err(e) = tera.add_raw_templates(raw) {
            let mut diags = Diagnostics::new();
            let fallback = PathBuf::from(format!("themes/{name}/templates"));
            diags.push(problem(
                &texts,
                &e,
                "the theme's templates do not load",
                fallback,
            ));
            return Err(diags);
        }
        let typesetter = site
            .settings
            .pdf
            .then(|| super::pdf::Typesetter::new(super::pdf::Fonts::folders(&sources.root)));
        Ok(Theme {
            templates: tera,
            texts,
            assets,
            files,
            typesetter,
        })
    }

    /// The PDF template's text and the file it came from.
    pub fn pdf_template(&self) -> Option<(&str, &std::path::Path)> {
        self.texts
            .get(super::pdf::TEMPLATE)
            .map(|(text, path)| (text.as_ref(), path.as_path()))
    }

    /// A template that failed to render a page, as a problem at the
    /// place in the template that Tera names.
    pub fn problem(&self, template: &str, error: &tera::Error) -> Diagnostic {
        let fallback = self
            .texts
            .get(template)
            .map_or_else(|| PathBuf::from(template), |(_, path)| path.clone());
        problem(
            &self.texts,
            error,
            &format!("template `{template}` failed"),
            fallback,
        )
    }
}

/// A Tera error as a diagnostic: Tera's own location (`--> name:line:col`)
/// becomes the span, in whichever layer's file the template came from.
fn problem(
    texts: &BTreeMap<String, (Cow<'_, str>, PathBuf)>,
    error: &tera::Error,
    what: &str,
    fallback: PathBuf,
) -> Diagnostic {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text = format!("{text}\n{cause}");
        source = cause.source();
    }
    // Tera draws the place below `-->`; charta draws it again, in its own layout.
    let (said, place) = match text.split_once("-->") {
        Some((said, rest)) => (said, rest.split_whitespace().next()),
        None => (text.as_str(), None),
    };
    let said = said
        .lines()
        .map(|l| l.trim().trim_start_matches("error:").trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut diagnostic = Diagnostic::error("template", format!("{what}: {said}"))
        .with_help("fix the template at the place named above; a file in the site's templates/ replaces the theme's file of the same name");
    let located = place.and_then(|place| {
        let mut parts = place.rsplitn(3, ':');
        let column: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let (text, path) = texts.get(parts.next()?)?;
        Some(SourceFile::new(path.clone(), text.to_string()).span(line, column, 1))
    });
    // Without a place, the error names the template it is about (`'base.html'`).
    let named = || {
        texts
            .iter()
            .find(|(name, _)| said.contains(&format!("'{name}'")))
            .map(|(_, (_, path))| path.clone())
    };
    diagnostic = match located {
        Some(span) => diagnostic.at(span),
        None => diagnostic.in_file(named().unwrap_or(fallback)),
    };
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_is_themes_default() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk = Vec::new();
        for dir in ["templates", "static"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                on_disk.push(format!("{dir}/{name}"));
            }
        }
        on_disk.sort();
        let mut built_in: Vec<&str> = BUILT_IN.iter().map(|(p, _)| *p).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
        let mut templates: Vec<String> = built_in
            .iter()
            .filter_map(|p| p.strip_prefix("templates/"))
            .map(str::to_owned)
            .collect();
        templates.sort();
        assert_eq!(templates, TEMPLATES);
    }
}
