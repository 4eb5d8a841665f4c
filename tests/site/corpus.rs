//! The corpus of broken inputs: `tests/corpus/*.case`, one fault each.
//!
//! Each case breaks a fresh copy of the example site (after a good build),
//! runs a command, and asserts the exit code, that stderr holds each
//! expected text (the message and its file:line:column), and that the
//! previous output is untouched. The format, one directive per line:
//!
//! ```text
//! # what the case is about (comments start with #)
//! command: build                    # or: check, check --strict, release <doc> <date>
//! exit: 1
//! expect: error[duplicate-id]       # a text stderr must contain (repeatable)
//! replace content/privacy.yaml      # replace the only occurrence of a text…
//! --- from
//!   - id: collection
//! --- to
//!   - id: definitions
//! --- end
//! write locales/ja/extra.ftl        # write a whole file (also: append)
//! --- content
//! x = y
//! --- end
//! delete versions/cookies/2024-04-01/cookies.yaml
//! symlink themes/default/templates/loop .      # a symbolic link
//! bytes content/cookies.yaml 74697469c3        # raw bytes, in hex
//! huge locales/en/privacy.ftl 9000000          # a file of this many bytes
//! ```
//!
//! `CORPUS_CASE=name cargo test --test site corpus` runs one case.

use crate::support::*;
use std::fs;
use std::path::Path;

/// One operation on the site's files.
enum Op {
    Replace {
        path: String,
        from: String,
        to: String,
    },
    Write {
        path: String,
        content: String,
        append: bool,
    },
    Delete(String),
    Symlink {
        path: String,
        target: String,
    },
    Bytes {
        path: String,
        bytes: Vec<u8>,
    },
    Huge {
        path: String,
        size: usize,
    },
}

struct Case {
    name: String,
    command: Vec<String>,
    exit: i32,
    expect: Vec<String>,
    ops: Vec<Op>,
}

fn parse(name: &str, text: &str) -> Case {
    let mut case = Case {
        name: name.to_owned(),
        command: vec!["build".to_owned()],
        exit: 1,
        expect: Vec::new(),
        ops: Vec::new(),
    };
    let mut lines = text.lines().peekable();
    // Reads a `--- <label>` block up to the next `--- …` line.
    let block = |lines: &mut std::iter::Peekable<std::str::Lines>, label: &str| -> String {
        let head = lines.next().unwrap_or_default();
        assert_eq!(
            head,
            format!("--- {label}"),
            "{name}: expected `--- {label}`"
        );
        let mut out = Vec::new();
        while let Some(l) = lines.peek() {
            if l.starts_with("--- ") {
                break;
            }
            out.push(lines.next().unwrap());
        }
        out.join("\n")
    };
    while let Some(line) = lines.next() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once([' ', ':']).unwrap_or((line, ""));
        let rest = rest.trim();
        match word {
            "command" => case.command = rest.split_whitespace().map(str::to_owned).collect(),
            "exit" => case.exit = rest.parse().expect("exit code"),
            "expect" => case.expect.push(rest.to_owned()),
            "replace" => {
                let from = block(&mut lines, "from");
                let to = block(&mut lines, "to");
                assert_eq!(
                    lines.next(),
                    Some("--- end"),
                    "{name}: replace ends with `--- end`"
                );
                case.ops.push(Op::Replace {
                    path: rest.to_owned(),
                    from,
                    to,
                });
            }
            "write" | "append" => {
                let content = block(&mut lines, "content");
                assert_eq!(
                    lines.next(),
                    Some("--- end"),
                    "{name}: {word} ends with `--- end`"
                );
                case.ops.push(Op::Write {
                    path: rest.to_owned(),
                    content,
                    append: word == "append",
                });
            }
            "delete" => case.ops.push(Op::Delete(rest.to_owned())),
            "symlink" => {
                let (path, target) = rest.split_once(' ').expect("symlink <path> <target>");
                case.ops.push(Op::Symlink {
                    path: path.to_owned(),
                    target: target.to_owned(),
                });
            }
            "bytes" => {
                let (path, hex) = rest.split_once(' ').expect("bytes <path> <hex>");
                let bytes = (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
                    .collect();
                case.ops.push(Op::Bytes {
                    path: path.to_owned(),
                    bytes,
                });
            }
            "huge" => {
                let (path, size) = rest.split_once(' ').expect("huge <path> <bytes>");
                case.ops.push(Op::Huge {
                    path: path.to_owned(),
                    size: size.parse().expect("size"),
                });
            }
            other => panic!("{name}: unknown directive `{other}`"),
        }
    }
    assert!(
        !case.expect.is_empty(),
        "{name}: a case expects at least one text"
    );
    case
}

fn apply(site: &Site, op: &Op) {
    match op {
        Op::Replace { path, from, to } => site.edit(path, from, to),
        Op::Write {
            path,
            content,
            append,
        } => {
            let full = site.path(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            let text = if *append {
                format!("{}\n{content}\n", site.read(path))
            } else {
                format!("{content}\n")
            };
            fs::write(full, text).unwrap();
        }
        Op::Delete(path) => {
            let full = site.path(path);
            if full.is_dir() {
                fs::remove_dir_all(full).unwrap();
            } else {
                fs::remove_file(full).unwrap();
            }
        }
        Op::Symlink { path, target } => {
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, site.path(path)).unwrap();
            #[cfg(not(unix))]
            let _ = (path, target);
        }
        Op::Bytes { path, bytes } => fs::write(site.path(path), bytes).unwrap(),
        Op::Huge { path, size } => {
            let line = "# padding line that makes the file larger than charta reads\n";
            let text: String = line.repeat(size / line.len() + 1);
            fs::write(site.path(path), text).unwrap();
        }
    }
}

fn run_case(case: &Case) -> Result<(), String> {
    let site = Site::example(&format!("corpus-{}", case.name));
    let out = site.build_ok();
    let before = tree(&out);
    for op in &case.ops {
        apply(&site, op);
    }
    let root = site.root.to_str().unwrap().to_owned();
    let out_dir = out.to_str().unwrap().to_owned();
    let mut args: Vec<&str> = vec!["--root", &root];
    args.extend(case.command.iter().map(String::as_str));
    if case.command[0] == "build" {
        args.extend(["--out", &out_dir, "--date", DATE]);
    } else if case.command[0] == "check" {
        args.extend(["--date", DATE]);
    }
    let (code, stdout, stderr) = run_with_stdout(&args);
    let all = format!("{stderr}{stdout}");
    let mut problems = Vec::new();
    if code != case.exit {
        problems.push(format!("exit code {code}, expected {}", case.exit));
    }
    for text in &case.expect {
        if !all.contains(text.as_str()) {
            problems.push(format!("output lacks `{text}`"));
        }
    }
    if before != tree(&out) {
        problems.push("the previous output changed".to_owned());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}\n--- output ---\n{all}",
            case.name,
            problems.join("; ")
        ))
    }
}

#[test]
fn corpus_of_broken_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let only = std::env::var("CORPUS_CASE").ok();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.unwrap()
                .file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".case"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    if only.is_none() {
        assert!(
            names.len() >= 40,
            "the corpus holds {} cases; it should hold at least 40",
            names.len()
        );
    }
    let mut failures = Vec::new();
    for name in names
        .iter()
        .filter(|n| only.as_ref().is_none_or(|o| o == *n))
    {
        let text = fs::read_to_string(dir.join(format!("{name}.case"))).unwrap();
        if let Err(e) = run_case(&parse(name, &text)) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
