//! GraphQL servers: graphene and graphene-django object types and resolvers, strawberry and strawberry-django types and fields.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// graphene's module (`graphene.List(OrderType)`, `graphene.Field(CustomerType)`).
pub const GRAPHENE: &str = "graphene";

/// strawberry's module (`strawberry.type`, `strawberry.field`, `strawberry.federation.type`).
pub const STRAWBERRY: &str = "strawberry";

/// strawberry-django's modules: the `strawberry_django` package and its older `strawberry.django` home.
/// Its types resolve through their own (often optimizing) resolvers.
pub const STRAWBERRY_DJANGO: &[&str] = &["strawberry_django", "strawberry.django"];

/// The last name of strawberry's field decorator and function (`@strawberry.field`,
/// `strawberry_django.field`).
pub const STRAWBERRY_FIELD: &str = "field";

/// The last name of strawberry's type decorator (`@strawberry.type`).
pub const STRAWBERRY_TYPE: &str = "type";

/// What a graphene resolver's name starts with (`resolve_orders` resolves `orders`).
pub const RESOLVER_PREFIX: &str = "resolve_";

/// The keyword of a field that names its resolver (`graphene.Field(T, resolver=f)`,
/// `strawberry.field(resolver=f)`).
pub const RESOLVER_KEYWORD: &str = "resolver";

/// The keyword of a graphene field that names the attribute it reads (`source="buyer"`).
pub const SOURCE_KEYWORD: &str = "source";

/// graphene's list fields (`graphene.List(OrderType)`, graphene-django's `DjangoListField`).
pub const GRAPHENE_LIST_FIELDS: &[&str] = &["List", "DjangoListField"];

/// graphene's field wrappers around a type (`graphene.NonNull(...)`, `graphene.Field(...)`).
pub const GRAPHENE_FIELD_WRAPPERS: &[&str] = &["NonNull", "Field"];

/// What the name of a graphene connection field ends with (`DjangoConnectionField`): a paginated
/// field with its own resolver.
pub const CONNECTION_FIELD_SUFFIX: &str = "ConnectionField";

/// What the name of a graphene object type's base ends with (`graphene.ObjectType`,
/// `DjangoObjectType`).
pub const OBJECT_TYPE_SUFFIX: &str = "ObjectType";

/// graphene-django's object type of a Django model.
pub const DJANGO_OBJECT_TYPE: &str = "DjangoObjectType";

/// The inner class of a `DjangoObjectType` that configures it.
pub const META: &str = "Meta";

/// The `Meta` attribute naming the type's model.
pub const META_MODEL: &str = "model";

/// The `Meta` attribute listing the model's fields the type exposes (`"__all__"` or a list).
pub const META_FIELDS: &str = "fields";

/// The `Meta` attribute listing the model's fields the type leaves out.
pub const META_EXCLUDE: &str = "exclude";

/// Return annotations strawberry reads as a list of their element type (`list[OrderType]`,
/// Django's `QuerySet[Order]`).
pub const LIST_ANNOTATIONS: &[&str] = &["list", "List", "Sequence", "Iterable", "QuerySet"];

/// Annotations that wrap another without changing what it is (`Optional[list[OrderType]]`).
pub const TRANSPARENT_ANNOTATIONS: &[&str] = &["Optional", "Annotated"];

/// Methods of a DataLoader that batch per-parent loads (Python `load`/`load_many`, JavaScript
/// `load`/`loadMany`).
pub const LOADER_METHODS: &[&str] = &["load", "load_many", "loadMany"];

/// The root types of a JavaScript resolver map whose fields return rows (`{ Query: { orders } }`).
pub const ROOT_TYPES: &[&str] = &["Query", "Mutation"];

/// The key of a field's resolver in a resolver object (`orders: { resolve: () => ... }`).
pub const RESOLVE_KEY: &str = "resolve";

/// The keyword of an object type in a schema's text (`type Query { orders: [Order!]! }`).
pub const SDL_TYPE: &str = "type";

/// What a JavaScript file that defines GraphQL resolvers conventionally contains (`graphql`,
/// `@Resolver()`, `resolvers`): a per-item load there is batched with a DataLoader.
pub const JS_SOURCE_MARKERS: &[&str] = &["graphql", "Resolver"];

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
