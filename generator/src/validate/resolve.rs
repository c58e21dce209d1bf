//! Turning a spec that passed every check into the [`Checked`] model:
//! each type expression (from the table of parsed ones) resolved to the
//! spec's types, methods and path templates parsed, credentials and groups
//! found. The checks have
//! proved each step possible; a step that still fails is a gap in the
//! checks, reported by the caller as an internal error, never skipped.

use super::operations::{parse_http, parse_template, TemplatePart};
use super::parsed::Parsed;
use crate::load::schema::{AuthDef, EnumRepr, FieldDef, TypeDef};
use crate::load::Spec;
use crate::model::{
    Auth, Checked, Client, Credential, CursorPagination, EnumValue, Field, FieldRef, Group,
    Operation, Pagination, PathSegment, Resource, Shape, Ty, Type, TypeKind, WireValue,
};
use crate::typeexpr::TypeExpr;

/// A resolution step; the error says which one failed.
type Resolved<T> = Result<T, String>;

/// A list envelope type, resolved.
struct Envelope<'s> {
    name: &'s str,
    param: &'s str,
    items: FieldRef<'s>,
    fields: &'s indexmap::IndexMap<String, FieldDef>,
}

/// The checked model of `spec`, which passed every check.
pub(super) fn resolve<'s>(spec: &'s Spec, parsed: &Parsed<'_>) -> Resolved<Checked<'s>> {
    let resolver = Resolver { spec, parsed };
    Ok(Checked {
        spec,
        client: resolver.client()?,
        groups: resolver.groups()?,
        types: resolver.types()?,
        resources: resolver.resources()?,
    })
}

struct Resolver<'s, 'p> {
    spec: &'s Spec,
    parsed: &'p Parsed<'p>,
}

/// What kind of type `def` is (validation proved it is exactly one).
fn shape(def: &TypeDef) -> Shape {
    if def.fields.is_some() {
        Shape::Object
    } else if def.one_of.is_some() {
        Shape::Union
    } else if def.text.is_some() {
        Shape::Text
    } else {
        Shape::Enum
    }
}

impl<'s> Resolver<'s, '_> {
    fn ty(&self, text: &str, params: &'s [String]) -> Resolved<Ty<'s>> {
        self.expr(&self.parsed.get(text)?, params)
    }

    fn expr(&self, expr: &TypeExpr, params: &'s [String]) -> Resolved<Ty<'s>> {
        Ok(match expr {
            TypeExpr::String => Ty::String,
            TypeExpr::Integer => Ty::Integer,
            TypeExpr::Number => Ty::Number,
            TypeExpr::Boolean => Ty::Boolean,
            TypeExpr::Json => Ty::Json,
            TypeExpr::Array(inner) => Ty::Array(Box::new(self.expr(inner, params)?)),
            TypeExpr::Map(inner) => Ty::Map(Box::new(self.expr(inner, params)?)),
            TypeExpr::Named { name, args } => {
                // A parameter in scope shadows a type of the same name.
                if let Some(param) = params
                    .iter()
                    .find(|p| *p == name)
                    .filter(|_| args.is_empty())
                {
                    return Ok(Ty::Param(param));
                }
                let (key, def) = self
                    .spec
                    .types
                    .get_key_value(name)
                    .ok_or_else(|| format!("unknown type `{name}`"))?;
                if def.value.params.len() != args.len() {
                    return Err(format!("`{name}` applied to {} arguments", args.len()));
                }
                Ty::Named {
                    name: key,
                    shape: shape(&def.value),
                    args: args
                        .iter()
                        .map(|arg| self.expr(arg, params))
                        .collect::<Resolved<_>>()?,
                }
            }
        })
    }

    fn field(&self, name: &'s str, def: &'s FieldDef, params: &'s [String]) -> Resolved<Field<'s>> {
        let default = def
            .default
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(|err| format!("the default of `{name}`: {err}"))?;
        Ok(Field {
            name,
            def,
            ty: self.ty(&def.ty, params)?,
            default,
        })
    }

    fn client(&self) -> Resolved<Client<'s>> {
        let spec = self.spec;
        let file_name = spec
            .files
            .get(spec.client.file)
            .map(|file| file.name.as_str())
            .ok_or("the client's file")?;
        let credentials = spec
            .client
            .value
            .credentials
            .iter()
            .map(|(name, def)| Credential { name, def })
            .collect();
        Ok(Client {
            credentials,
            file_name,
            error: self.ty(&spec.client.value.error, &[])?,
            pagination: self.pagination()?,
            cursor_pagination: self.cursor_pagination()?,
            error_problems: spec.client.value.error_problems.as_ref(),
        })
    }

    fn pagination(&self) -> Resolved<Option<Pagination<'s>>> {
        let Some(def) = &self.spec.client.value.pagination else {
            return Ok(None);
        };
        let envelope = self.envelope(&def.envelope, &def.items)?;
        Ok(Some(Pagination {
            envelope: envelope.name,
            param: envelope.param,
            items: envelope.items,
            total_pages: self.chain(envelope.fields, &def.total_pages)?,
            page_number: self.chain(envelope.fields, &def.page_number)?,
            page_param: &def.page_param,
        }))
    }

    fn cursor_pagination(&self) -> Resolved<Option<CursorPagination<'s>>> {
        let Some(def) = &self.spec.client.value.cursor_pagination else {
            return Ok(None);
        };
        let envelope = self.envelope(&def.envelope, &def.items)?;
        Ok(Some(CursorPagination {
            envelope: envelope.name,
            param: envelope.param,
            items: envelope.items,
            next_cursor: self.chain(envelope.fields, &def.next_cursor)?,
            cursor_param: &def.cursor_param,
        }))
    }

    /// A list envelope: a generic object type of one parameter, and its
    /// items field.
    fn envelope(&self, name: &'s str, items: &'s str) -> Resolved<Envelope<'s>> {
        let (name, def) = self
            .spec
            .types
            .get_key_value(name)
            .ok_or("the pagination envelope")?;
        let (Some(fields), [param]) = (&def.value.fields, def.value.params.as_slice()) else {
            return Err("the pagination envelope's shape".to_owned());
        };
        let (items, items_def) = fields
            .get_key_value(items)
            .ok_or("the pagination items field")?;
        Ok(Envelope {
            name,
            param,
            items: FieldRef {
                name: items,
                def: items_def,
            },
            fields,
        })
    }

    /// The fields along a dotted path through plain object fields.
    fn chain(
        &self,
        start: &'s indexmap::IndexMap<String, FieldDef>,
        dotted: &'s str,
    ) -> Resolved<Vec<FieldRef<'s>>> {
        let mut fields = start;
        let mut steps = Vec::new();
        let mut parts = dotted.split('.').peekable();
        while let Some(part) = parts.next() {
            let (name, def) = fields
                .get_key_value(part)
                .ok_or_else(|| format!("`{dotted}`: the field `{part}`"))?;
            steps.push(FieldRef { name, def });
            if parts.peek().is_some() {
                let TypeExpr::Named { name, .. } = self.parsed.get(&def.ty)? else {
                    return Err(format!("`{dotted}`: `{part}` is not an object"));
                };
                fields = self
                    .spec
                    .types
                    .get(&name)
                    .and_then(|def| def.value.fields.as_ref())
                    .ok_or_else(|| format!("`{dotted}`: `{part}` is not an object"))?;
            }
        }
        Ok(steps)
    }

    fn groups(&self) -> Resolved<Vec<Group<'s>>> {
        let credentials = &self.spec.client.value.credentials;
        let credential = |name: &str| {
            credentials
                .get_key_value(name)
                .map(|(name, def)| Credential { name, def })
                .ok_or_else(|| format!("the credential `{name}`"))
        };
        self.spec
            .groups
            .iter()
            .map(|(name, group)| {
                let auth = group
                    .value
                    .auth
                    .iter()
                    .map(|step| {
                        Ok(match step {
                            AuthDef::Bearer { bearer } => Auth::Bearer {
                                credential: credential(bearer)?,
                            },
                            AuthDef::Header {
                                header,
                                credential: name,
                            } => Auth::Header {
                                header,
                                credential: credential(name)?,
                            },
                        })
                    })
                    .collect::<Resolved<_>>()?;
                Ok(Group {
                    name,
                    def: &group.value,
                    auth,
                })
            })
            .collect()
    }

    fn types(&self) -> Resolved<Vec<Type<'s>>> {
        self.spec
            .types
            .iter()
            .map(|(name, def)| {
                Ok(Type {
                    name,
                    def: &def.value,
                    file: def.file,
                    kind: self.type_kind(&def.value)?,
                })
            })
            .collect()
    }

    fn type_kind(&self, def: &'s TypeDef) -> Resolved<TypeKind<'s>> {
        if let Some(fields) = &def.fields {
            let fields = fields
                .iter()
                .map(|(name, field)| self.field(name, field, &def.params))
                .collect::<Resolved<_>>()?;
            return Ok(TypeKind::Object {
                params: &def.params,
                fields,
            });
        }
        if let Some(alternatives) = &def.one_of {
            let alternatives = alternatives
                .iter()
                .map(|(variant, ty)| Ok((variant.as_str(), self.ty(ty, &[])?)))
                .collect::<Resolved<_>>()?;
            return Ok(TypeKind::Union { alternatives });
        }
        if let Some(repr) = def.text {
            return Ok(TypeKind::Text { repr });
        }
        let (Some(repr), Some(values)) = (def.enum_repr, &def.values) else {
            return Err("an enum without `enum` or `values`".to_owned());
        };
        let values = values
            .iter()
            .map(|value| {
                let wire = match repr {
                    EnumRepr::String => value
                        .value
                        .as_str()
                        .map(|text| WireValue::Str(text.to_owned())),
                    EnumRepr::Integer => value.value.as_i64().map(WireValue::Int),
                };
                let wire = wire.ok_or("an enum value of the wrong JSON type")?;
                Ok(EnumValue { wire, def: value })
            })
            .collect::<Resolved<_>>()?;
        Ok(TypeKind::Enum { repr, values })
    }

    fn resources(&self) -> Resolved<Vec<Resource<'s>>> {
        self.spec
            .resources
            .iter()
            .map(|(name, resource)| {
                let (group, _) = self
                    .spec
                    .groups
                    .get_key_value(&resource.value.group)
                    .ok_or_else(|| format!("the group of `{name}`"))?;
                let operations = resource
                    .value
                    .operations
                    .iter()
                    .map(|(op_name, op)| self.operation(op_name, op))
                    .collect::<Resolved<_>>()?;
                Ok(Resource {
                    name,
                    def: &resource.value,
                    file: resource.file,
                    group,
                    operations,
                })
            })
            .collect()
    }

    fn operation(
        &self,
        name: &'s str,
        def: &'s crate::load::schema::OperationDef,
    ) -> Resolved<Operation<'s>> {
        let (method, template) = parse_http(&def.http)?;
        let path = parse_template(template)?
            .into_iter()
            .map(|part| match part {
                TemplatePart::Literal(text) => Ok(PathSegment::Literal(text)),
                TemplatePart::Placeholder(placeholder) => {
                    let (param, field) = def
                        .path_params
                        .get_key_value(placeholder)
                        .ok_or_else(|| format!("the path parameter `{placeholder}`"))?;
                    Ok(PathSegment::Param(self.field(param, field, &[])?))
                }
            })
            .collect::<Resolved<_>>()?;
        let query = def
            .query
            .iter()
            .map(|(wire, field)| self.field(wire, field, &[]))
            .collect::<Resolved<_>>()?;
        let payload =
            |text: &Option<String>| text.as_deref().map(|text| self.ty(text, &[])).transpose();
        Ok(Operation {
            name,
            def,
            method,
            template,
            path,
            query,
            body: payload(&def.body)?,
            response: payload(&def.response)?,
        })
    }
}
