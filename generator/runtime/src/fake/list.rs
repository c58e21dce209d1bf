//! Lists: the `filter[...]` parameters a fake understands, and pages by
//! number or by cursor.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::schema::Types;
use super::table::{CursorPaging, Field, NumberPaging, Resource, Shape};

/// The page size when neither the request nor the table gives one.
pub(crate) const DEFAULT_PAGE_SIZE: u64 = 20;

/// The largest page the fake serves, whatever was asked for.
const MAX_PAGE_SIZE: u64 = 10_000;

/// How a filter compares an object's value with the parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Equals,
    Contains,
    StartsWith,
    EndsWith,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

impl Match {
    fn from_suffix(suffix: &str) -> Option<Self> {
        Some(match suffix {
            "eq" => Self::Equals,
            "contains" => Self::Contains,
            "startswith" | "starts_with" | "prefix" => Self::StartsWith,
            "endswith" | "ends_with" | "suffix" => Self::EndsWith,
            "gt" => Self::Greater,
            "gte" => Self::GreaterOrEqual,
            "lt" => Self::Less,
            "lte" => Self::LessOrEqual,
            _ => return None,
        })
    }
}

/// One `filter[...]` parameter of a list request.
#[derive(Debug)]
pub(crate) struct Filter {
    /// The field, as a path of keys.
    path: Vec<String>,
    how: Match,
    value: String,
}

impl Filter {
    /// The filters of a query the resource's objects can be matched by:
    /// `filter[<field>]` (equality) and `filter[<field>][<how>]` (`contains`,
    /// `startswith`, `endswith`, `gt`, `gte`, `lt`, `lte`), where the field
    /// is a (dotted) field of the object type or the table maps the
    /// parameter to one. Others are ignored, as the table's docs say.
    ///
    /// `items` are the object types the list shows: the resource's own, and
    /// for a view those of the resources it shows (a filter applies when
    /// any of them has the field).
    pub(crate) fn parse_all(
        query: &[(String, String)],
        resource: &Resource,
        items: &[&str],
        types: &Types,
    ) -> Vec<Filter> {
        query
            .iter()
            .filter_map(|(name, value)| {
                let steps = brackets(name.strip_prefix("filter")?)?;
                let (how, field_steps) = match steps.split_last() {
                    Some((last, rest)) if !rest.is_empty() => match Match::from_suffix(last) {
                        Some(how) => (how, rest.to_vec()),
                        None => (Match::Equals, steps.clone()),
                    },
                    _ => (Match::Equals, steps.clone()),
                };
                let mapped = resource
                    .filters
                    .iter()
                    .find(|(param, _)| param == name)
                    .map(|(_, field)| (*field).to_owned());
                let dotted = mapped.unwrap_or_else(|| field_steps.join("."));
                let path: Vec<String> = dotted.split('.').map(str::to_owned).collect();
                let known = items.iter().any(|item| resolves(types, item, &path));
                known.then(|| Filter {
                    path,
                    how,
                    value: value.clone(),
                })
            })
            .collect()
    }

    pub(crate) fn matches(&self, object: &Value) -> bool {
        let mut current = object;
        for step in &self.path {
            match current.get(step) {
                Some(next) => current = next,
                None => return false,
            }
        }
        let text = match current {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            _ => return false,
        };
        let wanted = self.value.as_str();
        match self.how {
            Match::Equals => text == wanted,
            Match::Contains => text.contains(wanted),
            Match::StartsWith => text.starts_with(wanted),
            Match::EndsWith => text.ends_with(wanted),
            Match::Greater => compare(&text, wanted) == Some(Ordering::Greater),
            Match::GreaterOrEqual => compare(&text, wanted).is_some_and(Ordering::is_ge),
            Match::Less => compare(&text, wanted) == Some(Ordering::Less),
            Match::LessOrEqual => compare(&text, wanted).is_some_and(Ordering::is_le),
        }
    }
}

/// `[a][b]` as `["a", "b"]`.
fn brackets(text: &str) -> Option<Vec<String>> {
    let mut steps = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let (step, after) = inner.split_once(']')?;
        steps.push(step.to_owned());
        rest = after;
    }
    (!steps.is_empty()).then_some(steps)
}

/// Whether a field path exists in the object type.
fn resolves(types: &Types, item: &str, path: &[String]) -> bool {
    let mut fields: &[Field] = types.fields(item);
    for (index, step) in path.iter().enumerate() {
        let Some(field) = fields.iter().find(|field| field.name == step) else {
            return false;
        };
        if index + 1 == path.len() {
            return true;
        }
        fields = match field.shape {
            Shape::Named(name, _) => types.fields(name),
            _ => &[],
        };
    }
    false
}

/// Numbers as numbers, date-times as instants, anything else as text.
fn compare(value: &str, wanted: &str) -> Option<Ordering> {
    if let (Ok(a), Ok(b)) = (value.parse::<f64>(), wanted.parse::<f64>()) {
        return a.partial_cmp(&b);
    }
    if let (Ok(a), Ok(b)) = (
        value.parse::<jiff::Timestamp>(),
        wanted.parse::<jiff::Timestamp>(),
    ) {
        return Some(a.cmp(&b));
    }
    if let (Ok(a), Ok(b)) = (
        value.parse::<jiff::Timestamp>(),
        wanted.parse::<jiff::civil::Date>(),
    ) {
        let b = b.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
        return Some(a.cmp(&b));
    }
    Some(value.cmp(wanted))
}

/// Writes `value` at a dotted path, creating the objects on the way.
fn set_dotted(object: &mut Map<String, Value>, dotted: &str, value: Value) {
    let mut current = object;
    let mut steps = dotted.split('.').peekable();
    while let Some(step) = steps.next() {
        if steps.peek().is_none() {
            current.insert(step.to_owned(), value);
            return;
        }
        let next = current
            .entry(step.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        match next.as_object_mut() {
            Some(map) => current = map,
            None => return,
        }
    }
}

/// Page `number` (from 1) of `items`, `size` to a page.
pub(crate) fn numbered_page(
    paging: &NumberPaging,
    items: Vec<Value>,
    number: u64,
    size: u64,
) -> Value {
    let size = size.clamp(1, MAX_PAGE_SIZE);
    let number = number.max(1);
    let total = items.len() as u64;
    let pages = total.div_ceil(size).max(1);
    let start = usize::try_from((number - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    let page: Vec<Value> = items
        .into_iter()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(usize::MAX))
        .collect();
    let mut envelope = Map::new();
    envelope.insert(paging.items.to_owned(), Value::Array(page));
    set_dotted(&mut envelope, paging.page_number, Value::from(number));
    set_dotted(&mut envelope, paging.total_pages, Value::from(pages));
    if let Some(path) = paging.page_size {
        set_dotted(&mut envelope, path, Value::from(size));
    }
    if let Some(path) = paging.total_results {
        set_dotted(&mut envelope, path, Value::from(total));
    }
    Value::Object(envelope)
}

/// The page after `cursor` (or the first), `limit` to a page; `None` for a
/// cursor this fake did not issue.
pub(crate) fn cursor_page(
    paging: &CursorPaging,
    items: Vec<Value>,
    cursor: Option<&str>,
    limit: u64,
) -> Option<Value> {
    let start = match cursor {
        None | Some("") => 0,
        Some(cursor) => decode_cursor(cursor)?,
    };
    let limit = usize::try_from(limit.clamp(1, MAX_PAGE_SIZE)).unwrap_or(1);
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(start).take(limit).collect();
    let end = start.saturating_add(page.len());
    let mut envelope = Map::new();
    envelope.insert(paging.items.to_owned(), Value::Array(page));
    if end < total {
        set_dotted(
            &mut envelope,
            paging.next_cursor,
            Value::String(encode_cursor(end)),
        );
    }
    if let Some(path) = paging.total_results {
        set_dotted(&mut envelope, path, Value::from(total));
    }
    Some(Value::Object(envelope))
}

/// Cursors name the offset of the next item; opaque to clients.
fn encode_cursor(offset: usize) -> String {
    format!("fake-cursor-{offset:x}")
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    usize::from_str_radix(cursor.strip_prefix("fake-cursor-")?, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    static NUMBERED: NumberPaging = NumberPaging {
        envelope: "List",
        items: "data",
        page_param: "page[number]",
        size_param: Some("page[size]"),
        page_number: "meta.page_number",
        total_pages: "meta.total_pages",
        page_size: Some("meta.page_size"),
        total_results: Some("meta.total_results"),
    };

    static CURSOR: CursorPaging = CursorPaging {
        envelope: "CursorList",
        items: "data",
        cursor_param: "page[after]",
        limit_param: Some("page[limit]"),
        next_cursor: "meta.cursors.after",
        total_results: None,
    };

    fn items(n: u64) -> Vec<Value> {
        (0..n).map(|i| serde_json::json!({ "n": i })).collect()
    }

    #[test]
    fn numbered_pages_cut_the_list_and_fill_the_meta() {
        let page = numbered_page(&NUMBERED, items(5), 2, 2);
        assert_eq!(page["data"], serde_json::json!([{"n": 2}, {"n": 3}]));
        assert_eq!(
            page["meta"],
            serde_json::json!({"page_number": 2, "total_pages": 3, "page_size": 2, "total_results": 5})
        );
        let past = numbered_page(&NUMBERED, items(5), 9, 2);
        assert_eq!(past["data"], serde_json::json!([]));
    }

    #[test]
    fn cursors_walk_the_list_and_the_last_page_names_none() {
        let first = cursor_page(&CURSOR, items(3), None, 2);
        let first = first.as_ref();
        let after = first
            .and_then(|page| page["meta"]["cursors"]["after"].as_str())
            .map(str::to_owned);
        assert_eq!(
            first.map(|p| p["data"].clone()),
            Some(serde_json::json!([{"n": 0}, {"n": 1}]))
        );
        let last = cursor_page(&CURSOR, items(3), after.as_deref(), 2);
        assert_eq!(
            last.as_ref().map(|p| p["data"].clone()),
            Some(serde_json::json!([{"n": 2}]))
        );
        assert!(last.is_some_and(|p| p.get("meta").is_none()));
        assert!(cursor_page(&CURSOR, items(3), Some("made-up"), 2).is_none());
    }

    #[test]
    fn filter_parameters_name_the_field_and_the_comparison() {
        assert_eq!(
            brackets("[name][contains]"),
            Some(vec!["name".to_owned(), "contains".to_owned()])
        );
        assert_eq!(brackets("name"), None);
        let filter = Filter {
            path: vec!["outbound".to_owned(), "id".to_owned()],
            how: Match::Equals,
            value: "7".to_owned(),
        };
        assert!(filter.matches(&serde_json::json!({"outbound": {"id": 7}})));
        assert!(!filter.matches(&serde_json::json!({"outbound": {"id": 8}})));
        assert!(!filter.matches(&serde_json::json!({})));
        let after = Filter {
            path: vec!["at".to_owned()],
            how: Match::Greater,
            value: "2024-01-01T00:00:00Z".to_owned(),
        };
        assert!(after.matches(&serde_json::json!({"at": "2024-02-01T00:00:00Z"})));
        assert!(!after.matches(&serde_json::json!({"at": "2023-02-01T00:00:00Z"})));
    }
}
