use crate::helpers::{is_queryset, short};
use snag_core::frameworks::{django, drf};
use snag_core::models::rows::prefetches_within;
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{BindingId, BindingKind, FunctionId, ScopeKind, Semantic};
use snag_core::NodeFields;
use snag_core::{Applicability, Edit, Fix, Span};
use std::cell::RefCell;
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a Django queryset that is evaluated only to be counted or tested for emptiness:
    /// `len(queryset)` where `queryset.count()` would do, and `if queryset:`, `if not queryset:`,
    /// `queryset and ...`, `bool(queryset)`, `len(queryset) > 0` where `queryset.exists()` would do.
    ///
    /// A queryset is a chain of lazy queryset methods (`filter`, `exclude`, `order_by`, `values`, ...) on
    /// `Model.objects`/`Model._default_manager`, on `self.get_queryset()`/`.get_queryset()`, or on a related
    /// manager of a model instance (`request.user.groups.filter(...)`, `order.items.filter(...)` where `order`
    /// came from `get_object_or_404`, `.get()` or `self.get_object()`), or a local variable every assignment
    /// of which is such a chain, as long as nothing in the function iterates it.
    ///
    /// ## Why is this bad?
    /// Evaluating a queryset fetches every matching row and builds one model instance per row. `len()`
    /// then counts the list in Python, and a truth test only looks at whether it is empty: a full
    /// `SELECT` with all its columns, transferred and kept in memory, where `SELECT COUNT(*)` or
    /// `SELECT 1 ... LIMIT 1` answers the same question with one number. On a large table that is the
    /// difference between a millisecond and a slow, memory-hungry request.
    ///
    /// ## Example
    /// ```python
    /// def dashboard(request):
    ///     open_orders = Order.objects.filter(user=request.user, status="open")
    ///     if not open_orders:
    ///         return redirect("shop")
    ///     return render(request, "dashboard.html", {"open_count": len(open_orders)})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// def dashboard(request):
    ///     open_orders = Order.objects.filter(user=request.user, status="open")
    ///     if not open_orders.exists():
    ///         return redirect("shop")
    ///     return render(request, "dashboard.html", {"open_count": open_orders.count()})
    /// ```
    /// In an `async def`, use `await queryset.acount()` and `await queryset.aexists()`.
    ///
    /// ## Stays quiet on
    /// - a queryset that the same function iterates anyway: a `for` over it, a comprehension, `list(qs)`,
    ///   `x in qs`, indexing or slicing it, `.first()`, passing it to any call (a template context in
    ///   `render(...)`, `Serializer(qs, many=True)`, a paginator, a helper), putting it in a dict or list,
    ///   returning or yielding it: then `len()` and the truth test reuse the rows already fetched, and
    ///   `.count()`/`.exists()` would add a query;
    /// - lists and other sequences (`items = list(qs)`, `get_list_or_404(...)`), variables assigned
    ///   anything that is not a queryset, parameters, module-level and class-level querysets;
    /// - `.all()` of a related manager whose rows may be prefetched (`prefetch_related` nearby), and
    ///   related managers of loop variables: `len(obj.items.all())` on prefetched rows is free;
    /// - `select_for_update()` querysets (evaluating them locks the rows) and `.none()`;
    /// - `self.get_queryset()` when the class overrides `get_queryset` to return something that is not
    ///   a queryset;
    /// - test files.
    ///
    /// ## Fix safety
    /// The fix replaces `len(qs)` with `qs.count()` and `if qs:` with `if qs.exists():` (`len(qs) == 0`
    /// with `not qs.exists()`). It is safe when nothing reads the queryset afterwards; otherwise (a later
    /// use in the function, a use in a nested function, a loop re-testing a queryset built outside it,
    /// the value of `qs and ...` flowing on, or an `async def`) it is only a suggestion.
    pub struct LenOfQueryset {
        id: "len-of-queryset",
        summary: "A Django queryset evaluated only to count its rows or to test whether it is empty",
        severity: Warning,
        fix: Safe,
        status: Stable,
        since: "0.1.0",
        targets: [
            Python {
                kinds: ["call", "if_statement", "elif_clause", "not_operator", "boolean_operator", "conditional_expression"],
                // Every queryset the rule recognises is spelled with one of these.
                triggers: [
                    django::DEFAULT_MANAGERS.iter().map(|m| member(m)).collect::<Vec<_>>(),
                    literal(django::GET_QUERYSET), literal(django::REQUEST_USER), literal(django::VIEW_OBJECT),
                    literal(django::GET_OBJECT),
                ],
                // A queryset method (the rule only counts querysets built with one), and a line that tests
                // or counts one.
                requires: [
                    [
                        counted_chain().map(member).collect::<Vec<_>>(),
                        literal(django::GET_QUERYSET),
                        literal(drf::FILTER_QUERYSET),
                    ],
                    [check("queryset-test", text_check::tests_a_queryset)],
                ],
            },
        ],
    }
}

/// The queryset methods the rule counts querysets built with: Django's chain, but not
/// `select_for_update()` (evaluating it locks the rows) nor `none()` (it runs no query).
fn counted_chain() -> impl Iterator<Item = &'static str> {
    django::QUERYSET_CHAIN
        .iter()
        .copied()
        .filter(|m| !django::LOCKING_OR_EMPTY.contains(m))
}

/// Whether a word is one of [`counted_chain`]'s methods.
fn is_counted_chain(word: &[u8]) -> bool {
    let is = |m: &&str| m.as_bytes() == word;
    django::QUERYSET_CHAIN.iter().any(is) && !django::LOCKING_OR_EMPTY.iter().any(is)
}

/// The prefilter's check of Python text: a file on which it fails has no line that could test or count a
/// queryset.
mod text_check {
    use snag_core::frameworks::{django, drf};
    use snag_core::scan::{self, skip_gap, skip_gap_back, Back};
    use snag_core::LanguageFamily;

    /// Whether a logical line tests or counts (`if`, `elif`, `not`, `and`, `or`, `len`, `bool`) and either
    /// calls a queryset method (`.filter(`, `.all(`, ... , `get_queryset`) or names a variable assigned from
    /// one (directly or through other variables). String contents count as code (an f-string holds code),
    /// comments do not; a text that cannot be read passes.
    pub(super) fn tests_a_queryset<'b>(bytes: &'b [u8]) -> bool {
        const SITES: &[&[u8]] = &[b"if", b"elif", b"not", b"and", b"or", b"len", b"bool"];
        let family = LanguageFamily::Python;
        /// What one logical line holds.
        struct Line<'b> {
            names: Vec<&'b [u8]>,
            /// Names followed by `=` (assigned, or keyword arguments).
            targets: Vec<&'b [u8]>,
            tests: bool,
            queryset: bool,
        }
        // A word of a line: a name, a test, a queryset method call, an assignment target.
        let word = |start: usize, stop: usize, line: &mut Line<'b>| {
            let word = &bytes[start..stop];
            line.names.push(word);
            line.tests |= SITES.contains(&word);
            let after = skip_gap(bytes, stop, family);
            let before_dot = matches!(
                skip_gap_back(bytes, start, family),
                Back::At(b) if b > 0 && bytes[b - 1] == b'.'
            );
            if word == django::GET_QUERYSET.as_bytes()
                || word == drf::FILTER_QUERYSET.as_bytes()
                || (before_dot
                    && super::is_counted_chain(word)
                    && bytes.get(after) == Some(&b'('))
            {
                line.queryset = true;
            }
            if bytes.get(after) == Some(&b'=') && bytes.get(after + 1) != Some(&b'=') {
                line.targets.push(word);
            }
        };
        // The words of `start..stop` that are not numbers.
        let words = |mut i: usize, stop: usize, line: &mut Line<'b>| {
            while i < stop {
                if scan::is_identifier_byte(bytes[i]) {
                    let start = i;
                    i += scan::identifier_after(&bytes[..stop], i);
                    if !bytes[start].is_ascii_digit() {
                        word(start, i, line);
                    }
                } else {
                    i += 1;
                }
            }
        };
        let mut lines: Vec<Line<'b>> = Vec::new();
        let mut logical_lines = scan::python::logical_lines(bytes);
        while let Some(logical) = logical_lines.next() {
            if logical_lines.malformed() {
                return true;
            }
            let mut line = Line {
                names: Vec::new(),
                targets: Vec::new(),
                tests: false,
                queryset: false,
            };
            let (mut i, end) = (logical.start, logical.end);
            while i < end {
                match bytes[i] {
                    b'\'' | b'"' => {
                        let Ok(close) = scan::python::string_end(bytes, i) else {
                            return true;
                        };
                        // An f-string holds code: its words count.
                        words(i + 1, close.min(end), &mut line);
                        i = close;
                    }
                    b'#' => {
                        i = memchr::memchr(b'\n', &bytes[i..end]).map_or(end, |n| i + n);
                    }
                    byte if scan::is_identifier_byte(byte) => {
                        let start = i;
                        i += scan::identifier_after(&bytes[..end], i);
                        if !bytes[start].is_ascii_digit() {
                            word(start, i, &mut line);
                        }
                    }
                    _ => i += 1,
                }
            }
            lines.push(line);
        }
        // The names that may hold a queryset: assigned on a line that makes one or names one.
        let mut querysets: Vec<&[u8]> = Vec::new();
        let mut changed = true;
        while changed {
            changed = false;
            for line in &lines {
                if line.targets.is_empty() {
                    continue;
                }
                let makes = line.queryset || line.names.iter().any(|n| querysets.contains(n));
                if makes {
                    for target in &line.targets {
                        if !querysets.contains(target) {
                            querysets.push(target);
                            changed = true;
                        }
                    }
                }
            }
        }
        lines.iter().any(|line| {
            line.tests && (line.queryset || line.names.iter().any(|n| querysets.contains(n)))
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn queryset_test_check() {
            let holds = |text: &str| tests_a_queryset(text.as_bytes());
            assert!(holds("if Book.objects.filter(a=1):\n    pass\n"));
            assert!(holds(
                "def f():\n    qs = Book.objects.all()\n    n = len(qs)\n"
            ));
            assert!(holds("def f():\n    qs = Book.objects.all()\n    recent = qs[:10]\n    return bool(recent)\n"));
            assert!(holds("def f(self):\n    items = (\n        self.get_queryset()\n    )\n    if not items:\n        return\n"));
            assert!(holds("x = f\"{len(Book.objects.all())}\"\n"));
            assert!(!holds(
                "def f():\n    qs = Book.objects.all()\n    return list(qs)\n"
            ));
            assert!(!holds("n = Book.objects.count()\nif n:\n    pass\n"));
            assert!(holds("s = 'unterminated\n"));
        }
    }
}

impl Rule for LenOfQueryset {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        for site in sites(semantic, node) {
            check_site(site, ctx);
        }
    }
}

/// How a queryset is evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Test {
    /// `len(qs)` used as a number.
    Len,
    /// `len(qs) > 0`, `len(qs) == 0` (negated), `if len(qs):`: emptiness tested through `len`.
    LenEmpty { negated: bool },
    /// `bool(qs)`.
    Bool,
    /// `if qs:`, `not qs`, `qs and ...`, `a if qs else b`; `value_used` when the value of `qs and ...`
    /// flows on (the fix then changes it from an empty queryset to `False`).
    Truth { value_used: bool },
}

/// One place where an expression is counted or tested.
#[derive(Clone, Copy, Debug)]
struct Site<'t> {
    test: Test,
    /// The tested expression as written (parentheses included).
    argument: Node<'t>,
    /// What the finding points at: the `len(...)`/`bool(...)` call or the tested expression.
    primary: Node<'t>,
    /// What the fix replaces (`len(qs)`, `len(qs) == 0`, `bool(qs)`); `None` for a truth test.
    replaced: Option<Node<'t>>,
}

/// The places where `node` counts or tests an expression (no queryset check yet).
fn sites<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> Vec<Site<'t>> {
    let truth = |argument: Node<'t>, value_used: bool| Site {
        test: Test::Truth { value_used },
        argument,
        primary: argument,
        replaced: None,
    };
    match node.kind() {
        "call" => {
            let Some(argument) = single_argument(node) else {
                return Vec::new();
            };
            let Some(name) = semantic.callee_name(node) else {
                return Vec::new();
            };
            let site = |test, replaced| Site {
                test,
                argument,
                primary: node,
                replaced: Some(replaced),
            };
            if name.is("bool") {
                return vec![site(Test::Bool, node)];
            }
            if !name.is("len") {
                return Vec::new();
            }
            if let Some((comparison, negated)) = compared_with_zero(semantic, node) {
                return vec![site(Test::LenEmpty { negated }, comparison)];
            }
            if in_bool_context(semantic, node) {
                return vec![site(Test::LenEmpty { negated: false }, node)];
            }
            vec![site(Test::Len, node)]
        }
        "if_statement" | "elif_clause" => node
            .field("condition")
            .map(|c| truth(c, false))
            .into_iter()
            .collect(),
        "not_operator" => node
            .field("argument")
            .map(|a| truth(a, false))
            .into_iter()
            .collect(),
        "conditional_expression" => node
            .named_child(1)
            .map(|c| truth(c, false))
            .into_iter()
            .collect(),
        "boolean_operator" => {
            let operator = node.field("operator").map_or("", |o| semantic.text(o));
            let tested = in_bool_context(semantic, node);
            let mut found = Vec::new();
            if let Some(left) = node.field("left") {
                if tested {
                    found.push(truth(left, false));
                } else if operator == "and" {
                    found.push(truth(left, true));
                }
            }
            if let Some(right) = node.field("right") {
                if tested {
                    found.push(truth(right, false));
                }
            }
            found
        }
        _ => Vec::new(),
    }
}

/// The one positional argument of `len(x)`/`bool(x)`.
fn single_argument(call: Node<'_>) -> Option<Node<'_>> {
    let arguments = call.field("arguments")?;
    if arguments.kind() != "argument_list" {
        return None;
    }
    let mut cursor = arguments.walk();
    let mut named = arguments
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment");
    let first = named.next()?;
    if named.next().is_some()
        || matches!(
            first.kind(),
            "keyword_argument" | "list_splat" | "dictionary_splat"
        )
    {
        return None;
    }
    Some(first)
}

/// `len(qs) > 0`, `len(qs) != 0`, `len(qs) >= 1` (not negated) and `len(qs) == 0`, `len(qs) < 1`,
/// `len(qs) <= 0` (negated): the comparison, when `call` is its left operand.
fn compared_with_zero<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<(Node<'t>, bool)> {
    let operand = outer_parens(semantic, call);
    let comparison = semantic.parent(operand)?;
    if comparison.kind() != "comparison_operator" || comparison.named_child_count() != 2 {
        return None;
    }
    if comparison.named_child(0)?.id() != operand.id() {
        return None;
    }
    let right = comparison.named_child(1)?;
    if right.kind() != "integer" {
        return None;
    }
    let mut cursor = comparison.walk();
    let operators: Vec<&str> = comparison
        .children(&mut cursor)
        .filter(|c| !c.is_named())
        .map(|c| semantic.text(c))
        .collect();
    match (operators.as_slice(), semantic.text(right)) {
        ([">" | "!="], "0") | ([">="], "1") => Some((comparison, false)),
        (["=="] | ["<="], "0") | (["<"], "1") => Some((comparison, true)),
        _ => None,
    }
}

/// Whether only the truth of `node` matters: an `if`/`elif` condition, the operand of `not`, an operand of
/// `and`/`or` in such a place, or the condition of `a if c else b`.
fn in_bool_context<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> bool {
    let node = outer_parens(semantic, node);
    let Some(parent) = semantic.parent(node) else {
        return false;
    };
    match parent.kind() {
        "if_statement" | "elif_clause" => parent
            .field("condition")
            .is_some_and(|c| c.id() == node.id()),
        "not_operator" => true,
        "boolean_operator" => in_bool_context(semantic, parent),
        "conditional_expression" => parent.named_child(1).is_some_and(|c| c.id() == node.id()),
        _ => false,
    }
}

/// The outermost parenthesized expression around `node` (or `node`).
fn outer_parens<'t>(semantic: &Semantic<'t>, mut node: Node<'t>) -> Node<'t> {
    while let Some(parent) = semantic.parent(node) {
        if parent.kind() != "parenthesized_expression" {
            break;
        }
        node = parent;
    }
    node
}

/// The statement that holds `node` (an `if` statement for its conditions).
fn enclosing_statement<'t>(semantic: &Semantic<'t>, mut node: Node<'t>) -> Node<'t> {
    while let Some(parent) = semantic.parent(node) {
        if matches!(parent.kind(), "block" | "module") {
            break;
        }
        node = parent;
    }
    node
}

/// `node` without the parentheses around it.
fn strip_parens(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) if node.named_child_count() == 1 => node = inner,
            _ => break,
        }
    }
    node
}

// ----- what is a queryset -----

/// How a local name is used.
#[derive(Clone, Copy, Debug)]
enum Use<'t> {
    /// `name = value`.
    Assign(Option<Node<'t>>),
    /// Counted or tested (`len(name)`, `if name:`): another site of this rule.
    Test,
    /// A method that runs its own query or derives a new queryset (`name.count()`, `name.filter(...)`),
    /// or an attribute (`name.model`).
    Neutral,
    /// Anything that may iterate it or let it escape.
    Consume,
    /// Bound in a way that is not a plain assignment (`for name in`, `name |= ...`, tuple targets).
    Rebind,
}

/// What the receiver of a queryset method is.
enum Manager<'t> {
    /// `Model.objects`, `Model._default_manager`, `self.model.objects`, `cls.objects`.
    Model,
    /// A related manager of a model instance (`order.items`): the instance.
    Related(Node<'t>),
}

/// The queryset analysis, with the bindings being checked (assignments like `qs = qs.filter(...)` refer to
/// themselves).
struct Analysis<'a, 't> {
    semantic: &'a Semantic<'t>,
    visiting: RefCell<Vec<BindingId>>,
}

const MAX_DEPTH: u32 = 12;

impl<'a, 't> Analysis<'a, 't> {
    fn new(semantic: &'a Semantic<'t>) -> Self {
        Analysis {
            semantic,
            visiting: RefCell::new(Vec::new()),
        }
    }

    /// Whether an expression is a Django queryset (not a bare manager, not a list).
    fn is_queryset(&self, expression: Node<'t>, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let semantic = self.semantic;
        let expression = strip_parens(expression);
        match expression.kind() {
            "identifier" => self.is_queryset_variable(expression, depth + 1),
            // `qs[:10]` is a queryset; `qs[0]` is a row and `qs[::2]` a list.
            "subscript" => {
                let plain_slice = expression.field("subscript").is_some_and(|s| {
                    s.kind() == "slice" && semantic.text(s).matches(':').count() == 1
                });
                plain_slice
                    && expression
                        .field("value")
                        .is_some_and(|v| self.is_queryset(v, depth + 1))
            }
            "call" => {
                let Some(callee) = expression.field("function") else {
                    return false;
                };
                if callee.kind() != "attribute" {
                    return false;
                }
                let (Some(object), Some(method)) =
                    (callee.field("object"), callee.field("attribute"))
                else {
                    return false;
                };
                let method = semantic.text(method);
                if method == django::GET_QUERYSET {
                    return self.get_queryset_returns_queryset(expression, object, depth);
                }
                // DRF: `self.filter_queryset(queryset)` returns a queryset of the one it is given.
                if method == drf::FILTER_QUERYSET && semantic.text(object) == "self" {
                    return semantic
                        .argument(expression, 0)
                        .is_some_and(|a| self.is_queryset(a, depth + 1));
                }
                // Evaluating `select_for_update()` locks rows; `none()` runs no query at all.
                if !django::QUERYSET_CHAIN.contains(&method)
                    || django::LOCKING_OR_EMPTY.contains(&method)
                {
                    return false;
                }
                match self.manager(object, depth + 1) {
                    Some(Manager::Model) => true,
                    // `.all()` of a related manager is free when the rows were prefetched.
                    Some(Manager::Related(instance)) => {
                        method != django::RELATED_ROWS || !self.may_be_prefetched(instance)
                    }
                    None => self.is_queryset(object, depth + 1),
                }
            }
            _ => false,
        }
    }

    /// `Model.objects`, `self.model.objects`, or a related manager of a model instance (`order.items`).
    fn manager(&self, expression: Node<'t>, depth: u32) -> Option<Manager<'t>> {
        let semantic = self.semantic;
        let expression = strip_parens(expression);
        if expression.kind() != "attribute" {
            return None;
        }
        if is_queryset(semantic, expression, 0) {
            return Some(Manager::Model);
        }
        let object = expression.field("object")?;
        let attribute = semantic.text(expression.field("attribute")?);
        if django::DEFAULT_MANAGERS.contains(&attribute)
            && matches!(semantic.text(object), "self.model" | "cls")
        {
            return Some(Manager::Model);
        }
        if attribute.starts_with('_')
            || !attribute.starts_with(|c: char| c.is_ascii_lowercase())
            || !self.is_model_instance(object, depth + 1)
        {
            return None;
        }
        Some(Manager::Related(object))
    }

    /// `request.user`, `self.request.user`, `self.object`, or a local bound once to a row
    /// (`get_object_or_404(...)`, `self.get_object()`, `Model.objects.get(...)`, `qs.first()`).
    fn is_model_instance(&self, expression: Node<'t>, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let semantic = self.semantic;
        let expression = strip_parens(expression);
        match expression.kind() {
            "attribute" => {
                let text = semantic.text(expression);
                if text == django::VIEW_OBJECT || text.strip_prefix("self.") == Some(django::REQUEST_USER) {
                    return true;
                }
                if text != django::REQUEST_USER {
                    return false;
                }
                let request = expression
                    .field("object")
                    .and_then(|o| semantic.resolve_identifier(o));
                request.is_some_and(|r| semantic.binding(r).kind == BindingKind::Parameter)
            }
            "identifier" => {
                let Some(id) = semantic.resolve_identifier(expression) else {
                    return false;
                };
                let binding = semantic.binding(id);
                if binding.kind != BindingKind::Variable || binding.reassigned {
                    return false;
                }
                let Some(mut value) = binding.value else {
                    return false;
                };
                if value.kind() == "await" {
                    match value.named_child(0) {
                        Some(inner) => value = inner,
                        None => return false,
                    }
                }
                if value.kind() != "call" {
                    return false;
                }
                let name = semantic.callee_name(value);
                if name.is_some_and(|n| n.last() == django::INSTANCE_SHORTCUT) {
                    return true;
                }
                let Some(callee) = value.field("function") else {
                    return false;
                };
                if semantic.text(callee).strip_prefix("self.") == Some(django::GET_OBJECT) {
                    return true;
                }
                if callee.kind() != "attribute" {
                    return false;
                }
                let method = callee.field("attribute").map_or("", |a| semantic.text(a));
                let object = callee.field("object");
                django::INSTANCE_METHODS.contains(&method)
                    && object.is_some_and(|o| {
                        self.manager(o, depth + 1).is_some() || self.is_queryset(o, depth + 1)
                    })
            }
            _ => false,
        }
    }

    /// Whether the related rows of `instance` may have been prefetched: a prefetch (`prefetch_related`,
    /// `Prefetch`, `prefetch_related_objects`) in how the instance was fetched, in its function or in its
    /// class.
    fn may_be_prefetched(&self, instance: Node<'t>) -> bool {
        let semantic = self.semantic;
        let instance = strip_parens(instance);
        let value = (instance.kind() == "identifier")
            .then(|| semantic.resolve_identifier(instance))
            .flatten()
            .and_then(|id| semantic.binding(id).value);
        if value.is_some_and(|v| prefetches_within(semantic, Span::from(v))) {
            return true;
        }
        semantic.enclosing_functions(instance).any(|f| {
            let function = semantic.function(f);
            prefetches_within(semantic, Span::from(function.node))
                || function
                    .class
                    .is_some_and(|c| prefetches_within(semantic, Span::from(c)))
        })
    }

    /// `x.get_queryset(...)`: a queryset, unless `self`'s class overrides `get_queryset` in this file to
    /// return something that is not one.
    fn get_queryset_returns_queryset(
        &self,
        call: Node<'t>,
        receiver: Node<'t>,
        depth: u32,
    ) -> bool {
        let semantic = self.semantic;
        if semantic.text(receiver) != "self" {
            return true;
        }
        let Some(class) = semantic
            .enclosing_functions(call)
            .find_map(|f| semantic.function(f).class)
        else {
            return true;
        };
        let Some((id, _)) = semantic.functions().find(|(_, f)| {
            f.class.is_some_and(|c| c.id() == class.id()) && f.name == Some(django::GET_QUERYSET)
        }) else {
            return true;
        };
        // A call inside the override itself (recursion) is not followed.
        if semantic.function_at(call) == Some(id) {
            return false;
        }
        let returns = semantic.returned_values(id);
        !returns.is_empty()
            && returns
                .iter()
                .all(|r| r.is_some_and(|value| self.is_queryset(value, depth + 1)))
    }

    /// Whether a local variable holds a queryset: bound in a function, and every assignment of it is a
    /// queryset.
    fn is_queryset_variable(&self, identifier: Node<'t>, depth: u32) -> bool {
        let Some(id) = self.semantic.resolve_identifier(identifier) else {
            return false;
        };
        if self.visiting.borrow().contains(&id) {
            // `qs = qs.filter(...)`: the other assignments decide.
            return true;
        }
        let is_queryset_use = |used: &Use<'t>| match used {
            Use::Assign(value) => value.is_some_and(|v| self.is_queryset(v, depth + 1)),
            Use::Rebind => false,
            _ => true,
        };
        self.visiting.borrow_mut().push(id);
        // The declaration is one of the uses: judging it first spares the search for the others when it
        // already says no (`if x:` on a local that is anything but a queryset, the usual case).
        let declaration = self.semantic.binding(id).declaration;
        let all_querysets = is_queryset_use(&classify(self.semantic, declaration))
            && self
                .local_uses(id)
                .is_some_and(|(_, uses)| uses.iter().all(|(_, used)| is_queryset_use(used)));
        self.visiting.borrow_mut().pop();
        all_querysets
    }

    /// The function a local variable belongs to and every use of it there.
    fn local_uses(&self, id: BindingId) -> Option<(FunctionId, Vec<(Node<'t>, Use<'t>)>)> {
        let semantic = self.semantic;
        let binding = semantic.binding(id);
        if binding.kind != BindingKind::Variable || binding.value.is_none() {
            return None;
        }
        let ScopeKind::Function(function) = semantic.scope(binding.scope).kind else {
            return None;
        };
        let uses = semantic
            .references(id, semantic.function(function).node)
            .into_iter()
            .map(|r| (r, classify(semantic, r)))
            .collect();
        Some((function, uses))
    }
}

/// How one reference to a local variable uses it.
fn classify<'t>(semantic: &Semantic<'t>, reference: Node<'t>) -> Use<'t> {
    let node = outer_parens(semantic, reference);
    let Some(parent) = semantic.parent(node) else {
        return Use::Consume;
    };
    let is = |field: &str| parent.field(field).is_some_and(|f| f.id() == node.id());
    match parent.kind() {
        "assignment" if is("left") => {
            // `a = b = value`: the innermost value.
            let mut value = parent.field("right");
            while let Some(v) = value.filter(|v| v.kind() == "assignment") {
                value = v.field("right");
            }
            Use::Assign(value)
        }
        "augmented_assignment" if is("left") => Use::Rebind,
        "for_statement" | "for_in_clause" if is("left") => Use::Rebind,
        "named_expression" if is("name") => Use::Rebind,
        "pattern_list" | "tuple_pattern" | "list_pattern" | "list_splat_pattern"
        | "as_pattern_target" | "global_statement" | "nonlocal_statement" | "delete_statement" => {
            Use::Rebind
        }
        "attribute" if is("object") => {
            let call = semantic
                .parent(parent)
                .filter(|c| c.kind() == "call")
                .filter(|c| c.field("function").is_some_and(|f| f.id() == parent.id()));
            let method = parent.field("attribute").map_or("", |a| semantic.text(a));
            match call {
                // `qs.first()`, `qs.custom_method()`: may read the fetched rows.
                Some(_)
                    if !django::QUERYSET_CHAIN.contains(&method)
                        && !django::OWN_QUERY_METHODS.contains(&method) =>
                {
                    Use::Consume
                }
                _ => Use::Neutral,
            }
        }
        _ => {
            let context = if parent.kind() == "argument_list" {
                semantic.parent(parent)
            } else {
                Some(parent)
            };
            let tested = context.is_some_and(|c| {
                sites(semantic, c)
                    .iter()
                    .any(|s| s.argument.id() == node.id())
            });
            if tested {
                Use::Test
            } else {
                Use::Consume
            }
        }
    }
}

// ----- the finding -----

fn check_site(site: Site<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let analysis = Analysis::new(semantic);
    let operand = strip_parens(site.argument);
    if operand.kind() == "await" {
        return;
    }
    // The variable's declaration and whether the fix keeps the behaviour.
    let (declaration, nothing_after) = if operand.kind() == "identifier" {
        let Some(id) = semantic.resolve_identifier(operand) else {
            return;
        };
        if !analysis.is_queryset(operand, 0) {
            return;
        }
        let Some((function, uses)) = analysis.local_uses(id) else {
            return;
        };
        if uses
            .iter()
            .any(|(_, u)| matches!(u, Use::Consume | Use::Rebind))
        {
            return;
        }
        // Another use in the same statement (`len(qs) if qs else 0` runs the condition first) or after it.
        let statement = enclosing_statement(semantic, site.primary);
        let used_later = uses.iter().any(|(r, u)| {
            r.id() != operand.id()
                && !matches!(u, Use::Assign(_))
                && r.start_byte() >= statement.start_byte()
        });
        let nested = uses
            .iter()
            .any(|(r, _)| semantic.function_at(*r) != Some(function));
        // A loop re-testing a queryset built outside it reads the cache after the first time.
        let retested = semantic.loop_at(site.primary).is_some_and(|l| {
            let region = semantic.loop_(l).region;
            uses.iter()
                .any(|(r, u)| matches!(u, Use::Assign(_)) && !region.contains(Span::from(*r)))
        });
        (
            Some(semantic.binding(id).declaration),
            !used_later && !nested && !retested,
        )
    } else {
        if !analysis.is_queryset(operand, 0) {
            return;
        }
        (None, true)
    };
    let is_async = semantic
        .function_at(site.primary)
        .is_some_and(|f| semantic.function(f).is_async);
    let value_used = matches!(site.test, Test::Truth { value_used: true });
    let applicability = if nothing_after && !is_async && !value_used {
        Applicability::Safe
    } else {
        Applicability::Suggestion
    };

    let written = semantic.text(site.argument);
    let shown = short(written);
    // `qs.count()`, or `await qs.acount()` in an `async def`.
    let call = |receiver: &str, method: &str| {
        if is_async {
            format!("await {receiver}.{}{method}()", django::ASYNC_PREFIX)
        } else {
            format!("{receiver}.{method}()")
        }
    };
    let counted = call(written, django::COUNT);
    let tested = call(written, django::EXISTS);
    let shown_count = call(&shown, django::COUNT);
    let shown_exists = call(&shown, django::EXISTS);
    let full_fetch = "Django runs a full `SELECT` and builds one model instance per row";
    let just_one = "fetches every row of the queryset just to learn whether there is one";
    let (message, help, fix_title, edits) = match site.test {
        Test::Len => (
            format!(
                "`len({shown})` fetches every row of the queryset just to count them: Django runs a full `SELECT`, builds one model instance per row and keeps them all in memory, where `SELECT COUNT(*)` returns one number."
            ),
            format!("Use `{shown_count}`: the database counts the rows and sends back one number."),
            format!("Use `{shown_count}`"),
            vec![Edit {
                span: Span::from(site.replaced.unwrap_or(site.primary)),
                content: counted,
            }],
        ),
        Test::LenEmpty { negated } => {
            let replaced = site.replaced.unwrap_or(site.primary);
            let replacement = if negated {
                format!("not {tested}")
            } else {
                tested
            };
            let shown_replacement = if negated {
                format!("not {shown_exists}")
            } else {
                shown_exists.clone()
            };
            (
                format!(
                    "`{}` {just_one}: {full_fetch}, where `SELECT 1 ... LIMIT 1` would answer.",
                    short(semantic.text(replaced))
                ),
                format!("Use `{shown_replacement}`: the database stops at the first matching row."),
                format!("Use `{shown_replacement}`"),
                vec![Edit {
                    span: Span::from(replaced),
                    content: replacement,
                }],
            )
        }
        Test::Bool | Test::Truth { .. } => {
            let edits = match site.test {
                Test::Bool => vec![Edit {
                    span: Span::from(site.replaced.unwrap_or(site.primary)),
                    content: tested,
                }],
                _ if is_async => vec![
                    Edit {
                        span: Span::new(site.argument.start_byte(), site.argument.start_byte()),
                        content: "await ".to_string(),
                    },
                    Edit {
                        span: Span::new(site.argument.end_byte(), site.argument.end_byte()),
                        content: format!(".{}{}()", django::ASYNC_PREFIX, django::EXISTS),
                    },
                ],
                _ => vec![Edit {
                    span: Span::new(site.argument.end_byte(), site.argument.end_byte()),
                    content: format!(".{}()", django::EXISTS),
                }],
            };
            let what = if site.test == Test::Bool {
                format!("`bool({shown})`")
            } else {
                format!("Testing the queryset `{shown}` for truth")
            };
            (
                format!(
                    "{what} {just_one}: {full_fetch}, where `SELECT 1 ... LIMIT 1` would answer."
                ),
                format!("Use `{shown_exists}`: the database stops at the first matching row."),
                format!("Use `{shown_exists}`"),
                edits,
            )
        }
    };
    let help = if is_async {
        format!("{help} (In an `async def`, evaluating a queryset synchronously also raises `SynchronousOnlyOperation`.)")
    } else {
        help
    };
    let mut diagnostic = ctx
        .diagnostic(site.primary, message)
        .with_help(help)
        .with_fix(Fix {
            message: fix_title,
            edits,
            applicability,
        });
    if let Some(declaration) = declaration {
        diagnostic = diagnostic.with_label(
            declaration,
            format!(
                "`{}` is a lazy queryset built here; nothing in this function iterates its rows",
                semantic.text(declaration)
            ),
        );
    }
    ctx.report(diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;
    use snag_core::config::Config;
    use snag_core::engine::{parse, Engine};
    use snag_core::Language;
    use std::path::Path;

    const RULE: &str = "len-of-queryset";

    fn fixed(path: &str, source: &str) -> String {
        let engine = Engine::new(&crate::all(), &Config::default_at(".".into()));
        let fixed = engine.fix_source(Path::new(path), source);
        let tree = parse(Language::Python, &fixed.text).expect("parses");
        assert!(!tree.root_node().has_error(), "{}", fixed.text);
        fixed.text
    }

    #[test]
    fn len_and_truth_of_querysets_built_in_place() {
        let source = r#"
from django.shortcuts import render

def dashboard(request):
    total = len(Order.objects.filter(user=request.user))
    if Order.objects.filter(user=request.user, status="open"):
        flash(request, "open orders")
    if not Invoice.objects.exclude(paid=True).values("id"):
        pass
    late = bool(Invoice._default_manager.filter(late=True))
    return render(request, "d.html", {"total": total, "late": late})
"#;
        assert_eq!(lines_of(RULE, "shop/views.py", source), vec![5, 6, 8, 10]);
        assert!(lines_of(RULE, "shop/tests/test_views.py", source).is_empty());
    }

    #[test]
    fn variables_are_flagged_only_when_never_iterated() {
        let source = r#"
def stats(request):
    orders = Order.objects.filter(user=request.user)
    if request.GET.get("status"):
        orders = orders.filter(status=request.GET["status"])
    if not orders:
        return None
    return {"count": len(orders)}

def listing(request):
    orders = Order.objects.filter(user=request.user)
    if not orders:
        return None
    return render(request, "list.html", {"orders": orders})

def rows(request):
    items = list(Item.objects.all())
    first = Item.objects.all()[0]
    evens = Item.objects.all()[::2]
    return len(items) + len(evens) + bool(first)

def loop(request):
    tags = Tag.objects.filter(active=True)
    for tag in tags:
        pass
    return len(tags)
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![6, 8]);
    }

    #[test]
    fn get_queryset_and_related_managers() {
        let source = r#"
from django.shortcuts import get_object_or_404

class OrderViewSet(viewsets.ModelViewSet):
    def summary(self, request):
        return Response({"n": len(self.get_queryset())})

class ListView(APIView):
    def get_queryset(self):
        return sorted(Order.objects.all(), key=score)

    def get(self, request):
        return Response({"n": len(self.get_queryset())})

def detail(request, pk):
    order = get_object_or_404(Order, pk=pk)
    if order.items.filter(backordered=True):
        warn()
    if request.user.groups.filter(name="staff"):
        pass
    return len(order.items.all())

def prefetched(request, pk):
    order = Order.objects.prefetch_related("items").get(pk=pk)
    return len(order.items.all())

def loop(orders):
    return [len(o.items.all()) for o in orders]

def locked():
    if Order.objects.select_for_update().filter(paid=False):
        pass
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![6, 17, 19, 21]);
    }

    #[test]
    fn prefetches_are_calls_not_words() {
        let source = r#"
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404

def spelled(request, pk):
    order = get_object_or_404(Order, pk=pk)
    request.session["prefetch"] = True  # a prefetch in words only
    return len(order.items.all())

def prefetched_objects(request, pk):
    order = get_object_or_404(Order, pk=pk)
    prefetch_related_objects([order], "items")
    return len(order.items.all())

def prefetched_lookup(request):
    order = Order.objects.prefetch_related(Prefetch("items")).first()
    return len(order.items.all())

class OrderView(DetailView):
    def get_queryset(self):
        return Order.objects.prefetch_related("items")

    def get_context_data(self, **kwargs):
        return {"n": len(self.object.items.all())}
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![8]);
    }

    #[test]
    fn fixes_count_and_exists() {
        let source = r#"def view(request):
    n = len(Order.objects.filter(user=request.user))
    if not Order.objects.filter(open=True):
        return n
    if len(Order.objects.all()) == 0:
        return 0
    qs = Order.objects.filter(paid=True)
    if qs:
        return len(qs)
    return 1
"#;
        let expected = r#"def view(request):
    n = Order.objects.filter(user=request.user).count()
    if not Order.objects.filter(open=True).exists():
        return n
    if not Order.objects.all().exists():
        return 0
    qs = Order.objects.filter(paid=True)
    if qs:
        return qs.count()
    return 1
"#;
        // `if qs:` is followed by another use of `qs`: a suggestion, left for a person.
        assert_eq!(fixed("views.py", source), expected);
        assert_eq!(lines_of(RULE, "views.py", source), vec![2, 3, 5, 8, 9]);
    }

    #[test]
    fn async_views_get_awaited_suggestions() {
        let source = r#"async def view(request):
    if await Order.objects.filter(open=True).aexists():
        pass
    return len(Order.objects.filter(open=True))
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![4]);
        // Suggestions only: `--fix` leaves the text alone.
        assert_eq!(fixed("views.py", source), source);
    }

    #[test]
    fn later_uses_loops_and_escaping_values_make_suggestions() {
        let source = r#"def badge(request):
    items = CartItem.objects.filter(cart=request.cart)
    return len(items) if items else ""

def poll(request):
    pending = Job.objects.filter(done=False)
    for attempt in range(3):
        if pending:
            wait()

def first_name(request):
    people = Person.objects.filter(team=request.team)
    return people and people[0].name

def maybe(request):
    people = Person.objects.filter(team=request.team)
    return people and "some"

def empty(request):
    return len(Person.objects.none())

EVERYONE = Person.objects.all()

def everyone(request):
    return bool(EVERYONE)
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![3, 3, 8, 17]);
        // None of these is safe to apply blindly.
        assert_eq!(fixed("views.py", source), source);
    }

    #[test]
    fn message_says_what_why_and_instead_with_the_declaration_labelled() {
        let source =
            "def v(request):\n    qs = Order.objects.filter(open=True)\n    return len(qs)\n";
        let engine = Engine::new(&crate::all(), &Config::default_at(".".into()));
        let report = engine.lint_source(Path::new("views.py"), source);
        let finding = report
            .findings
            .iter()
            .find(|f| &*f.diagnostic.rule == RULE)
            .expect("a finding");
        let diagnostic = &finding.diagnostic;
        assert!(diagnostic.message.contains("`len(qs)` fetches every row"));
        assert!(diagnostic.message.contains("SELECT COUNT(*)"));
        assert_eq!(
            diagnostic.help.as_deref(),
            Some("Use `qs.count()`: the database counts the rows and sends back one number.")
        );
        assert_eq!(finding.label_ranges[0].start.line, 2);
        let fix = diagnostic.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, snag_core::Applicability::Safe);
        assert_eq!(fix.edits[0].content, "qs.count()");
    }
}
