//! Inline comparison of two texts, readable in Japanese, Korean and English.
//!
//! Texts are cut into tokens that a reader would see as units: words of
//! letters and digits (English, Korean, which separate words by spaces),
//! runs of one Japanese script (kanji, hiragana, katakana — an approximation
//! of phrases, since Japanese has no spaces), whitespace runs, and single
//! punctuation marks. A token never splits a grapheme cluster (a base letter
//! with its combining marks, an emoji sequence).
//!
//! The token sequences are compared with Myers' algorithm, then a semantic
//! clean-up (after diff-match-patch) folds short unchanged stretches between
//! two changes into the change, so a rewritten phrase reads as one deletion
//! and one insertion. Punctuation that ends a clause or a quotation (`、。「」
//! （）`, the ideographic space, `.,;:`) is a boundary the clean-up never
//! folds, so changes in different clauses stay apart.

use crate::script::Script;
use serde::Serialize;

/// One piece of a compared text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Change {
    /// In both texts.
    Equal(String),
    /// Only in the old text.
    Delete(String),
    /// Only in the new text.
    Insert(String),
}

impl Change {
    /// The text of the piece.
    pub fn text(&self) -> &str {
        match self {
            Change::Equal(t) | Change::Delete(t) | Change::Insert(t) => t,
        }
    }
}

/// Compares two texts. Concatenating the `Equal` and `Delete` pieces gives
/// `old`; the `Equal` and `Insert` pieces give `new`. Within a run of
/// changes, the deletion comes before the insertion.
pub fn diff(old: &str, new: &str) -> Vec<Change> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Change::Equal(old.to_owned())]
        };
    }
    let a = tokens(old);
    let b = tokens(new);
    let ops = myers(&a, &b);
    let mut changes = Vec::new();
    for (op, token) in ops {
        push(&mut changes, op, token);
    }
    cleanup(normalize(changes))
}

/// How many separate changes a comparison holds: maximal runs of deletions
/// and insertions. A reader's measure of how scattered a diff is.
pub fn change_runs(changes: &[Change]) -> usize {
    let mut runs = 0;
    let mut in_run = false;
    for c in changes {
        match c {
            Change::Equal(_) => in_run = false,
            _ if !in_run => {
                runs += 1;
                in_run = true;
            }
            _ => {}
        }
    }
    runs
}

/// The old text of a comparison.
pub fn old_text(changes: &[Change]) -> String {
    changes
        .iter()
        .filter(|c| !matches!(c, Change::Insert(_)))
        .map(Change::text)
        .collect()
}

/// The new text of a comparison.
pub fn new_text(changes: &[Change]) -> String {
    changes
        .iter()
        .filter(|c| !matches!(c, Change::Delete(_)))
        .map(Change::text)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal,
    Delete,
    Insert,
}

fn push(changes: &mut Vec<Change>, op: Op, text: &str) {
    match (changes.last_mut(), op) {
        (Some(Change::Equal(t)), Op::Equal)
        | (Some(Change::Delete(t)), Op::Delete)
        | (Some(Change::Insert(t)), Op::Insert) => t.push_str(text),
        _ => changes.push(match op {
            Op::Equal => Change::Equal(text.to_owned()),
            Op::Delete => Change::Delete(text.to_owned()),
            Op::Insert => Change::Insert(text.to_owned()),
        }),
    }
}

// ---- Tokens ------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Han,
    Hiragana,
    Katakana,
    Word,
    Other,
}

fn class(c: char) -> Class {
    // The common letters first: the general tests below look them up in
    // Unicode's tables.
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        };
    }
    match crate::script::script(c) {
        Script::Han => Class::Han,
        Script::Hiragana => Class::Hiragana,
        Script::Katakana => Class::Katakana,
        // Hangul syllables, all letters.
        Script::Hangul if ('\u{AC00}'..='\u{D7A3}').contains(&c) => Class::Word,
        _ if c.is_whitespace() => Class::Space,
        _ if c.is_alphanumeric() => Class::Word,
        _ => Class::Other,
    }
}

/// Cuts a text into tokens: runs of one class, except that punctuation and
/// symbols stand alone. Tokens are whole grapheme clusters.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (s, _) in crate::script::clusters(text) {
        let first = text[s..].chars().next().unwrap_or(' ');
        let c = class(first);
        let continues = current == Some(c) && c != Class::Other;
        if !continues && s > start {
            out.push(&text[start..s]);
            start = s;
        }
        current = Some(c);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

// ---- Hashing -----------------------------------------------------------------

/// A fast hash for texts compared within one build: a multiply-and-rotate
/// of eight bytes at a time (the hash rustc uses for its own tables).
/// Comparisons hash every token and every compared text, and the keys are
/// the site's own words, so there is no adversary to defend against and
/// SipHash's cost buys nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl TextHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves a word's high bits out of the product's low
        // bits, which pick the table slot: fold them in.
        let h = self.0 ^ (self.0 >> 33);
        h.wrapping_mul(0xff51_afd7_ed55_8ccd) ^ (h >> 29)
    }
}

/// Builds [`TextHasher`]s for a `HashMap`.
pub type BuildTextHasher = std::hash::BuildHasherDefault<TextHasher>;

// ---- Myers -------------------------------------------------------------------

/// Beyond this many differences, the texts are shown as one replacement:
/// past that point a finer comparison would not be readable, and the
/// comparison's time stays bounded whatever the input. Its memory grows
/// with the square of the distance actually found (about 16 MB at 2,000),
/// and stays linear for a rewrite past the bound.
const MAX_EDIT_DISTANCE: usize = 2_000;

/// Token counts (both texts together) up to which the trace is kept from
/// the start: at most this many steps of at most this many diagonals.
const SHORT_TEXT: isize = 500;

/// How many items two sequences share at their start, and then at their
/// end (not overlapping the start).
pub(crate) fn common_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// Myers' O(ND) comparison of token sequences, with the common prefix and
/// suffix taken off first.
fn myers<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(Op, &'a str)> {
    let (prefix, suffix) = common_ends(a, b);
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<(Op, &str)> = a[..prefix].iter().map(|t| (Op::Equal, *t)).collect();
    // Tokens are compared as numbers: equal tokens get the same one.
    let mut numbers: std::collections::HashMap<&str, u32, BuildTextHasher> =
        std::collections::HashMap::with_capacity_and_hasher(
            ma.len() + mb.len(),
            BuildTextHasher::default(),
        );
    let mut texts: Vec<&str> = Vec::with_capacity(ma.len() + mb.len());
    let mut number = |t: &&'a str| {
        *numbers.entry(*t).or_insert_with(|| {
            texts.push(*t);
            u32::try_from(texts.len() - 1).unwrap_or(u32::MAX)
        })
    };
    let (na, nb): (Vec<u32>, Vec<u32>) = (
        ma.iter().map(&mut number).collect(),
        mb.iter().map(&mut number).collect(),
    );
    ops.extend(
        middle(&na, &nb)
            .into_iter()
            .map(|(op, n)| (op, texts[n as usize])),
    );
    ops.extend(a[a.len() - suffix..].iter().map(|t| (Op::Equal, *t)));
    ops
}

/// The number of insertions and deletions that turn `a` into `b`, if it is
/// at most `max`: Myers' forward pass alone, in memory linear in `max`.
fn edit_distance_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let max = max as isize;
    let offset = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    for d in 0..=max {
        if step(a, b, &mut v, d, offset) {
            return Some(d as usize);
        }
    }
    None
}

/// One step of Myers' forward pass: the furthest reach on each diagonal
/// with `d` differences, in `v` (diagonal `k` at `k + offset`). Whether
/// the end of both texts was reached.
fn step<T: PartialEq>(a: &[T], b: &[T], v: &mut [isize], d: isize, offset: isize) -> bool {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let mut k = -d;
    while k <= d {
        let idx = (k + offset) as usize;
        let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
            v[idx + 1]
        } else {
            v[idx - 1] + 1
        };
        let y = x - k;
        // The snake: equal tokens along the diagonal (most often none).
        if x < n && y < m && a[x as usize] == b[y as usize] {
            x += a[x as usize..]
                .iter()
                .zip(&b[y as usize..])
                .take_while(|(p, q)| p == q)
                .count() as isize;
        }
        let y = x - k;
        v[idx] = x;
        if x >= n && y >= m {
            return true;
        }
        k += 2;
    }
    false
}

fn middle<T: Copy + PartialEq>(a: &[T], b: &[T]) -> Vec<(Op, T)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        let mut ops: Vec<(Op, T)> = a.iter().map(|t| (Op::Delete, *t)).collect();
        ops.extend(b.iter().map(|t| (Op::Insert, *t)));
        return ops;
    }
    // For long texts, how far apart they are is found first without the
    // trace (whose memory grows with the square of the distance): a
    // rewrite past the bound becomes one replacement without ever keeping
    // it, and the trace below is kept only as far as the distance found.
    // A short text's trace is small whatever happens (under 1 MB), so it
    // is not compared twice.
    let bound = ((n + m) as usize).min(MAX_EDIT_DISTANCE);
    let distance = if n + m <= SHORT_TEXT {
        Some(bound)
    } else {
        edit_distance_within(a, b, bound)
    };
    let Some(distance) = distance else {
        let mut ops: Vec<(Op, T)> = a.iter().map(|t| (Op::Delete, *t)).collect();
        ops.extend(b.iter().map(|t| (Op::Insert, *t)));
        return ops;
    };
    let max = distance as isize;
    let offset = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    // Positions fit in 32 bits (texts are at most a few MB), halving the trace.
    // Each step's diagonals, one after another in one allocation; step
    // `d` starts at `starts[d]`.
    // Room for the whole trace, or for 128 KB of it: growing it step by
    // step copied it over and over.
    let mut trace: Vec<u32> = Vec::with_capacity((((max + 2) * (max + 2)) as usize).min(1 << 15));
    let mut starts: Vec<usize> = Vec::with_capacity(max as usize + 1);
    let mut found = None;
    for d in 0..=max {
        // Only diagonals -(d+1)..=d+1 are read when walking back from step d.
        let lo = (offset - d - 1).max(0) as usize;
        let hi = ((offset + d + 1) as usize).min(v.len() - 1);
        starts.push(trace.len());
        trace.extend(v[lo..=hi].iter().map(|&x| x.max(0) as u32));
        if step(a, b, &mut v, d, offset) {
            found = Some(d);
            break;
        }
    }
    // The forward pass above found the distance, so this pass ends there.
    let Some(d_final) = found else {
        let mut ops: Vec<(Op, T)> = a.iter().map(|t| (Op::Delete, *t)).collect();
        ops.extend(b.iter().map(|t| (Op::Insert, *t)));
        return ops;
    };
    // Walk back through the trace.
    let mut ops = Vec::with_capacity(a.len() + b.len());
    let (mut x, mut y) = (n, m);
    for d in (1..=d_final).rev() {
        let saved = &trace[starts[d as usize]..];
        // `saved` starts at diagonal -(d+1).
        let at = |k: isize| saved[(k + d + 1) as usize] as isize;
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push((Op::Equal, a[x as usize]));
        }
        if x == prev_x {
            y -= 1;
            ops.push((Op::Insert, b[y as usize]));
        } else {
            x -= 1;
            ops.push((Op::Delete, a[x as usize]));
        }
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push((Op::Equal, a[x as usize]));
    }
    ops.reverse();
    ops
}

// ---- Clean-up ----------------------------------------------------------------

/// Punctuation that ends a clause, sentence or quotation: a change is not
/// extended across it.
fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '\u{3000}'
            | '，'
            | '．'
            | '；'
            | '：'
            | '！'
            | '？'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '\n'
    )
}

/// Puts each run of changes in the order deletion, insertion, and merges
/// neighbours of the same kind.
fn normalize(changes: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    let mut del = String::new();
    let mut ins = String::new();
    let flush = |out: &mut Vec<Change>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Change::Delete(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Change::Insert(std::mem::take(ins)));
        }
    };
    for c in changes {
        match c {
            Change::Delete(t) => del.push_str(&t),
            Change::Insert(t) => ins.push_str(&t),
            Change::Equal(t) => {
                flush(&mut out, &mut del, &mut ins);
                if t.is_empty() {
                    continue;
                }
                if let Some(Change::Equal(prev)) = out.last_mut() {
                    prev.push_str(&t);
                } else {
                    out.push(Change::Equal(t));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// Folds a short unchanged stretch between two changes into them, when it is
/// no longer than the larger side of the change on each side of it and holds
/// no boundary punctuation (diff-match-patch's semantic clean-up, with CJK
/// punctuation as boundaries).
fn cleanup(mut changes: Vec<Change>) -> Vec<Change> {
    loop {
        let mut folded = false;
        let mut i = 0;
        while i < changes.len() {
            let Change::Equal(eq) = &changes[i] else {
                i += 1;
                continue;
            };
            let (before, after) = (
                edit_sizes(&changes[..i], true),
                edit_sizes(&changes[i + 1..], false),
            );
            let len = eq.chars().count();
            let foldable = before > 0
                && after > 0
                && len <= before
                && len <= after
                && !eq.chars().any(is_boundary);
            if !foldable {
                i += 1;
                continue;
            }
            let eq = eq.clone();
            // Everything from the change before to the change after becomes one run.
            let start = run_start(&changes, i);
            let end = run_end(&changes, i);
            let (mut del, mut ins) = (String::new(), String::new());
            for c in &changes[start..=end] {
                match c {
                    Change::Delete(t) => del.push_str(t),
                    Change::Insert(t) => ins.push_str(t),
                    Change::Equal(t) => {
                        debug_assert_eq!(t, &eq);
                        del.push_str(t);
                        ins.push_str(t);
                    }
                }
            }
            let mut replacement = Vec::new();
            if !del.is_empty() {
                replacement.push(Change::Delete(del));
            }
            if !ins.is_empty() {
                replacement.push(Change::Insert(ins));
            }
            changes.splice(start..=end, replacement);
            folded = true;
            i = start;
        }
        if !folded {
            return normalize(changes);
        }
    }
}

/// The larger side (in characters) of the run of changes next to position
/// `at`: the run ending just before it (`before`) or starting just after it.
fn edit_sizes(side: &[Change], before: bool) -> usize {
    let (mut del, mut ins) = (0, 0);
    let mut count = |c: &Change| match c {
        Change::Delete(t) => del += t.chars().count(),
        Change::Insert(t) => ins += t.chars().count(),
        Change::Equal(_) => {}
    };
    let not_equal = |c: &&Change| !matches!(c, Change::Equal(_));
    if before {
        side.iter().rev().take_while(not_equal).for_each(&mut count);
    } else {
        side.iter().take_while(not_equal).for_each(&mut count);
    }
    del.max(ins)
}

fn run_start(changes: &[Change], equal_at: usize) -> usize {
    let mut s = equal_at;
    while s > 0 && !matches!(changes[s - 1], Change::Equal(_)) {
        s -= 1;
    }
    s
}

fn run_end(changes: &[Change], equal_at: usize) -> usize {
    let mut e = equal_at;
    while e + 1 < changes.len() && !matches!(changes[e + 1], Change::Equal(_)) {
        e += 1;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_bound_a_rewrite_is_one_replacement() {
        // Two long paragraphs with no word in common: more differences than
        // the bound, shown as one deletion and one insertion.
        let old: String = (0..3_000).map(|i| format!("old{i} ")).collect();
        let new: String = (0..3_000).map(|i| format!("new{i} ")).collect();
        let changes = middle(
            &old.split(' ').collect::<Vec<_>>(),
            &new.split(' ').collect::<Vec<_>>(),
        );
        let kinds: Vec<Op> = changes.iter().map(|(op, _)| *op).collect();
        let deletes = kinds.iter().take_while(|op| **op == Op::Delete).count();
        assert!(deletes >= 3_000, "{deletes}");
        assert!(
            kinds[deletes..]
                .iter()
                .all(|op| *op == Op::Insert || *op == Op::Equal)
        );
    }

    fn show(changes: &[Change]) -> String {
        changes
            .iter()
            .map(|c| match c {
                Change::Equal(t) => t.clone(),
                Change::Delete(t) => format!("[-{t}-]"),
                Change::Insert(t) => format!("{{+{t}+}}"),
            })
            .collect()
    }

    #[test]
    fn english_changes_by_words() {
        let d = diff(
            "We keep records for three years.",
            "We keep records for five years.",
        );
        assert_eq!(show(&d), "We keep records for [-three-]{+five+} years.");
    }

    #[test]
    fn a_rewritten_english_phrase_is_one_change() {
        let d = diff(
            "We delete your data when you ask us to.",
            "We erase your information once you request it.",
        );
        assert_eq!(change_runs(&d), 1, "{}", show(&d));
    }

    #[test]
    fn korean_changes_by_words() {
        let d = diff(
            "문의 기록은 3년간 보관합니다.",
            "문의 기록은 5년간 보관합니다.",
        );
        assert_eq!(show(&d), "문의 기록은 [-3년간-]{+5년간+} 보관합니다.");
    }

    #[test]
    fn a_rewritten_japanese_phrase_is_one_deletion_and_one_insertion() {
        let old = "当社は、お問い合わせの記録を1年間保存します。";
        let new = "当社は、お問い合わせの内容を3年間保管します。";
        let d = diff(old, new);
        assert_eq!(change_runs(&d), 1, "{}", show(&d));
        assert_eq!(
            show(&d),
            "当社は、お問い合わせの[-記録を1年間保存-]{+内容を3年間保管+}します。"
        );
    }

    #[test]
    fn japanese_changes_in_different_clauses_stay_apart() {
        let old = "当社は、氏名を取得し、住所を利用します。";
        let new = "当社は、名前を取得し、所在地を利用します。";
        let d = diff(old, new);
        assert_eq!(change_runs(&d), 2, "{}", show(&d));
        // A per-character comparison would scatter single characters.
        assert!(
            d.iter()
                .all(|c| !matches!(c, Change::Delete(t) if t.chars().count() == 1)),
            "{}",
            show(&d)
        );
    }

    #[test]
    fn a_small_japanese_edit_stays_small() {
        let d = diff(
            "保存期間は30日以内とします。",
            "保存期間は14日以内とします。",
        );
        assert_eq!(show(&d), "保存期間は[-30-]{+14+}日以内とします。");
    }

    #[test]
    fn grapheme_clusters_are_never_split() {
        let old = "家族👨‍👩‍👧で、が゚を変更";
        let new = "家族👨‍👩‍👦で、か゚を変更";
        let d = diff(old, new);
        assert_eq!(old_text(&d), old);
        assert_eq!(new_text(&d), new);
        assert_cluster_boundaries(&d, old, new);
    }

    /// Every piece of a comparison starts and ends where a grapheme
    /// cluster of its text does.
    fn assert_cluster_boundaries(d: &[Change], old: &str, new: &str) {
        let bounds = |text: &str| -> std::collections::BTreeSet<usize> {
            crate::script::clusters(text)
                .flat_map(|(s, e)| [s, e])
                .chain([0])
                .collect()
        };
        let (old_bounds, new_bounds) = (bounds(old), bounds(new));
        let (mut at_old, mut at_new) = (0, 0);
        for c in d {
            let len = c.text().len();
            match c {
                Change::Equal(_) => {
                    at_old += len;
                    at_new += len;
                }
                Change::Delete(_) => at_old += len,
                Change::Insert(_) => at_new += len,
            }
            assert!(
                old_bounds.contains(&at_old) && new_bounds.contains(&at_new),
                "a piece ends inside a cluster: {c:?} in {d:?}"
            );
        }
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(diff("", ""), vec![]);
        assert_eq!(diff("a", "a"), vec![Change::Equal("a".into())]);
        assert_eq!(diff("", "new"), vec![Change::Insert("new".into())]);
        assert_eq!(diff("old", ""), vec![Change::Delete("old".into())]);
    }

    /// A small deterministic generator, so the property test needs no crate
    /// and fails the same way every time.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const ALPHABETS: [&[&str]; 4] = [
        &[
            "個人",
            "情報",
            "を",
            "は",
            "、",
            "。",
            "「",
            "」",
            "保存",
            "します",
            "データ",
            "３",
            "年間",
            "　",
            "が゚",
        ],
        &[
            "개인정보",
            "를",
            " ",
            "보관",
            "합니다",
            ".",
            "3년간",
            "5년간",
            "회사",
            "는",
            "(",
            ")",
        ],
        &[
            "we", " ", "keep", "data", "for", "three", "years", ".", ",", "you", "may", "ask", "(",
            ")",
        ],
        &["👨‍👩‍👧", "é", "e\u{301}", "🇯🇵", "A", " ", "。", "x"],
    ];

    fn text(rng: &mut Rng, alphabet: &[&str], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect()
    }

    fn edit(rng: &mut Rng, alphabet: &[&str], base: &str) -> String {
        let pieces: Vec<&str> = tokens(base);
        let mut out = String::new();
        for p in pieces {
            match rng.below(10) {
                0 => {}
                1 => out.push_str(alphabet[rng.below(alphabet.len())]),
                2 => {
                    out.push_str(p);
                    out.push_str(alphabet[rng.below(alphabet.len())]);
                }
                _ => out.push_str(p),
            }
        }
        out
    }

    #[test]
    fn property_the_diff_reconstructs_both_texts() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for case in 0..3_000 {
            let alphabet = ALPHABETS[case % ALPHABETS.len()];
            let len = rng.below(40);
            let old = text(&mut rng, alphabet, len);
            let new = if rng.below(4) == 0 {
                let len = rng.below(40);
                text(&mut rng, alphabet, len)
            } else {
                edit(&mut rng, alphabet, &old)
            };
            let d = diff(&old, &new);
            assert_eq!(old_text(&d), old, "case {case}");
            assert_eq!(new_text(&d), new, "case {case}");
            // Pieces alternate properly: no empty piece, no two equal neighbours,
            // and a deletion never follows an insertion in one run.
            for w in d.windows(2) {
                assert!(
                    !matches!((&w[0], &w[1]), (Change::Equal(_), Change::Equal(_))),
                    "case {case}"
                );
                assert!(
                    !matches!((&w[0], &w[1]), (Change::Insert(_), Change::Delete(_))),
                    "case {case}"
                );
            }
            assert!(d.iter().all(|c| !c.text().is_empty()), "case {case}");
            // No piece begins inside a grapheme cluster.
            assert_cluster_boundaries(&d, &old, &new);
        }
    }
}
