//! JSON Schemas of the YAML files, so that editors complete keys and flag
//! mistakes while the legal team types.
//!
//! The schemas live in `schema/` (where the example's YAML files point with a
//! `yaml-language-server` modeline) and are built into the binary for
//! `charta schema` and `charta new`.

/// The schema of a document's structure (`content/<doc>.yaml`).
pub const DOCUMENT: &str = include_str!("../schema/document.schema.json");

/// The schema of the site settings (`content/site.yaml`).
pub const SITE: &str = include_str!("../schema/site.schema.json");

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(|v| v.as_object())
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    #[test]
    fn schemas_are_json_and_name_every_key_the_model_reads() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
        let site: serde_json::Value = serde_json::from_str(SITE).unwrap();
        // The keys of `model::raw`, which rejects any other.
        assert_eq!(
            keys(&doc, "/properties"),
            ["effective", "numbering", "preamble", "sections", "title"]
        );
        assert_eq!(
            keys(&doc, "/$defs/section/properties"),
            ["aliases", "body", "id", "title"]
        );
        assert_eq!(
            keys(&doc, "/$defs/block/properties"),
            ["clauses", "contact", "list", "ordered", "p", "table"]
        );
        assert_eq!(
            keys(&doc, "/$defs/clause/properties"),
            ["aliases", "body", "defines", "id", "p"]
        );
        assert_eq!(
            keys(&doc, "/$defs/table/properties"),
            ["caption", "head", "row_headers", "rows"]
        );
        assert_eq!(
            keys(&doc, "/$defs/literal/properties"),
            ["email", "literal", "phone", "url"]
        );
        assert_eq!(
            keys(&site, "/properties"),
            [
                "base_url",
                "diffs",
                "documents",
                "fallback",
                "languages",
                "pdf",
                "theme",
                "time_zone"
            ]
        );
    }
}
