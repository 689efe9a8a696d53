//! The response cache's key: the operation as the server understands it, not
//! as it was typed. Whitespace, commas and comments mean nothing in GraphQL,
//! so two requests differing only in those get the same key. The rest of the
//! key is the operation name and the variables in a canonical form (object
//! keys sorted), so their order in the request does not matter either.

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OperationKey {
    pub document: String,
    pub operation_name: Option<String>,
    pub variables: String,
}

impl OperationKey {
    pub fn new(query: &str, operation_name: Option<&str>, variables: &serde_json::Value) -> Self {
        let mut canonical = String::new();
        write_canonical(&mut canonical, variables);
        Self { document: normalize(query), operation_name: operation_name.map(str::to_owned), variables: canonical }
    }

    /// Bytes this key holds, for the cache's weigher.
    pub fn weight(&self) -> usize {
        self.document.len() + self.variables.len() + self.operation_name.as_ref().map_or(0, String::len)
    }
}

/// JSON with object keys sorted at every level.
fn write_canonical(out: &mut String, value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}:", serde_json::Value::String(key.clone()));
                write_canonical(out, value);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        scalar => {
            let _ = write!(out, "{scalar}");
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The query's tokens separated by one space only where two names (or
/// numbers) would otherwise run together. Strings (including block strings)
/// are copied as written; comments, commas and other whitespace are dropped.
/// A query that does not lex is returned as written: it will fail to parse,
/// and the error is not cached.
pub fn normalize(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut chars = query.char_indices().peekable();
    // Whether a separator is owed before the next name-like token.
    let mut pending_space = false;
    while let Some((start, c)) = chars.next() {
        match c {
            '#' => {
                while chars.next_if(|&(_, c)| c != '\n' && c != '\r').is_some() {}
                pending_space = true;
            }
            ',' | ' ' | '\t' | '\n' | '\r' | '\u{feff}' => pending_space = true,
            '"' => {
                let block = query[start..].starts_with("\"\"\"");
                let end = if block { block_string_end(query, start) } else { string_end(query, start) };
                let Some(end) = end else { return query.to_owned() };
                out.push_str(&query[start..end]);
                while chars.next_if(|&(i, _)| i < end).is_some() {}
                pending_space = false;
            }
            c => {
                if pending_space && is_name_char(c) && out.chars().last().is_some_and(is_name_char) {
                    out.push(' ');
                }
                out.push(c);
                pending_space = false;
            }
        }
    }
    out
}

/// End (exclusive) of the `"..."` string starting at `start`.
fn string_end(query: &str, start: usize) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in query[start + 1..].char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(start + 1 + i + 1),
            '\n' | '\r' => return None,
            _ => escaped = false,
        }
    }
    None
}

/// End (exclusive) of the `"""..."""` block string starting at `start`.
fn block_string_end(query: &str, start: usize) -> Option<usize> {
    let body = &query[start + 3..];
    let mut from = 0;
    while let Some(found) = body[from..].find("\"\"\"") {
        let at = from + found;
        if body[..at].ends_with('\\') {
            from = at + 3;
            continue;
        }
        return Some(start + 3 + at + 3);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whitespace_commas_and_comments_do_not_matter() {
        let a = "query Q($slug: String!) { role(slug: $slug) { title skills { slug name } } }";
        let b = "# the profile\nquery   Q( $slug : String! ) {\n  role(slug:$slug) {\n    title,\n    skills { slug, name } # names\n  }\n}\n";
        assert_eq!(normalize(a), normalize(b));
        assert_eq!(normalize(a), "query Q($slug:String!){role(slug:$slug){title skills{slug name}}}");
    }

    #[test]
    fn strings_are_kept_as_written() {
        assert_eq!(normalize(r#"{ search(query: "a  b, # c") { x } }"#), r#"{search(query:"a  b, # c"){x}}"#);
        assert_eq!(normalize(r#"{ f(s: "q\"  x") }"#), r#"{f(s:"q\"  x")}"#);
        assert_eq!(normalize("{ f(s: \"\"\"a ,\n b\"\"\") }"), "{f(s:\"\"\"a ,\n b\"\"\")}");
        assert_ne!(normalize(r#"{ f(s: "a b") }"#), normalize(r#"{ f(s: "a  b") }"#));
    }

    #[test]
    fn different_operations_keep_different_keys() {
        assert_ne!(normalize("{ a b }"), normalize("{ ab }"));
        assert_ne!(normalize("{ f(n: 1 2) }"), normalize("{ f(n: 12) }"));
        let vars = |v| OperationKey::new("{ a }", None, &v);
        assert_eq!(vars(json!({"a": 1, "b": {"d": 2, "c": 3}})), vars(json!({"b": {"c": 3, "d": 2}, "a": 1})));
        assert_ne!(vars(json!({"a": 1})), vars(json!({"a": 2})));
        assert_ne!(
            OperationKey::new("{ a }", Some("A"), &json!({})),
            OperationKey::new("{ a }", Some("B"), &json!({}))
        );
    }

    #[test]
    fn an_unterminated_string_is_left_alone() {
        assert_eq!(normalize("{ f(s: \"abc) }"), "{ f(s: \"abc) }");
    }
}
