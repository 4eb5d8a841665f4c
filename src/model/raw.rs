//! The YAML as written, before validation.
//!
//! These types mirror the files one to one so that serde-saphyr can point at
//! the exact line and column of a wrong key or type. Ids and message
//! references are `Spanned`, so later checks (duplicate id, missing message)
//! can point there too.

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// `content/site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    pub base_url: Spanned<String>,
    pub languages: Vec<Spanned<String>>,
    pub documents: Vec<Spanned<String>>,
    #[serde(default)]
    pub theme: Option<Spanned<String>>,
    #[serde(default)]
    pub diffs: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub fallback: Option<Spanned<String>>,
    #[serde(default)]
    pub time_zone: Option<Spanned<String>>,
    #[serde(default)]
    pub pdf: bool,
}

/// `content/<doc>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: Spanned<RawValue>,
    pub effective: Spanned<String>,
    #[serde(default)]
    pub numbering: Option<Spanned<String>>,
    #[serde(default)]
    pub preamble: Vec<RawBlock>,
    pub sections: Vec<RawSection>,
}

/// One section of a document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub title: Spanned<RawValue>,
    #[serde(default)]
    pub body: Vec<RawBlock>,
}

/// One block of a section's body, written as a one-key mapping (`- p: id`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawBlock {
    P(Spanned<RawValue>),
    Clauses(Vec<RawClause>),
    List(Vec<Spanned<RawValue>>),
    Ordered(Vec<Spanned<RawValue>>),
    Table(RawTable),
    Contact(Vec<RawContactEntry>),
}

/// A numbered clause.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClause {
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub p: Option<Spanned<RawValue>>,
    /// The message naming the term this clause defines.
    #[serde(default)]
    pub defines: Option<Spanned<RawValue>>,
    #[serde(default)]
    pub body: Vec<RawBlock>,
}

/// A table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    #[serde(default)]
    pub caption: Option<Spanned<RawValue>>,
    #[serde(default)]
    pub row_headers: bool,
    pub head: Spanned<Vec<Spanned<RawValue>>>,
    pub rows: Vec<Spanned<Vec<Spanned<RawValue>>>>,
}

/// One line of a contact block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContactEntry {
    pub term: Spanned<RawValue>,
    pub value: Spanned<RawValue>,
}

/// Anything that stands for words: a message id, a literal, an empty cell, a
/// list inside a cell, or a list item with a bold lead-in. Which of these is
/// allowed depends on where it appears; the model checks that.
#[derive(Debug)]
pub enum RawValue {
    /// `~`: an empty table cell.
    Empty,
    /// A message id.
    Message(String),
    /// `{ email: … }`, `{ phone: … }`, `{ url: … }` or `{ literal: … }`.
    Literal { kind: String, value: String },
    /// `{ list: [ … ] }`.
    List(Vec<Spanned<RawValue>>),
    /// `{ lead: …, text: …, items: [ … ] }`.
    Item {
        lead: Option<Box<Spanned<RawValue>>>,
        text: Option<Box<Spanned<RawValue>>>,
        items: Vec<Spanned<RawValue>>,
    },
}

/// Keys a literal may have.
pub const LITERAL_KINDS: &[&str] = &["email", "phone", "url", "literal"];
/// Every key a value's mapping may have, for "expected one of" messages.
const VALUE_KEYS: &[&str] = &[
    "lead", "text", "items", "list", "email", "phone", "url", "literal",
];

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawValueVisitor)
    }
}

struct RawValueVisitor;

impl<'de> Visitor<'de> for RawValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message id, or a literal such as `{ email: privacy@example.com }`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Message(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Empty)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<RawValue, A::Error> {
        Err(de::Error::custom(
            "expected a message id here, not a list; a list inside a table cell is written `{ list: [ … ] }`",
        ))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "expected a message id, found an empty mapping `{}`",
            ));
        };
        if LITERAL_KINDS.contains(&first.as_str()) {
            let value = map.next_value::<String>()?;
            if let Some(extra) = map.next_key::<String>()? {
                return Err(de::Error::custom(format!(
                    "a literal has exactly one key (`{first}`), found also `{extra}`"
                )));
            }
            return Ok(RawValue::Literal { kind: first, value });
        }
        if first == "list" {
            let items = map.next_value::<Vec<Spanned<RawValue>>>()?;
            if let Some(extra) = map.next_key::<String>()? {
                return Err(de::Error::custom(format!(
                    "`list` stands alone in a cell, found also `{extra}`"
                )));
            }
            return Ok(RawValue::List(items));
        }
        let (mut lead, mut text, mut items) = (None, None, Vec::new());
        let mut key = Some(first);
        while let Some(k) = key {
            match k.as_str() {
                "lead" if lead.is_none() => lead = Some(Box::new(map.next_value()?)),
                "text" if text.is_none() => text = Some(Box::new(map.next_value()?)),
                "items" if items.is_empty() => items = map.next_value()?,
                "lead" | "text" | "items" => {
                    return Err(de::Error::custom(format!("duplicate key `{k}`")));
                }
                // Blocks inside a numbered item are what clauses are for.
                "body" | "p" => {
                    return Err(de::Error::custom(format!(
                        "a list item holds `text` (and `lead`, `items`), not `{k}`; numbered paragraphs \
                         that hold tables, lists or more paragraphs are `clauses:`, whose items have `p:` and `body:`"
                    )));
                }
                _ => return Err(de::Error::unknown_field(&k, VALUE_KEYS)),
            }
            key = map.next_key::<String>()?;
        }
        Ok(RawValue::Item { lead, text, items })
    }
}
