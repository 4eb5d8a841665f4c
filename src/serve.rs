//! `charta serve`: a live preview on 127.0.0.1 that rebuilds on save.
//!
//! The whole site, drafts included, is rebuilt in memory on every change
//! and swapped in whole. An edit is shown first, before that rebuild: a
//! draft's words (`locales/<lang>/<doc>.ftl`), its structure
//! (`content/<doc>.yaml`), a language's page wording (`site.ftl`), a
//! template or a stylesheet. Only what changed is read, checked and
//! resolved again, and the pages that show it (the drafts' pages and
//! their comparisons, the theme's files, and for an edit that shows on
//! every page the pages open in a browser) are rendered from the last
//! build's products and served at once. The full rebuild then replaces
//! them; open pages reload again if it differs in a page that is open or
//! was asked for since the preview, so a quick preview is never left
//! stale, and an edit the preview showed whole is not reloaded twice.
//!
//! A build that fails leaves the last good site served, with the errors
//! shown at the top of every page and in the terminal; fixing the file
//! brings the pages back. Open pages reload by themselves through a small
//! script added to served pages only (the built site has none): it waits on
//! `/__charta/wait` until what is served changes.
//!
//! Files are served from memory by their path in the site, so nothing
//! outside the site can be reached: `..`, encoded or not, is refused before
//! any lookup, and symbolic links do not exist in the map.

use crate::error::Error;

/// Writes a line to standard error; a closed stream is no reason to stop serving.
macro_rules! note {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}
/// [`note!`] without the line end.
macro_rules! note_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($t)*);
    }};
}
use crate::date::{EffectiveDate, Today};
use crate::pipeline::Pipeline;
use crate::plan::{Plan, PlanOptions};
use crate::render::{Pages, Theme, escape};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read as _, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What `charta serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's root folder.
    pub root: PathBuf,
    /// The address to listen on: 127.0.0.1 unless the editor asks for
    /// another (to preview from a phone or a container).
    pub bind: std::net::IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The day that stands for today, if not the real one.
    pub date: Option<EffectiveDate>,
}

/// The site being served.
struct State {
    pages: Arc<Pages>,
    /// Pages of a quick preview, served over `pages` until the full rebuild.
    preview: Arc<BTreeMap<String, Vec<u8>>>,
    /// The errors of the latest build, when it failed.
    error: Option<String>,
    /// Counts changes of what is served, so that open pages know when to reload.
    generation: u64,
    /// Counts full builds (a quick preview is not one).
    builds: u64,
    /// Counts quick previews of edits.
    previews: u64,
    /// Why a document's draft is not shown in a language (`<lang>/<doc>`):
    /// the last good build's findings about its words, shown in place of a 404.
    unshown: Arc<BTreeMap<String, Vec<String>>>,
    /// The pages open in a browser now, by file, with how many: each waits
    /// on `/__charta/wait` and names itself. An edit that shows on every
    /// page previews these first.
    open: BTreeMap<String, usize>,
    /// The files served since `generation` last changed (`404.html` for
    /// any missing one). With the open pages, they are all a browser may
    /// show: after a quick preview, the full rebuild reloads pages only if
    /// one of them differs.
    seen: BTreeSet<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// How long a page's reload request waits before asking again.
const WAIT: Duration = Duration::from_secs(25);
/// Quiet time after the last change before rebuilding, so that an editor's
/// burst of writes causes one build. Editors save in a burst of a few
/// milliseconds (write a temporary file, rename it); every millisecond
/// more is felt on every save. A file caught half-written fails to
/// preview and its full build fails; the rest of the burst rebuilds it.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Builds, serves and rebuilds until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let wanted = std::net::SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(wanted).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            // Another preview (or program) has the port: name one that is free.
            match TcpListener::bind((options.bind, 0)).and_then(|l| l.local_addr()) {
                Ok(free) => format!(
                    "; another program uses that port: try `charta serve --port {}`",
                    free.port()
                ),
                Err(_) => "; another program uses that port: try another with --port".to_owned(),
            }
        } else {
            String::new()
        };
        Error::Usage(format!("cannot listen on {wanted}: {e}{hint}"))
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io(wanted.to_string(), e))?;
    if !options.bind.is_loopback() {
        note!(
            "warning: the preview is reachable from other machines at {address}: it shows drafts that are not released"
        );
    }
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            pages: Arc::new(Pages::default()),
            preview: Arc::new(BTreeMap::new()),
            error: None,
            generation: 0,
            builds: 0,
            previews: 0,
            unshown: Arc::new(BTreeMap::new()),
            open: BTreeMap::new(),
            seen: BTreeSet::new(),
        }),
        changed: Condvar::new(),
    });
    let mut products = rebuild(options, &shared, false)?;
    note!("serving http://{address}/ (drafts included); press Ctrl-C to stop");

    // Watch the sources; rebuild after a quiet moment.
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Error::Usage(format!("cannot watch the site's files: {e}")))?;
    let mut watched = BTreeSet::new();
    for dir in SOURCE_FOLDERS {
        let path = options.root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", path.display())))?;
            watched.insert(dir);
        }
    }
    // The root itself, not its contents: a source folder made while
    // serving (a first `templates/` override) is watched from then on.
    watcher
        .watch(&options.root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", options.root.display())))?;
    let rebuild_options = options.clone();
    let rebuild_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        let mut watcher = watcher;
        while let Ok(mut changed) = rx.recv() {
            while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
                changed.extend(more);
            }
            changed.retain(|path| {
                source_or_new_folder(&rebuild_options.root, path, &mut watcher, &mut watched)
            });
            if changed.is_empty() {
                continue;
            }
            let previewed = products.as_mut().is_some_and(|products| {
                preview_edit(&rebuild_options, &rebuild_shared, products, &changed)
            });
            match rebuild(&rebuild_options, &rebuild_shared, previewed) {
                Ok(made) => products = made,
                Err(e) => note!("error: {e}"),
            }
        }
    });

    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            continue;
        };
        let shared = Arc::clone(&shared);
        // A client that hangs up mid-response only ends its own thread.
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
    Ok(())
}

/// The folders of a site that hold its sources.
const SOURCE_FOLDERS: [&str; 6] = [
    "content",
    "locales",
    "themes",
    "templates",
    "static",
    "versions",
];

/// Whether a changed path is part of the site's sources. Of the root's own
/// entries only the source folders are; one that appears is watched from
/// then on. Other files at the root (a README, an editor's files) are not.
fn source_or_new_folder(
    root: &Path,
    path: &Path,
    watcher: &mut impl Watcher,
    watched: &mut BTreeSet<&'static str>,
) -> bool {
    let Some(relative) = within_site(root, path) else {
        return true;
    };
    let mut parts = relative.iter();
    let (Some(name), None) = (parts.next(), parts.next()) else {
        return true;
    };
    let Some(folder) = SOURCE_FOLDERS.iter().find(|f| name == **f) else {
        return false;
    };
    if path.is_dir() && !watched.contains(folder) {
        match watcher.watch(path, RecursiveMode::Recursive) {
            Ok(()) => {
                watched.insert(folder);
            }
            Err(e) => note!("warning: cannot watch {folder}/: {e}"),
        }
    }
    true
}

/// Rebuilds the site in memory and swaps it in, or keeps the last good one
/// and records the errors. After a quick preview (`previewed`), open pages
/// reload only if the full build differs from what was served in a page a
/// browser may show: one open, or asked for since the preview.
/// Returns the build's products when it succeeded, for the next preview.
fn rebuild(
    options: &ServeOptions,
    shared: &Shared,
    previewed: bool,
) -> Result<Option<Pipeline>, Error> {
    let started = Instant::now();
    let (checked, products) =
        Pipeline::run(&options.root, &run_options(options), Pages::in_memory())?;
    let unshown = unshown_drafts(&checked);
    let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
    let shown: BTreeSet<&String> = state.seen.iter().chain(state.open.keys()).collect();
    let served_same = previewed
        && state.error.is_none()
        && !checked.diagnostics.has_errors()
        && *state.unshown == unshown
        && shown.into_iter().all(|file| {
            let served = state.preview.get(file).or_else(|| state.pages.get(file));
            checked.pages.get(file) == served
        });
    if !served_same {
        state.generation += 1;
        state.seen.clear();
    }
    state.builds += 1;
    let products = if checked.diagnostics.has_errors() {
        let text: String = checked
            .diagnostics
            .into_sorted()
            .iter()
            .map(|d| d.to_string() + "\n")
            .collect();
        note_raw!("{text}");
        note!("build failed; still serving the last good build");
        state.error = Some(text);
        None
    } else {
        note!(
            "rebuilt {} files in {} ms",
            checked.pages.len(),
            started.elapsed().as_millis()
        );
        state.unshown = Arc::new(unshown);
        state.pages = Arc::new(checked.pages);
        state.error = None;
        products.localized.is_some().then_some(products)
    };
    state.preview = Arc::new(BTreeMap::new());
    shared.changed.notify_all();
    Ok(products)
}

fn run_options(options: &ServeOptions) -> crate::pipeline::RunOptions {
    crate::pipeline::RunOptions {
        today: Today::from_option(options.date),
        drafts: true,
        base_url: None,
        noindex: false,
        pdf: false,
    }
}

/// For each language and document whose draft is not published, the
/// findings that say why (its untranslated messages), by `<lang>/<doc>`.
fn unshown_drafts(checked: &crate::pipeline::Checked) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for finding in checked.diagnostics.iter() {
        if finding.code != "untranslated" {
            continue;
        }
        // The help names the file to add the words to: locales/<lang>/<doc>.ftl.
        let help = finding.help.as_deref().unwrap_or("");
        let Some(rest) = help.split("locales/").nth(1) else {
            continue;
        };
        let Some((lang, file)) = rest.split_once('/') else {
            continue;
        };
        let Some(doc) = file.split(".ftl").next() else {
            continue;
        };
        let key = format!("{lang}/{doc}");
        if !checked.pages.contains(&format!("{key}/draft/index.html")) {
            out.entry(key).or_default().push(finding.to_string());
        }
    }
    out
}

/// A page in place of a 404 at a document's address in a language: why its
/// draft is not shown (untranslated messages), or where the draft is when
/// no version is in force yet.
fn explain_missing(
    key: &str,
    pages: &Pages,
    unshown: &BTreeMap<String, Vec<String>>,
) -> Option<String> {
    let folder = key
        .strip_suffix("/draft/index.html")
        .or_else(|| key.strip_suffix("/index.html"))?;
    let (lang, doc) = folder.split_once('/')?;
    if doc.contains('/') {
        return None;
    }
    let (title, body) = if let Some(findings) = unshown.get(folder) {
        (
            format!("The {lang} draft of {doc} is not shown"),
            format!(
                "<p>A draft is shown in a language once every message it uses is there; {} {} not yet in locales/{lang}/{doc}.ftl:</p>\n<pre>{}</pre>",
                findings.len(),
                if findings.len() == 1 { "is" } else { "are" },
                escape(&findings.join("\n"))
            ),
        )
    } else if pages.contains(&format!("{folder}/draft/index.html")) {
        (
            format!("{doc} has no version in force yet"),
            format!(
                "<p>Nothing of it is released yet, or its first version takes effect later. <a href=\"/{folder}/draft/\">Read the draft</a>.</p>"
            ),
        )
    } else {
        return None;
    };
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/assets/style.css\">\n</head>\n<body>\n<main id=\"_main\">\n<h1>{title}</h1>\n{body}\n<p><a href=\"/{lang}/\">{lang}</a></p>\n</main>\n</body>\n</html>\n",
        title = escape(&title)
    ))
}

/// A changed path relative to the site's root, whether the watcher names
/// it from the root as given or from the root's real path.
fn within_site<'p>(root: &Path, path: &'p Path) -> Option<&'p Path> {
    path.strip_prefix(root).ok().or_else(|| {
        let canonical = std::fs::canonicalize(root).ok()?;
        path.strip_prefix(canonical).ok()
    })
}

/// A saved source file, as far as a quick preview can show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Edit {
    /// `locales/<lang>/<doc>.ftl`: a draft's words.
    Words { lang: String, slug: String },
    /// `locales/<lang>/site.ftl`: a language's page wording and terms.
    PageWording(String),
    /// `content/<doc>.yaml`: a draft's structure.
    Structure(String),
    /// A template (any file but a static one) of a theme, or of the
    /// site's own `templates/`: it shows on every page.
    Theme,
    /// A static file (a stylesheet, an image) of a theme, or of the site's
    /// own `static/`: pages link to it, and do not change.
    Asset,
}

/// What the changed files are, when a quick preview can show them all.
/// Editors' swap and backup files beside the sources are left out. `None`
/// when anything else changed (the settings, a released version, a file
/// the build does not know): then only the full rebuild runs.
fn edits(root: &Path, site: &crate::model::Site, changed: &[PathBuf]) -> Option<BTreeSet<Edit>> {
    let mut edits = BTreeSet::new();
    let known_lang = |lang: &str| site.settings.locales.iter().any(|l| l.as_str() == lang);
    let document = |slug: &str| site.documents.iter().any(|d| &*d.slug == slug);
    for path in changed {
        let relative = within_site(root, path)?;
        let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
        let edit = match parts.as_slice() {
            ["locales", lang, "site.ftl"] if known_lang(lang) => {
                Edit::PageWording((*lang).to_owned())
            }
            ["locales", lang, file] if file.ends_with(".ftl") => {
                let slug = file.strip_suffix(".ftl")?;
                if !known_lang(lang) || !document(slug) {
                    return None;
                }
                Edit::Words {
                    lang: (*lang).to_owned(),
                    slug: slug.to_owned(),
                }
            }
            ["content", file] if file.ends_with(".yaml") => {
                let slug = file.strip_suffix(".yaml")?;
                if !document(slug) {
                    return None;
                }
                Edit::Structure(slug.to_owned())
            }
            ["locales", _, _] | ["content", _] => continue,
            ["themes", _, "static", ..] | ["static", ..] => Edit::Asset,
            ["themes", ..] | ["templates", ..] => Edit::Theme,
            _ => return None,
        };
        edits.insert(edit);
    }
    Some(edits)
}

/// Serves the pages an edit shows on at once, rendered from the last good
/// build's products: the edited draft's page and its comparisons; for an
/// edit of page wording or of the theme (they show on every page), the
/// pages open in a browser and every draft's (the rest follow with the
/// full rebuild); and the theme's files (alone, for an edit of a static
/// file such as the stylesheet: no page changes). Returns whether it did;
/// when the edit is of anything else, or brings a problem, only the full
/// rebuild runs.
fn preview_edit(
    options: &ServeOptions,
    shared: &Shared,
    products: &mut Pipeline,
    changed: &[PathBuf],
) -> bool {
    let started = Instant::now();
    let Some(site) = &products.site else {
        return false;
    };
    let Some(edits) = edits(&options.root, site, changed) else {
        return false;
    };
    let all_documents: BTreeSet<String> =
        site.documents.iter().map(|d| d.slug.to_string()).collect();
    // Drafts whose words are resolved again, and drafts whose pages are shown.
    let mut resolve: BTreeSet<String> = BTreeSet::new();
    let mut show: BTreeSet<String> = BTreeSet::new();
    let mut wording: Vec<String> = Vec::new();
    let mut structure: Vec<String> = Vec::new();
    let (mut theme_edited, mut assets_edited) = (false, false);
    for edit in &edits {
        let read = match edit {
            Edit::Words { lang, slug } => {
                resolve.insert(slug.clone());
                show.insert(slug.clone());
                crate::sources::reread_words(&mut products.sources, lang, slug)
            }
            Edit::PageWording(lang) => {
                wording.push(lang.clone());
                resolve.extend(all_documents.iter().cloned());
                show.extend(all_documents.iter().cloned());
                crate::sources::reread_words(&mut products.sources, lang, "site")
            }
            Edit::Structure(slug) => {
                structure.push(slug.clone());
                resolve.insert(slug.clone());
                show.insert(slug.clone());
                crate::sources::reread_document(&mut products.sources, slug)
            }
            Edit::Theme => {
                theme_edited = true;
                show.extend(all_documents.iter().cloned());
                crate::sources::reread_themes(&mut products.sources)
            }
            Edit::Asset => {
                assets_edited = true;
                crate::sources::reread_themes(&mut products.sources)
            }
        };
        if !read.unwrap_or(false) {
            return false;
        }
    }
    let Pipeline {
        sources,
        site: Some(site),
        localized: Some(localized),
        ..
    } = products
    else {
        return false;
    };
    for slug in &structure {
        if crate::model::revalidate_draft(site, sources, slug).has_errors() {
            return false;
        }
    }
    for lang in &wording {
        let Some(locale) = site.settings.locales.iter().find(|l| l.as_str() == lang) else {
            return false;
        };
        if crate::localize::relocalize_chrome(site, sources, localized, locale).has_errors() {
            return false;
        }
    }
    for slug in &resolve {
        if crate::localize::relocalize_draft(site, sources, localized, slug).has_errors() {
            return false;
        }
    }
    // The plan of the edited site: an edit can make a draft complete in
    // a language, or not, and so decide which draft pages exist.
    let mut plan = Plan::new(
        site,
        localized,
        PlanOptions {
            today: Today::from_option(options.date).resolve(&site.settings.time_zone),
            drafts: true,
            noindex: false,
            pdf: false,
        },
    );
    let Ok(theme) = Theme::load(site, sources) else {
        return false;
    };
    // With the site's own `static/` files, so that an edit of one is served.
    if (theme_edited || assets_edited)
        && plan
            .add_files(theme.assets.keys(), theme.files.keys())
            .has_errors()
    {
        return false;
    }
    let mut preview = BTreeMap::new();
    // An edit of the page wording or the theme shows on every page: the
    // pages open in a browser are made too, whatever they are, so that the
    // one an author is looking at changes at once.
    let open: BTreeSet<String> = {
        let state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
        state.open.keys().cloned().collect()
    };
    let mut rendered = Vec::new();
    if (theme_edited || !wording.is_empty()) && !open.is_empty() {
        let wanted: Vec<crate::plan::Page> = plan
            .pages()
            .filter(|page| open.contains(&page.file()))
            .cloned()
            .collect();
        rendered.push(crate::render::render_pages(
            site, localized, &theme, &plan, &wanted,
        ));
    }
    for slug in &show {
        rendered.push(crate::render::render_draft(
            site, localized, &theme, &plan, slug,
        ));
    }
    for (pages, found) in rendered {
        if found.has_errors() {
            return false;
        }
        preview.extend(
            pages
                .iter()
                .map(|(path, bytes)| (path.to_owned(), bytes.clone())),
        );
    }
    if theme_edited || assets_edited {
        preview.extend(
            crate::render::theme_files(&theme, &plan).map(|(file, bytes)| (file, bytes.to_vec())),
        );
    }
    if preview.is_empty() {
        return false;
    }
    let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
    if state.error.is_some() {
        return false;
    }
    state.generation += 1;
    state.seen.clear();
    state.previews += 1;
    let count = preview.len();
    state.preview = Arc::new(preview);
    shared.changed.notify_all();
    drop(state);
    note!(
        "previewed {count} files in {} ms; rebuilding the rest",
        started.elapsed().as_millis()
    );
    true
}

/// What a request asks for, after the path was checked.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    /// `/__charta/wait?g=N&p=PATH`: wait for a build after N, from the
    /// page at PATH (by its file, when the path is one).
    Wait(u64, Option<String>),
    /// `/__charta/status`: the generation, the counts of builds, previews
    /// and open pages, and the errors, as JSON.
    Status,
    /// A file of the site, by its key in [`Pages`].
    File(String),
    /// A malformed or forbidden path.
    Refused,
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request target to what it asks for; refuses anything that could
/// point outside the site.
fn route(target: &str) -> Route {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == "/__charta/wait" {
        let param = |name: &str| query.split('&').find_map(|kv| kv.strip_prefix(name));
        let generation = param("g=").and_then(|g| g.parse().ok()).unwrap_or(0);
        let page = param("p=")
            .and_then(percent_decode)
            .and_then(|page| match route(&page) {
                Route::File(file) => Some(file),
                _ => None,
            });
        return Route::Wait(generation, page);
    }
    if path == "/__charta/status" {
        return Route::Status;
    }
    let Some(decoded) = percent_decode(path) else {
        return Route::Refused;
    };
    let Some(relative) = decoded.strip_prefix('/') else {
        return Route::Refused;
    };
    let forbidden = relative.contains('\\')
        || relative.contains('\0')
        || relative.starts_with('/')
        || relative
            .split('/')
            .any(|segment| segment == ".." || segment == ".");
    if forbidden {
        return Route::Refused;
    }
    if relative.is_empty() || relative.ends_with('/') {
        Route::File(format!("{relative}index.html"))
    } else {
        Route::File(relative.to_owned())
    }
}

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("js") => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The script that reloads an open page after the next build.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var g={generation};function wait(){{fetch('/__charta/wait?g='+g+'&p='+encodeURIComponent(location.pathname)).then(function(r){{return r.text()}}).then(function(n){{if(+n!==g){{location.reload()}}else{{wait()}}}},function(){{setTimeout(wait,1000)}})}}wait()}})();</script>"
    )
}

/// Adds the reload script, and the errors of a failed build, to a page.
fn decorate(html: &str, generation: u64, error: Option<&str>) -> String {
    let mut out = html.to_owned();
    if let Some(error) = error {
        let banner = format!(
            "<div role=\"alert\" style=\"background:#fff1f0;color:#5c0b0b;border:2px solid #9b1c1c;padding:1rem;margin:0;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:0.85rem\"><strong>The last build failed; this is the last good build.</strong>\n{}</div>",
            escape(error)
        );
        out = match out.find("<body") {
            Some(i) => {
                let end = out[i..].find('>').map_or(i, |j| i + j + 1);
                format!("{}{banner}{}", &out[..end], &out[end..])
            }
            None => format!("{banner}{out}"),
        };
    }
    let script = reload_script(generation);
    match out.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &out[..i], &out[i..]),
        None => out + &script,
    }
}

/// The most bytes of a request (its line and headers) the preview reads.
const MAX_REQUEST_BYTES: u64 = 16 * 1024;

fn handle(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    // A request and its headers are read up to a bound, so that a line
    // without an end cannot grow the server's memory.
    let mut reader = BufReader::new(stream.try_clone()?).take(MAX_REQUEST_BYTES);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    if !request_line.ends_with('\n') {
        let mut stream = stream;
        respond(
            &mut stream,
            "431 Request Header Fields Too Large",
            "text/plain; charset=utf-8",
            b"request too large\n",
            false,
        )?;
        // Read (and drop) a bounded rest before closing, so that the client
        // receives the answer instead of a reset.
        stream.shutdown(std::net::Shutdown::Write)?;
        let mut rest = reader.into_inner();
        let _ = std::io::copy(&mut (&mut rest).take(8 * 1024 * 1024), &mut std::io::sink());
        return Ok(());
    }
    // Headers are read and ignored.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n",
            method == "HEAD",
        );
    }
    let head = method == "HEAD";
    match route(target) {
        Route::Refused => respond(
            &mut stream,
            "400 Bad Request",
            "text/plain; charset=utf-8",
            b"refused\n",
            head,
        ),
        Route::Status => {
            let state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
            let body = serde_json::json!({
                "generation": state.generation,
                "builds": state.builds,
                "previews": state.previews,
                "open": state.open.len(),
                "error": state.error,
            })
            .to_string();
            drop(state);
            respond(
                &mut stream,
                "200 OK",
                "application/json; charset=utf-8",
                body.as_bytes(),
                head,
            )
        }
        Route::Wait(seen, page) => {
            let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(page) = &page {
                *state.open.entry(page.clone()).or_default() += 1;
            }
            let (mut state, _) = shared
                .changed
                .wait_timeout_while(state, WAIT, |s| s.generation <= seen)
                .unwrap_or_else(|p| p.into_inner());
            if let Some(page) = &page
                && let Some(count) = state.open.get_mut(page)
            {
                *count -= 1;
                if *count == 0 {
                    state.open.remove(page);
                }
            }
            let body = state.generation.to_string();
            drop(state);
            respond(
                &mut stream,
                "200 OK",
                "text/plain; charset=utf-8",
                body.as_bytes(),
                head,
            )
        }
        Route::File(key) => {
            let (pages, preview, error, generation, unshown) = {
                let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
                // A missing file is answered with 404.html, or with an
                // explanation that changes with `unshown`; its own name is
                // not kept, so that requests for made-up paths cannot grow
                // the set.
                let served = state.preview.contains_key(&key) || state.pages.contains(&key);
                state.seen.insert(if served {
                    key.clone()
                } else {
                    "404.html".to_owned()
                });
                (
                    Arc::clone(&state.pages),
                    Arc::clone(&state.preview),
                    state.error.clone(),
                    state.generation,
                    Arc::clone(&state.unshown),
                )
            };
            if let Some(bytes) = preview.get(&key).or_else(|| pages.get(&key)) {
                let body = if key.ends_with(".html") {
                    decorate(
                        &String::from_utf8_lossy(bytes),
                        generation,
                        error.as_deref(),
                    )
                    .into_bytes()
                } else {
                    bytes.clone()
                };
                return respond(&mut stream, "200 OK", content_type(&key), &body, head);
            }
            if pages.contains(&format!("{key}/index.html")) {
                let location = format!("/{key}/");
                let response = format!(
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                return stream.write_all(response.as_bytes());
            }
            // What an editor looks for but cannot see yet is explained.
            let page = match explain_missing(&key, &pages, &unshown) {
                Some(html) => decorate(&html, generation, error.as_deref()).into_bytes(),
                None => preview
                    .get("404.html")
                    .or_else(|| pages.get("404.html"))
                    .map_or_else(
                        || b"not found\n".to_vec(),
                        |b| {
                            decorate(&String::from_utf8_lossy(b), generation, error.as_deref())
                                .into_bytes()
                        },
                    ),
            };
            respond(
                &mut stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &page,
                head,
            )
        }
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_site_files() {
        assert_eq!(route("/"), Route::File("index.html".into()));
        assert_eq!(
            route("/ja/privacy/"),
            Route::File("ja/privacy/index.html".into())
        );
        assert_eq!(
            route("/assets/style.css?v=1"),
            Route::File("assets/style.css".into())
        );
        assert_eq!(
            route("/ja/privacy/diff/2024-04-01...2025-04-01/"),
            Route::File("ja/privacy/diff/2024-04-01...2025-04-01/index.html".into())
        );
        assert_eq!(route("/__charta/wait?g=7"), Route::Wait(7, None));
        assert_eq!(
            route("/__charta/wait?g=7&p=%2Fja%2Fprivacy%2F"),
            Route::Wait(7, Some("ja/privacy/index.html".into()))
        );
        assert_eq!(
            route("/__charta/wait?g=7&p=%2F..%2Fetc%2Fpasswd"),
            Route::Wait(7, None)
        );
    }

    #[test]
    fn traversal_is_refused() {
        for target in [
            "/../etc/passwd",
            "/ja/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "//etc/passwd",
            "/ja/..%5c..%5cetc",
            "/a/%00",
            "etc/passwd",
            "/%zz",
        ] {
            assert_eq!(route(target), Route::Refused, "{target}");
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_the_errors() {
        let html = "<!DOCTYPE html><html><body class=\"x\"><p>hi</p></body></html>";
        let out = decorate(html, 3, Some("error[bad-date]: <b>"));
        assert!(out.contains("<body class=\"x\"><div role=\"alert\""));
        assert!(out.contains("error[bad-date]: &lt;b&gt;"));
        assert!(out.contains("var g=3;"));
        assert!(out.ends_with("</script></body></html>"));
    }
}
