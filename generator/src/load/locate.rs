//! Finding the line and column of a key path in a YAML file.
//!
//! serde_yaml reports positions only for its own parse errors; validation
//! happens later on plain values. So each file is also parsed once into a
//! light tree of positions (yaml-rust2's event parser carries markers), and a
//! validation error's spec path is looked up there.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::Position;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A YAML node reduced to what locating needs.
#[derive(Debug, Clone, Default)]
struct Node {
    position: Option<Position>,
    entries: Vec<(String, Position, Node)>,
    items: Vec<Node>,
}

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
}

impl PositionTree {
    /// Parses `text`; a file that does not parse gives an empty tree (its
    /// parse error is reported by serde_yaml, with its own position).
    pub fn parse(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            return Self::default();
        }
        Self {
            root: builder.finished.unwrap_or_default(),
            duplicates: builder.duplicates,
        }
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
        let mut best = node.position;
        for segment in path {
            let next = match segment {
                Segment::Key(key) => node
                    .entries
                    .iter()
                    .find(|(name, _, _)| name == key)
                    .map(|(_, _, child)| child),
                Segment::Index(index) => node.items.get(*index),
            };
            match next {
                Some(child) => {
                    node = child;
                    best = child.position.or(best);
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
                Segment::Key(name) => &node.entries.iter().find(|(k, _, _)| k == name)?.2,
                Segment::Index(index) => node.items.get(*index)?,
            };
        }
        node.entries
            .iter()
            .find(|(name, _, _)| name == key)
            .map(|(_, position, _)| *position)
            .or_else(|| self.locate(path))
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
    finished: Option<Node>,
    duplicates: Vec<DuplicateKey>,
}

enum Frame {
    Map {
        node: Node,
        pending_key: Option<(String, Position)>,
    },
    Seq(Node),
}

impl Builder {
    fn attach(&mut self, child: Node, scalar_text: Option<String>) {
        match self.stack.last_mut() {
            None => self.finished = Some(child),
            Some(Frame::Seq(node)) => node.items.push(child),
            Some(Frame::Map { node, pending_key }) => match pending_key.take() {
                Some((key, key_position)) => {
                    if let Some((_, first, _)) = node.entries.iter().find(|(k, _, _)| *k == key) {
                        self.duplicates.push(DuplicateKey {
                            key: key.clone(),
                            first: *first,
                            again: key_position,
                        });
                    }
                    node.entries.push((key, key_position, child));
                }
                None => {
                    let key_position = child.position.unwrap_or(Position { line: 1, column: 1 });
                    *pending_key = Some((scalar_text.unwrap_or_default(), key_position));
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let here = Some(position(mark));
        match event {
            Event::Scalar(text, ..) => {
                let node = Node {
                    position: here,
                    ..Node::default()
                };
                self.attach(node, Some(text));
            }
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
                    ..Node::default()
                },
                pending_key: None,
            }),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Node {
                position: here,
                ..Node::default()
            })),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = self.stack.pop() {
                    let node = match frame {
                        Frame::Map { node, .. } | Frame::Seq(node) => node,
                    };
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
        let tree = PositionTree::parse(TEXT);
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
        let tree = PositionTree::parse(TEXT);
        let key_at = tree.locate_key(&[key("types"), key("Ip")]);
        assert_eq!(key_at, Some(Position { line: 2, column: 3 }));
        let missing = tree.locate(&[key("types"), key("Ip"), key("nope"), key("deeper")]);
        assert_eq!(missing, tree.locate(&[key("types"), key("Ip")]));
    }

    #[test]
    fn duplicate_keys_are_recorded() {
        let tree = PositionTree::parse("a:\n  b: 1\n  c: 2\n  b: 3\n");
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
    fn unparsable_text_gives_no_position_instead_of_failing() {
        let tree = PositionTree::parse("a: [1, 2");
        assert_eq!(tree.locate(&[key("a")]), None);
    }
}
