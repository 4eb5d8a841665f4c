//! What charta knows about writing systems, in one place: which characters
//! are Han, kana or Hangul, how wide a character is in a terminal, where
//! grapheme clusters end, and which languages are written right to left.
//!
//! Widths and clusters come from `unicode-width` and `unicode-segmentation`
//! (the Unicode tables, kept current by their maintainers); the script
//! ranges below are the Unicode blocks of each script, and every caller asks
//! here rather than keeping a table of its own.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The writing systems whose text is not divided by spaces, which the
/// comparison of texts and Markdown's emphasis rules treat apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Han ideographs (kanji, hanja), with the iteration marks 々 〆 〇.
    Han,
    /// Hiragana.
    Hiragana,
    /// Katakana, with the prolonged sound mark and half-width forms.
    Katakana,
    /// Hangul syllables and jamo.
    Hangul,
    /// Any other.
    Other,
}

/// The script of a character.
pub fn script(c: char) -> Script {
    match c as u32 {
        0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF => Script::Han,
        0x3041..=0x309F => Script::Hiragana,
        0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Katakana,
        0x1100..=0x11FF
        | 0x3131..=0x318E
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xD7B0..=0xD7FF
        | 0xFFA0..=0xFFDC => Script::Hangul,
        _ => Script::Other,
    }
}

/// Whether a character belongs to Chinese, Japanese or Korean text: a Han,
/// kana or Hangul character, or a wide or full-width punctuation mark or
/// form (`、` `。` `「` `（`). Emoji are wide but not CJK.
pub fn is_cjk(c: char) -> bool {
    script(c) != Script::Other
        || (c.width() == Some(2) && !(0x1F000..0x20000).contains(&(c as u32)))
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Terminal columns a text takes: wide East Asian characters count twice,
/// so that carets line up under Japanese and Korean source lines.
pub fn display_width(text: &str) -> usize {
    text.width()
}

/// Byte ranges of the text's extended grapheme clusters (UAX #29): what a
/// reader sees as one character, such as a letter with its accents, a
/// Hangul syllable from jamo, or an emoji sequence.
pub fn clusters(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // Most policy text is made only of characters that are always a
    // cluster of their own; it is cut by character, which is several
    // times faster than the full segmentation rules.
    let simple = text.chars().all(is_own_cluster);
    let mut by_char = simple.then(|| text.char_indices());
    let mut by_rules = (!simple).then(|| text.grapheme_indices(true));
    std::iter::from_fn(move || {
        if let Some(chars) = &mut by_char {
            return chars.next().map(|(s, c)| (s, s + c.len_utf8()));
        }
        let (s, cluster) = by_rules.as_mut()?.next()?;
        Some((s, s + cluster.len()))
    })
}

/// Whether a character is a grapheme cluster of its own next to any other
/// such character: no rule of UAX #29 joins it to its neighbours (it is
/// not a combining mark, joiner, spacing mark, jamo, regional indicator or
/// prepended mark, and not the CR of a CR LF). ASCII, Latin-1, common
/// punctuation, CJK punctuation, kana, ideographs, full-width forms and
/// Hangul syllables, less the combining marks among them.
fn is_own_cluster(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x0C
        | 0x0E..=0x7F
        | 0xA0..=0xFF
        | 0x2010..=0x2027
        | 0x3000..=0x3029
        | 0x3030..=0x3098
        | 0x309B..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3
        | 0xFF01..=0xFF60)
}

/// Which way a language's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu …).
    Rtl,
}

impl Direction {
    /// The value of HTML's `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The direction of a language, from its BCP 47 tag: a script subtag
/// decides (`pa-Arab` runs right to left, `ku-Latn` left to right);
/// otherwise the language's usual script does.
pub fn direction(tag: &str) -> Direction {
    const RTL_SCRIPTS: &[&str] = &["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"];
    const RTL_LANGUAGES: &[&str] = &[
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi",
    ];
    let mut subtags = tag.split(['-', '_']);
    let language = subtags.next().unwrap_or_default().to_ascii_lowercase();
    for subtag in subtags {
        if subtag.len() == 4 && subtag.chars().all(|c| c.is_ascii_alphabetic()) {
            let script = subtag.to_ascii_lowercase();
            return if RTL_SCRIPTS.contains(&script.as_str()) {
                Direction::Rtl
            } else {
                Direction::Ltr
            };
        }
    }
    if RTL_LANGUAGES.contains(&language.as_str()) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_of_their_own_are_cut_as_the_full_rules_cut_them() {
        let own: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| is_own_cluster(*c))
            .collect();
        // Every such character between two others, against the rules.
        let neighbours = ['a', '\n', 'é', '。', 'あ', 'ア', '漢', '한', '！', ' '];
        for (i, c) in own.iter().enumerate() {
            let n = neighbours[i % neighbours.len()];
            let text = format!("{n}{c}{n}{c}");
            assert_eq!(
                text.graphemes(true).count(),
                4,
                "U+{:04X} joins a neighbour",
                *c as u32
            );
        }
        // The cut itself, and a text that needs the full rules.
        for text in [
            "第1条（個人情報）お客様の「氏名」、住所 and e-mail — 개인정보를 처리합니다.",
            "e\u{301}te\u{301} 👩‍👩‍👧 か\u{3099} 한\u{11A8} \r\n🇯🇵",
        ] {
            let rules: Vec<(usize, usize)> = text
                .grapheme_indices(true)
                .map(|(s, g)| (s, s + g.len()))
                .collect();
            assert_eq!(clusters(text).collect::<Vec<_>>(), rules, "{text}");
        }
    }

    #[test]
    fn scripts_of_japanese_and_korean_text() {
        let of = |text: &str| text.chars().map(script).collect::<Vec<_>>();
        use Script::*;
        assert_eq!(of("個人情報"), [Han; 4]);
        assert_eq!(of("々"), [Han]);
        assert_eq!(of("です"), [Hiragana; 2]);
        assert_eq!(of("データ"), [Katakana; 3]);
        assert_eq!(of("ｶﾀ"), [Katakana; 2]);
        assert_eq!(of("개인정보힣"), [Hangul; 5]);
        assert_eq!(of("a1 é"), [Other; 4]);
    }

    #[test]
    fn cjk_covers_punctuation_and_full_width_forms_but_not_emoji() {
        for c in ['、', '。', '「', '（', '！', '한', 'ア', '字'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '.', '(', '😀', 'é', 'ا'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn widths_count_east_asian_characters_twice() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("個人情報"), 8);
        assert_eq!(display_width("개인"), 4);
        assert_eq!(display_width("ｶﾀｶﾅ"), 4);
    }

    #[test]
    fn clusters_keep_combining_marks_jamo_and_emoji_sequences_whole() {
        let pieces = |text: &'static str| -> Vec<&'static str> {
            clusters(text).map(|(s, e)| &text[s..e]).collect()
        };
        assert_eq!(pieces("e\u{301}a"), ["e\u{301}", "a"]);
        // A syllable written as three jamo.
        assert_eq!(
            pieces("\u{1100}\u{1161}\u{11A8}"),
            ["\u{1100}\u{1161}\u{11A8}"]
        );
        assert_eq!(pieces("👩\u{200D}💻!"), ["👩\u{200D}💻", "!"]);
        assert_eq!(pieces("🇯🇵🇰🇷"), ["🇯🇵", "🇰🇷"]);
    }

    #[test]
    fn right_to_left_languages_and_scripts() {
        for tag in ["ar", "he", "fa", "ur", "ar-EG", "pa-Arab", "yi"] {
            assert_eq!(direction(tag), Direction::Rtl, "{tag}");
        }
        for tag in ["ja", "ko", "en", "de", "ku-Latn", "az-Cyrl", "zh-Hant"] {
            assert_eq!(direction(tag), Direction::Ltr, "{tag}");
        }
    }
}
