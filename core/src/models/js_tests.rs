use super::*;
use crate::engine::parse;
use crate::frameworks::sequelize::pluralize;
use crate::models::ModelIndex;
use crate::Language;
use std::path::Path;

/// What `source`, read as `path`, contributes (after checking the byte-level filter lets it through).
fn contribution(path: &str, source: &str) -> FileModels {
    assert!(may_define_models(source), "filtered out:\n{source}");
    extracted(path, source)
}

fn extracted(path: &str, source: &str) -> FileModels {
    let language = Language::from_path(Path::new(path)).unwrap();
    let tree = parse(language, source).unwrap();
    let semantic = Semantic::build(language, Path::new(path), source, &tree, &mut |_| {});
    extract(&semantic)
}

/// The index of `files` (files the filter drops contribute nothing).
fn index(files: &[(&str, &str)]) -> ModelIndex {
    ModelIndex::new(
        files
            .iter()
            .filter(|(_, source)| may_define_models(source))
            .map(|(path, source)| extracted(path, source)),
    )
}

fn only_model(file: &FileModels, name: &str) -> Model {
    let found: Vec<&Model> = file.models.iter().filter(|m| m.name == name).collect();
    assert_eq!(found.len(), 1, "{name} in {:#?}", file.models);
    found[0].clone()
}

/// `name -> target (cardinality/inverse, loading)` of each relation, sorted.
fn relations(model: &Model) -> Vec<String> {
    let mut found: Vec<String> = model
        .relations
        .iter()
        .map(|r| {
            format!(
                "{} -> {} ({:?}/{:?}, {:?}{}{})",
                r.name,
                r.target,
                r.cardinality,
                r.inverse_cardinality,
                r.loading,
                if r.many_to_many { ", m2m" } else { "" },
                r.key_attribute
                    .as_deref()
                    .map(|k| format!(", key {k}"))
                    .unwrap_or_default(),
            )
        })
        .collect();
    found.sort();
    found
}

// ----- the byte-level filter -----

#[test]
fn the_filter_passes_every_spelling_and_most_other_files() {
    for declaring in [
        "const A = db.define('a', {})",
        "const A = db\n  .define ('a', {})",
        "Order.init({}, { sequelize })",
        "@Table class A extends Model {}",
        "@Table({ tableName: 'a' })",
        "@Entity() class A {}",
        "@typeorm.Entity('a') class A {}",
        "@ChildEntity() class A extends B {}",
        "@ViewEntity({ expression: 'SELECT 1' }) class A {}",
        "const A = bookshelf.Model.extend({ tableName: 'a' })",
        "new EntitySchema({})",
        "class A { @ManyToOne(() => B) b }",
        "A.belongsTo(B)",
        "A.hasMany(B)",
        "this.hasOne('B')",
        "this.morphMany('B')",
        "@BelongsTo(() => B) b",
        "module.exports = mongoose.model('A', s)",
        "export default model<IA>('A', s)",
        "export default model<Doc<IA>, IAModel>( /* name */ ('A'), s)",
        "db.model(\n  \"A\",\n  s\n)",
        "ghostBookshelf.model('Post', Post)",
        "@Schema() export class Cat {}",
    ] {
        assert!(may_define_models(declaring), "{declaring}");
    }
    for other in [
        "const x = require('express'); app.get('/', h)",
        "Object.defineProperty(exports, '__esModule', { value: true })",
        "if (x === undefined) init()",
        "const entity = load(); models.Post.findAll()",
        "const schema = Joi.object({}); this.init()",
        "const s = new Schema({ type: 'object' })",
        "const { Op } = require('sequelize'); Order.findAll({ where: { id: { [Op.in]: ids } } })",
        "app.init(); server.listen()",
        "constructor(@InjectRepository(UserEntity) users: Repository<UserEntity>) {}",
        "const table = new Table({ head: [] })",
        // A table name with no `extend` call: a query builder's options, a type.
        "createTable({ tableName: name }); interface A extends B { tableName: string }",
        // Examples in comments.
        "/**\n * const User = mongoose.model('User', userSchema);\n */\nfunction model() {}",
        "// const A = db.define('a', {})\nconst x = 1",
        // Lookups and calls without a literal name: no registration, no definition.
        "const Post = this.model(name); customElements.define(tagName, Element)",
        "function model(doc) { return doc.constructor; }",
    ] {
        assert!(!may_define_models(other), "{other}");
    }
}

// ----- Sequelize -----

#[test]
fn sequelize_define_names_the_model_by_its_binding() {
    let file = contribution(
        "models/order.js",
        "const Order = sequelize.define('order', {\n  total: DataTypes.INTEGER,\n  status: { type: DataTypes.STRING },\n});\n",
    );
    let order = only_model(&file, "Order");
    assert_eq!(order.orm, Orm::Sequelize);
    assert_eq!(order.aliases, ["order"]);
    assert_eq!(order.fields, ["total", "status"]);
    assert_eq!(order.path, PathBuf::from("models/order.js"));
}

#[test]
fn sequelize_define_outside_a_binding_is_named_by_its_string() {
    let file = contribution(
        "models/item.js",
        "module.exports = (sequelize) => sequelize.define('Item', { qty: 'int' });\n",
    );
    let item = only_model(&file, "Item");
    assert!(item.aliases.is_empty());
    let file = contribution(
        "models/tag.js",
        "const attributes = { label: 'string' };\nmodule.exports = (db) => db.define('tag', attributes, { modelName: 'Tag' });\n",
    );
    let tag = only_model(&file, "tag");
    assert_eq!(
        (tag.aliases.as_slice(), tag.fields.as_slice()),
        (&["Tag".to_string()][..], &["label".to_string()][..])
    );
}

#[test]
fn custom_elements_and_other_define_calls_are_not_models() {
    let file = contribution(
        "a.js",
        "customElements.define('x-a', XA);\nconst B = registry.define('b', class {});\ndefine('mod', [], f);\nExt.define('App.model.User', { extend: 'Ext.data.Model' });\n",
    );
    assert!(file.is_empty(), "{file:#?}");
}

#[test]
fn sequelize_cli_models_declare_their_associations_in_associate() {
    let source = r#"
'use strict';
module.exports = (sequelize, DataTypes) => {
  const Order = sequelize.define('Order', { total: DataTypes.INTEGER });
  Order.associate = (models) => {
    Order.belongsTo(models.Customer, { as: 'customer', foreignKey: 'customerId' });
    Order.hasMany(models.Item, { as: 'items' });
    Order.hasMany(models.Category);
    Order.belongsToMany(models.Person, { through: 'OrderPeople' });
    Order.hasOne(models.Address);
    Order.belongsTo(models.Store);
  };
  return Order;
};
"#;
    let file = contribution("models/order.js", source);
    let order = only_model(&file, "Order");
    assert!(file.associations.is_empty());
    assert_eq!(
        relations(&order),
        [
            "Address -> Address (One/One, Lazy)",
            "Categories -> Category (Many/One, Lazy)",
            "People -> Person (Many/Many, Lazy, m2m)",
            "Store -> Store (One/Many, Lazy, key StoreId)",
            "customer -> Customer (One/Many, Lazy, key customerId)",
            "items -> Item (Many/One, Lazy)",
        ]
    );
}

#[test]
fn sequelize_classes_with_init_and_static_associate() {
    let source = r#"
const { Model, DataTypes } = require('sequelize');
module.exports = (sequelize) => {
  class Order extends Model {
    static associate(models) {
      this.belongsTo(models.Customer, { as: 'customer', foreignKey: { name: 'buyerId' } });
      this.hasMany(models.Item, { as: { singular: 'line', plural: 'lines' } });
    }
  }
  Order.init({ total: DataTypes.INTEGER, note: DataTypes.TEXT }, { sequelize, modelName: 'order' });
  return Order;
};
"#;
    let file = contribution("models/order.js", source);
    let order = only_model(&file, "Order");
    assert_eq!(order.aliases, ["order"]);
    assert_eq!(order.fields, ["total", "note"]);
    assert_eq!(
        relations(&order),
        [
            "customer -> Customer (One/Many, Lazy, key buyerId)",
            "lines -> Item (Many/One, Lazy)",
        ]
    );
}

#[test]
fn typescript_sequelize_classes_and_associations_at_top_level() {
    let source = r#"
import { Model, InferAttributes, DataTypes } from 'sequelize';
import { sequelize } from './db';
import { Customer } from './customer';
export class Order extends Model<InferAttributes<Order>> {
  declare id: number;
}
Order.init({ id: { type: DataTypes.INTEGER, primaryKey: true } }, { sequelize, tableName: 'orders' });
Order.belongsTo(Customer, { as: 'buyer' });
Customer.hasMany(Order, { as: 'orders', foreignKey: 'buyerId' });
"#;
    let file = contribution("src/models/order.ts", source);
    let order = only_model(&file, "Order");
    assert_eq!(order.fields, ["id"]);
    assert_eq!(
        relations(&order),
        ["buyer -> Customer (One/Many, Lazy, key buyerId)"]
    );
    assert_eq!(file.associations.len(), 1);
    let association = &file.associations[0];
    assert_eq!(association.source, "Customer");
    assert_eq!(association.relation.name, "orders");
    assert_eq!(association.relation.cardinality, Cardinality::Many);
    assert_eq!(association.path, PathBuf::from("src/models/order.ts"));
}

#[test]
fn a_class_extending_some_other_model_is_not_a_sequelize_model() {
    let source = r#"
const { Model } = require('objection');
class Person extends Model {
  static get tableName() { return 'persons'; }
}
class View extends Backbone.Model {}
"#;
    assert!(!may_define_models(source));
    assert!(extracted("models/person.js", source).is_empty());
}

#[test]
fn sequelize_typescript_decorators_declare_relations_on_the_class() {
    let source = r#"
import { Table, Column, Model, BelongsTo, HasMany, ForeignKey, BelongsToMany } from 'sequelize-typescript';
@Table({ modelName: 'order' })
export class Order extends Model {
  @Column total: number;
  @ForeignKey(() => Customer)
  @Column
  buyerId: number;
  @BelongsTo(() => Customer) customer: Customer;
  @HasMany(() => Item) items: Item[];
  @BelongsToMany(() => Tag, () => OrderTag) tags: Tag[];
}
"#;
    let file = contribution("src/order.ts", source);
    let order = only_model(&file, "Order");
    assert_eq!(order.orm, Orm::Sequelize);
    assert_eq!(order.aliases, ["order"]);
    assert_eq!(order.fields, ["total", "buyerId"]);
    assert_eq!(
        relations(&order),
        [
            "customer -> Customer (One/Many, Lazy, key buyerId)",
            "items -> Item (Many/One, Lazy)",
            "tags -> Tag (Many/Many, Lazy, m2m)",
        ]
    );
}

#[test]
fn sequelize_associations_in_another_file_join_their_model_in_the_index() {
    let index = index(&[
        (
            "models/order.js",
            "module.exports = (sequelize, DataTypes) => sequelize.define('order', { total: DataTypes.INTEGER });\n",
        ),
        (
            "models/customer.js",
            "const Customer = sequelize.define('customer', {});\n",
        ),
        (
            "models/index.js",
            "const db = {};\ndb.order.belongsTo(db.customer, { as: 'buyer' });\ndb.customer.hasMany(db.order);\n",
        ),
    ]);
    let order = index.model(Orm::Sequelize, "order", None).unwrap();
    let buyer = order.relation("buyer").unwrap();
    assert_eq!(buyer.target, "customer");
    assert_eq!(
        (buyer.cardinality, buyer.loading, buyer.span.start > 0),
        (Cardinality::One, Loading::Lazy, true)
    );
    let customer = index.model(Orm::Sequelize, "Customer", None).unwrap();
    assert!(customer.relation("orders").is_some(), "{customer:#?}");
}

#[test]
fn plurals_follow_sequelize() {
    for (singular, plural) in [
        ("Item", "Items"),
        ("Category", "Categories"),
        ("Person", "People"),
        ("SalesPerson", "SalesPeople"),
        ("Address", "Addresses"),
        ("Status", "Statuses"),
        ("Box", "Boxes"),
        ("Day", "Days"),
        ("Child", "Children"),
        ("Wolf", "Wolves"),
        ("Knife", "Knives"),
        ("Roof", "Roofs"),
        ("Index", "Indices"),
        ("Analysis", "Analyses"),
        ("Photo", "Photos"),
        ("Potato", "Potatoes"),
        ("Medium", "Media"),
        ("Quiz", "Quizzes"),
        ("Batch", "Batches"),
        ("Equipment", "Equipment"),
        ("order", "orders"),
        ("Manager", "Managers"),
        ("Human", "Humans"),
    ] {
        assert_eq!(pluralize(singular), plural, "{singular}");
    }
}

// ----- TypeORM -----

#[test]
fn typeorm_entities_with_decorated_relations() {
    let source = r#"
import { Entity, Column, PrimaryGeneratedColumn, ManyToOne, OneToMany, OneToOne, ManyToMany, JoinTable, RelationId } from 'typeorm';
@Entity('orders')
export class Order extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() total: number;
  @Column() customerId: number;
  @ManyToOne(() => Customer, (c) => c.orders, { lazy: false, eager: false })
  customer: Customer;
  @ManyToOne(type => Store, { eager: true }) store: Store;
  @RelationId((o: Order) => o.store) storeRef: number;
  @ManyToOne('Courier', 'orders', { lazy: true }) courier: Courier;
  @OneToMany(() => Item, (i) => i.order) items: Item[];
  @OneToOne(() => Invoice) invoice: Promise<Invoice>;
  @ManyToMany(() => Tag)
  @JoinTable()
  tags: Tag[];
  @CreateDateColumn() createdAt: Date;
  summary(): string { return ''; }
}
"#;
    let file = contribution("src/entity/order.ts", source);
    let order = only_model(&file, "Order");
    assert_eq!(order.orm, Orm::TypeOrm);
    assert!(!order.is_abstract);
    assert_eq!(order.bases, ["BaseEntity"]);
    assert_eq!(order.fields, ["id", "total", "customerId", "createdAt"]);
    assert_eq!(
        relations(&order),
        [
            "courier -> Courier (One/Many, Lazy)",
            "customer -> Customer (One/Many, Never, key customerId)",
            "invoice -> Invoice (One/One, Lazy)",
            "items -> Item (Many/One, Never)",
            "store -> Store (One/Many, Eager, key storeRef)",
            "tags -> Tag (Many/Many, Never, m2m)",
        ]
    );
    assert_eq!(
        order.relation("customer").unwrap().related_name.as_deref(),
        Some("orders")
    );
    assert_eq!(
        order.relation("courier").unwrap().related_name.as_deref(),
        Some("orders")
    );
}

#[test]
fn typeorm_abstract_bases_lend_their_relations() {
    let index = index(&[
        (
            "src/base.ts",
            "export abstract class Owned {\n  @ManyToOne(() => User) owner: User;\n}\n",
        ),
        (
            "src/post.ts",
            "@Entity()\nexport class Post extends Owned {\n  @Column() title: string;\n}\n",
        ),
    ]);
    let base = index.model(Orm::TypeOrm, "Owned", None).unwrap();
    assert!(base.is_abstract);
    let post = index.model(Orm::TypeOrm, "Post", None).unwrap();
    assert_eq!(post.relation("owner").unwrap().target, "User");
}

#[test]
fn typeorm_entity_schemas() {
    let source = r#"
const { EntitySchema } = require('typeorm');
module.exports.OrderSchema = new EntitySchema({
  name: 'Order',
  target: Order,
  columns: { id: { primary: true, type: 'int', generated: true }, total: { type: 'int' } },
  relations: {
    customer: { type: 'many-to-one', target: 'Customer', inverseSide: 'orders', lazy: true },
    items: { type: 'one-to-many', target: 'Item', eager: true },
    tags: { type: 'many-to-many', target: () => Tag, joinTable: true },
    profile: { type: 'one-to-one', target: 'Profile' },
  },
});
const Tag = new EntitySchema({ name: 'TagEntity', columns: {} });
"#;
    let file = contribution("src/schemas.js", source);
    let order = only_model(&file, "Order");
    assert_eq!(order.orm, Orm::TypeOrm);
    assert_eq!(order.fields, ["id", "total"]);
    assert_eq!(
        relations(&order),
        [
            "customer -> Customer (One/Many, Lazy)",
            "items -> Item (Many/One, Eager)",
            "profile -> Profile (One/One, Never)",
            "tags -> Tag (Many/Many, Never, m2m)",
        ]
    );
    let tag = only_model(&file, "TagEntity");
    assert_eq!(tag.aliases, ["Tag"]);
}

// ----- Mongoose -----

#[test]
fn mongoose_schemas_follow_their_identifier_to_the_model() {
    let source = r#"
const mongoose = require('mongoose');
const { Schema } = mongoose;
const ObjectId = Schema.Types.ObjectId;
const orderSchema = new Schema({
  total: Number,
  customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
  items: [{ type: ObjectId, ref: 'Item' }],
  tags: { type: [ObjectId], ref: 'Tag' },
  shipping: { courier: { type: ObjectId, ref: 'Courier' }, address: String },
  lines: [{ product: { type: ObjectId, ref: 'Product' }, qty: Number }],
  notes: [String],
});
orderSchema.virtual('payments', { ref: 'Payment', localField: '_id', foreignField: 'order' });
orderSchema.virtual('invoice', { ref: 'Invoice', localField: '_id', foreignField: 'order', justOne: true });
orderSchema.virtual('paymentCount', { ref: 'Payment', localField: '_id', foreignField: 'order', count: true });
orderSchema.virtual('label').get(function () { return this.total; });
module.exports = mongoose.model('Order', orderSchema);
"#;
    let file = contribution("models/order.js", source);
    let order = only_model(&file, "Order");
    assert_eq!(order.orm, Orm::Mongoose);
    assert!(order.aliases.is_empty());
    assert_eq!(order.fields, ["total", "shipping", "lines", "notes"]);
    assert_eq!(
        relations(&order),
        [
            "customer -> Customer (One/Many, Never)",
            "invoice -> Invoice (One/Many, Never)",
            "items -> Item (Many/Many, Never)",
            "lines.product -> Product (One/Many, Never)",
            "payments -> Payment (Many/Many, Never)",
            "shipping.courier -> Courier (One/Many, Never)",
            "tags -> Tag (Many/Many, Never)",
        ]
    );
}

#[test]
fn mongoose_model_names_come_from_the_binding() {
    let source = r#"
import mongoose, { Schema, model } from 'mongoose';
const itemSchema = new mongoose.Schema<IItem>({ product: { type: Schema.Types.ObjectId, ref: 'Product' } });
const cartSchema = new Schema({ items: [itemSchema], owner: { type: Schema.Types.ObjectId, ref: User.modelName } });
export const CartModel = model<ICart>('Cart', cartSchema);
export const Item = mongoose.models.Item || mongoose.model('Item', itemSchema);
const conn = mongoose.createConnection(uri);
const Audit = conn.model('Audit', new Schema({ actor: { type: Schema.Types.ObjectId, ref: () => 'User' } }));
const Imported = mongoose.model('Imported', importedSchema);
const lookup = mongoose.model('Cart');
"#;
    let file = contribution("src/models.ts", source);
    let cart = only_model(&file, "CartModel");
    assert_eq!(cart.aliases, ["Cart"]);
    assert_eq!(
        relations(&cart),
        [
            "items.product -> Product (One/Many, Never)",
            "owner -> User (One/Many, Never)",
        ]
    );
    let item = only_model(&file, "Item");
    assert_eq!(relations(&item), ["product -> Product (One/Many, Never)"]);
    let audit = only_model(&file, "Audit");
    assert_eq!(relations(&audit), ["actor -> User (One/Many, Never)"]);
    let imported = only_model(&file, "Imported");
    assert!(imported.relations.is_empty());
    assert_eq!(file.models.len(), 4, "{:#?}", file.models);
}

#[test]
fn json_schemas_and_unregistered_schemas_are_not_models() {
    let source = r#"
const { Schema } = require('mongoose');
const s = new Schema({ customer: { type: Schema.Types.ObjectId, ref: 'Customer' } });
module.exports = s;
const ajv = new Ajv(); ajv.model('x', {});
"#;
    assert!(contribution("a.js", source).is_empty());
}

#[test]
fn nestjs_mongoose_schema_classes() {
    let source = r#"
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
@Schema()
export class Cat {
  @Prop() name: string;
  @Prop({ type: mongoose.Schema.Types.ObjectId, ref: 'Owner' }) owner: Owner;
  @Prop({ type: [{ type: mongoose.Schema.Types.ObjectId, ref: 'Toy' }] }) toys: Toy[];
}
export const CatSchema = SchemaFactory.createForClass(Cat);
"#;
    let file = contribution("src/cat.schema.ts", source);
    let cat = only_model(&file, "Cat");
    assert_eq!(cat.orm, Orm::Mongoose);
    assert_eq!(cat.fields, ["name"]);
    assert_eq!(
        relations(&cat),
        [
            "owner -> Owner (One/Many, Never)",
            "toys -> Toy (Many/Many, Never)",
        ]
    );
}

// ----- Bookshelf -----

const GHOST_POST: &str = r#"
const ghostBookshelf = require('./base');
const relations = require('./relations');
let Post;
Post = ghostBookshelf.Model.extend(
  {
    tableName: 'posts',
    defaults: function defaults() { return { uuid: 'x' }; },
    published_by: function publishedBy() {
      return this.belongsTo('User', 'published_by');
    },
    authors: function authors() {
      return this.belongsToMany('User', 'posts_authors', 'post_id', 'author_id')
        .withPivot('sort_order')
        .query('orderBy', 'sort_order', 'ASC');
    },
    tags: function tags() {
      return this.belongsToMany('Tag', 'posts_tags', 'post_id', 'tag_id');
    },
    post_revisions() {
      return this.hasMany('PostRevision', 'post_id');
    },
    posts_meta: function postsMeta() {
      return this.hasOne('PostsMeta', 'post_id');
    },
    onSaving: async function onSaving(model, attrs, options) {
      await ghostBookshelf.model('User').getOwnerUser();
      return this.related('tags').fetch();
    },
  },
  {
    orderDefaultOptions() { return {}; },
  },
);
const Posts = ghostBookshelf.Collection.extend({ model: Post });
Post = relations.authors.extendModel(Post, Posts, ghostBookshelf);
module.exports = {
  Post: ghostBookshelf.model('Post', Post),
  Posts: ghostBookshelf.collection('Posts', Posts),
};
"#;

#[test]
fn bookshelf_models_as_ghost_declares_them() {
    let file = contribution("core/server/models/post.js", GHOST_POST);
    assert_eq!(file.models.len(), 1, "{:#?}", file.models);
    let post = only_model(&file, "Post");
    assert_eq!(post.orm, Orm::Bookshelf);
    assert!(post.bases.is_empty());
    assert_eq!(
        relations(&post),
        [
            "authors -> User (Many/Many, Lazy, m2m)",
            "post_revisions -> PostRevision (Many/One, Lazy)",
            "posts_meta -> PostsMeta (One/One, Lazy)",
            "published_by -> User (One/Many, Lazy, key published_by)",
            "tags -> Tag (Many/Many, Lazy, m2m)",
        ]
    );
}

#[test]
fn bookshelf_registration_names_and_models_extending_models() {
    let index = index(&[
        ("core/server/models/post.js", GHOST_POST),
        (
            "core/server/models/user.js",
            "const ghostBookshelf = require('./base');\nconst User = ghostBookshelf.Model.extend({\n  tableName: 'users',\n  posts() { return this.hasMany('Post', 'author_id'); },\n  roles: function roles() { return this.belongsToMany('Role'); },\n});\nmodule.exports = { User: ghostBookshelf.model('User', User) };\n",
        ),
        (
            "core/server/models/author.js",
            "const ghostBookshelf = require('./base');\nconst user = require('./user');\nconst Author = user.User.extend({ shouldHavePosts: { joinTo: 'post_id' } });\nmodule.exports = { Author: ghostBookshelf.model('Author', Author) };\n",
        ),
        (
            "core/server/models/gift-delivery.js",
            "const ghostBookshelf = require('./base');\nconst GiftDeliveryModel = ghostBookshelf.Model.extend({\n    tableName: 'gift_deliveries',\n    gift() { return this.belongsTo('Gift', 'gift_id', 'id'); },\n}, {});\nexports.GiftDelivery = ghostBookshelf.model('GiftDelivery', GiftDeliveryModel);\n",
        ),
        (
            "core/server/models/base/index.js",
            "ghostBookshelf.Model = ghostBookshelf.Model.extend({ hasTimestamps: true, defaults() { return {}; } });\n",
        ),
        (
            "core/server/models/relations/authors.js",
            "module.exports.extendModel = function (Post, Posts, ghostBookshelf) {\n  const Model = Post.extend({ onFetching() { return 1; } });\n  return Model;\n};\n",
        ),
    ]);
    assert_eq!(index.len(), 4, "{:#?}", index.models());
    let post = index.model(Orm::Bookshelf, "Post", None).unwrap();
    let tags = post.relation("tags").unwrap();
    assert_eq!((tags.target.as_str(), tags.many_to_many), ("Tag", true));
    let author = index.model(Orm::Bookshelf, "Author", None).unwrap();
    assert_eq!(author.bases, ["User"]);
    assert_eq!(author.relation("posts").unwrap().target, "Post");
    let delivery = index.model(Orm::Bookshelf, "GiftDelivery", None).unwrap();
    assert_eq!(delivery.name, "GiftDeliveryModel");
    assert_eq!(
        delivery.relation("gift").unwrap().key_attribute.as_deref(),
        Some("gift_id")
    );
}

#[test]
fn bookshelf_relations_through_join_models_and_morphs() {
    let source = r#"
const bookshelf = require('../bookshelf');
const Doctor = bookshelf.model('Doctor', {
  tableName: 'doctors',
});
const Patient = bookshelf.Model.extend({
  tableName: 'patients',
  doctors() { return this.belongsToMany(Doctor).through(Appointment); },
  photos() { return this.morphMany('Photo', 'imageable'); },
  avatar() { return this.morphOne(Photo, 'imageable'); },
  visits() { return this.hasMany(models.Visit).query((qb) => qb.limit(5)); },
});
"#;
    let file = contribution("models/patient.js", source);
    let doctor = only_model(&file, "Doctor");
    assert_eq!(doctor.orm, Orm::Bookshelf);
    let patient = only_model(&file, "Patient");
    assert_eq!(
        relations(&patient),
        [
            "avatar -> Photo (One/One, Lazy)",
            "doctors -> Doctor (Many/Many, Lazy, m2m)",
            "photos -> Photo (Many/One, Lazy)",
            "visits -> Visit (Many/One, Lazy)",
        ]
    );
    assert!(file.associations.is_empty(), "{:#?}", file.associations);
}

#[test]
fn lodash_and_backbone_extends_are_not_models() {
    let source = r#"
const options = _.extend({ tableName: 'posts' }, defaults);
const View = Backbone.Model.extend({ urlRoot: '/posts', initialize() { this.hasMany = 1; } });
const Posts = ghostBookshelf.Collection.extend({ model: Post });
"#;
    let file = contribution("a.js", &format!("{source}ghostBookshelf.model('X');\n"));
    assert!(file.is_empty(), "{file:#?}");
}

#[test]
fn sequelize_this_in_assigned_associate_functions_and_old_class_methods() {
    let source = r#"
module.exports = function (sequelize, DataTypes) {
  var Order = sequelize.define('Order', { total: DataTypes.INTEGER }, {
    classMethods: {
      associate: function (models) {
        Order.belongsTo(models['Customer']);
      },
    },
  });
  Order.associate = function (models) {
    this.hasMany(models.Item, { as: 'lines' });
  };
  return Order;
};
"#;
    let file = contribution("models/order.js", source);
    let order = only_model(&file, "Order");
    assert_eq!(
        relations(&order),
        [
            "Customer -> Customer (One/Many, Lazy, key CustomerId)",
            "lines -> Item (Many/One, Lazy)",
        ]
    );
}

#[test]
fn mongoose_schemas_resolve_by_scope_not_by_name() {
    let source = r#"
const mongoose = require('mongoose');
describe('populate', function () {
  it('a', function () {
    const schema = new mongoose.Schema({ author: { type: 'ObjectId', ref: 'User' } });
    const Post = db.model('Post', schema);
  });
  it('b', function () {
    const schema = new mongoose.Schema({ tags: [{ type: 'ObjectId', ref: 'Tag' }] });
    schema.virtual('likes', { ref: 'Like', localField: '_id', foreignField: 'post' });
    const Post = db.model('Post', schema);
  });
});
"#;
    let file = contribution("test/populate.test.js", source);
    let found: Vec<Vec<String>> = file.models.iter().map(relations).collect();
    assert_eq!(
        found,
        [
            vec!["author -> User (One/Many, Never)".to_string()],
            vec![
                "likes -> Like (Many/Many, Never)".to_string(),
                "tags -> Tag (Many/Many, Never)".to_string()
            ],
        ]
    );
}
