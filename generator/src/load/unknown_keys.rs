//! Every unknown key of a file, not only the first.
//!
//! serde stops at the first key a `deny_unknown_fields` struct does not
//! know, so a curator who misspelt three keys would fix them in three runs.
//! When that happens, the file is read again as a plain YAML value and
//! deserialized with `serde_path_to_error` (which says where each error is);
//! each unknown key found is removed and the walk repeated, until the file
//! has no unknown key left or another kind of problem stops it. Each key is
//! then located in the file's position tree.

use serde_yaml::Value;

use super::locate::Segment;
use super::schema::SpecFile;

/// How many unknown keys one file may report; each costs a deserialization
/// of the whole file, so a file of nothing but typos stays cheap.
const MAX_UNKNOWN_KEYS: usize = 100;

/// An unknown key: where it is and serde's message about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// The path to the key, the key itself last.
    pub path: Vec<Segment>,
    /// serde's message, e.g. "unknown field `requird`, expected one of …".
    pub message: String,
}

/// The unknown keys of `text` in the order serde meets them, the first
/// [`MAX_UNKNOWN_KEYS`] at most. Empty when the text does not parse as
/// YAML, or when its first shape problem is not an unknown key.
pub fn find(text: &str) -> Vec<UnknownKey> {
    let Ok(mut value) = serde_yaml::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    while found.len() < MAX_UNKNOWN_KEYS {
        let Err(err) = serde_path_to_error::deserialize::<_, SpecFile>(&value) else {
            break;
        };
        let message = err.inner().to_string();
        let Some(key) = unknown_name(&message) else {
            break;
        };
        let mut path = segments(err.path());
        // Depending on where serde noticed, the path ends at the mapping or
        // at the key itself.
        if path.last() != Some(&Segment::Key(key.to_owned())) {
            path.push(Segment::Key(key.to_owned()));
        }
        if !remove(&mut value, &path) {
            break;
        }
        found.push(UnknownKey { path, message });
    }
    found
}

/// The key a serde "unknown field" or "unknown variant" message names.
fn unknown_name(message: &str) -> Option<&str> {
    let rest = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))?;
    rest.split('`').next()
}

fn segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    use serde_path_to_error::Segment as S;
    path.iter()
        .filter_map(|segment| match segment {
            S::Map { key } => Some(Segment::Key(key.clone())),
            S::Seq { index } => Some(Segment::Index(*index)),
            S::Enum { variant } => Some(Segment::Key(variant.clone())),
            S::Unknown => None,
        })
        .collect()
}

/// Removes the entry at `path` (whose last segment is a key); whether there
/// was one. An unknown variant's key is a one-entry mapping's only key.
fn remove(value: &mut Value, path: &[Segment]) -> bool {
    let Some((Segment::Key(key), parents)) = path.split_last() else {
        return false;
    };
    let mut node = value;
    for segment in parents {
        let next = match segment {
            Segment::Key(name) => node.get_mut(name.as_str()),
            Segment::Index(index) => node.get_mut(*index),
        };
        match next {
            Some(child) => node = child,
            None => return false,
        }
    }
    node.as_mapping_mut()
        .and_then(|mapping| mapping.remove(key.as_str()))
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        find(text)
            .into_iter()
            .map(|key| crate::load::render_path(&key.path))
            .collect()
    }

    #[test]
    fn every_unknown_key_is_found_in_order() {
        let text = "\
types:
  Ip:
    fields:
      port: { type: integer, requird: true }
      host: { type: string, dcs: hi }
    colour: red
resourcez: {}
";
        assert_eq!(
            keys(text),
            [
                "types.Ip.fields.port.requird",
                "types.Ip.fields.host.dcs",
                "types.Ip.colour",
                "resourcez",
            ]
        );
    }

    #[test]
    fn a_file_without_unknown_keys_has_none() {
        assert!(keys("types:\n  Ip:\n    fields:\n      port: { type: integer }\n").is_empty());
        // Another kind of problem first: nothing to add to serde's report.
        assert!(keys("types:\n  Ip:\n    fields:\n      port: { required: true }\n").is_empty());
        assert!(keys("[unclosed").is_empty());
    }

    #[test]
    fn a_file_of_typos_stops_at_the_limit() {
        let mut text =
            String::from("types:\n  Ip:\n    fields:\n      port:\n        type: integer\n");
        for n in 0..MAX_UNKNOWN_KEYS + 20 {
            text.push_str(&format!("        typo{n}: 1\n"));
        }
        assert_eq!(keys(&text).len(), MAX_UNKNOWN_KEYS);
    }
}
