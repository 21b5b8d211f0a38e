//! Which expressions run a database query: "does this call execute a query, through which API, on which
//! model?", asked by the rules about queries (`query-in-loop`) the same way for every ORM and driver.
//!
//! Names are resolved through the semantic layer (imports, aliases, `require`, destructuring, variables
//! holding clients, sessions, cursors, repositories and lazy querysets) and the [`ModelIndex`]. Where only
//! conventional names are available (a `db` or `session` imported from another file), a query is
//! recognised only from strong evidence: SQL text as the first argument, Prisma's `x.model.findMany(...)`,
//! SQLAlchemy's `query(Model)`, Knex's `db('table').where(...)`, Mongo's `find_one`/`countDocuments`...
//!
//! Only what *executes* a query counts: Django querysets and SQLAlchemy `Query` objects are lazy until a
//! method such as `get`/`first`/`count` runs them or they are iterated, passed to `list()`/`len()`/`bool()`
//! or indexed. A chain is judged once, at its outermost call (`Order.objects.filter(...).first()`, not the
//! `filter(...)` inside it).

use super::chain::{member_parts, unwrap, Chain, Link};
use super::{ModelIndex, Orm};
use crate::fields::NodeFields;
use crate::frameworks::orm;
use crate::frameworks::{bookshelf, django, flask, knex, mongodb, mongoose, nestjs, prisma};
use crate::frameworks::{sequelize, sql_drivers, sqlalchemy, typeorm};
use crate::language::LanguageFamily;
use crate::semantic::{BindingKind, QualifiedName, Semantic};
use tree_sitter::Node;

pub use crate::frameworks::orm::{Access, QueryApi};

/// How a lazy query (a Django queryset, a SQLAlchemy `Query`) is run where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Evaluation {
    /// A loop or comprehension iterates it.
    Iterated,
    /// A builtin evaluates it: `list`, `len`, `bool`, ...
    Builtin(&'static str),
    /// It is indexed (`qs[0]`).
    Indexed,
}

/// An expression that runs a database query.
#[derive(Clone, Debug)]
pub struct QueryCall<'t> {
    /// What runs it: the outermost call of the chain, the `list(...)`/`len(...)` call or subscript that
    /// evaluates a lazy query, or the iterated expression of a loop.
    pub node: Node<'t>,
    /// The API.
    pub api: QueryApi,
    /// The model, entity, delegate, collection or table, when known (`Order`, `user`, `"users"`).
    pub model: Option<String>,
    /// The query as written, arguments elided (`Order.objects.get`, `prisma.user.findUnique`,
    /// `Order.objects.filter(...)` for a lazy queryset).
    pub display: String,
    /// The method that executes it (`get`, `findUnique`, `execute`; `list` for `list(qs)`).
    pub method: &'t str,
    /// Read or write.
    pub access: Access,
    /// Set when a lazy query is run by its context rather than by a method.
    pub evaluation: Option<Evaluation>,
    /// Where the chain starts, after following variables to their values (`Order`, `session`, `this`,
    /// `o` in `o.items.all()`).
    pub root: Node<'t>,
    /// The expression that names the model, table or collection, when one does (`Order` in
    /// `Order.objects.get(...)`, `model` in `model._base_manager...`, `User` in `getRepository(User)`,
    /// `'users'` in `db('users')`).
    pub target: Option<Node<'t>>,
    /// The SQL text argument of a SQL driver call.
    pub sql: Option<Node<'t>>,
}

impl QueryCall<'_> {
    /// What runs the query, for messages: `` `Order.objects.get` ``, `` iterating `Order.objects.filter(...)` ``.
    pub fn describe(&self) -> String {
        let display = &self.display;
        match self.evaluation {
            None => format!("`{display}`"),
            Some(Evaluation::Iterated) => format!("iterating `{display}`"),
            Some(Evaluation::Builtin(builtin)) => format!("`{builtin}({display})`"),
            Some(Evaluation::Indexed) => format!("indexing `{display}`"),
        }
    }
}

/// The query `node` runs, if it runs one: `node` is a call (Python `call`, JavaScript `call_expression`)
/// or a Python `subscript`. A call whose chain continues with another call (`filter(...)` in
/// `filter(...).first()`) is not judged: the outer call is.
pub fn query_call<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    node: Node<'t>,
) -> Option<QueryCall<'t>> {
    if !matches!(node.kind(), "call" | "call_expression" | "subscript") {
        return None;
    }
    let finder = Finder { semantic, models };
    let query = match semantic.language().family() {
        LanguageFamily::Python => finder.python(node),
        LanguageFamily::JavaScript if node.kind() == "call_expression" => finder.javascript(node),
        LanguageFamily::JavaScript => None,
    }?;
    // Asked last: most calls run no query, and finding a node's parent is the costly part.
    (!is_continued(semantic, node)).then_some(query)
}

/// The lazy query a loop or comprehension iterates (`for o in Order.objects.filter(...)`): iterating it
/// runs it. `iterable` is the loop's iterable expression.
pub fn iterated_query<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    iterable: Node<'t>,
) -> Option<QueryCall<'t>> {
    if semantic.language().family() != LanguageFamily::Python {
        return None;
    }
    let finder = Finder { semantic, models };
    let mut query = finder.lazy(iterable)?;
    query.node = iterable;
    query.evaluation = Some(Evaluation::Iterated);
    Some(query)
}

/// Whether a call is the object of a further call in its chain (`x.filter()` in `x.filter().first()`),
/// or an expression the chain continues from through a subscript (`qs[0]` in `qs[0].save()`).
fn is_continued<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> bool {
    let mut current = node;
    // `await` and parentheses: `(await x.find()).map(...)` continues too, but then the outer call is on a
    // result, which the matchers see as a link after the executing one.
    while let Some(parent) = semantic.parent(current) {
        match parent.kind() {
            "parenthesized_expression" | "await_expression" | "await" | "non_null_expression" => {
                current = parent
            }
            _ => break,
        }
    }
    let Some(parent) = semantic.parent(current) else {
        return false;
    };
    let object = parent.field("object").or_else(|| parent.field("value"));
    if object.is_none_or(|o| o.id() != current.id()) {
        return false;
    }
    match parent.kind() {
        "member_expression" | "attribute" => semantic.parent(parent).is_some_and(|call| {
            matches!(call.kind(), "call" | "call_expression")
                && call
                    .field("function")
                    .is_some_and(|f| f.id() == parent.id())
        }),
        "subscript" | "subscript_expression" => true,
        _ => false,
    }
}

/// A chain whose root variables were replaced by their values: `qs.first()` with `qs = Order.objects
/// .filter(...)` is `Order.objects.filter(...).first()`.
struct Expanded<'t> {
    chain: Chain<'t>,
    /// Links before this index come from variables' values; the rest is written here.
    own_from: usize,
}

impl<'t> Expanded<'t> {
    fn links(&self) -> &[Link<'t>] {
        &self.chain.links
    }

    /// The expression a link applies to.
    fn receiver(&self, index: usize) -> Node<'t> {
        match index {
            0 => self.chain.root,
            _ => self.chain.links[index - 1].node,
        }
    }
}

fn expand<'t>(semantic: &Semantic<'t>, expression: Node<'t>) -> Expanded<'t> {
    let mut chain = Chain::of(semantic, expression);
    let own = chain.links.len();
    for _ in 0..4 {
        if chain.root.kind() != "identifier" {
            break;
        }
        let Some(value) = variable_value(semantic, chain.root) else {
            break;
        };
        let inner = Chain::of(semantic, value);
        if inner.root.id() == chain.root.id() {
            break;
        }
        let mut links = inner.links;
        links.extend(chain.links);
        chain = Chain {
            root: inner.root,
            links,
        };
    }
    let own_from = chain.links.len() - own;
    Expanded { chain, own_from }
}

/// The value a variable was given, when it is given once and not destructured.
fn variable_value<'t>(semantic: &Semantic<'t>, identifier: Node<'t>) -> Option<Node<'t>> {
    let binding = semantic.binding(semantic.resolve_identifier(identifier)?);
    (binding.kind == BindingKind::Variable && !binding.reassigned && binding.destructured.is_none())
        .then_some(binding.value?)
}

struct Finder<'a, 't> {
    semantic: &'a Semantic<'t>,
    models: &'a ModelIndex,
}

/// What a matcher found in a chain: the executing link and what to say about it.
struct Found<'t> {
    index: usize,
    /// The expression that names the model, table or collection.
    target: Option<Node<'t>>,
    /// The SQL text argument.
    sql: Option<Node<'t>>,
    api: QueryApi,
    model: Option<String>,
    method: &'t str,
    access: Access,
}

// ----- Python -----

impl<'t> Finder<'_, 't> {
    fn text(&self, node: Node<'_>) -> &'t str {
        self.semantic.text(node)
    }

    fn python(&self, node: Node<'t>) -> Option<QueryCall<'t>> {
        if node.kind() == "subscript" {
            // `qs[0]` runs the query; `qs[:10]` is another lazy queryset.
            if is_slice(node) {
                return None;
            }
            let value = node.field("value")?;
            if let Some(mut query) = self.lazy(value) {
                query.node = node;
                query.evaluation = Some(Evaluation::Indexed);
                return Some(query);
            }
        } else if let Some(query) = self
            .evaluating_builtin(node)
            .or_else(|| self.django_shortcut(node))
        {
            return Some(query);
        }
        let expanded = expand(self.semantic, node);
        let found = self
            .django(&expanded)
            .or_else(|| self.sqlalchemy(&expanded))
            .or_else(|| self.python_sql(&expanded))
            .or_else(|| self.pymongo(&expanded))?;
        self.finish(node, &expanded, found)
    }

    /// Turns a match into a [`QueryCall`], unless the executing link comes from a variable's value (the
    /// variable then holds the result, and using it runs nothing).
    fn finish(
        &self,
        node: Node<'t>,
        expanded: &Expanded<'t>,
        found: Found<'t>,
    ) -> Option<QueryCall<'t>> {
        if found.index < expanded.own_from {
            return None;
        }
        let link = &expanded.links()[found.index];
        let shown = match link.call {
            Some(call) => self.semantic.callee(call).unwrap_or(link.node),
            None => link.node,
        };
        Some(QueryCall {
            node,
            api: found.api,
            model: found.model,
            display: display(self.semantic, shown),
            method: found.method,
            access: found.access,
            evaluation: None,
            root: expanded.chain.root,
            target: found.target,
            sql: found.sql,
        })
    }

    /// `list(qs)`, `len(qs)`, `bool(qs)`, `tuple`, `set`, `sorted`, `sum`... of a lazy query.
    fn evaluating_builtin(&self, call: Node<'t>) -> Option<QueryCall<'t>> {
        let name = self.semantic.callee_name(call)?;
        let builtin = [
            "list",
            "tuple",
            "set",
            "frozenset",
            "sorted",
            "len",
            "bool",
            "dict",
        ]
        .into_iter()
        .find(|b| name.is(b))?;
        let argument = self.semantic.argument(call, 0)?;
        let mut query = self.lazy(argument)?;
        query.node = call;
        query.method = builtin;
        query.evaluation = Some(Evaluation::Builtin(builtin));
        Some(query)
    }

    /// `get_object_or_404(Order, pk=...)`, `get_list_or_404(...)`.
    fn django_shortcut(&self, call: Node<'t>) -> Option<QueryCall<'t>> {
        let name = self.semantic.callee_name(call)?;
        if !name.starts_with(django::SHORTCUTS_MODULE)
            || !django::QUERY_SHORTCUTS.contains(&name.last())
        {
            return None;
        }
        let model = self
            .semantic
            .argument(call, 0)
            .and_then(|m| model_name(self.text(m)));
        let callee = self.semantic.callee(call)?;
        Some(QueryCall {
            node: call,
            api: QueryApi::Django,
            model,
            display: display(self.semantic, callee),
            method: self.text(member_name(callee).unwrap_or(callee)),
            access: Access::Read,
            evaluation: None,
            root: callee,
            target: self.semantic.argument(call, 0),
            sql: None,
        })
    }

    /// A lazy query as an expression (no method runs it): a Django queryset or a SQLAlchemy `Query`.
    fn lazy(&self, expression: Node<'t>) -> Option<QueryCall<'t>> {
        let expression = unwrap(expression);
        let expanded = expand(self.semantic, expression);
        let target;
        let (api, model) = if let Some((manager, model)) = self.django_manager(&expanded) {
            target = Some(expanded.receiver(manager));
            let rest = &expanded.links()[manager + 1..];
            let lazy = rest.iter().all(|l| {
                (l.call.is_some() && django::is_lazy(l.name))
                    || (l.is_subscript && is_slice(l.node))
            });
            // A bare manager is not iterable (`Order.objects`); `Order.objects.all()` is.
            (lazy && !rest.is_empty()).then_some((QueryApi::Django, model))?
        } else if let Some((start, model, named)) = self.sqlalchemy_query_start(&expanded) {
            target = Some(named);
            let rest = &expanded.links()[start + 1..];
            let lazy = rest.iter().all(|l| {
                (l.call.is_some() && sqlalchemy::QUERY_CHAIN.contains(&l.name))
                    || (l.is_subscript && is_slice(l.node))
            });
            // `x.query(Model)` alone: only a session's `query` is iterable for sure.
            let owner = expanded.receiver(start);
            let session = self.is_sqlalchemy_session(owner)
                || self
                    .text(owner)
                    .to_ascii_lowercase()
                    .contains(sqlalchemy::CONVENTIONAL_SESSION_NAME)
                || expanded.links()[start].call.is_none();
            (lazy && (session || !rest.is_empty())).then_some((QueryApi::SqlAlchemy, model))?
        } else {
            return None;
        };
        Some(QueryCall {
            node: expression,
            api,
            model,
            display: display(self.semantic, expression),
            method: "",
            access: Access::Read,
            evaluation: None,
            root: expanded.chain.root,
            target,
            sql: None,
        })
    }

    /// The position of the Django manager link (`objects` in `Order.objects.filter(...)`) and the model.
    fn django_manager(&self, expanded: &Expanded<'t>) -> Option<(usize, Option<String>)> {
        let links = expanded.links();
        for (index, link) in links.iter().enumerate() {
            if link.call.is_some() || link.is_subscript {
                // A manager is reached through attributes only (`get_model(...)` aside).
                if link.is_call(django::MODEL_GETTER) || link.is_call("type") {
                    continue;
                }
                return None;
            }
            let owner = expanded.receiver(index);
            let owner_text = self.text(owner);
            let owner_name = last_segment(owner_text);
            if django::MANAGERS.contains(&link.name) {
                let model_like = is_pascal(owner_name)
                    || matches!(owner_name, "cls" | "model" | "__class__")
                    || owner_name.ends_with("_model")
                    || owner_name.ends_with("_cls")
                    || owner_name.ends_with("_class")
                    || (owner.kind() == "call"
                        && self.semantic.callee(owner).is_some_and(|c| {
                            matches!(last_segment(self.text(c)), django::MODEL_GETTER | "type")
                        }));
                return model_like.then(|| (index, model_name(owner_text)));
            }
            // A custom manager of an indexed Django model: `Order.published.filter(...)`.
            if index == 0 && is_pascal(owner_name) && owner.kind() != "call" {
                let model =
                    self.models
                        .model_as_imported(Some(Orm::Django), owner_name, self.semantic)?;
                let is_column = model.fields.iter().any(|f| f == link.name)
                    || model.relation(link.name).is_some();
                let next_is_call = links.get(1).is_some_and(|l| l.call.is_some());
                if !is_column && next_is_call && !link.name.starts_with("__") {
                    return Some((index, Some(model.name.clone())));
                }
                return None;
            }
        }
        None
    }

    fn django(&self, expanded: &Expanded<'t>) -> Option<Found<'t>> {
        let (manager, model) = self.django_manager(expanded)?;
        for (index, link) in expanded.links().iter().enumerate().skip(manager + 1) {
            if link.is_subscript {
                if is_slice(link.node) {
                    continue;
                }
                return Some(Found {
                    index,
                    target: Some(expanded.receiver(manager)),
                    sql: None,
                    api: QueryApi::Django,
                    model,
                    method: "[]",
                    access: Access::Read,
                });
            }
            link.call?;
            if let Some(access) = django::query_method_access(link.name) {
                return Some(Found {
                    index,
                    target: Some(expanded.receiver(manager)),
                    sql: None,
                    api: QueryApi::Django,
                    model,
                    method: link.name,
                    access,
                });
            }
            if !django::is_lazy(link.name) {
                // A custom queryset method: it may or may not run the query.
                return None;
            }
        }
        None
    }

    /// The link that starts a SQLAlchemy `Query` (`query(Model)`, or `query` in `Model.query`), and the
    /// model.
    fn sqlalchemy_query_start(
        &self,
        expanded: &Expanded<'t>,
    ) -> Option<(usize, Option<String>, Node<'t>)> {
        let links = expanded.links();
        for (index, link) in links.iter().enumerate() {
            let query = match link.call {
                Some(_) => sqlalchemy::SESSION_QUERY,
                None => flask::MODEL_QUERY,
            };
            if link.name != query {
                continue;
            }
            let owner = expanded.receiver(index);
            match link.call {
                // `session.query(User)`, `db.session.query(User.id)`.
                Some(call) => {
                    let first = self.semantic.argument(call, 0)?;
                    let resolved = self.is_sqlalchemy_session(owner);
                    let entity = self.entity_argument(first);
                    if resolved || entity.is_some() {
                        return Some((index, entity, first));
                    }
                    return None;
                }
                // Flask-SQLAlchemy: `User.query.filter_by(...)`.
                None => {
                    let name = last_segment(self.text(owner));
                    let indexed = self
                        .models
                        .model_as_imported(Some(Orm::SqlAlchemy), name, self.semantic)
                        .is_some();
                    let next = links.get(index + 1);
                    let chained = next.is_some_and(|l| {
                        l.call.is_some()
                            && (sqlalchemy::QUERY_CHAIN.contains(&l.name)
                                || orm::is_sqlalchemy_query_terminal(l.name))
                    });
                    if owner.kind() != "call" && is_pascal(name) && (indexed || chained) {
                        return Some((index, Some(name.to_string()), owner));
                    }
                    return None;
                }
            }
        }
        None
    }

    /// The model an argument names: `User`, `User.id`, `models.User` (a class-like name) or an indexed
    /// SQLAlchemy model; `func.count(User.id)` names `User` too.
    fn entity_argument(&self, argument: Node<'t>) -> Option<String> {
        let argument = unwrap(argument);
        match argument.kind() {
            "identifier" => {
                let name = self.text(argument);
                (is_pascal(name) && !is_constant(name)).then(|| name.to_string())
            }
            "attribute" => {
                let object = argument.field("object")?;
                let attribute = self.text(argument.field("attribute")?);
                if is_pascal(attribute) && !is_constant(attribute) {
                    return Some(attribute.to_string());
                }
                let owner = last_segment(self.text(object));
                (is_pascal(owner) && !is_constant(owner)).then(|| owner.to_string())
            }
            "call" => {
                let name = self.semantic.callee_name(argument)?;
                if !sqlalchemy::MODULES.iter().any(|m| name.starts_with(m)) {
                    return None;
                }
                self.semantic
                    .argument(argument, 0)
                    .and_then(|a| self.entity_argument(a))
            }
            _ => None,
        }
    }

    fn sqlalchemy(&self, expanded: &Expanded<'t>) -> Option<Found<'t>> {
        let links = expanded.links();
        if let Some((start, model, target)) = self.sqlalchemy_query_start(expanded) {
            for (index, link) in links.iter().enumerate().skip(start + 1) {
                link.call?;
                if orm::is_sqlalchemy_query_terminal(link.name) {
                    return Some(Found {
                        index,
                        target: Some(target),
                        sql: None,
                        api: QueryApi::SqlAlchemy,
                        model,
                        method: link.name,
                        access: if sqlalchemy::QUERY_WRITES.contains(&link.name) {
                            Access::Write
                        } else {
                            Access::Read
                        },
                    });
                }
                if !sqlalchemy::QUERY_CHAIN.contains(&link.name) {
                    return None;
                }
            }
            return None;
        }
        // `session.execute(select(...))`, `session.get(User, id)`, `db.session.scalars(...)`.
        let (index, link) = links
            .iter()
            .enumerate()
            .find(|(_, l)| l.call.is_some() && orm::is_sqlalchemy_execute(l.name))?;
        let call = link.call?;
        let owner = expanded.receiver(index);
        let first = self.semantic.argument(call, 0);
        let resolved = self.is_sqlalchemy_session(owner);
        let statement = first.and_then(|f| self.sqlalchemy_statement(f, 0));
        let getter = orm::is_sqlalchemy_getter(link.name);
        let driver_sql = link.name == sqlalchemy::DRIVER_SQL;
        let target = getter.then_some(first).flatten();
        let model = if getter {
            let entity = first.and_then(|f| self.entity_argument(f));
            let conventional = entity.is_some()
                && self.semantic.arguments(call).len() >= 2
                && last_segment(self.text(owner))
                    .to_ascii_lowercase()
                    .contains(sqlalchemy::CONVENTIONAL_SESSION_NAME);
            if !(conventional || (resolved && entity.is_some())) {
                return None;
            }
            entity
        } else if driver_sql {
            let text = first.and_then(|f| sql_keyword(self.semantic, f, 0));
            if !resolved && text.is_none() {
                return None;
            }
            None
        } else {
            if !resolved && statement.is_none() {
                return None;
            }
            statement.flatten()
        };
        let access = match first.and_then(|f| self.statement_access(f)) {
            Some(Access::Write) => Access::Write,
            _ if driver_sql => sql_access(first.and_then(|f| sql_keyword(self.semantic, f, 0))),
            _ => Access::Read,
        };
        Some(Found {
            index,
            target,
            sql: driver_sql.then_some(first).flatten(),
            api: QueryApi::SqlAlchemy,
            model,
            method: link.name,
            access,
        })
    }

    /// `select(User)...`, `insert(User)`, `text("...")` built with SQLAlchemy (or SQLModel), or a
    /// variable holding one: the entity when known.
    fn sqlalchemy_statement(&self, expression: Node<'t>, depth: u32) -> Option<Option<String>> {
        if depth > 4 {
            return None;
        }
        let expression = unwrap(expression);
        if expression.kind() == "identifier" {
            let value = variable_value(self.semantic, expression)?;
            return self.sqlalchemy_statement(value, depth + 1);
        }
        let chain = Chain::of(self.semantic, expression);
        let root = chain.root;
        if root.kind() != "call" {
            return None;
        }
        let name = self.semantic.callee_name(root)?;
        if !sqlalchemy::MODULES.iter().any(|m| name.starts_with(m)) {
            return None;
        }
        if !sqlalchemy::STATEMENT_BUILDERS.contains(&name.last()) {
            return None;
        }
        Some(
            self.semantic
                .argument(root, 0)
                .and_then(|a| self.entity_argument(a)),
        )
    }

    /// Whether a SQLAlchemy statement expression reads or writes rows: `insert`, `update` and `delete`
    /// write, `text(...)` does what its SQL says, anything else reads.
    fn statement_access(&self, expression: Node<'t>) -> Option<Access> {
        let mut expression = unwrap(expression);
        for _ in 0..4 {
            if expression.kind() != "identifier" {
                break;
            }
            expression = variable_value(self.semantic, expression)?;
        }
        let root = Chain::of(self.semantic, expression).root;
        let callee = self.semantic.callee(root)?;
        let name = last_segment(self.text(callee));
        if sqlalchemy::WRITE_STATEMENTS.contains(&name) {
            return Some(Access::Write);
        }
        if name == sqlalchemy::TEXT {
            let sql = self.semantic.argument(root, 0)?;
            let keyword = sql_keyword(self.semantic, sql, 0)?;
            return Some(sql_access(Some(keyword)));
        }
        Some(Access::Read)
    }

    /// Whether an expression is a SQLAlchemy session, connection or engine: a value made by SQLAlchemy,
    /// SQLModel or Flask-SQLAlchemy (`Session()`, `sessionmaker(...)()`, `SessionLocal()`, `db.session`,
    /// `engine.connect()`), or a parameter annotated `Session`/`AsyncSession`/`Connection`.
    fn is_sqlalchemy_session(&self, expression: Node<'t>) -> bool {
        let name = self
            .semantic
            .qualified_name(expression)
            .or_else(|| self.annotated_type(expression));
        let Some(name) = name else {
            return false;
        };
        let text = name.as_str();
        orm::sqlalchemy_session_modules().any(|m| name.starts_with(m))
            && (sqlalchemy::SESSION_NAME_PARTS
                .iter()
                .any(|part| text.contains(part))
                || sqlalchemy::CONNECTION_NAME_ENDS
                    .iter()
                    .any(|end| text.ends_with(end)))
    }

    /// The qualified name of a parameter's (or annotated variable's) type annotation.
    fn annotated_type(&self, expression: Node<'t>) -> Option<QualifiedName> {
        let expression = unwrap(expression);
        if expression.kind() != "identifier" {
            return None;
        }
        let binding = self
            .semantic
            .binding(self.semantic.resolve_identifier(expression)?);
        let mut annotation = binding.annotation?;
        while matches!(annotation.kind(), "type" | "type_annotation") {
            annotation = annotation.named_child(0)?;
        }
        if annotation.kind() == "generic_type" {
            annotation = annotation.named_child(0)?;
        }
        self.semantic.qualified_name(annotation)
    }

    /// DB-API, asyncpg and `databases`: resolved connections and cursors, or SQL text.
    fn python_sql(&self, expanded: &Expanded<'t>) -> Option<Found<'t>> {
        let links = expanded.links();
        let (index, link) = links
            .iter()
            .enumerate()
            .find(|(_, l)| l.call.is_some() && sql_drivers::is_python_execute(l.name))?;
        let call = link.call?;
        let owner = expanded.receiver(index);
        let module = self.semantic.qualified_name(owner).and_then(|q| {
            let module = orm::python_sql_modules().find(|m| q.starts_with(m))?;
            Some((module, q))
        });
        let keyword = self
            .semantic
            .argument(call, 0)
            .and_then(|a| sql_keyword(self.semantic, a, 0));
        let method = link.name;
        let api = match &module {
            Some((sql_drivers::ASYNCPG_MODULE, _))
                if sql_drivers::ASYNCPG_EXECUTE.contains(&method) =>
            {
                QueryApi::Asyncpg
            }
            // A connection or cursor made by a call, or one of Django's module-level connections.
            Some((module, q))
                if sql_drivers::DB_API_EXECUTE.contains(&method)
                    && (q.as_str().contains("()")
                        || django::DB_API_CONNECTIONS.contains(module)) =>
            {
                QueryApi::DbApi
            }
            Some((sql_drivers::DATABASES_MODULE, _)) if keyword.is_some() => QueryApi::Sql,
            _ if keyword.is_some() => {
                if sql_drivers::ASYNCPG_FETCH.contains(&method) {
                    QueryApi::Asyncpg
                } else if sql_drivers::DB_API_EXECUTE.contains(&method) {
                    QueryApi::DbApi
                } else {
                    QueryApi::Sql
                }
            }
            _ => return None,
        };
        Some(Found {
            index,
            target: None,
            sql: self.semantic.argument(call, 0),
            api,
            model: None,
            method: link.name,
            access: sql_access(keyword),
        })
    }

    fn pymongo(&self, expanded: &Expanded<'t>) -> Option<Found<'t>> {
        let links = expanded.links();
        let (index, link) = links
            .iter()
            .enumerate()
            .find(|(_, l)| l.call.is_some() && mongodb::PY_METHODS.contains(&l.name))?;
        let owner = expanded.receiver(index);
        let resolved = self.semantic.qualified_name(owner).is_some_and(|q| {
            mongodb::PY_MODULES.iter().any(|m| q.starts_with(m)) && q.as_str().contains("()")
        });
        if !resolved && !mongodb::PY_STRONG.contains(&link.name) {
            return None;
        }
        let model = (index > 0 && !expanded.links()[index - 1].is_subscript)
            .then(|| expanded.links()[index - 1].name.to_string())
            .filter(|n| !n.is_empty());
        Some(Found {
            index,
            target: Some(owner),
            sql: None,
            api: QueryApi::Mongo,
            model,
            method: link.name,
            access: mongodb::access(link.name),
        })
    }
}

// ----- JavaScript -----

impl<'t> Finder<'_, 't> {
    fn javascript(&self, node: Node<'t>) -> Option<QueryCall<'t>> {
        if let Some(query) = self.tagged_sql(node) {
            return Some(query);
        }
        let expanded = expand(self.semantic, node);
        let links = expanded.links();
        for (index, link) in links.iter().enumerate() {
            if link.call.is_none() {
                continue;
            }
            let found = self
                .prisma(&expanded, index)
                .or_else(|| self.typeorm_query_builder(&expanded, index))
                .or_else(|| self.model_static(&expanded, index))
                .or_else(|| self.typeorm_repository(&expanded, index))
                .or_else(|| self.mongo_driver(&expanded, index))
                .or_else(|| self.js_sql(&expanded, index));
            if let Some(found) = found {
                return self.finish(node, &expanded, found);
            }
        }
        // The chain as written first (`knex` stands for the instance), then through variables (`q`
        // holds a builder).
        self.knex(node, &Chain::of(self.semantic, node))
            .or_else(|| self.knex(node, &expanded.chain))
    }

    /// postgres.js, `@vercel/postgres`, Neon: ``await sql`select ...` ``.
    fn tagged_sql(&self, call: Node<'t>) -> Option<QueryCall<'t>> {
        let template = call.field("arguments")?;
        if template.kind() != "template_string" {
            return None;
        }
        let callee = unwrap(call.field("function")?);
        if callee.kind() != "identifier" {
            return None;
        }
        // A fragment inside another query (`sql`... ${sql`and x = ${y}`}``) runs nothing itself.
        if self
            .semantic
            .parent(call)
            .is_some_and(|p| p.kind() == "template_substitution")
        {
            return None;
        }
        let resolved = self.semantic.qualified_name(callee).is_some_and(|q| {
            sql_drivers::SQL_TAG_FACTORIES
                .iter()
                .any(|f| q.starts_with(f))
                || q.is_any(sql_drivers::SQL_TAGS)
        });
        let keyword = sql_keyword(self.semantic, template, 0);
        let conventional = self.text(callee) == sql_drivers::CONVENTIONAL_SQL_TAG;
        if !(resolved || (keyword.is_some() && conventional)) {
            return None;
        }
        Some(QueryCall {
            node: call,
            api: QueryApi::Sql,
            model: None,
            display: format!("{}`...`", self.text(callee)),
            method: self.text(callee),
            access: sql_access(keyword),
            evaluation: None,
            root: callee,
            target: None,
            sql: Some(template),
        })
    }

    /// Prisma: `x.model.findUnique(...)`, `prisma.$queryRaw`...``.
    fn prisma(&self, expanded: &Expanded<'t>, index: usize) -> Option<Found<'t>> {
        let link = &expanded.links()[index];
        let call = link.call?;
        let raw_write = link.name.starts_with(prisma::RAW_EXECUTE_PREFIX);
        if raw_write || link.name.starts_with(prisma::RAW_QUERY_PREFIX) {
            return Some(Found {
                index,
                target: None,
                sql: None,
                api: QueryApi::Prisma,
                model: None,
                method: link.name,
                access: if raw_write {
                    Access::Write
                } else {
                    Access::Read
                },
            });
        }
        let strong = prisma::STRONG.contains(&link.name);
        if !strong && !prisma::WEAK.contains(&link.name) {
            return None;
        }
        let delegate = expanded.links().get(index.checked_sub(1)?)?;
        if delegate.call.is_some() || delegate.is_subscript {
            return None;
        }
        let name = delegate.name;
        let lower_first = name.starts_with(|c: char| c.is_ascii_lowercase());
        let lowered = name.to_ascii_lowercase();
        let service_like = [
            "service",
            "repository",
            "repo",
            "model",
            "dao",
            "store",
            "api",
            "client",
            "controller",
            "helper",
            "manager",
            "cache",
        ]
        .iter()
        .any(|s| lowered.ends_with(s));
        let client = expanded.receiver(index - 1);
        if !lower_first || service_like || (index == 1 && client.kind() == "this") {
            return None;
        }
        if !strong {
            let resolved = self
                .semantic
                .qualified_name(client)
                .is_some_and(|q| q.starts_with(prisma::CLIENT_MODULE));
            let shaped = self
                .semantic
                .argument(call, 0)
                .is_some_and(|a| object_has_key(self.semantic, a, prisma::ARGUMENT_KEYS));
            if !resolved && !shaped {
                return None;
            }
        }
        Some(Found {
            index,
            target: Some(delegate.node),
            sql: None,
            api: QueryApi::Prisma,
            model: Some(name.to_string()),
            method: link.name,
            access: if prisma::WRITES.contains(&link.name) {
                Access::Write
            } else {
                Access::Read
            },
        })
    }

    /// TypeORM query builders: `repo.createQueryBuilder('u')....getMany()`.
    fn typeorm_query_builder(&self, expanded: &Expanded<'t>, index: usize) -> Option<Found<'t>> {
        let link = &expanded.links()[index];
        if !typeorm::QUERY_BUILDER_TERMINALS.contains(&link.name) {
            return None;
        }
        let built = expanded.links()[..index]
            .iter()
            .any(|l| l.is_call(typeorm::QUERY_BUILDER))
            || (expanded.chain.root.kind() == "call_expression"
                && self
                    .semantic
                    .callee(expanded.chain.root)
                    .is_some_and(|c| last_segment(self.text(c)) == typeorm::QUERY_BUILDER));
        if !built {
            return None;
        }
        let writes = expanded.links()[..index]
            .iter()
            .any(|l| typeorm::QUERY_BUILDER_WRITES.contains(&l.name));
        Some(Found {
            index,
            target: None,
            sql: None,
            api: QueryApi::TypeOrm,
            model: None,
            method: link.name,
            access: if writes { Access::Write } else { Access::Read },
        })
    }

    /// Model statics: Sequelize, Mongoose, Bookshelf and TypeORM `BaseEntity` (`User.findByPk(id)`,
    /// `models.Post.findOne(...)`, `mongoose.model('User').find(...)`).
    fn model_static(&self, expanded: &Expanded<'t>, index: usize) -> Option<Found<'t>> {
        let links = expanded.links();
        // Bookshelf builds first: `Post.forge({ id }).fetch()`, `Post.where(...).fetchAll()`.
        let mut start = index;
        while start > 0
            && links[start - 1].call.is_some()
            && bookshelf::BUILDERS.contains(&links[start - 1].name)
        {
            start -= 1;
        }
        let link = &links[index];
        let owner = expanded.receiver(start);
        let (orm, model) = match self
            .local_model(owner)
            .or_else(|| self.indexed_js_model(owner))
        {
            Some(found) => found,
            None => {
                // Without the index, only methods no other common API has.
                let name = receiver_name(self.semantic, owner)?;
                if !is_pascal(name) || is_constant(name) || owner.kind() == "call_expression" {
                    return None;
                }
                let orm = if sequelize::STRONG.contains(&link.name) {
                    Orm::Sequelize
                } else if mongoose::STRONG.contains(&link.name) {
                    Orm::Mongoose
                } else {
                    return None;
                };
                (orm, name.to_string())
            }
        };
        if start != index && orm != Orm::Bookshelf {
            return None;
        }
        let (api, methods) = match orm {
            Orm::Sequelize => (QueryApi::Sequelize, sequelize::MODEL_METHODS),
            Orm::Mongoose => (QueryApi::Mongoose, mongoose::MODEL_METHODS),
            Orm::Bookshelf => (QueryApi::Bookshelf, bookshelf::MODEL_METHODS),
            Orm::TypeOrm => (QueryApi::TypeOrm, typeorm::METHODS),
            Orm::Django | Orm::SqlAlchemy => return None,
        };
        methods.contains(&link.name).then(|| Found {
            index,
            target: Some(owner),
            sql: None,
            api,
            model: Some(model),
            method: link.name,
            access: orm::model_method_access(link.name),
        })
    }

    /// A model of the index named like the receiver (`User`, `models.User`, `db.User`).
    fn indexed_js_model(&self, owner: Node<'t>) -> Option<(Orm, String)> {
        let name = receiver_name(self.semantic, owner)?;
        let model = self.models.models_named(name).find(|m| {
            matches!(
                m.orm,
                Orm::Sequelize | Orm::Mongoose | Orm::Bookshelf | Orm::TypeOrm
            )
        })?;
        let model = self
            .models
            .model_as_imported(Some(model.orm), name, self.semantic)
            .unwrap_or(model);
        Some((model.orm, model.name.clone()))
    }

    /// A model defined or obtained in this file: `mongoose.model('User', schema)`, `sequelize.define(...)`,
    /// `class User extends Model` (Sequelize) / `BaseEntity` (TypeORM).
    fn local_model(&self, owner: Node<'t>) -> Option<(Orm, String)> {
        let owner = unwrap(owner);
        let call = match owner.kind() {
            "call_expression" => Some(owner),
            "identifier" => {
                let id = self.semantic.resolve_identifier(owner)?;
                let binding = self.semantic.binding(id);
                match binding.kind {
                    BindingKind::Class => return self.model_class(binding.declaration),
                    BindingKind::Variable if !binding.reassigned => binding
                        .value
                        .map(unwrap)
                        .filter(|v| v.kind() == "call_expression"),
                    _ => None,
                }
            }
            _ => None,
        }?;
        let name = self.semantic.callee_name(call)?;
        let model = self
            .semantic
            .argument(call, 0)
            .and_then(|a| string_literal(self.semantic, a))
            .map(str::to_string)
            .or_else(|| receiver_name(self.semantic, owner).map(str::to_string))?;
        if name.starts_with(mongoose::MODEL_MODULE) && name.last() == mongoose::MODEL_FACTORY {
            return Some((Orm::Mongoose, model));
        }
        if sequelize::INSTANCE_MODULES
            .iter()
            .any(|m| name.starts_with(m))
            && sequelize::MODEL_FACTORIES.contains(&name.last())
        {
            return Some((Orm::Sequelize, model));
        }
        None
    }

    /// The ORM of a class declared as `class User extends Model` (from `sequelize`) or `BaseEntity`
    /// (from `typeorm`).
    fn model_class(&self, name: Node<'t>) -> Option<(Orm, String)> {
        let class = self.semantic.parent(name)?;
        let mut cursor = class.walk();
        let heritage = class
            .named_children(&mut cursor)
            .find(|c| c.kind() == "class_heritage")?;
        let base = heritage.named_child(0)?;
        let base = if base.kind() == "extends_clause" {
            base.field("value")?
        } else {
            base
        };
        let qualified = self.semantic.qualified_name(base)?;
        let orm = if sequelize::MODEL_BASE_MODULES
            .iter()
            .any(|m| qualified.starts_with(m))
        {
            Orm::Sequelize
        } else if qualified.starts_with(typeorm::ENTITY_BASE_MODULE) {
            Orm::TypeOrm
        } else if qualified.starts_with(mongoose::MODEL_MODULE) {
            Orm::Mongoose
        } else {
            return None;
        };
        Some((orm, self.text(name).to_string()))
    }

    /// TypeORM repositories and entity managers: `dataSource.getRepository(User).findOneBy(...)`, a
    /// variable or `this.repo` holding one (`@InjectRepository(User)`, `Repository<User>`),
    /// `manager.findOne(User, ...)`. NestJS `@InjectModel` models are Mongoose or Sequelize models.
    fn typeorm_repository(&self, expanded: &Expanded<'t>, index: usize) -> Option<Found<'t>> {
        let links = expanded.links();
        let link = &links[index];
        let call = link.call?;
        let owner = expanded.receiver(index);
        let kind = self.repository_kind(expanded, index, owner)?;
        let mut target = None;
        let (api, model, methods) = match kind {
            Receiver::Repository(model) => (QueryApi::TypeOrm, model, typeorm::METHODS),
            Receiver::Manager => {
                let argument = self.semantic.argument(call, 0);
                let entity = argument
                    .and_then(|a| receiver_name(self.semantic, a))
                    .filter(|n| is_pascal(n))?;
                target = argument;
                (
                    QueryApi::TypeOrm,
                    Some(entity.to_string()),
                    typeorm::METHODS,
                )
            }
            Receiver::Model(Orm::Sequelize, model) => {
                (QueryApi::Sequelize, model, sequelize::MODEL_METHODS)
            }
            Receiver::Model(_, model) => (QueryApi::Mongoose, model, mongoose::MODEL_METHODS),
        };
        if !methods.contains(&link.name) {
            return None;
        }
        Some(Found {
            index,
            target,
            sql: None,
            api,
            model,
            method: link.name,
            access: orm::model_method_access(link.name),
        })
    }

    fn repository_kind(
        &self,
        expanded: &Expanded<'t>,
        index: usize,
        owner: Node<'t>,
    ) -> Option<Receiver> {
        let links = expanded.links();
        // `getRepository(User)` somewhere before, as a link or as the root call.
        let getter = links[..index]
            .iter()
            .rev()
            .find_map(|l| {
                l.call
                    .filter(|_| typeorm::REPOSITORY_GETTERS.contains(&l.name))
            })
            .or_else(|| {
                let root = expanded.chain.root;
                (root.kind() == "call_expression"
                    && self.semantic.callee(root).is_some_and(|c| {
                        typeorm::REPOSITORY_GETTERS.contains(&last_segment(self.text(c)))
                    }))
                .then_some(root)
            });
        if let Some(getter) = getter {
            let model = self
                .semantic
                .argument(getter, 0)
                .and_then(|a| receiver_name(self.semantic, a))
                .map(str::to_string);
            return Some(Receiver::Repository(model));
        }
        let owner_name = receiver_name(self.semantic, owner).unwrap_or("");
        if owner_name == typeorm::CONVENTIONAL_MANAGER_NAME
            || links[..index]
                .iter()
                .any(|l| l.is_call(typeorm::GET_MANAGER))
        {
            return Some(Receiver::Manager);
        }
        if let Some(root) =
            (expanded.chain.root.kind() == "call_expression").then_some(expanded.chain.root)
        {
            if self
                .semantic
                .callee_name(root)
                .is_some_and(|q| q.is(typeorm::GET_MANAGER_FUNCTION))
            {
                return Some(Receiver::Manager);
            }
        }
        // `this.find(...)` in a custom repository (`class UserRepository extends Repository<User>`).
        if unwrap(owner).kind() == "this" {
            let class = self
                .semantic
                .enclosing_functions(owner)
                .find_map(|f| self.semantic.function(f).class)?;
            return custom_repository_entity(self.semantic, class).map(Receiver::Repository);
        }
        // A parameter or class member typed or injected as a repository.
        let declared = match unwrap(owner).kind() {
            "identifier" => self.parameter_declaration(owner),
            "member_expression" => self.class_member(owner),
            _ => None,
        }?;
        declared.kind().or_else(|| {
            // Typed as a custom repository class of this file (`private users: UserRepository`).
            let annotation = declared.annotation?.trim_start_matches(':').trim();
            let class = class_named(self.semantic, annotation)?;
            custom_repository_entity(self.semantic, class).map(Receiver::Repository)
        })
    }

    fn parameter_declaration(&self, identifier: Node<'t>) -> Option<Declared<'t>> {
        let binding = self
            .semantic
            .binding(self.semantic.resolve_identifier(identifier)?);
        Some(Declared {
            annotation: binding.annotation.map(|a| self.text(a)),
            decorators: Vec::new(),
        })
    }

    /// How `this.name` is declared in its class: a constructor parameter property or a field, with its
    /// type annotation and decorators (`@InjectRepository(User) private repo: Repository<User>`).
    fn class_member(&self, member: Node<'t>) -> Option<Declared<'t>> {
        let (object, property) = member_parts(unwrap(member))?;
        if object.kind() != "this" {
            return None;
        }
        let name = self.text(property);
        let class = self
            .semantic
            .enclosing_functions(member)
            .find_map(|f| self.semantic.function(f).class)?;
        let body = class.field("body")?;
        let mut cursor = body.walk();
        for item in body.named_children(&mut cursor) {
            match item.kind() {
                "public_field_definition" | "field_definition" => {
                    let field = item.field("name").or_else(|| item.field("property"));
                    if field.is_some_and(|f| self.text(f) == name) {
                        return Some(self.declared(item));
                    }
                }
                "method_definition" => {
                    let is_constructor = item
                        .field("name")
                        .is_some_and(|n| self.text(n) == "constructor");
                    if !is_constructor {
                        continue;
                    }
                    let parameters = item.field("parameters")?;
                    let mut inner = parameters.walk();
                    for parameter in parameters.named_children(&mut inner) {
                        let pattern = parameter.field("pattern");
                        if pattern.is_some_and(|p| self.text(p) == name) {
                            return Some(self.declared(parameter));
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn declared(&self, item: Node<'t>) -> Declared<'t> {
        let mut cursor = item.walk();
        let mut decorators: Vec<&'t str> = item
            .children(&mut cursor)
            .filter(|c| c.kind() == "decorator")
            .map(|d| self.text(d))
            .collect();
        // Decorators of a field may precede it as siblings.
        let mut previous = item.prev_named_sibling();
        while let Some(p) = previous.filter(|p| p.kind() == "decorator") {
            decorators.push(self.text(p));
            previous = p.prev_named_sibling();
        }
        Declared {
            annotation: item.field("type").map(|t| self.text(t)),
            decorators,
        }
    }

    /// The Node.js `mongodb` driver: `db.collection('users').findOne(...)`.
    fn mongo_driver(&self, expanded: &Expanded<'t>, index: usize) -> Option<Found<'t>> {
        let links = expanded.links();
        let link = &links[index];
        if !mongodb::JS_METHODS.contains(&link.name) {
            return None;
        }
        let collection = links[..index]
            .iter()
            .rev()
            .find_map(|l| l.call.filter(|_| l.name == mongodb::COLLECTION));
        let resolved = self
            .semantic
            .qualified_name(expanded.receiver(index))
            .is_some_and(|q| q.starts_with(mongodb::JS_MODULE) && q.as_str().contains("()"));
        if collection.is_none() && !resolved {
            return None;
        }
        let model = collection
            .and_then(|c| self.semantic.argument(c, 0))
            .and_then(|a| string_literal(self.semantic, a))
            .map(str::to_string);
        Some(Found {
            index,
            target: collection.and_then(|c| self.semantic.argument(c, 0)),
            sql: None,
            api: QueryApi::Mongo,
            model,
            method: link.name,
            access: orm::model_method_access(link.name),
        })
    }

    /// SQL drivers: a resolved pool/client/connection, or SQL text as the first argument
    /// (`pool.query('select ...')`, `db.prepare('select ...').get()`).
    fn js_sql(&self, expanded: &Expanded<'t>, index: usize) -> Option<Found<'t>> {
        let links = expanded.links();
        let link = &links[index];
        let call = link.call?;
        let prepared = sql_drivers::PREPARED_RUNS.contains(&link.name)
            && index > 0
            && links[index - 1].is_call(sql_drivers::PREPARE);
        if !sql_drivers::JS_METHODS.contains(&link.name) && !prepared {
            return None;
        }
        let sql_call = if prepared {
            links[index - 1].call?
        } else {
            call
        };
        let keyword = self
            .semantic
            .argument(sql_call, 0)
            .and_then(|a| sql_keyword(self.semantic, a, 0));
        let receiver = expanded.receiver(if prepared { index - 1 } else { index });
        let resolved = self.semantic.qualified_name(receiver).is_some_and(|q| {
            orm::js_sql_modules().any(|m| q.starts_with(m)) && q.as_str().contains("()")
        });
        if !resolved && keyword.is_none() {
            return None;
        }
        Some(Found {
            index,
            target: None,
            sql: self.semantic.argument(sql_call, 0),
            api: QueryApi::Sql,
            model: None,
            method: link.name,
            access: sql_access(keyword),
        })
    }

    /// Knex: a builder on a knex instance (`knex('users').where(...)`, `db.select(...).from('t')`),
    /// judged on the whole chain. A builder passed to another builder is a subquery, not a query; one
    /// stored in a variable runs where the variable is used.
    fn knex(&self, node: Node<'t>, chain: &Chain<'t>) -> Option<QueryCall<'t>> {
        let links = &chain.links;
        let root = chain.root;
        let instance = |n: Node<'t>| {
            self.semantic.qualified_name(n).is_some_and(|q| {
                knex::INSTANCES
                    .iter()
                    .any(|prefix| q.as_str().starts_with(prefix))
            })
        };
        let table = if root.kind() == "call_expression" {
            // `db('users')...`: a table.
            let callee = unwrap(self.semantic.callee(root)?);
            let table = self
                .semantic
                .argument(root, 0)
                .and_then(|a| string_literal(self.semantic, a))?;
            let name = receiver_name(self.semantic, callee).unwrap_or("");
            let conventional = matches!(callee.kind(), "identifier" | "member_expression")
                && is_knex_name(name)
                && links.iter().any(|l| {
                    l.call.is_some()
                        && knex::BUILDER_METHODS.contains(&l.name)
                        && l.name != knex::RAW
                });
            if !(instance(callee) || conventional) {
                return None;
            }
            Some(table.to_string())
        } else {
            // `db.select(...).from('users')`, `knex.raw('select ...')`.
            let first = links.first()?;
            if !(instance(root)
                && first.call.is_some()
                && knex::BUILDER_METHODS.contains(&first.name))
            {
                return None;
            }
            if first.name == knex::RAW
                && !self.semantic.is_awaited(node)
                && !is_returned(self.semantic, node)
            {
                // `knex.raw('count(*)')` is usually a fragment of another query.
                return None;
            }
            None
        };
        if is_builder_argument(self.semantic, node)
            || self
                .semantic
                .parent(node)
                .is_some_and(|p| p.kind() == "variable_declarator")
        {
            return None;
        }
        let writes = links.iter().any(|l| knex::WRITES.contains(&l.name));
        let method = links
            .iter()
            .rev()
            .find(|l| l.call.is_some() && !matches!(l.name, "then" | "catch" | "finally"))
            .map_or("", |l| l.name);
        let shown = links
            .iter()
            .rev()
            .find(|l| l.call.is_some() && !matches!(l.name, "then" | "catch" | "finally"))
            .and_then(|l| self.semantic.callee(l.node))
            .unwrap_or(node);
        Some(QueryCall {
            node,
            api: QueryApi::Knex,
            model: table,
            display: display(self.semantic, shown),
            method,
            access: if writes { Access::Write } else { Access::Read },
            evaluation: None,
            root,
            target: (root.kind() == "call_expression")
                .then(|| self.semantic.argument(root, 0))
                .flatten(),
            sql: None,
        })
    }
}

/// How a TypeORM/NestJS receiver was declared.
struct Declared<'t> {
    annotation: Option<&'t str>,
    decorators: Vec<&'t str>,
}

/// The entity of a custom TypeORM repository class (`class UserRepository extends Repository<User>`):
/// `Some(Some("User"))`; `None` when the class extends no repository type.
fn custom_repository_entity(semantic: &Semantic<'_>, class: Node<'_>) -> Option<Option<String>> {
    let mut cursor = class.walk();
    let heritage = class
        .named_children(&mut cursor)
        .find(|c| c.kind() == "class_heritage")?;
    let text = semantic.text(heritage);
    let start = typeorm::REPOSITORY_TYPES
        .iter()
        .filter_map(|t| text.find(t))
        .min()?;
    // Up to the first `>`: an `implements` clause may follow.
    let end = text[start..]
        .find('>')
        .map_or(text.len(), |at| start + at + 1);
    Some(generic_argument(&text[start..end]))
}

/// The type argument of a generic type as written (`User` of `Repository<User>`).
fn generic_argument(text: &str) -> Option<String> {
    let open = text.find('<')?;
    let close = text.rfind('>')?;
    (open < close).then(|| text[open + 1..close].trim().to_string())
}

/// The class declared at the top level of the file under `name`.
fn class_named<'t>(semantic: &Semantic<'t>, name: &str) -> Option<Node<'t>> {
    let root = semantic.root();
    let mut cursor = root.walk();
    let found = root.named_children(&mut cursor).find_map(|item| {
        // `export class ...` wraps the declaration.
        let declaration = if item.kind() == "export_statement" {
            item.field("declaration")?
        } else {
            item
        };
        (declaration.kind() == "class_declaration"
            && declaration
                .field("name")
                .is_some_and(|n| semantic.text(n) == name))
        .then_some(declaration)
    });
    found
}

enum Receiver {
    /// A TypeORM repository (of the entity, when known).
    Repository(Option<String>),
    /// A TypeORM `EntityManager`.
    Manager,
    /// A model injected by NestJS (`@InjectModel(User.name) model: Model<User>`).
    Model(Orm, Option<String>),
}

impl Declared<'_> {
    fn kind(&self) -> Option<Receiver> {
        let annotation = self
            .annotation
            .map(|a| a.trim_start_matches(':').trim())
            .unwrap_or("");
        let decorator_argument = |name: &str| {
            self.decorators.iter().find_map(|d| {
                let rest = d.strip_prefix('@')?.strip_prefix(name)?.strip_prefix('(')?;
                let argument = rest.split([')', ',']).next()?.trim();
                Some(argument.trim_end_matches(".name").to_string())
            })
        };
        if let Some(entity) = decorator_argument(nestjs::INJECT_REPOSITORY) {
            return Some(Receiver::Repository(Some(entity)));
        }
        for prefix in typeorm::REPOSITORY_TYPES {
            if annotation.starts_with(prefix) {
                return Some(Receiver::Repository(generic_argument(annotation)));
            }
        }
        if annotation == typeorm::ENTITY_MANAGER_TYPE {
            return Some(Receiver::Manager);
        }
        if let Some(model) = decorator_argument(nestjs::INJECT_MODEL) {
            if let Some(class) = annotation.strip_prefix("typeof ") {
                return Some(Receiver::Model(Orm::Sequelize, Some(class.to_string())));
            }
            return Some(Receiver::Model(Orm::Mongoose, Some(model)));
        }
        if annotation.starts_with(mongoose::MODEL_TYPE) {
            let model = generic_argument(annotation).map(|m| {
                mongoose::DOCUMENT_TYPE_SUFFIXES
                    .iter()
                    .fold(m.as_str(), |name, suffix| name.trim_end_matches(suffix))
                    .to_string()
            });
            return Some(Receiver::Model(Orm::Mongoose, model));
        }
        None
    }
}

/// Whether a name is one a Knex instance or transaction conventionally has (see
/// [`knex::CONVENTIONAL_NAMES`]).
fn is_knex_name(name: &str) -> bool {
    knex::CONVENTIONAL_NAMES.contains(&name.to_ascii_lowercase().as_str())
}

/// Whether a call is an argument of a call on a builder (`whereIn('id', knex('t').select('id'))`), or an
/// element or property value inside one.
fn is_builder_argument<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> bool {
    let mut current = node;
    while let Some(parent) = semantic.parent(current) {
        match parent.kind() {
            "parenthesized_expression" | "array" | "pair" | "object" => current = parent,
            "arguments" => {
                let Some(call) = semantic.parent(parent) else {
                    return false;
                };
                let Some(callee) = semantic.callee(call) else {
                    return false;
                };
                let name = member_name(callee).map_or("", |n| semantic.text(n));
                return knex::BUILDER_METHODS.contains(&name) || name == knex::RAW;
            }
            _ => return false,
        }
    }
    false
}

fn is_returned<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> bool {
    semantic.parent(node).is_some_and(|p| {
        matches!(p.kind(), "return_statement" | "arrow_function")
            || (p.kind() == "parenthesized_expression" && is_returned(semantic, p))
    })
}

// ----- shared -----

/// The property name node of a member callee.
fn member_name(callee: Node<'_>) -> Option<Node<'_>> {
    member_parts(callee).map(|(_, name)| name)
}

/// The last name of a receiver (`User` of `models.User`, `db.User`; `User` of `User`).
fn receiver_name<'t>(semantic: &Semantic<'t>, owner: Node<'t>) -> Option<&'t str> {
    let owner = unwrap(owner);
    match owner.kind() {
        "identifier" | "type_identifier" => Some(semantic.text(owner)),
        "member_expression" | "attribute" => member_name(owner).map(|n| semantic.text(n)),
        "subscript_expression" => {
            let index = owner.field("index")?;
            string_literal(semantic, index)
        }
        _ => None,
    }
}

fn last_segment(text: &str) -> &str {
    let text = text.trim();
    text.rsplit('.').next().unwrap_or(text)
}

/// `Order`, `HTTPServer`: starts with an upper-case letter and has a lower-case one or is short.
fn is_pascal(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `MAX_ITEMS`, `DB`: a constant, not a class.
fn is_constant(name: &str) -> bool {
    !name.chars().any(|c| c.is_ascii_lowercase())
}

/// The model name in `Order`, `models.Order`, `self.model` (none).
fn model_name(text: &str) -> Option<String> {
    let name = last_segment(text);
    (is_pascal(name) && !is_constant(name)).then(|| name.to_string())
}

fn is_slice(subscript: Node<'_>) -> bool {
    subscript
        .field("subscript")
        .is_some_and(|s| s.kind() == "slice")
}

/// A string literal's content (no substitutions).
fn string_literal<'t>(semantic: &Semantic<'t>, node: Node<'_>) -> Option<&'t str> {
    let node = unwrap(node);
    if !matches!(node.kind(), "string" | "template_string") {
        return None;
    }
    let text = semantic.text(node);
    if text.contains("${") || text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let quote = text.chars().next()?;
    Some(text.trim_start_matches(quote).trim_end_matches(quote))
}

/// Whether an object literal has one of `keys`.
fn object_has_key(semantic: &Semantic<'_>, node: Node<'_>, keys: &[&str]) -> bool {
    let node = unwrap(node);
    if node.kind() != "object" {
        return false;
    }
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .any(|pair| match pair.kind() {
            "pair" => pair
                .field("key")
                .is_some_and(|k| keys.contains(&semantic.text(k).trim_matches(['"', '\'']))),
            "shorthand_property_identifier" => keys.contains(&semantic.text(pair)),
            _ => false,
        });
    found
}

/// SQL keywords a query's text starts with, as written (lower or upper case).
const SQL_KEYWORDS: &[&str] = &[
    "select", "insert", "update", "delete", "with", "replace", "merge", "upsert", "call", "copy",
];

/// The first SQL keyword of an expression that is SQL text (see [`sql_literal`]), lower-case
/// (`"select"`, `"with"`...).
pub fn sql_keyword(
    semantic: &Semantic<'_>,
    expression: Node<'_>,
    depth: u32,
) -> Option<&'static str> {
    let literal = sql_literal(semantic, expression, depth)?;
    keyword_of(semantic.text(literal))
}

/// The string literal an expression of SQL text starts with: a string (any prefix or quoting), an
/// f-string or template, a concatenation or `%`/`.format` of one, SQLAlchemy `text(...)`, psycopg
/// `sql.SQL(...)`, a tagged ``sql`...` ``, a `{ text: '...' }` query config, or a variable holding one.
pub fn sql_literal<'t>(
    semantic: &Semantic<'t>,
    expression: Node<'t>,
    depth: u32,
) -> Option<Node<'t>> {
    if depth > 4 {
        return None;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "string" | "template_string" | "concatenated_string" => {
            keyword_of(semantic.text(expression)).map(|_| expression)
        }
        "binary_expression" | "binary_operator" => {
            sql_literal(semantic, expression.field("left")?, depth + 1)
        }
        "identifier" => {
            // `let sql = 'select ...'; sql += ' where ...'` is still SQL: the first value decides.
            let binding = semantic.binding(semantic.resolve_identifier(expression)?);
            sql_literal(semantic, binding.value?, depth + 1)
        }
        "call" | "call_expression" => {
            let callee = semantic.callee(expression)?;
            let name =
                member_name(callee).map_or_else(|| semantic.text(callee), |n| semantic.text(n));
            match name {
                // `"select ... {}".format(x)`, `text("select ...")`, `sql.SQL("select ...")`.
                "format" | "strip" | "dedent" => {
                    let object = member_parts(callee).map(|(o, _)| o);
                    match object {
                        Some(o) if matches!(unwrap(o).kind(), "string" | "concatenated_string") => {
                            sql_literal(semantic, o, depth + 1)
                        }
                        _ => sql_literal(semantic, semantic.argument(expression, 0)?, depth + 1),
                    }
                }
                _ if orm::SQL_TEXT_WRAPPERS.contains(&name) => {
                    sql_literal(semantic, semantic.argument(expression, 0)?, depth + 1)
                }
                _ => {
                    // A tagged template: ``sql`select ...` ``.
                    let arguments = expression.field("arguments")?;
                    (arguments.kind() == "template_string")
                        .then(|| sql_literal(semantic, arguments, depth + 1))
                        .flatten()
                }
            }
        }
        "object" => {
            let mut cursor = expression.walk();
            let text = expression.named_children(&mut cursor).find_map(|pair| {
                (pair.kind() == "pair"
                    && pair.field("key").is_some_and(|k| {
                        sql_drivers::QUERY_CONFIG_SQL_KEYS.contains(&semantic.text(k))
                    }))
                .then(|| pair.field("value"))
                .flatten()
            });
            sql_literal(semantic, text?, depth + 1)
        }
        _ => None,
    }
}

/// The SQL keyword a string literal's text starts with, when it reads as SQL.
fn keyword_of(text: &str) -> Option<&'static str> {
    let text = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let text = text.trim_start_matches(['"', '\'', '`']);
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let word: &str = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // Upper or lower case only: mixed case (`Select a color`) is prose.
    if word != lower && word != word.to_ascii_uppercase() {
        return None;
    }
    let keyword = SQL_KEYWORDS.iter().find(|k| **k == lower)?;
    // `"update"` alone, `"delete"` as a word in a sentence: SQL has more after the keyword.
    let rest = text[word.len()..].trim_start();
    let rest_lower = rest.to_ascii_lowercase();
    let shape = match *keyword {
        "select" => !rest.is_empty(),
        "insert" => ["into", "or ", "ignore"]
            .iter()
            .any(|w| rest_lower.starts_with(w)),
        "replace" => rest_lower.starts_with("into"),
        "update" => {
            rest.split_whitespace()
                .nth(1)
                .is_some_and(|w| w.eq_ignore_ascii_case("set"))
                || rest_lower.contains(" set ")
        }
        "delete" => rest_lower.starts_with("from"),
        "with" => rest_lower.contains(" as"),
        _ => rest.split_whitespace().count() >= 2,
    };
    shape.then_some(*keyword)
}

/// Whether SQL text splices a table or column name into the statement (`FROM %s`, `INSERT INTO {}`,
/// ``JOIN `%s` ``, `FROM ${table}`): then each statement is a different one and no `IN (...)`
/// batches them.
pub fn interpolates_identifier(sql: &str) -> bool {
    let words: Vec<&str> = sql.split_whitespace().collect();
    words.windows(2).any(|pair| {
        let keyword = pair[0].to_ascii_lowercase();
        let next = pair[1].trim_start_matches(['"', '\'', '`', '[', '(']);
        matches!(
            keyword.as_str(),
            "from" | "join" | "into" | "update" | "table"
        ) && (next.starts_with("%s")
            || next.starts_with("%(")
            || next.starts_with('{')
            || next.starts_with("${")
            || next.starts_with("??"))
    })
}

fn sql_access(keyword: Option<&str>) -> Access {
    match keyword {
        Some("select") | Some("with") | None => Access::Read,
        Some(_) => Access::Write,
    }
}

/// A query as written, arguments elided: `Order.objects.filter(...).first`, `prisma.user.findUnique`.
fn display(semantic: &Semantic<'_>, node: Node<'_>) -> String {
    let text = render(semantic, node, 0);
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn render(semantic: &Semantic<'_>, node: Node<'_>, depth: u32) -> String {
    let node = unwrap(node);
    if depth > 12 {
        return "...".to_string();
    }
    match node.kind() {
        "call" | "call_expression" => {
            let Some(callee) = semantic.callee(node) else {
                return semantic.text(node).to_string();
            };
            let arguments = node.field("arguments");
            let text = semantic.text(node);
            // Short calls read best as written: `db('users')`, `getRepository(User)`.
            if member_parts(unwrap(callee)).is_none() && text.len() <= 30 && !text.contains('\n') {
                return text.to_string();
            }
            let inner = render(semantic, callee, depth + 1);
            let empty = arguments.is_none_or(|a| a.named_child_count() == 0);
            if arguments.is_some_and(|a| a.kind() == "template_string") {
                format!("{inner}`...`")
            } else if empty {
                format!("{inner}()")
            } else {
                format!("{inner}(...)")
            }
        }
        "member_expression" | "attribute" => match member_parts(node) {
            Some((object, name)) => format!(
                "{}.{}",
                render(semantic, object, depth + 1),
                semantic.text(name)
            ),
            None => semantic.text(node).to_string(),
        },
        "subscript" | "subscript_expression" => {
            let object = node.field("value").or_else(|| node.field("object"));
            match object {
                Some(object) => format!("{}[...]", render(semantic, object, depth + 1)),
                None => semantic.text(node).to_string(),
            }
        }
        _ => {
            let text = semantic.text(node);
            let single: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if single.chars().count() > 30 {
                let cut: String = single.chars().take(27).collect();
                format!("{cut}...")
            } else {
                single
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;
    use crate::Language;
    use std::path::Path;

    /// `(api, model, display)` of every query `query_call` finds in `source`, in source order.
    fn queries(language: Language, source: &str) -> Vec<(QueryApi, Option<String>, String)> {
        let tree = parse(language, source).unwrap();
        let semantic = Semantic::build(language, Path::new("app/x"), source, &tree, &mut |_| {});
        let models = ModelIndex::default();
        let mut found = Vec::new();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if let Some(query) = query_call(&semantic, &models, node) {
                found.push((node.start_byte(), (query.api, query.model, query.display)));
            }
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor));
        }
        found.sort_by_key(|(start, _)| *start);
        found.into_iter().map(|(_, query)| query).collect()
    }

    fn apis(language: Language, source: &str) -> Vec<QueryApi> {
        queries(language, source).into_iter().map(|q| q.0).collect()
    }

    #[test]
    fn django_querysets_run_where_a_method_or_a_builtin_evaluates_them() {
        let source = r#"
from shop.models import Order
qs = Order.objects.filter(paid=True)
lazy = qs.exclude(total=0).order_by("-id")[:10]
one = Order.objects.filter(pk=1).first()
n = len(qs)
row = qs[0]
made = Order.objects.acreate(total=1)
"#;
        let found = queries(Language::Python, source);
        let shown: Vec<&str> = found.iter().map(|q| q.2.as_str()).collect();
        assert_eq!(
            shown,
            [
                "Order.objects.filter(...).first",
                "qs",
                "qs",
                "Order.objects.acreate",
            ]
        );
        assert!(found.iter().all(|q| q.0 == QueryApi::Django));
        assert!(found.iter().all(|q| q.1.as_deref() == Some("Order")));
    }

    #[test]
    fn a_variable_holding_a_result_runs_nothing_when_used() {
        let source = r#"
from shop.models import Order
order = Order.objects.get(pk=1)
order.save_base()
items = order.items.all()
"#;
        assert_eq!(apis(Language::Python, source), [QueryApi::Django]);
    }

    #[test]
    fn python_drivers_need_a_resolved_client_or_sql_text() {
        let source = r#"
import psycopg2
from sqlalchemy import select
from sqlalchemy.orm import Session
conn = psycopg2.connect("")
cur = conn.cursor()
cur.execute(query)
other.execute(query)
other.execute("select * from t where id = %s", [1])
def view(session: Session, db):
    session.get(User, 1)
    db.scalars(select(User))
    db.get("key", None)
    collection.find_one({"a": 1})
    cache.find({"a": 1})
"#;
        assert_eq!(
            apis(Language::Python, source),
            [
                QueryApi::DbApi,
                QueryApi::DbApi,
                QueryApi::SqlAlchemy,
                QueryApi::SqlAlchemy,
                QueryApi::Mongo,
            ]
        );
    }

    #[test]
    fn javascript_apis_by_evidence() {
        let source = r#"
const { Pool } = require('pg');
const knex = require('knex')({});
const pool = new Pool();
async function f(db, cache, id) {
  await pool.query(sql);
  await db.query(`select * from users where id = ${id}`);
  await db.query(sql);
  await prisma.user.findUnique({ where: { id } });
  cache.delete(id);
  await User.findByPk(id);
  await Order.findOne({ where: { id } });
  await knex('users').where({ id }).first();
  await db.collection('users').findOne({ _id: id });
}
"#;
        let found = queries(Language::JavaScript, source);
        let apis: Vec<QueryApi> = found.iter().map(|q| q.0).collect();
        assert_eq!(
            apis,
            [
                QueryApi::Sql,
                QueryApi::Sql,
                QueryApi::Prisma,
                QueryApi::Sequelize,
                QueryApi::Knex,
                QueryApi::Mongo,
            ]
        );
        let knex = found.iter().find(|q| q.0 == QueryApi::Knex).unwrap();
        assert_eq!(knex.1.as_deref(), Some("users"));
    }

    #[test]
    fn sql_text_is_recognised_and_identifier_splicing_is_seen() {
        for sql in [
            "SELECT a FROM t",
            "  select * from t",
            "INSERT INTO t VALUES (1)",
            "INSERT OR REPLACE INTO t VALUES (1)",
            "UPDATE t SET a = 1",
            "DELETE FROM t",
            "WITH x AS (SELECT 1) SELECT * FROM x",
        ] {
            assert!(keyword_of(&format!("'{sql}'")).is_some(), "{sql}");
        }
        for prose in ["Select a color", "update", "delete this?", "'with love'"] {
            assert!(keyword_of(&format!("'{prose}'")).is_none(), "{prose}");
        }
        assert!(interpolates_identifier("SELECT COUNT(*) FROM %s"));
        assert!(interpolates_identifier("INSERT INTO `%s` (a) VALUES (1)"));
        assert!(interpolates_identifier(
            "select * from ${table} where id = $1"
        ));
        assert!(!interpolates_identifier("SELECT * FROM t WHERE id = %s"));
    }
}
