use super::*;
use crate::engine::parse;
use crate::models::ModelIndex;
use crate::Language;
use std::path::Path;

fn extract_from(path: &str, source: &str) -> FileModels {
    assert!(
        may_define_models(source),
        "the byte-level check rejects:\n{source}"
    );
    let tree = parse(Language::Python, source).unwrap();
    let semantic = Semantic::build(
        Language::Python,
        Path::new(path),
        source,
        &tree,
        &mut |_| {},
    );
    extract(&semantic)
}

fn models(source: &str) -> Vec<Model> {
    extract_from("app/models.py", source).models
}

fn model<'m>(models: &'m [Model], name: &str) -> &'m Model {
    models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no model {name} in {models:#?}"))
}

fn names(models: &[Model]) -> Vec<&str> {
    models.iter().map(|m| m.name.as_str()).collect()
}

/// Cardinality, inverse cardinality, key attribute.
fn shape(relation: &Relation) -> (Cardinality, Cardinality, Option<&str>) {
    (
        relation.cardinality,
        relation.inverse_cardinality,
        relation.key_attribute.as_deref(),
    )
}

use Cardinality::{Many, One};

#[test]
fn django_relations_have_their_cardinality_key_and_target() {
    let source = r#"
from django.conf import settings
from django.db import models

class Customer(models.Model):
    name = models.CharField(max_length=100)

class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL, related_name="+")
    invoice = models.OneToOneField(to="billing.Invoice", on_delete=models.CASCADE)
    tags = models.ManyToManyField("shop.Tag", related_name="%(class)s_set")
    total = models.DecimalField()
    objects = OrderManager()
"#;
    let found = models(source);
    assert_eq!(names(&found), ["Customer", "Order"]);
    let order = model(&found, "Order");
    assert_eq!(order.fields, ["total"]);
    assert_eq!(order.path, Path::new("app/models.py"));
    let customer = order.relation("customer").unwrap();
    assert_eq!(customer.target, "Customer");
    assert_eq!(shape(customer), (One, Many, Some("customer_id")));
    assert_eq!(customer.related_name.as_deref(), Some("orders"));
    assert_eq!((customer.loading, customer.reverse), (Loading::Lazy, false));
    assert_eq!(
        &source[customer.span.start..customer.span.end],
        r#"customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")"#
    );
    assert_eq!(order.relation("owner").unwrap().target, "User");
    let parent = order.relation("parent").unwrap();
    assert_eq!(
        (parent.target.as_str(), parent.related_name.as_deref()),
        ("Order", Some("+"))
    );
    let invoice = order.relation("invoice").unwrap();
    assert_eq!(invoice.target, "Invoice");
    assert_eq!(shape(invoice), (One, One, Some("invoice_id")));
    let tags = order.relation("tags").unwrap();
    assert_eq!((tags.target.as_str(), tags.many_to_many), ("Tag", true));
    assert_eq!(shape(tags), (Many, Many, None));
    assert_eq!(tags.related_name.as_deref(), Some("%(class)s_set"));
}

#[test]
fn django_models_are_found_through_any_import_spelling() {
    let aliased = "from django.db.models import Model as M, CharField\n\nclass A(M):\n    pass\n";
    assert_eq!(names(&models(aliased)), ["A"]);
    let module = "import django.db.models\n\nclass B(django.db.models.Model):\n    pass\n";
    assert_eq!(names(&models(module)), ["B"]);
    let user = "from django.contrib.auth.models import AbstractUser\n\nclass User(AbstractUser):\n    pass\n";
    assert_eq!(names(&models(user)), ["User"]);
    let proxy = "from django.contrib.auth.models import User\n\nclass Staff(User):\n    class Meta:\n        proxy = True\n";
    assert_eq!(models(proxy)[0].bases, ["User"]);
    let fields = r#"
from django.db.models import ForeignKey as FK, CharField as Text
from core.models import Stamped as Base

class C(Base):
    owner = FK("auth.User", on_delete=None)
    title = Text()
"#;
    let found = models(fields);
    assert_eq!(found[0].bases, ["Stamped"]);
    assert_eq!(found[0].fields, ["title"]);
    assert_eq!(shape(&found[0].relations[0]), (One, Many, Some("owner_id")));
}

#[test]
fn django_bases_from_other_files_need_fields_or_model_meta() {
    let source = r#"
from django.db import models
from sentry.db.models import FlexibleForeignKey, HybridCloudForeignKey, Model, BoundedPositiveIntegerField
from sentry.db.models.fields.onetoone import OneToOneCascadeDeletes
from core.models import TimeStampedModel

@region_silo_only_model
class Project(Model, PendingDeletionMixin):
    organization = FlexibleForeignKey("sentry.Organization")
    status = BoundedPositiveIntegerField(default=0)
    user_id = HybridCloudForeignKey("sentry.User", on_delete="CASCADE")

class Detail(Model):
    project = OneToOneCascadeDeletes("sentry.Project")

class FileBlobIndex(AbstractFileBlobIndex):
    file = FlexibleForeignKey("sentry.File")

class Proxy(TimeStampedModel):
    class Meta:
        proxy = True
        app_label = "core"

class Plain(Helper):
    x = compute()

class Settings(Helper):
    class Meta:
        model = Project
"#;
    let found = models(source);
    assert_eq!(
        names(&found),
        ["Project", "Detail", "FileBlobIndex", "Proxy"]
    );
    let project = model(&found, "Project");
    assert_eq!(project.bases, ["Model", "PendingDeletionMixin"]);
    assert_eq!(project.fields, ["status", "user_id"]);
    assert_eq!(project.relations.len(), 1);
    let organization = project.relation("organization").unwrap();
    assert_eq!(organization.target, "Organization");
    assert_eq!(shape(organization), (One, Many, Some("organization_id")));
    let detail = model(&found, "Detail").relation("project").unwrap();
    assert_eq!(shape(detail), (One, One, Some("project_id")));
}

#[test]
fn forms_serializers_and_other_field_classes_are_not_django_models() {
    let source = r#"
from django import forms
from rest_framework import serializers
from wtforms import StringField
from somewhere import Base

class OrderForm(forms.ModelForm):
    note = forms.CharField()
    class Meta:
        model = Order
        fields = ["note"]

class Login(Base):
    name = StringField()

class Choice(Base):
    value = forms.CharField()

class Pretend(Base):
    class Meta:
        model = Order
        ordering = ["x"]

from django.db.models import Func, BooleanField
from django.contrib.auth.models import User, UserManager

class IsEmpty(Func):
    output_field = BooleanField()

class Manager(UserManager):
    pass
"#;
    let found = extract_from("app/forms.py", source);
    assert_eq!(names(&found.models), Vec::<&str>::new());
}

#[test]
fn django_abstract_bases_and_inheritance_in_one_file() {
    let source = r#"
from django.db import models

class Stamped(models.Model):
    created_by = models.ForeignKey("auth.User", related_name="%(class)s_created", on_delete=models.CASCADE)
    class Meta:
        abstract = True

class Post(Stamped):
    pass

class Comment(Post):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target = GenericForeignKey("content_type", "object_id")
    replies = GenericRelation("Comment")
"#;
    let found = models(source);
    assert_eq!(names(&found), ["Stamped", "Post", "Comment"]);
    assert!(model(&found, "Stamped").is_abstract);
    assert!(!model(&found, "Post").is_abstract);
    assert_eq!(model(&found, "Post").bases, ["Stamped"]);
    assert!(
        model(&found, "Stamped").bases.is_empty(),
        "models.Model is no model"
    );
    let comment = model(&found, "Comment");
    let target = comment.relation("target").unwrap();
    assert_eq!((target.target.as_str(), target.cardinality), ("", One));
    assert_eq!(target.key_attribute, None);
    let replies = comment.relation("replies").unwrap();
    assert_eq!(
        (replies.cardinality, replies.related_name.as_deref()),
        (Many, Some("+"))
    );

    let index = ModelIndex::new([FileModels {
        models: found,
        ..FileModels::default()
    }]);
    let comment = index.model(Orm::Django, "Comment", None).unwrap();
    assert!(comment.relation("created_by").is_some());
}

#[test]
fn django_reverse_accessors_come_from_the_merge() {
    let shop = r#"
from django.db import models

class Order(models.Model):
    number = models.CharField(max_length=10)

class OrderItem(models.Model):
    order = models.ForeignKey("shop.Order", on_delete=models.CASCADE)
    product = models.ForeignKey("catalog.Product", related_name="order_lines", on_delete=models.CASCADE)
"#;
    let catalog = r#"
from django.db.models import Model, ManyToManyField, OneToOneField, CASCADE

class Product(Model):
    groups = ManyToManyField("auth.Group", related_name="product_set")

class Stock(Model):
    product = OneToOneField(Product, on_delete=CASCADE)
"#;
    let index = ModelIndex::new([
        extract_from("shop/models.py", shop),
        extract_from("catalog/models.py", catalog),
        extract_from(
            "auth/models.py",
            "from django.db import models\n\nclass Group(models.Model):\n    name = models.CharField()\n",
        ),
    ]);
    let order = index.model(Orm::Django, "Order", None).unwrap();
    let items = order.relation("orderitem_set").unwrap();
    assert_eq!((items.target.as_str(), items.reverse), ("OrderItem", true));
    assert_eq!(items.cardinality, Many);
    let product = index.model(Orm::Django, "Product", None).unwrap();
    assert_eq!(product.relation("order_lines").unwrap().cardinality, Many);
    let stock = product.relation("stock").unwrap();
    assert_eq!((stock.cardinality, stock.reverse), (One, true));
    let group = index.model(Orm::Django, "Group", None).unwrap();
    let products = group.relation("product_set").unwrap();
    assert_eq!((products.cardinality, products.many_to_many), (Many, true));
}

#[test]
fn sqlalchemy_declarative_1x_with_backref_and_foreign_keys() {
    let source = r#"
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base, relationship, backref

Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    addresses = relationship("Address", backref="user", lazy="dynamic")
    profile = relationship("Profile", uselist=False, back_populates="user")

class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))

class Profile(Base):
    __tablename__ = "profiles"
    id = Column(Integer, primary_key=True)
    owner_id = Column(ForeignKey(User.id))
    user = relationship("User", back_populates="profile", lazy="joined")
    account = relationship("Account", backref=backref("profile", uselist=False), lazy="raise")

class Node(Base):
    __tablename__ = "nodes"
    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey("nodes.id"))
    children = relationship("Node", lazy="selectin")
    parent = relationship("Node", remote_side=[id], lazy=True)
    account_id = Column(ForeignKey("accounts.id"))
"#;
    let found = models(source);
    assert_eq!(names(&found), ["User", "Address", "Profile", "Node"]);
    let user = model(&found, "User");
    assert_eq!(user.fields, ["id", "name"]);
    assert_eq!(user.orm, Orm::SqlAlchemy);
    let addresses = user.relation("addresses").unwrap();
    assert_eq!(shape(addresses), (Many, One, None));
    assert_eq!(addresses.loading, Loading::Dynamic);
    assert_eq!(addresses.related_name.as_deref(), Some("user"));
    let profile = user.relation("profile").unwrap();
    assert_eq!(shape(profile), (One, One, None));
    assert_eq!(profile.related_name, None);

    let profile = model(&found, "Profile");
    let owner = profile.relation("user").unwrap();
    assert_eq!(shape(owner), (One, Many, Some("owner_id")));
    assert_eq!(owner.loading, Loading::Eager);
    let account = profile.relation("account").unwrap();
    // No key to `accounts` on this class: the account has many profiles... unless backref says one.
    assert_eq!(shape(account), (Many, One, None));
    assert_eq!(account.related_name.as_deref(), Some("profile"));
    assert_eq!(account.loading, Loading::Never);

    let node = model(&found, "Node");
    let children = node.relation("children").unwrap();
    assert_eq!(shape(children), (Many, One, None));
    assert_eq!(children.loading, Loading::Eager);
    let parent = node.relation("parent").unwrap();
    assert_eq!(shape(parent), (One, Many, Some("parent_id")));
    assert_eq!(parent.loading, Loading::Lazy);

    let index = ModelIndex::new([FileModels {
        models: found,
        ..FileModels::default()
    }]);
    let address = index.model(Orm::SqlAlchemy, "Address", None).unwrap();
    let back = address.relation("user").unwrap();
    assert_eq!(
        (back.target.as_str(), back.cardinality, back.reverse),
        ("User", One, true)
    );
    let user = index.model(Orm::SqlAlchemy, "User", None).unwrap();
    assert_eq!(user.relations.len(), 2, "back_populates adds nothing");
}

#[test]
fn sqlalchemy_many_to_one_from_a_foreign_key_to_a_table_in_another_file() {
    let source = r#"
from app.db import Base
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

class OrderItem(Base):
    __tablename__ = "order_items"
    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"))
    buyer = Column(Integer, ForeignKey("customers.id"))
    order = relationship("Order", backref=backref("items", lazy="joined"))
    customer = relationship("Customer")
    category = relationship("Category", foreign_keys=[buyer])
    notes = relationship("Note", foreign_keys="Note.item_id")
    tags = relationship("Tag", secondary="item_tags", lazy="subquery")
    version_id = Column(Integer)
    version = relationship("Version")
    __table_args__ = (
        ForeignKeyConstraint(["order_id", "version_id"], ["versions.order_id", "versions.id"]),
    )
"#;
    let found = models(source);
    let item = model(&found, "OrderItem");
    assert_eq!(item.fields, ["id", "order_id", "buyer", "version_id"]);
    assert_eq!(
        shape(item.relation("version").unwrap()),
        (One, Many, Some("order_id"))
    );
    assert_eq!(
        shape(item.relation("order").unwrap()),
        (One, Many, Some("order_id"))
    );
    assert_eq!(
        shape(item.relation("customer").unwrap()),
        (One, Many, Some("buyer"))
    );
    assert_eq!(
        shape(item.relation("category").unwrap()),
        (One, Many, Some("buyer"))
    );
    assert_eq!(shape(item.relation("notes").unwrap()), (Many, One, None));
    let tags = item.relation("tags").unwrap();
    assert_eq!((shape(tags), tags.many_to_many), ((Many, Many, None), true));
    assert_eq!(tags.loading, Loading::Eager);
}

#[test]
fn sqlalchemy_2_0_mapped_annotations_decide_cardinality() {
    let source = r#"
from typing import List, Optional
from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, WriteOnlyMapped

class Base(DeclarativeBase):
    pass

class Parent(Base):
    __tablename__ = "parent_table"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    children: Mapped[List["Child"]] = relationship(back_populates="parent", lazy="immediate")
    pets: Mapped[list[Pet]] = relationship(lazy="noload")
    spouse: Mapped[Optional["Spouse"]] = relationship(lazy="raise_on_sql")
    history: WriteOnlyMapped["Event"] = relationship()
    audit: Mapped[set["Audit"]] = relationship(lazy=False)

class Child(Base):
    __tablename__ = "child_table"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent_table.id"))
    parent: Mapped["Parent"] = relationship(back_populates="children", lazy="write_only")
    owner: Mapped["Parent | None"] = relationship()
"#;
    let found = models(source);
    assert_eq!(names(&found), ["Parent", "Child"]);
    let parent = model(&found, "Parent");
    assert_eq!(parent.fields, ["id", "name"]);
    assert!(parent.bases.is_empty(), "declarative bases are no models");
    let children = parent.relation("children").unwrap();
    assert_eq!(children.target, "Child");
    assert_eq!(shape(children), (Many, One, None));
    assert_eq!(children.loading, Loading::Eager);
    let pets = parent.relation("pets").unwrap();
    assert_eq!((pets.target.as_str(), pets.cardinality), ("Pet", Many));
    assert_eq!(pets.loading, Loading::Never);
    let spouse = parent.relation("spouse").unwrap();
    assert_eq!(spouse.target, "Spouse");
    assert_eq!(shape(spouse), (One, One, None));
    assert_eq!(spouse.loading, Loading::Never);
    let history = parent.relation("history").unwrap();
    assert_eq!(
        (history.cardinality, history.loading),
        (Many, Loading::Never)
    );
    assert_eq!(parent.relation("audit").unwrap().loading, Loading::Eager);

    let child = model(&found, "Child");
    let back = child.relation("parent").unwrap();
    assert_eq!(shape(back), (One, Many, Some("parent_id")));
    assert_eq!(back.loading, Loading::Never);
    let owner = child.relation("owner").unwrap();
    assert_eq!(owner.target, "Parent");
    assert_eq!(shape(owner), (One, Many, Some("parent_id")));
}

#[test]
fn sqlalchemy_bases_mixins_and_flask_models() {
    let source = r#"
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import registry, declared_attr

db = SQLAlchemy()
mapper_registry = registry()
Legacy = mapper_registry.generate_base()

class TimestampMixin:
    created = db.Column(db.DateTime)
    @declared_attr
    def creator(cls):
        return db.relationship("User", lazy="select")

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    posts = db.relationship("Post", backref="author", lazy="dynamic")

class Post(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"))

class Old(Legacy):
    __tablename__ = "old"

class AbstractThing(Legacy):
    __abstract__ = True

class Manager(User):
    __mapper_args__ = {"polymorphic_identity": "manager"}

from sqlalchemy.ext.declarative import DeferredReflection

class Reflected(DeferredReflection, Legacy):
    __tablename__ = "reflected"
    owner = relationship("User")
"#;
    let found = models(source);
    assert_eq!(
        names(&found),
        [
            "TimestampMixin",
            "User",
            "Post",
            "Old",
            "AbstractThing",
            "Manager",
            "Reflected"
        ]
    );
    let mixin = model(&found, "TimestampMixin");
    assert!(mixin.is_abstract);
    assert_eq!(shape(mixin.relation("creator").unwrap()), (Many, One, None));
    assert!(model(&found, "AbstractThing").is_abstract);
    assert!(!model(&found, "Old").is_abstract);
    assert_eq!(model(&found, "Post").bases, ["TimestampMixin"]);
    assert_eq!(model(&found, "Manager").bases, ["User"]);
    assert!(model(&found, "Reflected").bases.is_empty());

    let index = ModelIndex::new([FileModels {
        models: found,
        ..FileModels::default()
    }]);
    let post = index.model(Orm::SqlAlchemy, "Post", None).unwrap();
    let author = post.relation("author").unwrap();
    assert_eq!((author.cardinality, author.reverse), (One, true));
    assert!(post.relation("creator").is_some());
}

#[test]
fn other_column_and_field_classes_do_not_make_models() {
    let source = r#"
from snuba_sdk import Column
from sqlalchemy.orm import DeclarativeBase
from sentry.replays.lib.query import QueryConfig, UUIDField

class Query:
    project = Column("project_id")

class ReplayQueryConfig(QueryConfig):
    replay_id = UUIDField(field_alias="id")

class Base(DeclarativeBase):
    pass

class MappedClassProtocol(Protocol[_O]):
    __table__: FromClause
    __mapper__: Mapper[_O]
"#;
    assert!(models(source).is_empty());
    let local = r#"
@dataclass
class Column:
    name: str

class Columns(Enum):
    EVENT_ID = Column("event_id")

class Record(Base):
    name = Column("name")
"#;
    assert!(models(local).is_empty());
}

#[test]
fn drf_serializers_record_nested_and_sourced_fields() {
    let source = r#"
from rest_framework import serializers
from .models import Order

class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["name"]

class OrderSerializer(serializers.HyperlinkedModelSerializer):
    customer = CustomerSerializer()
    items = ItemSerializer(many=True, read_only=True)
    customer_name = serializers.CharField(source="customer.name")
    owner = serializers.ReadOnlyField(source="owner")
    everything = serializers.DictField(source="*")
    tags = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        model = models.Order
        fields = "__all__"

class DetailedOrderSerializer(OrderSerializer):
    pass

class Base(serializers.Serializer):
    pass

class Local(Base):
    note = NoteSerializer(source="notes", many=True)
"#;
    let found = extract_from("app/serializers.py", source);
    assert!(found.models.is_empty());
    let names: Vec<&str> = found.serializers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CustomerSerializer",
            "OrderSerializer",
            "DetailedOrderSerializer",
            "Base",
            "Local"
        ]
    );
    let order = &found.serializers[1];
    assert_eq!(order.model.as_deref(), Some("Order"));
    assert_eq!(order.bases, ["HyperlinkedModelSerializer"]);
    let fields: Vec<(&str, Option<&str>, bool, Option<&str>)> = order
        .fields
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.nested.as_deref(),
                f.many,
                f.source.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("customer", Some("CustomerSerializer"), false, None),
            ("items", Some("ItemSerializer"), true, None),
            ("customer_name", None, false, Some("customer.name")),
            ("owner", None, false, Some("owner")),
            ("tags", None, true, None),
        ]
    );
    assert_eq!(found.serializers[2].bases, ["OrderSerializer"]);
    let local = &found.serializers[4];
    assert_eq!(local.fields[0].source.as_deref(), Some("notes"));
    assert!(local.fields[0].many);
}

#[test]
fn the_byte_level_check_rejects_files_without_model_words() {
    assert!(!may_define_models(
        "from .models import Order\n\ndef view(request):\n    return Order.objects.all()\n"
    ));
    assert!(!may_define_models("class Metadata:\n    ModelAdmin = 1\n"));
    assert!(may_define_models(
        "class A(Base):\n    class Meta:\n        abstract = True\n"
    ));
    assert!(may_define_models("x = CharField ()"));
    assert!(may_define_models("class A(models.Model): pass"));
    assert!(!may_define_models(
        "from pydantic import BaseModel, Field\n\nclass A(BaseModel):\n    x: int = Field(1)\n"
    ));
    assert!(!may_define_models("# the correlation of mapped_columns\n"));
    assert!(may_define_models(
        "x: WriteOnlyMapped['A'] = relationship()"
    ));
}

/// Every file that contributes passes the byte-level check: the check is sound.
#[test]
fn files_that_declare_models_pass_the_byte_level_check() {
    let sources = [
        "from sqlalchemy.orm import relation\nclass A(Base):\n    b = relation('B')\n",
        "class A(Base):\n    @declared_attr\n    def b(cls):\n        return relationship('B')\n",
        "from django.db import models as m\nclass A(m.Model):\n    pass\n",
        "@reg.mapped\nclass A:\n    __tablename__ = 'a'\n",
        "from x import Base\nclass A(Base):\n    b = FlexibleForeignKey('B')\n",
        "class A(ModelSerializer):\n    pass\n",
    ];
    for source in sources {
        assert!(!extract_from("a.py", source).is_empty(), "{source}");
    }
}

#[test]
fn annotations_are_read_as_written() {
    let read = |text: &str| mapped_annotation(text).map(|a| (a.collection, a.target, a.loading));
    assert_eq!(
        read(r#"so.Mapped[typing.List["Order"]]"#),
        Some((true, Some("Order".into()), None))
    );
    assert_eq!(
        read("Mapped['User']"),
        Some((false, Some("User".into()), None))
    );
    assert_eq!(
        read(r#"Mapped["Optional[User]"]"#),
        Some((false, Some("User".into()), None))
    );
    assert_eq!(
        read("Mapped[None | models.User]"),
        Some((false, Some("User".into()), None))
    );
    assert_eq!(
        read(r#"Mapped[Dict[str, "Note"]]"#),
        Some((true, Some("Note".into()), None))
    );
    assert_eq!(read("Mapped[int]"), Some((false, None, None)));
    assert_eq!(
        read("DynamicMapped[Address]"),
        Some((true, Some("Address".into()), Some(Loading::Dynamic)))
    );
    assert_eq!(read("List[User]"), None);
    assert!(table_matches("order_items", "OrderItem"));
    assert!(table_matches("categories", "Category"));
    assert!(!table_matches("order_items", "Order"));
    assert_eq!(snake_case("OrderItem"), "order_item");
}
