//! Type expressions as written in the spec: `string`, `array<T>`,
//! `Envelope<OutboundVoiceProfile>` and so on.

use std::fmt;

/// The deepest nesting accepted, so a hostile expression cannot exhaust the stack.
const MAX_DEPTH: usize = 16;

/// A parsed type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A JSON string.
    String,
    /// A JSON integer (i64).
    Integer,
    /// A JSON number (f64).
    Number,
    /// A JSON boolean.
    Boolean,
    /// Any JSON value.
    Json,
    /// A JSON array.
    Array(Box<TypeExpr>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeExpr>),
    /// A named type (or a generic parameter), possibly applied to arguments.
    Named {
        /// The type's name.
        name: String,
        /// Generic arguments.
        args: Vec<TypeExpr>,
    },
}

/// The built-in type names of the spec format, for suggestions when a
/// name is misspelt (`integr`).
pub const BUILTIN_NAMES: [&str; 7] = [
    "string", "integer", "number", "boolean", "json", "array", "map",
];

impl TypeExpr {
    /// Parses a type expression.
    ///
    /// # Errors
    ///
    /// A message saying what was expected where.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parser = ExprParser { text, pos: 0 };
        let expr = parser.expr(0)?;
        parser.skip_spaces();
        if parser.pos < text.len() {
            return Err(format!(
                "unexpected `{}` after the type in `{text}`",
                parser.rest()
            ));
        }
        Ok(expr)
    }

    /// Replaces generic parameters by their arguments.
    pub fn substitute(&self, params: &[String], args: &[TypeExpr]) -> TypeExpr {
        match self {
            TypeExpr::Array(inner) => TypeExpr::Array(Box::new(inner.substitute(params, args))),
            TypeExpr::Map(inner) => TypeExpr::Map(Box::new(inner.substitute(params, args))),
            TypeExpr::Named { name, args: inner } if inner.is_empty() => params
                .iter()
                .position(|param| param == name)
                .and_then(|index| args.get(index))
                .cloned()
                .unwrap_or_else(|| self.clone()),
            TypeExpr::Named { name, args: inner } => TypeExpr::Named {
                name: name.clone(),
                args: inner.iter().map(|a| a.substitute(params, args)).collect(),
            },
            other => other.clone(),
        }
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Integer => f.write_str("integer"),
            TypeExpr::Number => f.write_str("number"),
            TypeExpr::Boolean => f.write_str("boolean"),
            TypeExpr::Json => f.write_str("json"),
            TypeExpr::Array(inner) => write!(f, "array<{inner}>"),
            TypeExpr::Map(inner) => write!(f, "map<{inner}>"),
            TypeExpr::Named { name, args } if args.is_empty() => f.write_str(name),
            TypeExpr::Named { name, args } => {
                write!(f, "{name}<")?;
                for (index, arg) in args.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{arg}")?;
                }
                f.write_str(">")
            }
        }
    }
}

struct ExprParser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> ExprParser<'a> {
    /// The unparsed text; `pos` only ever advances over whole characters.
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn skip_spaces(&mut self) {
        while self.rest().starts_with(' ') {
            self.pos += 1;
        }
    }

    fn eat(&mut self, ch: char) -> bool {
        self.skip_spaces();
        if self.rest().starts_with(ch) {
            self.pos += ch.len_utf8();
            true
        } else {
            false
        }
    }

    fn name(&mut self) -> Result<&'a str, String> {
        self.skip_spaces();
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
            .map_or(rest.len(), |(index, _)| index);
        if len == 0 {
            return Err(match rest.chars().next() {
                Some(c) => format!("expected a type name but found `{c}` in `{}`", self.text),
                None => format!("expected a type name at the end of `{}`", self.text),
            });
        }
        self.pos += len;
        Ok(rest.get(..len).unwrap_or_default())
    }

    fn expr(&mut self, depth: usize) -> Result<TypeExpr, String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "type `{}` nests deeper than {MAX_DEPTH} levels",
                self.text
            ));
        }
        let name = self.name()?.to_owned();
        let mut args = Vec::new();
        if self.eat('<') {
            loop {
                args.push(self.expr(depth + 1)?);
                if self.eat('>') {
                    break;
                }
                if !self.eat(',') {
                    return Err(format!("expected `,` or `>` in `{}`", self.text));
                }
            }
        }
        let one_arg = |args: Vec<TypeExpr>, what: &str| -> Result<Box<TypeExpr>, String> {
            let mut args = args.into_iter();
            match (args.next(), args.next()) {
                (Some(inner), None) => Ok(Box::new(inner)),
                _ => Err(format!(
                    "`{what}` takes exactly one type argument, e.g. `{what}<string>`"
                )),
            }
        };
        let no_args = |expr: TypeExpr, args: &[TypeExpr]| -> Result<TypeExpr, String> {
            if args.is_empty() {
                Ok(expr)
            } else {
                Err(format!("`{expr}` takes no type arguments"))
            }
        };
        match name.as_str() {
            "string" => no_args(TypeExpr::String, &args),
            "integer" => no_args(TypeExpr::Integer, &args),
            "number" => no_args(TypeExpr::Number, &args),
            "boolean" => no_args(TypeExpr::Boolean, &args),
            "json" => no_args(TypeExpr::Json, &args),
            "array" => Ok(TypeExpr::Array(one_arg(args, "array")?)),
            "map" => Ok(TypeExpr::Map(one_arg(args, "map")?)),
            _ => Ok(TypeExpr::Named { name, args }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> TypeExpr {
        TypeExpr::Named {
            name: name.into(),
            args: vec![],
        }
    }

    #[test]
    fn parses_primitives_containers_and_generics() {
        assert_eq!(TypeExpr::parse("string"), Ok(TypeExpr::String));
        assert_eq!(
            TypeExpr::parse("array<Ip>"),
            Ok(TypeExpr::Array(Box::new(named("Ip"))))
        );
        let parsed = TypeExpr::parse("ListEnvelope< array<string> , Ip>");
        assert_eq!(
            parsed,
            Ok(TypeExpr::Named {
                name: "ListEnvelope".into(),
                args: vec![TypeExpr::Array(Box::new(TypeExpr::String)), named("Ip")]
            })
        );
    }

    #[test]
    fn rejects_malformed_expressions_with_a_reason() {
        assert!(TypeExpr::parse("").is_err());
        assert!(TypeExpr::parse("array<").is_err());
        assert!(TypeExpr::parse("array<string, string>").is_err());
        assert!(TypeExpr::parse("string<Ip>").is_err());
        assert!(TypeExpr::parse("Ip>").is_err());
        assert!(TypeExpr::parse("a-b").is_err());
        let deep = format!("{}string{}", "array<".repeat(40), ">".repeat(40));
        assert!(TypeExpr::parse(&deep).is_err_and(|e| e.contains("deeper")));
    }

    #[test]
    fn substitutes_generic_parameters() {
        let expr = TypeExpr::parse("array<T>").unwrap_or(TypeExpr::Json);
        let replaced = expr.substitute(&["T".into()], &[named("Ip")]);
        assert_eq!(replaced.to_string(), "array<Ip>");
    }
}
