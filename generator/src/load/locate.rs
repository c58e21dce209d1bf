//! Finding the line and column of a key path in a YAML file, and the first
//! line of defence against hostile YAML.
//!
//! serde_yaml reports positions only for its own parse errors; validation
//! happens later on plain values. So each file is also parsed once into a
//! light tree of positions (yaml-rust2's event parser carries markers), and a
//! validation error's spec path is looked up there.
//!
//! This parse runs first, before serde_yaml sees the text: yaml-rust2 scans
//! in linear time and stops at [`MAX_DEPTH`], whereas libyaml (under
//! serde_yaml) takes quadratic time in the nesting of flow collections
//! before its own recursion limit applies — 80 kB of `[` costs it seconds,
//! the 8 MiB file limit hours. So syntax errors and excessive nesting are
//! reported from here, and serde_yaml only ever reads shallow, well-formed YAML.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::Position;

/// The deepest nesting of mappings and sequences accepted in a spec file.
/// The spec format needs about ten levels; a `default` may hold some JSON.
pub const MAX_DEPTH: usize = 64;

/// Why a file is not acceptable YAML, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: String,
    /// Whether it is nesting deeper than [`MAX_DEPTH`] (rather than a mistake
    /// in the syntax).
    pub too_deep: bool,
    /// Where.
    pub position: Position,
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A YAML node reduced to what locating needs. Most nodes are scalars, so
/// a node is a position and, for collections only, a pointer or a list: a
/// large spec has hundreds of thousands of them.
#[derive(Debug, Clone, Default)]
struct Node {
    position: Spot,
    children: Children,
}

/// A position in a file as the tree keeps it: half the size of a
/// [`Position`], and line 0 for none (no `Option` tag).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Spot {
    line: u32,
    column: u32,
}

impl Spot {
    /// `position`, or none when a line or column does not fit (a file of
    /// four billion lines is refused long before, by its size).
    fn new(position: Position) -> Self {
        match (u32::try_from(position.line), u32::try_from(position.column)) {
            (Ok(line), Ok(column)) => Self { line, column },
            _ => Self::default(),
        }
    }

    fn get(self) -> Option<Position> {
        (self.line > 0).then_some(Position {
            line: self.line as usize,
            column: self.column as usize,
        })
    }
}

/// What a node holds.
#[derive(Debug, Clone, Default)]
enum Children {
    /// A scalar or an alias.
    #[default]
    Leaf,
    /// A mapping.
    Map(Box<Mapping>),
    /// A sequence.
    Seq(Vec<Node>),
}

/// A mapping's entries in order, each key with its own position.
#[derive(Debug, Clone, Default)]
struct Mapping {
    entries: Vec<(Key, Spot, Node)>,
    /// Where each key first appears in `entries`, once there are
    /// [`INDEXED_FROM`] of them, so that neither building nor looking up a
    /// mapping of many keys costs quadratic time; smaller ones are scanned.
    #[allow(
        clippy::box_collection,
        reason = "a pointer where a map is six words: most mappings never get an index"
    )]
    index: Option<Box<HashMap<Key, usize>>>,
}

/// A mapping key, shared by every mapping that uses it: a spec repeats the
/// same few dozen keys (`type`, `doc`, `required`) hundreds of thousands of
/// times at scale.
type Key = Arc<str>;

/// How many entries a mapping has before its keys are indexed.
const INDEXED_FROM: usize = 16;

/// A mapping key written twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// Where it is written the first time.
    pub first: Position,
    /// Where it is written again.
    pub again: Position,
}

/// The positions of every node of one YAML file.
#[derive(Debug, Clone, Default)]
pub struct PositionTree {
    root: Node,
    duplicates: Vec<DuplicateKey>,
    first_alias: Option<Position>,
}

impl PositionTree {
    /// Parses `text`, which must hold at most one YAML document.
    ///
    /// # Errors
    ///
    /// The first syntax error, or nesting deeper than [`MAX_DEPTH`].
    pub fn parse(text: &str) -> Result<Self, SyntaxError> {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        loop {
            let (event, mark) = parser.next_token().map_err(|err| {
                let position = position(*err.marker());
                if err.info() == "recursion limit exceeded" {
                    too_deep(position)
                } else {
                    SyntaxError {
                        message: format!("{}{}", err.info(), builder.unclosed_hint(text, position)),
                        too_deep: false,
                        position,
                    }
                }
            })?;
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart if builder.documents > 0 => {
                    return Err(SyntaxError {
                        message: "the file holds more than one YAML document (`---`); a spec file is one document".to_owned(),
                        too_deep: false,
                        position: position(mark),
                    });
                }
                Event::DocumentStart => builder.documents += 1,
                Event::Alias(_) if builder.first_alias.is_none() => {
                    builder.first_alias = Some(position(mark));
                }
                _ => {}
            }
            builder.on_event(event, mark);
            if builder.stack.len() > MAX_DEPTH {
                return Err(too_deep(position(mark)));
            }
        }
        Ok(Self {
            root: builder.finished.unwrap_or_default(),
            duplicates: builder.duplicates,
            first_alias: builder.first_alias,
        })
    }

    /// Where the first alias (`*name`) is, for problems with expanding them.
    pub fn first_alias(&self) -> Option<Position> {
        self.first_alias
    }

    /// Keys written twice in one mapping. serde_yaml keeps the last one
    /// silently, which would hide a curator's mistake, so the loader reports them.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }

    /// The position of the node at `path`, or of its deepest existing
    /// ancestor when the path leads to something missing.
    pub fn locate(&self, path: &[Segment]) -> Option<Position> {
        let mut node = &self.root;
        let mut best = node.position.get();
        for segment in path {
            let next = match segment {
                Segment::Key(key) => node.entry(key).map(|(_, _, child)| child),
                Segment::Index(index) => node.item(*index),
            };
            match next {
                Some(child) => {
                    node = child;
                    best = child.position.get().or(best);
                }
                None => break,
            }
        }
        best
    }

    /// The position of the last key of `path` itself (not its value), for
    /// problems with the key, such as a duplicate name.
    pub fn locate_key(&self, path: &[Segment]) -> Option<Position> {
        let (last, parents) = path.split_last()?;
        let Segment::Key(key) = last else {
            return self.locate(path);
        };
        let mut node = &self.root;
        for segment in parents {
            node = match segment {
                Segment::Key(name) => &node.entry(name)?.2,
                Segment::Index(index) => node.item(*index)?,
            };
        }
        node.entry(key)
            .and_then(|(_, position, _)| position.get())
            .or_else(|| self.locate(path))
    }
}

impl Node {
    /// The first entry of a mapping with this key.
    fn entry(&self, key: &str) -> Option<&(Key, Spot, Node)> {
        let Children::Map(mapping) = &self.children else {
            return None;
        };
        match &mapping.index {
            None => mapping.entries.iter().find(|(k, _, _)| &**k == key),
            Some(index) => index.get(key).and_then(|at| mapping.entries.get(*at)),
        }
    }

    /// The item of a sequence at `index`.
    fn item(&self, index: usize) -> Option<&Node> {
        match &self.children {
            Children::Seq(items) => items.get(index),
            _ => None,
        }
    }
}

impl Mapping {
    /// Appends an entry whose key is not in the mapping yet.
    fn push(&mut self, key: Key, position: Spot, node: Node) {
        let at = self.entries.len();
        if at + 1 >= INDEXED_FROM {
            let entries = &self.entries;
            let index = self.index.get_or_insert_with(|| {
                let earlier = entries.iter().enumerate();
                Box::new(earlier.map(|(at, (key, _, _))| (key.clone(), at)).collect())
            });
            index.insert(key.clone(), at);
        }
        self.entries.push((key, position, node));
    }
}

/// An upper bound of how deep `[`/`{` nest in `text`, counting every
/// bracket (even inside quotes and comments). Linear time; used to decide
/// whether libyaml may read text yaml-rust2 refused.
pub fn flow_depth_bound(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for byte in text.bytes() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn too_deep(position: Position) -> SyntaxError {
    SyntaxError {
        message: format!("the YAML nests deeper than {MAX_DEPTH} levels of mappings and sequences"),
        too_deep: true,
        position,
    }
}

fn position(mark: Marker) -> Position {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

/// Builds the tree from parser events with an explicit stack (no recursion,
/// so deeply nested input cannot overflow the stack).
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Every key met so far, so that each is allocated once.
    keys: HashSet<Key>,
    finished: Option<Node>,
    duplicates: Vec<DuplicateKey>,
    documents: usize,
    first_alias: Option<Position>,
}

enum Frame {
    Map {
        node: Node,
        pending_key: Option<(String, Spot)>,
    },
    Seq(Node),
}

impl Builder {
    /// When a syntax error comes inside a `[...]` or `{...}` opened on an
    /// earlier line, the likely cause is that it was never closed: say so,
    /// since the parser only notices further down.
    fn unclosed_hint(&self, text: &str, error: Position) -> String {
        let opener_at = |open: Position| {
            text.lines()
                .nth(open.line.saturating_sub(1))
                .and_then(|line| line.chars().nth(open.column.saturating_sub(1)))
        };
        // The innermost collection written with a bracket (a `key: value`
        // inside `[...]` is an implicit mapping with no bracket of its own).
        let innermost = self.stack.iter().rev().find_map(|frame| {
            let (Frame::Map { node, .. } | Frame::Seq(node)) = frame;
            let open = node.position.get()?;
            match opener_at(open)? {
                '[' => Some((open, '[', ']')),
                '{' => Some((open, '{', '}')),
                _ => None,
            }
        });
        match innermost {
            Some((open, opener, closer)) if open.line != error.line => format!(
                " (is the `{opener}` opened on line {}, column {} missing its `{closer}`?)",
                open.line, open.column
            ),
            _ => String::new(),
        }
    }

    fn attach(&mut self, child: Node, scalar_text: Option<String>) {
        match self.stack.last_mut() {
            None => self.finished = Some(child),
            Some(Frame::Seq(node)) => {
                if let Children::Seq(items) = &mut node.children {
                    items.push(child);
                }
            }
            Some(Frame::Map { node, pending_key }) => match pending_key.take() {
                Some((key, key_position)) => {
                    if let Some((_, first, _)) = node.entry(&key) {
                        let unplaced = Position { line: 1, column: 1 };
                        self.duplicates.push(DuplicateKey {
                            key: key.clone(),
                            first: first.get().unwrap_or(unplaced),
                            again: key_position.get().unwrap_or(unplaced),
                        });
                        // serde_yaml keeps the later value; locating keeps the first.
                    } else if let Children::Map(mapping) = &mut node.children {
                        let shared = match self.keys.get(key.as_str()) {
                            Some(shared) => Arc::clone(shared),
                            None => {
                                let shared: Key = Arc::from(key);
                                self.keys.insert(Arc::clone(&shared));
                                shared
                            }
                        };
                        mapping.push(shared, key_position, child);
                    }
                }
                None => {
                    let key_position = match child.position.get() {
                        Some(_) => child.position,
                        None => Spot { line: 1, column: 1 },
                    };
                    *pending_key = Some((scalar_text.unwrap_or_default(), key_position));
                }
            },
        }
    }
}

impl Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let here = Spot::new(position(mark));
        match event {
            Event::Scalar(text, ..) => {
                let node = Node {
                    position: here,
                    ..Node::default()
                };
                self.attach(node, Some(text));
            }
            // An alias is a leaf here: positions are not looked up through
            // it, and nothing is expanded (serde_yaml bounds its expansion).
            Event::Alias(_) => self.attach(
                Node {
                    position: here,
                    ..Node::default()
                },
                None,
            ),
            Event::MappingStart(..) => self.stack.push(Frame::Map {
                node: Node {
                    position: here,
                    children: Children::Map(Box::default()),
                },
                pending_key: None,
            }),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Node {
                position: here,
                children: Children::Seq(Vec::new()),
            })),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = self.stack.pop() {
                    let mut node = match frame {
                        Frame::Map { node, .. } | Frame::Seq(node) => node,
                    };
                    // The tree lives as long as the spec: drop what growing
                    // the lists left spare.
                    match &mut node.children {
                        Children::Map(mapping) => mapping.entries.shrink_to_fit(),
                        Children::Seq(items) => items.shrink_to_fit(),
                        Children::Leaf => {}
                    }
                    self.attach(node, None);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Segment {
        Segment::Key(name.to_owned())
    }

    const TEXT: &str = "types:\n  Ip:\n    fields:\n      port: { type: Int }\n      tags:\n        - a\n        - b\n";

    #[test]
    fn finds_nested_values() {
        let tree = PositionTree::parse(TEXT).unwrap();
        let at = tree.locate(&[
            key("types"),
            key("Ip"),
            key("fields"),
            key("port"),
            key("type"),
        ]);
        assert_eq!(
            at,
            Some(Position {
                line: 4,
                column: 21
            })
        );
        let item = tree.locate(&[
            key("types"),
            key("Ip"),
            key("fields"),
            key("tags"),
            Segment::Index(1),
        ]);
        assert_eq!(
            item,
            Some(Position {
                line: 7,
                column: 11
            })
        );
    }

    #[test]
    fn finds_keys_and_falls_back_to_the_nearest_ancestor() {
        let tree = PositionTree::parse(TEXT).unwrap();
        let key_at = tree.locate_key(&[key("types"), key("Ip")]);
        assert_eq!(key_at, Some(Position { line: 2, column: 3 }));
        let missing = tree.locate(&[key("types"), key("Ip"), key("nope"), key("deeper")]);
        assert_eq!(missing, tree.locate(&[key("types"), key("Ip")]));
    }

    #[test]
    fn large_mappings_are_indexed_and_find_every_key_and_duplicate() {
        // Below, at and above the size where keys get an index.
        for count in [INDEXED_FROM - 1, INDEXED_FROM, 3 * INDEXED_FROM] {
            let mut text = String::from("m:\n");
            for i in 0..count {
                text.push_str(&format!("  k{i}: {i}\n"));
            }
            text.push_str("  k0: again\n");
            let tree = PositionTree::parse(&text).unwrap();
            for i in 0..count {
                assert_eq!(
                    tree.locate(&[key("m"), key(&format!("k{i}"))]),
                    Some(Position {
                        line: i + 2,
                        column: 6 + i.to_string().len()
                    }),
                    "{count} keys: k{i}"
                );
            }
            assert_eq!(tree.duplicates().len(), 1, "{count} keys");
            assert_eq!(tree.duplicates()[0].again.line, count + 2);
        }
    }

    #[test]
    fn duplicate_keys_are_recorded() {
        let tree = PositionTree::parse("a:\n  b: 1\n  c: 2\n  b: 3\n").unwrap();
        assert_eq!(
            tree.duplicates(),
            &[DuplicateKey {
                key: "b".into(),
                first: Position { line: 2, column: 3 },
                again: Position { line: 4, column: 3 },
            }]
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = PositionTree::parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(err.position, Position { line: 2, column: 2 }, "{err:?}");
    }

    #[test]
    fn a_second_document_is_refused_where_it_starts() {
        let err = PositionTree::parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(
            err.message.contains("more than one YAML document"),
            "{err:?}"
        );
        assert_eq!(err.position.line, 2);
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        for text in [
            format!("a: {}", "[".repeat(100_000)),
            format!("a: {}", "{a: ".repeat(100_000)),
            format!("a:\n  {}x\n", "- ".repeat(100_000)),
            format!("{}x\n", "? ".repeat(100_000)),
        ] {
            let started = std::time::Instant::now();
            let err = PositionTree::parse(&text).unwrap_err();
            assert!(err.message.contains("nests deeper"), "{err:?}");
            assert!(started.elapsed() < std::time::Duration::from_secs(2));
        }
        let nested = format!(
            "a: {}1{}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(PositionTree::parse(&nested).is_ok());
    }
}
