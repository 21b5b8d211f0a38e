use crate::eager_fix::{self, query_span, row_noun, EagerLoad};
use snag_core::frameworks::{self, django};
use snag_core::models::chain::{unwrap, Chain};
use snag_core::models::rows::{self, Rows};
use snag_core::models::{Model, ModelIndex, Orm};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{BindingKind, Context, Semantic};
use snag_core::NodeFields;
use snag_core::{Edit, Span};
use std::path::PathBuf;
use tree_sitter::Node;

mod drf;
mod graphql;

declare_rule! {
    /// ## What it does
    /// Flags a query whose rows are then read relation by relation, one query per row, by code that is
    /// not a visible loop:
    ///
    /// - **Django REST framework**: a serializer that nests another serializer
    ///   (`customer = CustomerSerializer()`, `items = ItemSerializer(many=True)`) or reads a field through
    ///   a relation (`source="customer.name"`), used for many rows: a viewset or `ListAPIView` whose
    ///   `queryset` (or `get_queryset()`) does not load those relations, or
    ///   `OrderSerializer(orders, many=True)` on such a query;
    /// - **GraphQL (graphene, graphene-django, strawberry)**: a list resolver (`resolve_orders`, a
    ///   `@strawberry.field` returning `list[OrderType]`) whose type loads a relation per parent: a
    ///   `DjangoObjectType` exposing a relation field, a field the default resolver reads from the
    ///   parent (`customer = graphene.Field(CustomerType)`, strawberry `customer: CustomerType`), or a
    ///   per-parent resolver reading `parent.customer` or querying with the parent;
    /// - **GraphQL (Apollo-style resolver maps, JavaScript)**: `Query.orders` returns `Order.findAll()`
    ///   and `Order.customer` runs `Customer.findByPk(parent.customerId)` or `parent.getCustomer()`.
    ///
    /// snag reads the serializers and models of the whole project (the model index): only real relations
    /// count, a nested serializer's own nested fields give deeper paths (`items__product`), and the
    /// finding points at the query, where the eager load belongs, with labels at what reads the relations
    /// (when it is in the same file; otherwise the message names the serializer's file).
    ///
    /// ## Why is this bad?
    /// This is the N+1 query with the loop hidden in a framework: DRF serializes a list by running the
    /// nested serializer once per row, and GraphQL runs a field's resolver once per parent. A page of 50
    /// orders runs 51 queries (or 101 with two relations) where 2 or 3 would do; it grows with the data, so
    /// it is fast in development and slow in production.
    ///
    /// ## Example
    /// Django REST framework:
    /// ```python
    /// class OrderSerializer(serializers.ModelSerializer):
    ///     customer = CustomerSerializer()
    ///     items = ItemSerializer(many=True)
    ///
    /// class OrderViewSet(viewsets.ModelViewSet):
    ///     serializer_class = OrderSerializer
    ///     queryset = Order.objects.all()
    /// ```
    /// graphene-django:
    /// ```python
    /// class OrderType(DjangoObjectType):
    ///     class Meta:
    ///         model = Order
    ///         fields = ("id", "customer")
    ///
    /// class Query(graphene.ObjectType):
    ///     orders = graphene.List(OrderType)
    ///
    ///     def resolve_orders(root, info):
    ///         return Order.objects.all()
    /// ```
    /// Apollo Server with Sequelize:
    /// ```javascript
    /// const resolvers = {
    ///   Query: { orders: () => Order.findAll() },
    ///   Order: { customer: (order) => Customer.findByPk(order.customerId) },
    /// };
    /// ```
    ///
    /// ## Use instead
    /// Load the relations with the rows; the fix adds exactly this to the query:
    /// ```python
    /// queryset = Order.objects.select_related("customer").prefetch_related("items")
    /// ```
    /// - Django: `select_related` for foreign keys and one-to-one, `prefetch_related` for reverse foreign
    ///   keys, many-to-many and anything below them (`items__product`).
    /// - SQLAlchemy (strawberry or graphene over SQLAlchemy): `.options(joinedload(...))` /
    ///   `.options(selectinload(...))`.
    /// - JavaScript resolvers: batch the per-parent load with a DataLoader
    ///   (`context.loaders.customer.load(order.customerId)`), or include the relation in the list query
    ///   and read it from the parent:
    /// ```javascript
    /// Query: { orders: () => Order.findAll({ include: ['customer'] }) },
    /// Order: { customer: (order) => (order.customer ?? Customer.findByPk(order.customerId)) },
    /// ```
    ///
    /// ## Stays quiet on
    /// - querysets that already eager-load the relations (`select_related`, `prefetch_related`, a
    ///   `Prefetch` whose queryset loads the deeper ones, `include`, `options(...)`), also when added in
    ///   `get_queryset` or on a reassigned variable;
    /// - `SerializerMethodField`, plain fields, `source=` paths that are not relations of `Meta.model`
    ///   (read from the model definitions, in other files too), and `source="customer_id"`;
    /// - a single object: a serializer without `many=True`, a retrieve-only view
    ///   (`RetrieveAPIView`, `RetrieveUpdateAPIView`, ...);
    /// - `.values()`/`.values_list()` querysets, `raw: true` rows;
    /// - per-parent resolvers that use a DataLoader (`.load(...)`, `.load_many(...)`, `.loadMany(...)`),
    ///   and JavaScript per-parent loads of a relation the list query includes (`include: ['customer']`);
    ///   a Python per-parent query (`Customer.objects.get(pk=parent.customer_id)`) or `.filter()` on a
    ///   prefetched relation runs per parent whatever the list query loads, and is still reported;
    /// - strawberry-django types (`@strawberry_django.type`), which resolve through their own optimizer;
    /// - views, serializers or queries snag cannot see (`get_serializer_class()` choosing between
    ///   serializers, a queryset built by a helper in another file): it never guesses;
    /// - test files.
    ///
    /// ## Fix safety
    /// The fix adds the eager load to the query (and, for a JavaScript per-parent query, reads the
    /// included relation first: `order.customer ?? Customer.findByPk(...)`). The rows and their values
    /// stay the same, but the query changes shape (a JOIN or one more query up front) and loads more data,
    /// so it is a suggestion, not applied by `--fix`.
    pub struct MissingEagerLoading {
        id: "missing-eager-loading",
        summary: "Rows serialized or resolved relation by relation without the eager load (N+1 outside a visible loop)",
        severity: Warning,
        fix: Suggestion,
        status: Stable,
        since: "0.1.0",
        targets: [
            // A DRF view or GraphQL type (class), a `Serializer(rows, many=True)` call. A view names its
            // serializer in `serializer_class`/`get_serializer`; a serializer call has `many`.
            Python {
                kinds: ["class_definition", "call"],
                // `many=True` is a keyword argument (DRF pops it from the keywords).
                triggers: [
                    frameworks::drf::SERIALIZER_WORDS.iter().map(|w| literal(w)).collect::<Vec<_>>(),
                    pattern(&format!("\\b{} = True\\b", frameworks::drf::MANY)),
                    literal(frameworks::graphql::GRAPHENE),
                    literal(frameworks::graphql::STRAWBERRY),
                    literal(frameworks::graphql::RESOLVER_PREFIX),
                ],
            },
            // A resolver map has a `Query` or `Mutation` key.
            JavaScript {
                kinds: ["object"],
                triggers: [frameworks::graphql::ROOT_TYPES.iter().map(|t| word(t)).collect::<Vec<_>>()],
            },
        ],
        reads_models: true,
    }
}

impl Rule for MissingEagerLoading {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let models = ctx.models();
        if models.is_empty() {
            return;
        }
        match node.kind() {
            "class_definition" => {
                drf::check_view(node, semantic, models, ctx);
                graphql::check_python_class(node, semantic, models, ctx);
            }
            "call" => drf::check_serializer_call(node, semantic, models, ctx),
            "object" => graphql::check_resolver_map(node, semantic, models, ctx),
            _ => {}
        }
    }
}

/// What an eager load of the query does for a reader.
#[derive(Clone, Debug)]
enum Remedy {
    /// Loading the path with the rows makes the read free.
    Eager,
    /// Loading the path and this edit of the reader (read the loaded relation first).
    EagerAnd(Edit),
    /// The reader runs its own query: no eager load alone removes it.
    None,
}

/// Something that reads a relation once per row.
#[derive(Clone, Debug)]
struct Need {
    /// The relation path from the query's model (`customer`, `items__product`): what an eager load
    /// makes free, or, for a reader that runs its own query, the relation it stands for when known.
    path: Option<String>,
    /// How the fix removes it.
    remedy: Remedy,
    /// Who reads: "`OrderSerializer.customer`".
    reader: String,
    /// What it does: "reads `Order.customer`".
    action: String,
    /// Where the reader is, when in this file.
    site: Option<Span>,
    /// The file that declares the reader, when it is another one.
    elsewhere: Option<PathBuf>,
}

/// How the rows are used, for the message and the labels.
struct Usage {
    /// "`OrderViewSet` lists": the rows are those it ... .
    by: String,
    /// Labels at the code that uses the rows.
    labels: Vec<(Span, String)>,
}

/// The relation paths a query loads eagerly, in Django's spelling; `*` stands for every to-one
/// relation, a trailing `__**` for everything below a path (a `Prefetch` whose queryset snag cannot
/// read).
struct Loaded {
    paths: Vec<String>,
}

impl Loaded {
    /// What `rows`' query loads, with the eager loads of `extra` chains (`qs = qs.select_related(...)`).
    fn of<'t>(
        semantic: &Semantic<'t>,
        models: &ModelIndex,
        rows: &Rows<'t, '_>,
        extra: &[Chain<'t>],
    ) -> Loaded {
        let mut paths = rows.eager.clone();
        if rows.query_model.orm == Orm::Django {
            paths.extend(django_eager(semantic, models, &rows.query));
            for chain in extra {
                paths.extend(django_eager(semantic, models, chain));
            }
        }
        Loaded { paths }
    }

    /// Whether the query loads `path` (from `query_model`).
    fn covers(&self, models: &ModelIndex, query_model: &Model, path: &str) -> bool {
        self.paths.iter().any(|e| {
            e == path
                || e.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with("__"))
                || (e == "*" && EagerLoad::for_path(models, query_model, path).all_to_one())
                || e.strip_suffix("**")
                    .is_some_and(|below| path.starts_with(below))
        })
    }
}

/// The eager loads of a Django chain: `select_related` and `prefetch_related` arguments, with the
/// eager loads of a `Prefetch(..., queryset=...)` below its path.
fn django_eager<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    chain: &Chain<'t>,
) -> Vec<String> {
    let mut paths = Vec::new();
    for link in &chain.links {
        let Some(call) = link.call else { continue };
        match link.name {
            django::SELECT_RELATED => {
                let arguments = semantic.arguments(call);
                if arguments.is_empty() {
                    paths.push("*".to_string());
                }
                paths.extend(
                    arguments
                        .iter()
                        .filter_map(|a| rows::string_value(semantic, *a)),
                );
            }
            django::PREFETCH_RELATED => {
                for argument in semantic.arguments(call) {
                    if let Some(path) = rows::string_value(semantic, argument) {
                        paths.push(path);
                        continue;
                    }
                    let is_prefetch = semantic
                        .callee(argument)
                        .is_some_and(|c| semantic.text(c).ends_with(django::PREFETCH));
                    if !is_prefetch {
                        continue;
                    }
                    let Some(path) = semantic
                        .argument(argument, 0)
                        .and_then(|p| rows::string_value(semantic, p))
                    else {
                        continue;
                    };
                    paths.push(path.clone());
                    let Some(queryset) = keyword_argument(semantic, argument, django::PREFETCH_QUERYSET) else {
                        continue;
                    };
                    match rows::collection_rows(semantic, models, queryset, 0) {
                        Some(inner) if inner.prefix.is_empty() => {
                            let inner_loaded = Loaded::of(semantic, models, &inner, &[]);
                            for e in inner_loaded.paths {
                                if e == "*" {
                                    paths.push(format!("{path}__**"));
                                } else {
                                    paths.push(format!("{path}__{e}"));
                                }
                            }
                        }
                        _ => paths.push(format!("{path}__**")),
                    }
                }
            }
            _ => {}
        }
    }
    paths
}

/// The chains a variable is reassigned to in its function (`qs = qs.select_related(...)`), when
/// `expression` is such a variable.
fn reassignments<'t>(semantic: &Semantic<'t>, expression: Node<'t>) -> Vec<Chain<'t>> {
    let expression = unwrap(expression);
    let root = Chain::of(semantic, expression).root;
    if root.kind() != "identifier" {
        return Vec::new();
    }
    let Some(binding) = semantic.resolve_identifier(root) else {
        return Vec::new();
    };
    let declared = semantic.binding(binding);
    if declared.kind != BindingKind::Variable || !declared.reassigned {
        return Vec::new();
    }
    let scope = semantic.scope(declared.scope).span;
    let Some(within) = semantic
        .root()
        .descendant_for_byte_range(scope.start, scope.end)
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for reference in semantic.references(binding, within) {
        let Some(assignment) = reference.parent().filter(|p| {
            matches!(p.kind(), "assignment" | "augmented_assignment")
                && p.field("left") == Some(reference)
        }) else {
            continue;
        };
        if let Some(value) = assignment.field("right") {
            found.push(Chain::of(semantic, value));
        }
    }
    found
}

/// Reports the needs of `rows` that its query does not meet: one finding at the query.
fn report<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
    rows: &Rows<'t, '_>,
    extra: &[Chain<'t>],
    needs: Vec<Need>,
    usage: Usage,
) {
    if rows.plain || !rows.prefix.is_empty() {
        return;
    }
    let loaded = Loaded::of(semantic, models, rows, extra);
    let mut open: Vec<Need> = Vec::new();
    for need in needs {
        let met = need
            .path
            .as_deref()
            .is_some_and(|p| loaded.covers(models, rows.query_model, p));
        let duplicate = open
            .iter()
            .any(|n| n.reader == need.reader && n.path == need.path);
        if !met && !duplicate {
            open.push(need);
        }
    }
    let Some(first) = open.first() else {
        return;
    };
    let row = row_noun(rows.model);
    let reader = match &first.elsewhere {
        Some(path) => format!("{} (in `{}`)", first.reader, path.display()),
        None => first.reader.clone(),
    };
    let mut message = match first.remedy {
        Remedy::Eager => format!(
            "{reader} {} for every {row} {}, but the query does not load it: one more query per {row} (N+1)",
            first.action, usage.by
        ),
        _ => format!(
            "{reader} {} for every {row} {}: one more query per {row} (N+1)",
            first.action, usage.by
        ),
    };
    if let [_, others @ ..] = open.as_slice() {
        if !others.is_empty() {
            let names: Vec<&str> = others.iter().map(|n| n.reader.as_str()).collect();
            let listed = match names.split_last() {
                Some((last, [])) => last.to_string(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            let verb = if names.len() == 1 { "does" } else { "do" };
            message.push_str(&format!("; {listed} {verb} the same"));
        }
    }
    let mut diagnostic = ctx.diagnostic(query_span(&rows.query), message);
    for (span, label) in &usage.labels {
        diagnostic = diagnostic.with_label(*span, label.clone());
    }
    for need in &open {
        if let Some(site) = need.site {
            diagnostic = diagnostic.with_label(site, format!("{} for every {row}", need.action));
        }
    }
    // The eager loads, without a path that a longer one of the same method already loads.
    let mut paths: Vec<&str> = Vec::new();
    for need in &open {
        if matches!(need.remedy, Remedy::None) {
            continue;
        }
        if let Some(path) = need.path.as_deref() {
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
    }
    let loads: Vec<EagerLoad<'_>> = paths
        .iter()
        .map(|p| EagerLoad::for_path(models, rows.query_model, p))
        .collect();
    let loads: Vec<EagerLoad<'_>> = loads
        .iter()
        .enumerate()
        .filter(|(i, load)| {
            !loads.iter().enumerate().any(|(j, longer)| {
                *i != j
                    && longer
                        .path()
                        .strip_prefix(load.path())
                        .is_some_and(|rest| rest.starts_with("__"))
                    && (rows.query_model.orm != Orm::Django
                        || longer.django_method() == load.django_method())
            })
        })
        .map(|(_, load)| EagerLoad::for_path(models, rows.query_model, load.path()))
        .collect();
    let unbatched = open.iter().any(|n| matches!(n.remedy, Remedy::None));
    let help = match (loads.is_empty(), unbatched) {
        (false, false) => format!(
            "Load the relations with the rows: {}.",
            eager_fix::describe(&loads, rows.query_model)
        ),
        (false, true) => format!(
            "Load the relations with the rows ({}), read them from the parent in the resolver, or batch the per-parent loads with a DataLoader.",
            eager_fix::describe(&loads, rows.query_model)
        ),
        (true, _) => "Batch the per-parent loads with a DataLoader, or load the relation with the list query and read it from the parent.".to_string(),
    };
    // Views, serializers and resolvers read the rows per request, wherever the queryset is declared.
    diagnostic = diagnostic.with_help(help).with_context(Context::Request);
    if !loads.is_empty() {
        if let Some(mut fix) = eager_fix::fix(semantic, &rows.query, &loads) {
            for need in &open {
                if let Remedy::EagerAnd(edit) = &need.remedy {
                    fix.edits.push(edit.clone());
                }
            }
            diagnostic = diagnostic.with_fix(fix);
        }
    }
    ctx.report(diagnostic);
}

// ----- Python syntax helpers -----

/// The statements of a class body, decorated definitions unwrapped.
fn class_items<'t>(class: Node<'t>) -> Vec<Node<'t>> {
    let Some(body) = class.field("body") else {
        return Vec::new();
    };
    let mut cursor = body.walk();
    let items = body
        .named_children(&mut cursor)
        .map(|n| {
            if n.kind() == "decorated_definition" {
                n.field("definition").unwrap_or(n)
            } else {
                n
            }
        })
        .collect();
    items
}

/// The methods of a class.
fn methods<'t>(class: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    class_items(class)
        .into_iter()
        .filter(|n| n.kind() == "function_definition")
}

/// The method `name` of a class.
fn method<'t>(semantic: &Semantic<'t>, class: Node<'t>, name: &str) -> Option<Node<'t>> {
    methods(class).find(|m| m.field("name").is_some_and(|n| semantic.text(n) == name))
}

/// The value of the class attribute `name = value`.
fn class_attribute<'t>(semantic: &Semantic<'t>, class: Node<'t>, name: &str) -> Option<Node<'t>> {
    class_items(class).into_iter().find_map(|item| {
        let assignment = assignment_of(item)?;
        let left = assignment.field("left")?;
        (left.kind() == "identifier" && semantic.text(left) == name)
            .then(|| assignment.field("right"))
            .flatten()
    })
}

/// The assignment an expression statement holds.
fn assignment_of(item: Node<'_>) -> Option<Node<'_>> {
    if item.kind() != "expression_statement" {
        return None;
    }
    item.named_child(0).filter(|n| n.kind() == "assignment")
}

/// The inner class `name` of a class (`Meta`).
fn inner_class<'t>(semantic: &Semantic<'t>, class: Node<'t>, name: &str) -> Option<Node<'t>> {
    class_items(class).into_iter().find(|n| {
        n.kind() == "class_definition" && n.field("name").is_some_and(|n| semantic.text(n) == name)
    })
}

/// The values a function returns (its own `return` statements; an expression-bodied arrow or
/// lambda returns its body), from the semantic model.
fn returned_values<'t>(semantic: &Semantic<'t>, function: Node<'t>) -> Vec<Node<'t>> {
    semantic
        .function_of_node(function)
        .map(|id| semantic.returned_values(id).into_iter().flatten().collect())
        .unwrap_or_default()
}

/// The last segments of a class's bases (`viewsets.ModelViewSet` gives `ModelViewSet`).
fn base_names<'t>(semantic: &Semantic<'t>, class: Node<'t>) -> Vec<&'t str> {
    let Some(bases) = class.field("superclasses") else {
        return Vec::new();
    };
    let mut cursor = bases.walk();
    let names = bases
        .named_children(&mut cursor)
        .filter(|b| matches!(b.kind(), "identifier" | "attribute"))
        .map(|b| {
            let text = semantic.text(b);
            text.rsplit('.').next().unwrap_or(text)
        })
        .collect();
    names
}

/// The value of the keyword argument `name=` of a call.
fn keyword_argument<'t>(semantic: &Semantic<'t>, call: Node<'t>, name: &str) -> Option<Node<'t>> {
    semantic.arguments(call).into_iter().find_map(|a| {
        (a.kind() == "keyword_argument"
            && a.field("name").is_some_and(|n| semantic.text(n) == name))
        .then(|| a.field("value"))
        .flatten()
    })
}

/// The first parameter of a function (the parent of a per-parent resolver), as its identifier.
fn first_parameter(function: Node<'_>) -> Option<Node<'_>> {
    let parameters = function
        .field("parameters")
        .or_else(|| function.field("parameter"))?;
    if parameters.kind() == "identifier" {
        return Some(parameters);
    }
    let mut cursor = parameters.walk();
    let first = parameters
        .named_children(&mut cursor)
        .find(|n| n.kind() != "comment")?;
    let name = match first.kind() {
        "identifier" => first,
        "typed_parameter" => first.named_child(0)?,
        "default_parameter" | "typed_default_parameter" => first.field("name")?,
        "required_parameter" | "optional_parameter" => first.field("pattern")?,
        _ => return None,
    };
    (name.kind() == "identifier").then_some(name)
}

/// The name a reference to a model or class is written with (`shop.models.Order` gives `Order`;
/// through imports: `from shop.serializers import OrderSerializer as S` gives `OrderSerializer`).
fn referenced_name<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> Option<String> {
    match node.kind() {
        "identifier" => Some(
            semantic
                .qualified_name(node)
                .filter(|q| !q.as_str().ends_with("()"))
                .map(|q| q.last().to_string())
                .unwrap_or_else(|| semantic.text(node).to_string()),
        ),
        "attribute" | "member_expression" => {
            let text = semantic.text(node);
            Some(text.rsplit('.').next()?.to_string())
        }
        "string" => Some(
            rows::string_value(semantic, node)?
                .rsplit('.')
                .next()?
                .to_string(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
