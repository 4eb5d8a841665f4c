//! Problems found in the user's files, as values.
//!
//! Every stage of the pipeline reports what is wrong with the sources as a
//! [`Diagnostic`] that names the file, line and column, says what is wrong in
//! plain words and how to fix it. Stages collect diagnostics instead of stopping
//! at the first one, so an editor sees every problem of a build at once.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the build goes on.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A place in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The file, relative to the site's root.
    /// Shared: a file's spans are made by the hundred, and a site keeps
    /// every version's.
    pub file: Arc<Path>,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// Length of the offending text in characters (at least 1 for a caret).
    pub len: usize,
    /// The text of the offending line, for the snippet.
    /// Shared, so that equal lines of many versions can be kept once.
    pub source_line: Option<Arc<str>>,
}

/// One problem in the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short, stable code such as `missing-message`, for tools and tests.
    pub code: &'static str,
    /// What is wrong, in plain words.
    pub message: String,
    /// Where it is, when it is in a file.
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with a code and a message, not yet located.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            help: None,
        }
    }

    /// A warning: worth fixing, but the build goes on.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Places the diagnostic in a file.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Places the diagnostic on a whole file, without a line.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.span = Some(Span {
            file: Arc::from(file.into()),
            line: 0,
            column: 0,
            len: 0,
            source_line: None,
        });
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sort key that keeps reports stable: by file, then position, then text.
    fn sort_key(&self) -> (Option<&Path>, usize, usize, &str) {
        match &self.span {
            Some(s) => (Some(&s.file), s.line, s.column, &self.message),
            None => (None, 0, 0, &self.message),
        }
    }
}

/// Whether a character may not appear in any source text: control
/// characters other than tab, line feed and carriage return (C0, DEL, C1),
/// and Unicode noncharacters. They are invisible in editors, break XML
/// (feeds, sitemaps), and some are charta's own internal markers.
pub fn is_forbidden_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&u)
        || (0xfdd0..=0xfdef).contains(&u)
        || (u & 0xfffe) == 0xfffe
}

/// Whether a character reorders text on screen (bidirectional controls):
/// shown escaped in reports, refused in addresses.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// `text` with every forbidden or bidirectional control character written
/// as an escape (`\u{1b}`), so that a report never sends a file's control
/// characters to the terminal (an escape sequence could retitle or clear it).
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_forbidden_char(c) || is_bidi_control(c) || c == '\r')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_forbidden_char(c) || is_bidi_control(c) || c == '\r' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    /// The human format: header, location, the source line with a caret,
    /// help; control characters from the files are shown escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A message is one line: a line break from a file is shown escaped.
        writeln!(
            f,
            "{}[{}]: {}",
            self.severity,
            self.code,
            visible(&self.message).replace('\n', "\\u{a}")
        )?;
        // rustc's layout: the gutter is as wide as the line number.
        let width = self
            .span
            .as_ref()
            .map_or(1, |s| s.line.max(1).to_string().len());
        let pad = " ".repeat(width);
        if let Some(span) = &self.span {
            let file = span.file.display().to_string();
            let file = visible(&file);
            match (span.line, span.column) {
                (0, _) => writeln!(f, "{pad}--> {file}")?,
                (line, 0) => writeln!(f, "{pad}--> {file}:{line}")?,
                (line, column) => writeln!(f, "{pad}--> {file}:{line}:{column}")?,
            }
            if let (Some(text), true) = (&span.source_line, span.line > 0) {
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", span.line, visible(text))?;
                if span.column > 0 {
                    let before: String = text.chars().take(span.column - 1).collect();
                    let marked: String = text
                        .chars()
                        .skip(span.column - 1)
                        .take(span.len.max(1))
                        .collect();
                    let (before, marked) = (visible(&before), visible(&marked));
                    let indent = " ".repeat(crate::script::display_width(&before));
                    let carets = "^".repeat(crate::script::display_width(&marked).max(1));
                    writeln!(f, "{pad} | {indent}{carets}")?;
                }
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {}", visible(help))?;
        }
        Ok(())
    }
}

/// Every problem found by a stage, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records every problem of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, sorted by file and position, without repeats.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }

    /// Makes every warning with this code an error (`check --strict`, `release`).
    pub fn promote(&mut self, code: &str) {
        for d in &mut self.0 {
            if d.code == code {
                d.severity = Severity::Error;
            }
        }
    }

    /// Makes warnings with `code` errors, only where `applies` says so (a
    /// release is blocked by its own document's translations, not by
    /// another document's).
    pub fn promote_where(&mut self, code: &str, applies: impl Fn(&Diagnostic) -> bool) {
        for d in &mut self.0 {
            if d.code == code && applies(d) {
                d.severity = Severity::Error;
            }
        }
    }

    /// How many errors and warnings there are.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.0.len() - errors)
    }

    /// The problems in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

/// The text of a source file with its path, to locate problems in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site's root, as shown to the user.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    /// Where each line starts, found on the first span: a file's spans are
    /// made by the hundred while it is checked.
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// The path its spans share, made on the first span.
    shared_path: std::sync::OnceLock<Arc<Path>>,
}

impl SourceFile {
    /// A file's text, with the path it is shown under.
    pub fn new(path: impl Into<PathBuf>, text: String) -> SourceFile {
        SourceFile {
            path: path.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
            shared_path: std::sync::OnceLock::new(),
        }
    }

    /// Where each line starts (byte offsets), made once per file.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            if self.text.is_empty() {
                return Vec::new();
            }
            std::iter::once(0)
                .chain(
                    self.text
                        .match_indices('\n')
                        .map(|(i, _)| i + 1)
                        .filter(|&i| i < self.text.len()),
                )
                .collect()
        })
    }

    /// The text of a 1-based line, as `str::lines` gives it.
    pub fn line(&self, line: usize) -> Option<&str> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        let text = &rest[..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// A span at a 1-based line and column of this file.
    pub fn span(&self, line: usize, column: usize, len: usize) -> Span {
        Span {
            file: Arc::clone(
                self.shared_path
                    .get_or_init(|| Arc::from(self.path.as_path())),
            ),
            line,
            column,
            len,
            source_line: self.line(line.max(1)).map(Arc::from),
        }
    }

    /// A span for a byte range of this file.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        let mut start = floor_char_boundary(&self.text, start.min(self.text.len()));
        // A problem at the very end of a file that ends with a line break
        // belongs to the last line, not to a line after it.
        if start == self.text.len() && start > 0 && self.text.ends_with('\n') {
            start -= 1;
            if self.text[..start].ends_with('\r') {
                start -= 1;
            }
        }
        let end = floor_char_boundary(&self.text, end.clamp(start, self.text.len()));
        // The line is found in the index, not by counting from the start:
        // a file with thousands of problems would take quadratic time.
        let starts = self.line_starts();
        let index = starts.partition_point(|&s| s <= start).max(1) - 1;
        let line_start = starts.get(index).copied().unwrap_or(0);
        let line = index + 1;
        let column = self.text[line_start..start].chars().count() + 1;
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let len = self.text[start..end.min(line_end)].chars().count();
        self.span(line, column, len)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The candidate closest to a misspelt name, when one is close enough to
/// be what was meant (at most two edits, more for long names).
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter(|c| c.len().abs_diff(wanted.len()) <= 2.max(c.len() / 5))
        .map(|c| (edit_distance(c, wanted), c))
        .filter(|(d, c)| *d > 0 && *d <= 2.max(c.len() / 5))
        .min()
        .map(|(_, c)| c)
}

/// How many single-character edits turn one text into the other.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/a.yaml", text.into())
    }

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for text in ["", "a", "a\n", "a\r\nb\r\n", "\n\n", "一\n\n三\r\n", "x\ny"] {
            let f = file(text);
            for n in 0..6 {
                let expected = text.lines().nth(n);
                assert_eq!(f.line(n + 1), expected, "{text:?} line {}", n + 1);
            }
            assert_eq!(f.line(0), None);
        }
    }

    #[test]
    fn byte_offsets_become_line_and_character_column() {
        let f = file("a: 1\nタイトル: x\n");
        let at = f.text.find('x').unwrap();
        let span = f.span_of_bytes(at, at + 1);
        assert_eq!((span.line, span.column, span.len), (2, 7, 1));
        assert_eq!(span.source_line.as_deref(), Some("タイトル: x"));
    }

    #[test]
    fn the_end_of_a_file_is_on_its_last_line() {
        for text in ["a = {\n", "a = {\r\n", "a = {"] {
            let f = file(text);
            let span = f.span_of_bytes(text.len(), text.len());
            assert_eq!((span.line, span.column), (1, 6), "{text:?}");
        }
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let f = file("title: \u{1b}]0;owned\u{7}x\n");
        let d = Diagnostic::error("test", "bad \u{1b}[2K").at(f.span(1, 8, 1));
        let text = d.to_string();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("bad \\u{1b}[2K"), "{text}");
        assert!(text.contains("title: \\u{1b}]0;owned\\u{7}x"), "{text}");
        // The caret sits under the escape that stands for the character.
        assert!(
            text.contains(&format!("  | {}^^^^^^\n", " ".repeat(7))),
            "{text}"
        );
        assert_eq!(visible("\u{202e}abc"), "\\u{202e}abc");
        assert_eq!(visible("個人情報"), "個人情報");
    }

    #[test]
    fn caret_lines_up_under_wide_characters() {
        let f = file("title: 個人情報 x\n");
        let d = Diagnostic::error("test", "bad").at(f.span(1, 13, 1));
        let text = d.to_string();
        assert!(text.contains(" --> content/a.yaml:1:13"), "{text}");
        // "title: " is 7 columns, the four kanji 8, the space 1.
        assert!(
            text.contains(&format!("  | {}^\n", " ".repeat(16))),
            "{text}"
        );
    }

    #[test]
    fn sorted_by_file_then_position_without_repeats() {
        let f = file("a\nb\n");
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("x", "second").at(f.span(2, 1, 1)));
        ds.push(Diagnostic::error("x", "first").at(f.span(1, 1, 1)));
        ds.push(Diagnostic::error("x", "first").at(f.span(1, 1, 1)));
        let sorted = ds.into_sorted();
        assert_eq!(sorted.len(), 2);
        assert_eq!(sorted[0].message, "first");
    }
}
