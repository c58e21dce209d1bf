//! Types that contain themselves by value, which Rust cannot size.

use std::collections::{BTreeMap, BTreeSet};

use super::parsed::Parsed;
use super::Validator;
use crate::load::schema::TypeDef;
use crate::load::Spec;
use crate::spec_path;
use crate::typeexpr::TypeExpr;

impl Validator<'_> {
    /// Reports types that contain themselves by value — through fields or
    /// union alternatives that are not behind an `array` or `map`, including
    /// through the arguments of generic types that hold their parameter by
    /// value: Rust cannot give such a type a size (the generator does not box).
    pub(super) fn cycles(&mut self) {
        let spec = self.spec;
        let by_value = by_value_params(spec, self.parsed);
        let direct: Vec<Vec<usize>> = spec
            .types
            .values()
            .map(|def| {
                let mut targets = Vec::new();
                for expr in member_types(self.parsed, &def.value) {
                    by_value_targets(spec, &by_value, &expr, &def.value.params, &mut targets);
                }
                targets
            })
            .collect();
        // Reported in spec order, each cycle once, at its first type.
        let mut components = strongly_connected(&direct);
        components.sort_unstable();
        for component in components {
            let Some(&start) = component.iter().min() else {
                continue;
            };
            let Some(cycle) = find_cycle(&direct, start, &component) else {
                continue;
            };
            let names: Vec<&str> = cycle
                .iter()
                .chain(cycle.first())
                .filter_map(|index| spec.types.get_index(*index).map(|(name, _)| name.as_str()))
                .collect();
            if let Some((name, def)) = spec.types.get_index(start) {
                self.error_at_key(def.file, spec_path!["types", name], format!(
                    "type `{name}` contains itself by value ({}); Rust cannot size it: make one of those fields an `array<...>` or break the cycle",
                    names.join(" -> ")
                ));
            }
        }
    }
}

/// The parsed type expressions a type holds: its fields' types and its
/// union alternatives (unparsable ones are reported elsewhere).
fn member_types(parsed: &Parsed<'_>, def: &TypeDef) -> Vec<TypeExpr> {
    let fields = def
        .fields
        .iter()
        .flat_map(|fields| fields.values())
        .map(|f| &f.ty);
    let alternatives = def
        .one_of
        .iter()
        .flat_map(|alternatives| alternatives.values());
    fields
        .chain(alternatives)
        .filter_map(|text| parsed.get(text).ok())
        .collect()
}

/// For each type (by index), which of its generic parameters it holds by
/// value (not behind `array`/`map`), directly or through another generic
/// type's parameter that is itself held by value.
///
/// Each by-value use of a parameter is a rule "`G.p` is held by value if
/// all the generic slots it sits in are" (`Outer<Inner<P>>` needs both
/// `Outer.0` and `Inner.0`); the rules are solved by unit propagation, in
/// time linear in their size, however long a chain of generic types is.
fn by_value_params(spec: &Spec, parsed: &Parsed<'_>) -> Vec<Vec<bool>> {
    let mut table: Vec<Vec<bool>> = spec
        .types
        .values()
        .map(|def| vec![false; def.value.params.len()])
        .collect();
    // Rules: (head slot, the slots it waits for).
    let mut rules: Vec<Rule> = Vec::new();
    for (index, def) in spec.types.values().enumerate() {
        if def.value.params.is_empty() {
            continue;
        }
        for expr in member_types(parsed, &def.value) {
            param_rules(
                spec,
                index,
                &def.value.params,
                &expr,
                &mut Vec::new(),
                &mut rules,
            );
        }
    }
    let mut waiting_on: BTreeMap<Slot, Vec<usize>> = BTreeMap::new();
    let mut unmet: Vec<usize> = Vec::with_capacity(rules.len());
    let mut ready: Vec<Slot> = Vec::new();
    for (rule, (head, conditions)) in rules.iter().enumerate() {
        unmet.push(conditions.len());
        for condition in conditions {
            waiting_on.entry(*condition).or_default().push(rule);
        }
        if conditions.is_empty() {
            ready.push(*head);
        }
    }
    while let Some((ty, param)) = ready.pop() {
        let Some(slot) = table.get_mut(ty).and_then(|row| row.get_mut(param)) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        for rule in waiting_on.remove(&(ty, param)).unwrap_or_default() {
            if let Some(count) = unmet.get_mut(rule) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    if let Some((head, _)) = rules.get(rule) {
                        ready.push(*head);
                    }
                }
            }
        }
    }
    table
}

/// A generic slot: (type index, parameter index).
type Slot = (usize, usize);

/// "The head slot is held by value if every condition slot is."
type Rule = (Slot, Vec<Slot>);

/// Adds a rule for every parameter of type `owner` that `expr` holds by
/// value, under the generic slots in `slots`.
fn param_rules(
    spec: &Spec,
    owner: usize,
    params: &[String],
    expr: &TypeExpr,
    slots: &mut Vec<Slot>,
    rules: &mut Vec<Rule>,
) {
    let TypeExpr::Named { name, args } = expr else {
        return;
    };
    if let Some(param) = params
        .iter()
        .position(|p| p == name)
        .filter(|_| args.is_empty())
    {
        let mut conditions = slots.clone();
        conditions.sort_unstable();
        conditions.dedup();
        rules.push(((owner, param), conditions));
        return;
    }
    let Some(generic) = spec.types.get_index_of(name) else {
        return;
    };
    for (index, arg) in args.iter().enumerate() {
        slots.push((generic, index));
        param_rules(spec, owner, params, arg, slots, rules);
        slots.pop();
    }
}

/// Every bare name (type or parameter) `expr` holds by value.
fn by_value_names(spec: &Spec, table: &[Vec<bool>], expr: &TypeExpr, out: &mut Vec<String>) {
    let TypeExpr::Named { name, args } = expr else {
        return;
    };
    out.push(name.clone());
    let held = spec
        .types
        .get_index_of(name)
        .and_then(|index| table.get(index));
    for (arg, by_value) in args.iter().zip(held.into_iter().flatten()) {
        if *by_value {
            by_value_names(spec, table, arg, out);
        }
    }
}

/// The indices of the named types `expr` holds by value, ignoring the
/// enclosing type's own parameters.
fn by_value_targets(
    spec: &Spec,
    table: &[Vec<bool>],
    expr: &TypeExpr,
    params: &[String],
    out: &mut Vec<usize>,
) {
    let mut names = Vec::new();
    by_value_names(spec, table, expr, &mut names);
    out.extend(
        names
            .iter()
            .filter(|name| !params.contains(name))
            .filter_map(|name| spec.types.get_index_of(name)),
    );
}

/// A cycle through `start` in the graph `edges` that stays inside
/// `component` (sorted), as the list of its nodes. Iterative depth-first
/// search, so a long chain of types cannot overflow the stack.
fn find_cycle(edges: &[Vec<usize>], start: usize, component: &[usize]) -> Option<Vec<usize>> {
    let mut path = vec![start];
    let mut next_edge = vec![0usize];
    let mut visited = BTreeSet::from([start]);
    while let (Some(&node), Some(edge)) = (path.last(), next_edge.last_mut()) {
        let Some(&target) = edges.get(node).and_then(|targets| targets.get(*edge)) else {
            path.pop();
            next_edge.pop();
            continue;
        };
        *edge += 1;
        if target == start {
            return Some(path);
        }
        if component.binary_search(&target).is_ok() && visited.insert(target) {
            path.push(target);
            next_edge.push(0);
        }
    }
    None
}

/// The strongly connected components of `edges` that contain a cycle (more
/// than one node, or one node with an edge to itself), each sorted.
/// Tarjan's algorithm, iterative: linear time, no recursion.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0usize;
    let mut components = Vec::new();
    let get = |values: &[usize], node: usize| values.get(node).copied().unwrap_or(UNSEEN);
    fn set<T>(values: &mut [T], node: usize, value: T) {
        if let Some(slot) = values.get_mut(node) {
            *slot = value;
        }
    }
    for root in 0..count {
        if get(&index, root) != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        set(&mut index, root, next_index);
        set(&mut low, root, next_index);
        next_index += 1;
        stack.push(root);
        set(&mut on_stack, root, true);
        while let Some((node, edge)) = calls.last_mut() {
            let node = *node;
            if let Some(&target) = edges.get(node).and_then(|targets| targets.get(*edge)) {
                *edge += 1;
                if get(&index, target) == UNSEEN {
                    set(&mut index, target, next_index);
                    set(&mut low, target, next_index);
                    next_index += 1;
                    stack.push(target);
                    set(&mut on_stack, target, true);
                    calls.push((target, 0));
                } else if on_stack.get(target).copied().unwrap_or(false) {
                    let lowest = get(&low, node).min(get(&index, target));
                    set(&mut low, node, lowest);
                }
                continue;
            }
            calls.pop();
            if let Some((parent, _)) = calls.last() {
                let lowest = get(&low, *parent).min(get(&low, node));
                set(&mut low, *parent, lowest);
            }
            if get(&low, node) == get(&index, node) {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                let self_loop = edges
                    .get(node)
                    .is_some_and(|targets| targets.contains(&node));
                if component.len() > 1 || self_loop {
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
    }
    components
}
