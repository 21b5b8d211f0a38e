//! Models and relations declared in JavaScript and TypeScript: Sequelize, TypeORM, Mongoose, Bookshelf.
//!
//! One walk collects the classes, calls and `new` expressions of the file; each ORM's spellings are then
//! read off them, in an order that lets later steps see earlier results (a Mongoose `model()` call needs
//! the schemas, a Sequelize association needs the models of the file).

use super::chain::unwrap;
use super::{Association, Cardinality, FileModels, Loading, Model, Orm, Relation};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::declarations::{
    self, relation_declaration, JsNeedle, JsNeedleFit, RelationDeclaration,
};
use crate::frameworks::{bookshelf, mongoose, sequelize, typeorm};
use crate::language::LanguageFamily::JavaScript;
use crate::scan::{self, skip_gap};
use crate::semantic::{class_decorators, Semantic};
use aho_corasick::AhoCorasick;
use memchr::memmem;
use std::path::PathBuf;
use std::sync::LazyLock;
use tree_sitter::Node;

/// The words one of which every file declaring a model or an association contains (matched without
/// case; [`needle_fits`] checks the case and the characters around the word), and their matcher.
static NEEDLES: LazyLock<(Vec<JsNeedle>, AhoCorasick)> = LazyLock::new(|| {
    let needles = declarations::js_model_needles();
    let matcher = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(needles.iter().map(|(word, _)| word))
        .expect("literal needles");
    (needles, matcher)
});

/// Whether the text can declare a Sequelize, TypeORM, Mongoose or Bookshelf model or association.
pub(super) fn may_define_models(text: &str) -> bool {
    let (needles, matcher) = &*NEEDLES;
    let bytes = text.as_bytes();
    matcher.find_overlapping_iter(text).any(|found| {
        let needle = needles[found.pattern().as_usize()];
        needle_fits(needle, bytes, found.start(), found.end())
            && !on_comment_line(bytes, found.start())
    })
}

/// Whether the line holding `at` starts (after its indentation) with `//` or `*`: a line comment, or a
/// line of a block comment (`* mongoose.model('User', schema)` in a JSDoc example). Code that declares
/// a model never starts a line so: a `//` line inside a multi-line string is no code either, and a line
/// of code starting with `*` continues a product or names a generator method, neither a declaration.
fn on_comment_line(bytes: &[u8], at: usize) -> bool {
    let line = &bytes[scan::line_start(bytes, at)..at];
    let indent = line
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let first = &line[indent..];
    first.starts_with(b"//") || (first.starts_with(b"*") && !first.starts_with(b"*/"))
}

/// Whether the text calls a method named `method` (`extend(` or `extend (`; not TypeScript's
/// `extends`).
fn calls_method(bytes: &[u8], method: &str) -> bool {
    memmem::find_iter(bytes, method.as_bytes()).any(|at| {
        let end = at + method.len();
        bytes.get(skip_gap(bytes, end, JavaScript)) == Some(&b'(')
    })
}

/// Whether the bytes after a callee (`at`) open a call whose first argument is a string literal: an
/// optional type argument list, `(`, then a quote, with whitespace, comments and parentheses between
/// (what `string_value` accepts after `unwrap`).
fn string_argument_follows(bytes: &[u8], at: usize) -> bool {
    let mut i = skip_gap(bytes, at, JavaScript);
    if bytes.get(i) == Some(&b'<') {
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match b {
                b'<' => depth += 1,
                b'>' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b';' | b'{' | b'}' => return false,
                _ => {}
            }
        }
        i = skip_gap(bytes, i, JavaScript);
    }
    if bytes.get(i) != Some(&b'(') {
        return false;
    }
    loop {
        i = skip_gap(bytes, i + 1, JavaScript);
        match bytes.get(i) {
            Some(b'(') => continue,
            Some(b'\'' | b'"' | b'`') => return true,
            _ => return false,
        }
    }
}

/// Whether a needle found at `start..end` is spelled the way a declaration spells it.
fn needle_fits((word, fit): JsNeedle, bytes: &[u8], start: usize, end: usize) -> bool {
    let found = &bytes[start..end];
    let exact = found == word.as_bytes();
    let before = scan::skip_whitespace_back(bytes, start)
        .checked_sub(1)
        .map(|i| bytes[i]);
    let after = bytes.get(scan::skip_whitespace(bytes, end)).copied();
    let called = matches!(after, Some(b'(' | b'<'));
    let member = before == Some(b'.');
    let decorator = matches!(before, Some(b'@' | b'.'));
    match fit {
        JsNeedleFit::CalledAnyCase => called,
        JsNeedleFit::Called => exact && called,
        JsNeedleFit::NamedCall => exact && string_argument_follows(bytes, end),
        JsNeedleFit::NamedMemberCall => exact && member && string_argument_follows(bytes, end),
        JsNeedleFit::MemberCallIn(text) => {
            exact && called && member && memmem::find(bytes, text.as_bytes()).is_some()
        }
        JsNeedleFit::Decorator => exact && before == Some(b'@'),
        JsNeedleFit::CalledDecorator => exact && called && before == Some(b'@'),
        JsNeedleFit::KeyWhereCalled(method) => {
            exact && after == Some(b':') && calls_method(bytes, method)
        }
        JsNeedleFit::CalledDecoratorOrName { prefixes, suffix } => {
            exact
                && ((called
                    && (decorator
                        || prefixes
                            .iter()
                            .any(|prefix| bytes[..start].ends_with(prefix.as_bytes()))))
                    || bytes[end..].starts_with(suffix.as_bytes()))
        }
    }
}

/// The models and associations the file declares.
pub(super) fn extract(semantic: &Semantic<'_>) -> FileModels {
    let mut extractor = Extractor::new(semantic);
    extractor.run();
    extractor.finish()
}

/// A class that extends `Model` and may be a Sequelize model (confirmed by `init` or `associate`).
struct SequelizeClass<'t> {
    name: &'t str,
    node: Node<'t>,
    confirmed: bool,
}

/// `X.extend({...})` that may be a Bookshelf model (confirmed by `tableName`, relations, registration).
struct BookshelfModel<'t> {
    name: Option<&'t str>,
    call: Node<'t>,
    base: Option<&'t str>,
    relations: Vec<Relation>,
    has_table: bool,
    registered: Vec<&'t str>,
}

/// `new Schema({...})`, with the paths added later (`schema.add`, `schema.virtual`).
struct Schema<'t> {
    name: Option<&'t str>,
    node: Node<'t>,
    definitions: Vec<Node<'t>>,
    virtuals: Vec<Relation>,
}

/// Reads one file's models: the nodes it collected, then the candidates each ORM step leaves for the next.
struct Extractor<'s, 't> {
    semantic: &'s Semantic<'t>,
    path: PathBuf,
    classes: Vec<Node<'t>>,
    calls: Vec<Node<'t>>,
    news: Vec<Node<'t>>,
    models: Vec<Model>,
    associations: Vec<Association>,
    sequelize_classes: Vec<SequelizeClass<'t>>,
    bookshelf: Vec<BookshelfModel<'t>>,
    schemas: Vec<Schema<'t>>,
}

impl<'s, 't> Extractor<'s, 't> {
    fn new(semantic: &'s Semantic<'t>) -> Self {
        Extractor {
            semantic,
            path: semantic.path().to_path_buf(),
            classes: Vec::new(),
            calls: Vec::new(),
            news: Vec::new(),
            models: Vec::new(),
            associations: Vec::new(),
            sequelize_classes: Vec::new(),
            bookshelf: Vec::new(),
            schemas: Vec::new(),
        }
    }

    fn text(&self, node: Node<'_>) -> &'t str {
        self.semantic.text(node)
    }

    fn run(&mut self) {
        self.collect();
        for class in self.classes.clone() {
            self.class(class);
        }
        for new in self.news.clone() {
            self.new_expression(new);
        }
        let calls = self.calls.clone();
        for &call in &calls {
            match self.method_name(call) {
                Some(sequelize::DEFINE) => self.sequelize_define(call),
                Some(bookshelf::EXTEND) => self.bookshelf_extend(call),
                _ => {}
            }
        }
        for &call in &calls {
            match self.method_name(call) {
                Some(mongoose::VIRTUAL) => self.mongoose_virtual(call),
                Some(mongoose::ADD) => self.mongoose_add(call),
                Some(sequelize::INIT) => self.sequelize_init(call),
                // Bookshelf's registry and Mongoose both spell it `model`.
                Some(method)
                    if method == bookshelf::REGISTRATION || method == mongoose::REGISTRATION =>
                {
                    self.registration(call)
                }
                _ => {}
            }
        }
        self.confirm_sequelize_classes();
        self.finish_bookshelf();
        for &call in &calls {
            let association = self
                .method_name(call)
                .and_then(|m| relation_declaration(sequelize::ASSOCIATIONS, m));
            if let Some(association) = association {
                self.sequelize_association(call, association);
            }
        }
    }

    fn finish(self) -> FileModels {
        FileModels {
            models: self.models,
            associations: self.associations,
            serializers: Vec::new(),
        }
    }

    fn collect(&mut self) {
        let mut cursor = self.semantic.root().walk();
        loop {
            let node = cursor.node();
            match node.kind() {
                "class_declaration" | "class" | "abstract_class_declaration" => {
                    self.classes.push(node)
                }
                "call_expression" => self.calls.push(node),
                "new_expression" => self.news.push(node),
                _ => {}
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    /// The called member or function name: `define` of `sequelize.define(...)`, `model` of `model(...)`.
    fn method_name(&self, call: Node<'t>) -> Option<&'t str> {
        let callee = unwrap(call.field("function")?);
        match callee.kind() {
            "member_expression" => Some(self.text(callee.field("property")?)),
            "identifier" => Some(self.text(callee)),
            _ => None,
        }
    }

    fn receiver(&self, call: Node<'t>) -> Option<Node<'t>> {
        let callee = unwrap(call.field("function")?);
        (callee.kind() == "member_expression")
            .then(|| callee.field("object"))
            .flatten()
            .map(unwrap)
    }

    fn model(&self, name: &str, orm: Orm, node: Node<'_>) -> Model {
        Model {
            name: name.to_string(),
            aliases: Vec::new(),
            orm,
            path: self.path.clone(),
            span: Span::from(node),
            bases: Vec::new(),
            is_abstract: false,
            relations: Vec::new(),
            fields: Vec::new(),
        }
    }

    // ----- classes: TypeORM entities, sequelize-typescript, Sequelize classes, NestJS schemas -----

    fn class(&mut self, class: Node<'t>) {
        let Some(name) = self.class_name(class) else {
            return;
        };
        let decorators: Vec<(&str, Option<Node<'t>>)> = class_decorators(class)
            .into_iter()
            .filter_map(|d| match decorator_parts(self.semantic, d) {
                (Some(name), call) => Some((name, call)),
                (None, _) => None,
            })
            .collect();
        let decorated = |name: &str| decorators.iter().find(|(d, _)| *d == name);
        let heritage = class_heritage(class);
        let base = heritage.and_then(|h| last_segment(self.semantic, h));
        let members = class_members(self.semantic, class);
        let is_entity = typeorm::ENTITY_DECORATORS
            .iter()
            .any(|e| decorated(e).is_some());
        let has_typeorm_relations = members.iter().any(|m| {
            m.decorators.iter().any(|d| {
                let name = decorator_parts(self.semantic, *d).0.unwrap_or("");
                relation_declaration(typeorm::RELATIONS, name).is_some()
            })
        });
        if is_entity || has_typeorm_relations {
            let mut model = self.model(name, Orm::TypeOrm, class);
            model.is_abstract = !is_entity;
            model.bases.extend(base.map(str::to_string));
            self.typeorm_members(&mut model, &members);
            self.models.push(model);
            return;
        }
        if let Some((_, table)) = decorated(sequelize::TABLE_DECORATOR) {
            // `@Table({ modelName: 'order' })`.
            let mut model = self.model(name, Orm::Sequelize, class);
            if let Some(alias) = table
                .and_then(|call| self.semantic.argument(call, 0))
                .and_then(|options| {
                    string_property(self.semantic, options, sequelize::MODEL_NAME_OPTION)
                })
            {
                push_alias(&mut model, alias);
            }
            self.sequelize_typescript_members(&mut model, &members);
            self.models.push(model);
            return;
        }
        if decorated(mongoose::SCHEMA_DECORATOR).is_some() {
            let mut model = self.model(name, Orm::Mongoose, class);
            self.nest_schema_members(&mut model, &members);
            self.models.push(model);
            return;
        }
        if base == Some(sequelize::MODEL_BASE) {
            // Confirmed by `Order.init(...)` below, or by the sequelize-cli `static associate(models)`.
            let associates = members.iter().any(|m| {
                m.node.kind() == "method_definition" && m.name == Some(sequelize::ASSOCIATE_METHOD)
            });
            self.sequelize_classes.push(SequelizeClass {
                name,
                node: class,
                confirmed: associates,
            });
        }
    }

    fn class_name(&self, class: Node<'t>) -> Option<&'t str> {
        match class.field("name") {
            Some(name) => Some(self.text(name)),
            None => binding_name(self.semantic, class),
        }
    }

    fn typeorm_members(&self, model: &mut Model, members: &[Member<'t>]) {
        let mut relation_ids: Vec<(&str, String)> = Vec::new();
        for member in members {
            let Some(name) = member.name else { continue };
            for &decorator in &member.decorators {
                let (Some(kind), call) = decorator_parts(self.semantic, decorator) else {
                    continue;
                };
                if kind.ends_with(typeorm::COLUMN_DECORATOR_SUFFIX) {
                    model.fields.push(name.to_string());
                } else if kind == typeorm::RELATION_ID_DECORATOR {
                    // `@RelationId((o: Order) => o.customer) customerId`.
                    if let Some(relation) = call
                        .and_then(|c| self.semantic.argument(c, 0))
                        .and_then(|f| returned(f))
                        .and_then(|body| last_segment(self.semantic, body))
                    {
                        relation_ids.push((relation, name.to_string()));
                    }
                } else if let Some(declaration) = relation_declaration(typeorm::RELATIONS, kind) {
                    if let Some(call) = call {
                        if let Some(relation) =
                            self.typeorm_relation(declaration, name, call, member)
                        {
                            model.relations.push(relation);
                        }
                    }
                }
            }
        }
        for relation in &mut model.relations {
            let by_id = relation_ids
                .iter()
                .find(|(r, _)| *r == relation.name)
                .map(|(_, id)| id.clone());
            let by_column = format!("{}{}", relation.name, typeorm::KEY_COLUMN_SUFFIX);
            relation.key_attribute = by_id.or_else(|| {
                (relation.cardinality == Cardinality::One
                    && relation.inverse_cardinality == Cardinality::Many
                    && model.fields.contains(&by_column))
                .then_some(by_column)
            });
        }
    }

    /// `@ManyToOne(() => Customer, (c) => c.orders, { lazy: true })` on property `name`.
    fn typeorm_relation(
        &self,
        declaration: &RelationDeclaration,
        name: &str,
        call: Node<'t>,
        member: &Member<'t>,
    ) -> Option<Relation> {
        let arguments = self.semantic.arguments(call);
        let target = self.typeorm_target(*arguments.first()?)?;
        let options = arguments
            .iter()
            .copied()
            .find(|a| unwrap(*a).kind() == "object");
        let related_name = arguments
            .get(1)
            .filter(|a| unwrap(**a).kind() != "object")
            .and_then(|a| match string_value(self.semantic, *a) {
                Some(name) => Some(name),
                None => returned(*a).and_then(|body| last_segment(self.semantic, body)),
            });
        let promised = member
            .type_annotation
            .is_some_and(|t| is_promise_type(self.semantic, t));
        let mut relation = declared_relation(name, target, declaration, member.node);
        relation.loading = self.typeorm_loading(options, promised);
        relation.related_name = related_name.map(str::to_string);
        Some(relation)
    }

    /// The entity a relation points to: `() => Customer`, `type => Customer`, `'Customer'`, `Customer`.
    fn typeorm_target(&self, argument: Node<'t>) -> Option<&'t str> {
        let argument = unwrap(argument);
        match argument.kind() {
            "arrow_function" | "function_expression" | "function" => {
                let body = returned(argument)?;
                string_value(self.semantic, body).or_else(|| last_segment(self.semantic, body))
            }
            _ => string_value(self.semantic, argument)
                .or_else(|| last_segment(self.semantic, argument)),
        }
    }

    fn typeorm_loading(&self, options: Option<Node<'t>>, promised: bool) -> Loading {
        let flag = |key| {
            options
                .and_then(|o| property(self.semantic, o, key))
                .is_some_and(|v| self.text(v) == "true")
        };
        if flag(typeorm::LAZY_OPTION) || promised {
            Loading::Lazy
        } else if flag(typeorm::EAGER_OPTION) {
            Loading::Eager
        } else {
            Loading::Never
        }
    }

    fn sequelize_typescript_members(&self, model: &mut Model, members: &[Member<'t>]) {
        let semantic = self.semantic;
        // `@ForeignKey(() => Customer) customerId`: the key of the `belongsTo` to Customer.
        let foreign_keys: Vec<(&str, &str)> = members
            .iter()
            .filter_map(|member| {
                let call = member
                    .decorators
                    .iter()
                    .map(|d| decorator_parts(semantic, *d))
                    .find(|(kind, _)| *kind == Some(sequelize::FOREIGN_KEY_DECORATOR))?
                    .1?;
                let target = self.typeorm_target(semantic.argument(call, 0)?)?;
                Some((target, member.name?))
            })
            .collect();
        for member in members {
            let Some(name) = member.name else { continue };
            for &decorator in &member.decorators {
                let (Some(kind), call) = decorator_parts(semantic, decorator) else {
                    continue;
                };
                if kind == sequelize::COLUMN_DECORATOR {
                    model.fields.push(name.to_string());
                    continue;
                }
                let association = sequelize::ASSOCIATION_DECORATORS
                    .iter()
                    .find(|(decorator, _)| *decorator == kind)
                    .and_then(|&(_, method)| relation_declaration(sequelize::ASSOCIATIONS, method));
                let (Some(call), Some(association)) = (call, association) else {
                    continue;
                };
                let arguments = semantic.arguments(call);
                let Some(target) = arguments.first().and_then(|a| self.typeorm_target(*a)) else {
                    continue;
                };
                let options = arguments
                    .iter()
                    .skip(1)
                    .copied()
                    .find(|a| unwrap(*a).kind() == "object");
                let mut relation = sequelize_relation(
                    semantic,
                    association,
                    target,
                    options,
                    Some(name),
                    member.node,
                );
                // `@BelongsTo(() => Customer, 'customerId')`, or the `@ForeignKey` field.
                let explicit = arguments
                    .get(1)
                    .and_then(|a| string_value(semantic, *a))
                    .or_else(|| foreign_key_option(semantic, options));
                let declared = foreign_keys
                    .iter()
                    .find(|(t, _)| *t == target)
                    .map(|(_, key)| *key);
                if association.holds_key {
                    if let Some(key) = explicit.or(declared) {
                        relation.key_attribute = Some(key.to_string());
                    }
                }
                model.relations.push(relation);
            }
        }
    }

    /// NestJS `@Schema() class Order { @Prop({ type: ObjectId, ref: 'Customer' }) customer }`.
    fn nest_schema_members(&self, model: &mut Model, members: &[Member<'t>]) {
        for member in members {
            let Some(name) = member.name else { continue };
            let Some(options) = member
                .decorators
                .iter()
                .filter(|d| decorator_parts(self.semantic, **d).0 == Some(mongoose::PROP_DECORATOR))
                .find_map(|d| decorator_parts(self.semantic, *d).1)
                .map(|call| self.semantic.argument(call, 0))
            else {
                continue;
            };
            match options.and_then(|o| self.mongoose_ref(o)) {
                Some((target, many)) => {
                    model
                        .relations
                        .push(mongoose_relation(name, target, many, member.node))
                }
                None => model.fields.push(name.to_string()),
            }
        }
    }

    // ----- `new` expressions: Mongoose schemas, TypeORM entity schemas -----

    fn new_expression(&mut self, new: Node<'t>) {
        let Some(constructor) = new.field("constructor") else {
            return;
        };
        match last_segment(self.semantic, constructor) {
            Some(mongoose::SCHEMA_CLASS) => {
                let definition = self
                    .semantic
                    .argument(new, 0)
                    .map(unwrap)
                    .filter(|d| d.kind() == "object");
                self.schemas.push(Schema {
                    name: binding_name(self.semantic, new),
                    node: new,
                    definitions: definition.into_iter().collect(),
                    virtuals: Vec::new(),
                });
            }
            Some(typeorm::ENTITY_SCHEMA_CLASS) => self.entity_schema(new),
            _ => {}
        }
    }

    /// `new EntitySchema({ name: 'Order', columns: {...}, relations: { customer: {...} } })`.
    fn entity_schema(&mut self, new: Node<'t>) {
        let Some(options) = self
            .semantic
            .argument(new, 0)
            .map(unwrap)
            .filter(|o| o.kind() == "object")
        else {
            return;
        };
        let semantic = self.semantic;
        let binding = binding_name(semantic, new);
        let entity = property(semantic, options, typeorm::SCHEMA_NAME_OPTION)
            .and_then(|n| string_value(semantic, n));
        let Some(name) = entity.or(binding) else {
            return;
        };
        let mut model = self.model(name, Orm::TypeOrm, new);
        for alias in [
            binding,
            property(semantic, options, typeorm::SCHEMA_TARGET_OPTION)
                .and_then(|t| last_segment(semantic, t)),
        ]
        .into_iter()
        .flatten()
        {
            push_alias(&mut model, alias);
        }
        if let Some(columns) =
            property(semantic, options, typeorm::SCHEMA_COLUMNS_OPTION).map(unwrap)
        {
            model
                .fields
                .extend(properties(semantic, columns).map(|p| p.name.to_string()));
        }
        if let Some(relations) =
            property(semantic, options, typeorm::SCHEMA_RELATIONS_OPTION).map(unwrap)
        {
            for declared in properties(semantic, relations) {
                let value = unwrap(declared.value);
                if value.kind() != "object" {
                    continue;
                }
                let kind = property(semantic, value, typeorm::SCHEMA_RELATION_TYPE_OPTION)
                    .and_then(|t| string_value(semantic, t));
                let target = property(semantic, value, typeorm::SCHEMA_TARGET_OPTION)
                    .and_then(|t| self.typeorm_target(t));
                let (Some(kind), Some(target)) = (kind, target) else {
                    continue;
                };
                let Some(declaration) = typeorm::SCHEMA_RELATION_TYPES
                    .iter()
                    .find(|(schema_type, _)| *schema_type == kind)
                    .and_then(|&(_, decorator)| {
                        relation_declaration(typeorm::RELATIONS, decorator)
                    })
                else {
                    continue;
                };
                let mut relation =
                    declared_relation(declared.name, target, declaration, declared.node);
                relation.loading = self.typeorm_loading(Some(value), false);
                relation.related_name =
                    property(semantic, value, typeorm::SCHEMA_INVERSE_SIDE_OPTION)
                        .and_then(|s| string_value(semantic, s))
                        .map(str::to_string);
                model.relations.push(relation);
            }
        }
        self.models.push(model);
    }

    // ----- Sequelize -----

    /// `const Order = sequelize.define('order', { ...attributes }, { ...options })`.
    fn sequelize_define(&mut self, call: Node<'t>) {
        let semantic = self.semantic;
        if self.receiver(call).is_none() {
            return;
        }
        let arguments = semantic.arguments(call);
        let (Some(defined), Some(attributes)) = (
            arguments.first().and_then(|a| string_value(semantic, *a)),
            arguments.get(1).map(|a| unwrap(*a)),
        ) else {
            return;
        };
        // Custom elements (`customElements.define('x-a', XA)`) and others pass a class or a function;
        // Ext JS classes (`Ext.define('App.model.User', {...})`) have dotted names.
        let Some(attributes) = self.object_literal(attributes) else {
            return;
        };
        if defined.contains('.') {
            return;
        }
        let name = binding_name(semantic, call).unwrap_or(defined);
        let mut model = self.model(name, Orm::Sequelize, call);
        push_alias(&mut model, defined);
        if let Some(alias) = arguments
            .get(2)
            .and_then(|o| string_property(semantic, *o, sequelize::MODEL_NAME_OPTION))
        {
            push_alias(&mut model, alias);
        }
        model
            .fields
            .extend(properties(semantic, attributes).map(|p| p.name.to_string()));
        self.models.push(model);
    }

    /// The object literal `node` is, or the one a `const` identifier is bound to.
    fn object_literal(&self, node: Node<'t>) -> Option<Node<'t>> {
        let node = unwrap(node);
        match node.kind() {
            "object" => Some(node),
            "identifier" => {
                let binding = self
                    .semantic
                    .binding(self.semantic.resolve_identifier(node)?);
                let value = unwrap(binding.value?);
                (value.kind() == "object" && binding.destructured.is_none()).then_some(value)
            }
            _ => None,
        }
    }

    /// `Order.init({ ...attributes }, { sequelize, modelName: 'order' })`.
    fn sequelize_init(&mut self, call: Node<'t>) {
        let semantic = self.semantic;
        let Some(name) = self.receiver(call).and_then(|r| last_segment(semantic, r)) else {
            return;
        };
        let arguments = semantic.arguments(call);
        let attributes = arguments.first().and_then(|a| self.object_literal(*a));
        let options = arguments
            .get(1)
            .map(|a| unwrap(*a))
            .filter(|o| o.kind() == "object");
        let has_instance =
            options.is_some_and(|o| property(semantic, o, sequelize::INSTANCE_OPTION).is_some());
        let class = self.sequelize_classes.iter().position(|c| c.name == name);
        // A model's `init` spells its attributes or its instance out (unlike `define` in Sequelize's
        // own code: `model.init(attributes, options)`).
        if !has_instance && (class.is_none() || attributes.is_none()) {
            return;
        }
        let position = match self
            .models
            .iter()
            .position(|m| m.orm == Orm::Sequelize && m.name == name)
        {
            Some(position) => position,
            None => {
                let class = class.map(|c| self.sequelize_classes.remove(c));
                let mut model = self.model(
                    name,
                    Orm::Sequelize,
                    class.as_ref().map_or(call, |c| c.node),
                );
                model.bases.extend(
                    class
                        .and_then(|c| class_heritage(c.node))
                        .and_then(|h| last_segment(semantic, h))
                        .filter(|b| *b != sequelize::MODEL_BASE)
                        .map(str::to_string),
                );
                self.models.push(model);
                self.models.len() - 1
            }
        };
        let model = &mut self.models[position];
        if let Some(alias) =
            options.and_then(|o| string_property(semantic, o, sequelize::MODEL_NAME_OPTION))
        {
            push_alias(model, alias);
        }
        for declared in attributes.into_iter().flat_map(|a| properties(semantic, a)) {
            if !model.fields.iter().any(|f| f == declared.name) {
                model.fields.push(declared.name.to_string());
            }
        }
    }

    fn confirm_sequelize_classes(&mut self) {
        for class in std::mem::take(&mut self.sequelize_classes) {
            if class.confirmed && !self.models.iter().any(|m| m.name == class.name) {
                let model = self.model(class.name, Orm::Sequelize, class.node);
                self.models.push(model);
            }
        }
    }

    /// `Order.belongsTo(models.Customer, { as: 'customer' })`, `this.hasMany(Item)` in `associate`.
    fn sequelize_association(&mut self, call: Node<'t>, association: &RelationDeclaration) {
        let semantic = self.semantic;
        let Some(receiver) = self.receiver(call) else {
            return;
        };
        let arguments = semantic.arguments(call);
        let Some(target) = arguments.first().map(|a| unwrap(*a)) else {
            return;
        };
        // Bookshelf and others name the target with a string: Sequelize passes the model itself.
        if !matches!(
            target.kind(),
            "identifier" | "member_expression" | "subscript_expression"
        ) {
            return;
        }
        let Some(target) = last_segment(semantic, target) else {
            return;
        };
        let source = if receiver.kind() == "this" {
            this_owner(semantic, call)
        } else {
            last_segment(semantic, receiver)
        };
        let Some(source) = source else {
            return;
        };
        let options = arguments
            .get(1)
            .map(|a| unwrap(*a))
            .filter(|o| o.kind() == "object");
        let relation = sequelize_relation(semantic, association, target, options, None, call);
        let mut attached = false;
        for model in &mut self.models {
            if model.orm == Orm::Sequelize && model.is_named(source) {
                if model.relation(&relation.name).is_none() {
                    model.relations.push(relation.clone());
                }
                attached = true;
            }
        }
        if !attached {
            self.associations.push(Association {
                source: source.to_string(),
                relation,
                path: self.path.clone(),
            });
        }
    }

    // ----- Bookshelf -----

    /// `const Post = ghostBookshelf.Model.extend({ tableName: 'posts', tags() { return this.belongsToMany('Tag') } })`.
    fn bookshelf_extend(&mut self, call: Node<'t>) {
        let semantic = self.semantic;
        let Some(receiver) = self.receiver(call) else {
            return;
        };
        // `bookshelf.Model`, `Post`, `user.User`: something class-like (not `_`, `$`, `Object`).
        let Some(base) = last_segment(semantic, receiver) else {
            return;
        };
        if !base.starts_with(|c: char| c.is_ascii_uppercase()) || base == "Object" {
            return;
        }
        let Some(prototype) = semantic
            .argument(call, 0)
            .map(unwrap)
            .filter(|p| p.kind() == "object")
        else {
            return;
        };
        let candidate = self.bookshelf_candidate(
            call,
            prototype,
            (base != bookshelf::MODEL_BASE).then_some(base),
        );
        self.bookshelf.push(candidate);
    }

    /// A Bookshelf model made from the prototype properties of `extend` (or the registry's `model`).
    fn bookshelf_candidate(
        &self,
        call: Node<'t>,
        prototype: Node<'t>,
        base: Option<&'t str>,
    ) -> BookshelfModel<'t> {
        let semantic = self.semantic;
        let mut relations = Vec::new();
        for declared in properties(semantic, prototype) {
            let function = unwrap(declared.value);
            if !matches!(
                function.kind(),
                "method_definition" | "function_expression" | "function"
            ) {
                continue;
            }
            if let Some(relation) = self.bookshelf_relation(declared.name, function, declared.node)
            {
                relations.push(relation);
            }
        }
        BookshelfModel {
            name: binding_name(semantic, call),
            call,
            base,
            relations,
            has_table: property(semantic, prototype, bookshelf::TABLE_NAME).is_some(),
            registered: Vec::new(),
        }
    }

    /// The relation a Bookshelf relation method returns: the first `this.belongsTo(...)`-like call in it.
    fn bookshelf_relation(
        &self,
        name: &str,
        function: Node<'t>,
        declared: Node<'t>,
    ) -> Option<Relation> {
        let body = function.field("body")?;
        let bookshelf_relation = |node: Node<'t>| {
            self.method_name(node)
                .and_then(|m| relation_declaration(bookshelf::RELATIONS, m))
        };
        let call = find_descendant(body, &mut |node| {
            node.kind() == "call_expression"
                && self.receiver(node).is_some_and(|r| r.kind() == "this")
                && bookshelf_relation(node).is_some()
        })?;
        let declaration = bookshelf_relation(call)?;
        let arguments = self.semantic.arguments(call);
        let first = unwrap(*arguments.first()?);
        let target =
            string_value(self.semantic, first).or_else(|| last_segment(self.semantic, first))?;
        let mut relation = declared_relation(name, target, declaration, declared);
        relation.loading = Loading::Lazy;
        // `.through('PostTag')` makes any relation go through a join model.
        let through = call
            .parent()
            .filter(|p| p.kind() == "member_expression")
            .and_then(|p| p.field("property"))
            .is_some_and(|p| self.text(p) == bookshelf::THROUGH);
        relation.many_to_many |= through;
        if declaration.holds_key {
            relation.key_attribute = arguments
                .get(1)
                .and_then(|a| string_value(self.semantic, *a))
                .map(str::to_string);
        }
        Some(relation)
    }

    /// `ghostBookshelf.model('Post', Post)` (a Bookshelf registration) or `mongoose.model('Order', schema)`.
    fn registration(&mut self, call: Node<'t>) {
        let semantic = self.semantic;
        let arguments = semantic.arguments(call);
        let (Some(registered), Some(value)) = (
            arguments.first().and_then(|a| string_value(semantic, *a)),
            arguments.get(1).map(|a| unwrap(*a)),
        ) else {
            return;
        };
        // Bookshelf: the value is a model of this file, by name or inline.
        let bookshelf = referenced(semantic, value, &self.bookshelf, |b| (b.name, b.call));
        if let Some(position) = bookshelf {
            let model = &mut self.bookshelf[position];
            model.registered.push(registered);
            if model.name.is_none() {
                model.name = Some(registered);
            }
            return;
        }
        // The Bookshelf registry also makes models: `bookshelf.model('Doctor', { tableName: 'doctors' })`.
        if value.kind() == "object" {
            let mut candidate = self.bookshelf_candidate(call, value, None);
            if candidate.has_table || !candidate.relations.is_empty() {
                candidate.name = candidate.name.or(Some(registered));
                candidate.registered.push(registered);
                self.bookshelf.push(candidate);
            }
            return;
        }
        // Mongoose: the value is a schema of this file, or a schema imported by a call of Mongoose.
        let schema = self.schema_of(value);
        let mongoose = semantic
            .callee_name(call)
            .is_some_and(|q| q.starts_with(mongoose::PACKAGE))
            || self
                .text(value)
                .to_ascii_lowercase()
                .contains(mongoose::SCHEMA_WORD);
        if schema.is_none() && !mongoose {
            return;
        }
        let name = binding_name(semantic, call).unwrap_or(registered);
        let mut model = self.model(name, Orm::Mongoose, call);
        push_alias(&mut model, registered);
        if let Some(schema) = schema {
            let schema = &self.schemas[schema];
            for &definition in &schema.definitions {
                self.mongoose_paths(definition, "", 0, &mut model);
            }
            for virtual_ in &schema.virtuals {
                if model.relation(&virtual_.name).is_none() {
                    model.relations.push(virtual_.clone());
                }
            }
        }
        self.models.push(model);
    }

    fn finish_bookshelf(&mut self) {
        for candidate in std::mem::take(&mut self.bookshelf) {
            let Some(name) = candidate.name else { continue };
            if !candidate.has_table
                && candidate.relations.is_empty()
                && candidate.registered.is_empty()
            {
                continue;
            }
            let mut model = self.model(name, Orm::Bookshelf, candidate.call);
            for alias in candidate.registered {
                push_alias(&mut model, alias);
            }
            model.bases.extend(candidate.base.map(str::to_string));
            model.relations = candidate.relations;
            self.models.push(model);
        }
    }

    // ----- Mongoose -----

    /// The schema of this file `node` is or names.
    fn schema_of(&self, node: Node<'t>) -> Option<usize> {
        referenced(self.semantic, node, &self.schemas, |s| (s.name, s.node))
    }

    /// `orderSchema.virtual('items', { ref: 'Item', localField: '_id', foreignField: 'order' })`.
    fn mongoose_virtual(&mut self, call: Node<'t>) {
        let semantic = self.semantic;
        let Some(schema) = self.receiver(call).and_then(|r| self.schema_of(r)) else {
            return;
        };
        let arguments = semantic.arguments(call);
        let (Some(name), Some(options)) = (
            arguments.first().and_then(|a| string_value(semantic, *a)),
            arguments
                .get(1)
                .map(|a| unwrap(*a))
                .filter(|o| o.kind() == "object"),
        ) else {
            return;
        };
        let Some(target) =
            property(semantic, options, mongoose::REF_OPTION).and_then(|r| self.ref_target(r))
        else {
            return;
        };
        let flag = |key| property(semantic, options, key).is_some_and(|v| self.text(v) == "true");
        if flag(mongoose::COUNT_OPTION) {
            return;
        }
        let relation = mongoose_relation(name, target, !flag(mongoose::JUST_ONE_OPTION), call);
        self.schemas[schema].virtuals.push(relation);
    }

    /// `orderSchema.add({ ...paths })`.
    fn mongoose_add(&mut self, call: Node<'t>) {
        let Some(schema) = self.receiver(call).and_then(|r| self.schema_of(r)) else {
            return;
        };
        if let Some(definition) = self
            .semantic
            .argument(call, 0)
            .map(unwrap)
            .filter(|d| d.kind() == "object")
        {
            self.schemas[schema].definitions.push(definition);
        }
    }

    /// The paths of a schema definition: refs become relations (dotted inside nested objects and
    /// subdocuments), the other top-level paths fields.
    fn mongoose_paths(&self, definition: Node<'t>, prefix: &str, depth: u32, model: &mut Model) {
        let semantic = self.semantic;
        for declared in properties(semantic, definition) {
            let path = format!("{prefix}{}", declared.name);
            let value = unwrap(declared.value);
            if let Some((target, many)) = self.mongoose_ref(value) {
                model
                    .relations
                    .push(mongoose_relation(&path, target, many, declared.node));
                continue;
            }
            if depth == 0 {
                model.fields.push(path.clone());
            }
            if depth >= 3 {
                continue;
            }
            // Nested paths and subdocuments (`items: [{ product: { ref } }]`, `[itemSchema]`).
            let nested = match value.kind() {
                "object" if property(semantic, value, mongoose::TYPE_OPTION).is_none() => {
                    Some(value)
                }
                "array" => value.named_child(0).map(unwrap),
                _ => None,
            };
            let nested = nested.and_then(|n| match n.kind() {
                "object" if property(semantic, n, mongoose::TYPE_OPTION).is_none() => Some(vec![n]),
                "identifier" | "new_expression" => {
                    Some(self.schemas[self.schema_of(n)?].definitions.clone())
                }
                _ => None,
            });
            for definition in nested.into_iter().flatten() {
                self.mongoose_paths(definition, &format!("{path}."), depth + 1, model);
            }
        }
    }

    /// The model a schema path refers to, and whether it holds many refs: `{ type: ObjectId, ref: 'C' }`,
    /// `[{ type: ObjectId, ref: 'C' }]`, `{ type: [ObjectId], ref: 'C' }`, `{ type: [{ ref: 'C' }] }`.
    fn mongoose_ref(&self, value: Node<'t>) -> Option<(&'t str, bool)> {
        let semantic = self.semantic;
        let value = unwrap(value);
        match value.kind() {
            "object" => {
                let kind = property(semantic, value, mongoose::TYPE_OPTION).map(unwrap);
                if let Some(target) =
                    property(semantic, value, mongoose::REF_OPTION).and_then(|r| self.ref_target(r))
                {
                    return Some((target, kind.is_some_and(|k| k.kind() == "array")));
                }
                let kind = kind.filter(|k| k.kind() == "array")?;
                self.mongoose_ref(kind).map(|(target, _)| (target, true))
            }
            "array" => {
                let element = value.named_child(0)?;
                self.mongoose_ref(element).map(|(target, _)| (target, true))
            }
            _ => None,
        }
    }

    /// `'Customer'`, `Customer` (a model), `Customer.modelName`, `() => 'Customer'`.
    fn ref_target(&self, value: Node<'t>) -> Option<&'t str> {
        let semantic = self.semantic;
        let value = unwrap(value);
        match value.kind() {
            "arrow_function" | "function_expression" | "function" => {
                self.ref_target(returned(value)?)
            }
            "member_expression" => {
                let property = value.field("property")?;
                if self.text(property) == mongoose::MODEL_NAME_PROPERTY {
                    last_segment(semantic, value.field("object")?)
                } else {
                    Some(self.text(property))
                }
            }
            "identifier" => Some(self.text(value)),
            _ => string_value(semantic, value),
        }
    }
}

/// The relation `declaration` declares (lazy, forward, no key).
fn declared_relation(
    name: &str,
    target: &str,
    declaration: &RelationDeclaration,
    node: Node<'_>,
) -> Relation {
    let mut relation = relation(
        name,
        target,
        declaration.cardinality,
        declaration.inverse_cardinality,
        node,
    );
    relation.many_to_many = declaration.many_to_many;
    relation
}

/// A relation with the defaults: lazy, declared forward, no join table, no key.
fn relation(
    name: &str,
    target: &str,
    cardinality: Cardinality,
    inverse_cardinality: Cardinality,
    node: Node<'_>,
) -> Relation {
    Relation {
        name: name.to_string(),
        target: target.to_string(),
        cardinality,
        inverse_cardinality,
        loading: Loading::Lazy,
        reverse: false,
        many_to_many: false,
        key_attribute: None,
        span: Span::from(node),
        related_name: None,
        target_origin: None,
    }
}

/// A Mongoose ref: an id until populated.
fn mongoose_relation(name: &str, target: &str, many: bool, node: Node<'_>) -> Relation {
    let cardinality = if many {
        Cardinality::Many
    } else {
        Cardinality::One
    };
    let mut relation = relation(name, target, cardinality, Cardinality::Many, node);
    relation.loading = Loading::Never;
    relation
}

/// A Sequelize association (`belongsTo`, `hasOne`, `hasMany`, `belongsToMany`) to `target`, named
/// `name`, by its `as`, or as Sequelize names it.
fn sequelize_relation(
    semantic: &Semantic<'_>,
    association: &RelationDeclaration,
    target: &str,
    options: Option<Node<'_>>,
    name: Option<&str>,
    node: Node<'_>,
) -> Relation {
    let cardinality = association.cardinality;
    // `as: 'items'` or `as: { singular: 'item', plural: 'items' }`.
    let alias = options
        .and_then(|o| property(semantic, o, sequelize::ALIAS_OPTION))
        .map(unwrap)
        .and_then(|alias| match alias.kind() {
            "object" => {
                let (singular, plural) = sequelize::ALIAS_FORMS;
                let form = if cardinality == Cardinality::Many {
                    plural
                } else {
                    singular
                };
                string_property(semantic, alias, form)
            }
            _ => string_value(semantic, alias),
        });
    let name = match name.or(alias) {
        Some(name) => name.to_string(),
        None if cardinality == Cardinality::Many => sequelize::pluralize(target),
        None => target.to_string(),
    };
    let mut relation = declared_relation(&name, target, association, node);
    if association.holds_key {
        let key = foreign_key_option(semantic, options);
        relation.key_attribute = Some(key.map_or_else(
            || format!("{name}{}", sequelize::KEY_ATTRIBUTE_SUFFIX),
            str::to_string,
        ));
    }
    relation
}

/// `foreignKey: 'customerId'` or `foreignKey: { name: 'customerId' }`.
fn foreign_key_option<'t>(semantic: &Semantic<'t>, options: Option<Node<'t>>) -> Option<&'t str> {
    let key = unwrap(property(semantic, options?, sequelize::FOREIGN_KEY_OPTION)?);
    match key.kind() {
        "object" => string_property(semantic, key, sequelize::FOREIGN_KEY_NAME),
        _ => string_value(semantic, key),
    }
}

fn push_alias(model: &mut Model, alias: &str) {
    if model.name != alias && !model.aliases.iter().any(|a| a == alias) {
        model.aliases.push(alias.to_string());
    }
}

// ----- syntax helpers -----

/// A declared property of an object literal: `key: value`, `key` (shorthand), `key() {}`.
struct Property<'t> {
    name: &'t str,
    /// The pair, shorthand or method.
    node: Node<'t>,
    /// The value (the method itself for a method).
    value: Node<'t>,
}

fn properties<'s, 't>(
    semantic: &'s Semantic<'t>,
    object: Node<'t>,
) -> impl Iterator<Item = Property<'t>> + 's {
    let mut cursor = object.walk();
    let children: Vec<Node<'t>> = object.named_children(&mut cursor).collect();
    children
        .into_iter()
        .filter_map(move |child| match child.kind() {
            "pair" => Some(Property {
                name: property_key(semantic, child.field("key")?)?,
                node: child,
                value: child.field("value")?,
            }),
            "shorthand_property_identifier" => Some(Property {
                name: semantic.text(child),
                node: child,
                value: child,
            }),
            "method_definition" => Some(Property {
                name: property_key(semantic, child.field("name")?)?,
                node: child,
                value: child,
            }),
            _ => None,
        })
}

/// The string value of property `key` of an object literal.
fn string_property<'t>(semantic: &Semantic<'t>, object: Node<'t>, key: &str) -> Option<&'t str> {
    property(semantic, object, key).and_then(|v| string_value(semantic, v))
}

/// The value of property `key` of an object literal.
fn property<'t>(semantic: &Semantic<'t>, object: Node<'t>, key: &str) -> Option<Node<'t>> {
    let object = unwrap(object);
    if object.kind() != "object" {
        return None;
    }
    properties(semantic, object)
        .find(|p| p.name == key)
        .map(|p| p.value)
}

fn property_key<'t>(semantic: &Semantic<'t>, key: Node<'_>) -> Option<&'t str> {
    match key.kind() {
        "property_identifier" | "identifier" | "number" | "private_property_identifier" => {
            Some(semantic.text(key))
        }
        "string" => string_value(semantic, key),
        _ => None,
    }
}

/// The value of a string literal without substitutions.
fn string_value<'t>(semantic: &Semantic<'t>, node: Node<'_>) -> Option<&'t str> {
    let node = unwrap(node);
    let text = semantic.text(node);
    match node.kind() {
        "string" => text.get(1..text.len().checked_sub(1)?),
        "template_string" if !text.contains("${") => text.get(1..text.len().checked_sub(1)?),
        _ => None,
    }
}

/// The last name of an identifier, member chain or type: `Customer` of `models.Customer`,
/// `models['Customer']` or `Model<Attributes>`.
fn last_segment<'t>(semantic: &Semantic<'t>, node: Node<'_>) -> Option<&'t str> {
    let node = unwrap(node);
    match node.kind() {
        "identifier" | "type_identifier" | "property_identifier" => Some(semantic.text(node)),
        "member_expression" => Some(semantic.text(node.field("property")?)),
        "nested_type_identifier" | "generic_type" => last_segment(semantic, node.field("name")?),
        "subscript_expression" => string_value(semantic, node.field("index")?),
        _ => None,
    }
}

/// What a function returns: its expression body, or the value of its first `return`.
fn returned(function: Node<'_>) -> Option<Node<'_>> {
    let function = unwrap(function);
    if !matches!(
        function.kind(),
        "arrow_function" | "function_expression" | "function"
    ) {
        return None;
    }
    let body = function.field("body")?;
    if body.kind() != "statement_block" {
        return Some(unwrap(body));
    }
    let mut cursor = body.walk();
    let statement = body
        .named_children(&mut cursor)
        .find(|s| s.kind() == "return_statement")?;
    statement.named_child(0).map(unwrap)
}

/// The position of the candidate (a `(name, node)` of `items`) that `reference` is or names: the value
/// of the binding the identifier resolves to, else the last candidate bound to that name before it
/// (`let Post; Post = Model.extend(...)`).
fn referenced<'t, T>(
    semantic: &Semantic<'t>,
    reference: Node<'t>,
    items: &[T],
    candidate: impl Fn(&T) -> (Option<&'t str>, Node<'t>),
) -> Option<usize> {
    let reference = unwrap(reference);
    if reference.kind() != "identifier" {
        return items.iter().position(|item| candidate(item).1 == reference);
    }
    let value = semantic
        .resolve_identifier(reference)
        .and_then(|b| semantic.binding(b).value)
        .map(unwrap);
    if let Some(position) = value.and_then(|v| items.iter().position(|item| candidate(item).1 == v))
    {
        return Some(position);
    }
    let name = semantic.text(reference);
    items.iter().rposition(|item| {
        let (bound, node) = candidate(item);
        bound == Some(name) && node.start_byte() < reference.start_byte()
    })
}

/// The name a value is bound to: `const X = value`, `X = value`, through `await`, parentheses, `as`,
/// `||` and `??` (`mongoose.models.Order || mongoose.model(...)`).
fn binding_name<'t>(semantic: &Semantic<'t>, value: Node<'t>) -> Option<&'t str> {
    let mut node = value;
    loop {
        let parent = node.parent()?;
        match parent.kind() {
            "parenthesized_expression"
            | "await_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression" => node = parent,
            "binary_expression"
                if parent
                    .field("operator")
                    .is_some_and(|o| matches!(semantic.text(o), "||" | "??")) =>
            {
                node = parent
            }
            "variable_declarator" => {
                let name = parent.field("name")?;
                return (name.kind() == "identifier").then(|| semantic.text(name));
            }
            "assignment_expression" => {
                let left = parent.field("left")?;
                return (left.kind() == "identifier").then(|| semantic.text(left));
            }
            _ => return None,
        }
    }
}

/// The first node under `root` (itself included) that `matches`, in source order, without entering
/// nested functions that are not arrows (which have their own `this`).
fn find_descendant<'t>(
    root: Node<'t>,
    matches: &mut dyn FnMut(Node<'t>) -> bool,
) -> Option<Node<'t>> {
    if matches(root) {
        return Some(root);
    }
    let mut cursor = root.walk();
    let children: Vec<Node<'t>> = root.named_children(&mut cursor).collect();
    for child in children {
        if matches!(
            child.kind(),
            "function_expression" | "function_declaration" | "function" | "method_definition"
        ) {
            continue;
        }
        if let Some(found) = find_descendant(child, matches) {
            return Some(found);
        }
    }
    None
}

/// The model `this` stands for in an association call: the class of a (static) method, or `X` of
/// `X.associate = function () {...}`.
fn this_owner<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> Option<&'t str> {
    let mut current = node.parent();
    while let Some(n) = current {
        match n.kind() {
            "method_definition" => {
                let body = n.parent().filter(|p| p.kind() == "class_body")?;
                let class = body.parent()?;
                return match class.field("name") {
                    Some(name) => Some(semantic.text(name)),
                    None => binding_name(semantic, class),
                };
            }
            "function_expression" | "function" | "function_declaration" => {
                let assignment = n.parent().filter(|p| p.kind() == "assignment_expression")?;
                let left = assignment.field("left")?;
                let object = left
                    .field("object")
                    .filter(|_| left.kind() == "member_expression")?;
                return last_segment(semantic, object);
            }
            _ => current = n.parent(),
        }
    }
    None
}

/// A decorator's name (`Entity` of `@Entity()`, `@typeorm.Entity()`) and its call, when called.
fn decorator_parts<'t>(
    semantic: &Semantic<'t>,
    decorator: Node<'t>,
) -> (Option<&'t str>, Option<Node<'t>>) {
    let mut cursor = decorator.walk();
    let Some(expression) = decorator
        .named_children(&mut cursor)
        .find(|c| c.kind() != "comment")
    else {
        return (None, None);
    };
    match expression.kind() {
        "call_expression" => (
            expression
                .field("function")
                .and_then(|f| last_segment(semantic, f)),
            Some(expression),
        ),
        _ => (last_segment(semantic, expression), None),
    }
}

/// The expression a class extends (`Model` of `extends Model<Attributes>`).
fn class_heritage(class: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = class.walk();
    let heritage = class
        .named_children(&mut cursor)
        .find(|c| c.kind() == "class_heritage")?;
    let mut cursor = heritage.walk();
    let first = heritage.named_children(&mut cursor).next()?;
    match first.kind() {
        // TypeScript: `extends_clause` with the value (and type arguments).
        "extends_clause" => first.field("value"),
        "implements_clause" => None,
        _ => Some(first),
    }
}

/// A class member with its decorators.
struct Member<'t> {
    node: Node<'t>,
    name: Option<&'t str>,
    decorators: Vec<Node<'t>>,
    type_annotation: Option<Node<'t>>,
}

/// The fields and methods of a class, each with its decorators (TypeScript writes method decorators
/// before the method, in the class body).
fn class_members<'t>(semantic: &Semantic<'t>, class: Node<'t>) -> Vec<Member<'t>> {
    let Some(body) = class.field("body") else {
        return Vec::new();
    };
    let mut members = Vec::new();
    let mut pending = Vec::new();
    let mut cursor = body.walk();
    for child in body.named_children(&mut cursor) {
        match child.kind() {
            "decorator" => pending.push(child),
            "public_field_definition"
            | "field_definition"
            | "method_definition"
            | "method_signature"
            | "abstract_method_signature" => {
                let mut inner = child.walk();
                let mut decorators = std::mem::take(&mut pending);
                decorators.extend(
                    child
                        .children(&mut inner)
                        .filter(|c| c.kind() == "decorator"),
                );
                let name = child
                    .field("name")
                    .or_else(|| child.field("property"))
                    .and_then(|n| property_key(semantic, n));
                let type_annotation = child.field("type").and_then(|t| t.named_child(0));
                members.push(Member {
                    node: child,
                    name,
                    decorators,
                    type_annotation,
                });
            }
            "comment" => {}
            _ => pending.clear(),
        }
    }
    members
}

/// Whether a type is `Promise<...>` (a TypeORM lazy relation).
fn is_promise_type(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    node.kind() == "generic_type"
        && node
            .field("name")
            .is_some_and(|n| semantic.text(n) == "Promise")
}

#[cfg(test)]
#[path = "js_tests.rs"]
mod tests;
