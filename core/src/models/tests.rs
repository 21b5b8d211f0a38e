use super::*;

fn relation(name: &str, target: &str, cardinality: Cardinality, inverse: Cardinality) -> Relation {
    Relation {
        name: name.to_string(),
        target: target.to_string(),
        cardinality,
        inverse_cardinality: inverse,
        loading: Loading::Lazy,
        reverse: false,
        many_to_many: false,
        key_attribute: Some(format!("{name}_id")),
        span: Span::new(0, 1),
        related_name: None,
        target_origin: None,
    }
}

fn model(name: &str, orm: Orm, path: &str, relations: Vec<Relation>) -> Model {
    Model {
        name: name.to_string(),
        aliases: Vec::new(),
        orm,
        path: PathBuf::from(path),
        span: Span::new(0, 1),
        bases: Vec::new(),
        is_abstract: false,
        relations,
        fields: Vec::new(),
    }
}

#[test]
fn django_reverse_accessors_follow_related_name_or_default_to_model_set() {
    let mut item = relation("order", "Order", Cardinality::One, Cardinality::Many);
    item.related_name = Some("items".into());
    let customer = relation("customer", "Customer", Cardinality::One, Cardinality::Many);
    let profile = relation("user", "User", Cardinality::One, Cardinality::One);
    let index = ModelIndex::new([
        FileModels {
            models: vec![
                model("Order", Orm::Django, "shop/models.py", vec![customer]),
                model("OrderItem", Orm::Django, "shop/models.py", vec![item]),
                model("Customer", Orm::Django, "crm/models.py", vec![]),
            ],
            ..FileModels::default()
        },
        FileModels {
            models: vec![
                model("User", Orm::Django, "auth/models.py", vec![]),
                model("Profile", Orm::Django, "auth/models.py", vec![profile]),
            ],
            ..FileModels::default()
        },
    ]);
    let order = index.model(Orm::Django, "Order", None).unwrap();
    let items = order.relation("items").unwrap();
    assert_eq!(
        (items.cardinality, items.reverse),
        (Cardinality::Many, true)
    );
    assert_eq!(items.target, "OrderItem");
    let customer = index.model(Orm::Django, "Customer", None).unwrap();
    assert_eq!(
        customer.relation("order_set").unwrap().cardinality,
        Cardinality::Many
    );
    let user = index.model(Orm::Django, "User", None).unwrap();
    assert_eq!(
        user.relation("profile").unwrap().cardinality,
        Cardinality::One
    );
}

#[test]
fn relations_of_bases_are_inherited_and_associations_join_their_model() {
    let mut base = model(
        "Stamped",
        Orm::Django,
        "core/models.py",
        vec![relation(
            "created_by",
            "User",
            Cardinality::One,
            Cardinality::Many,
        )],
    );
    base.is_abstract = true;
    base.relations[0].related_name = Some("%(class)s_created".into());
    let mut post = model("Post", Orm::Django, "blog/models.py", vec![]);
    post.bases = vec!["Stamped".into()];
    let association = Association {
        source: "Order".into(),
        relation: relation("customer", "Customer", Cardinality::One, Cardinality::Many),
        path: PathBuf::from("models/index.js"),
    };
    let index = ModelIndex::new([
        FileModels {
            models: vec![base, post, model("User", Orm::Django, "a.py", vec![])],
            ..FileModels::default()
        },
        FileModels {
            models: vec![model("Order", Orm::Sequelize, "models/order.js", vec![])],
            associations: vec![association],
            ..FileModels::default()
        },
    ]);
    let post = index.model(Orm::Django, "Post", None).unwrap();
    assert!(post.relation("created_by").is_some());
    let user = index.model(Orm::Django, "User", None).unwrap();
    assert!(user.relation("post_created").is_some());
    // The abstract base itself is never queried: no accessor named after it.
    assert!(user.relation("stamped_created").is_none());
    let order = index.model(Orm::Sequelize, "Order", None).unwrap();
    assert_eq!(order.relation("customer").unwrap().target, "Customer");
}

#[test]
fn the_merge_does_not_depend_on_the_order_of_contributions() {
    let a = FileModels {
        models: vec![model("A", Orm::Django, "a.py", vec![])],
        ..FileModels::default()
    };
    let b = FileModels {
        models: vec![model(
            "B",
            Orm::Django,
            "b.py",
            vec![relation("a", "A", Cardinality::One, Cardinality::Many)],
        )],
        ..FileModels::default()
    };
    let one = ModelIndex::new([a.clone(), b.clone()]);
    let two = ModelIndex::new([b, a]);
    assert_eq!(one.fingerprint(), two.fingerprint());
    assert_eq!(one.models(), two.models());
}

#[test]
fn a_name_shared_by_two_models_resolves_to_the_nearest_file() {
    let index = ModelIndex::new([FileModels {
        models: vec![
            model("Event", Orm::Django, "src/billing/models.py", vec![]),
            model("Event", Orm::Django, "src/audit/models.py", vec![]),
        ],
        ..FileModels::default()
    }]);
    let near = index
        .model(Orm::Django, "Event", Some(Path::new("src/audit/views.py")))
        .unwrap();
    assert_eq!(near.path, PathBuf::from("src/audit/models.py"));
}

#[test]
fn models_a_migration_declares_are_that_migrations_only() {
    let index = ModelIndex::new([FileModels {
        models: vec![
            model(
                "PermissionView",
                Orm::SqlAlchemy,
                "app/migrations/shared/security.py",
                vec![],
            ),
            model(
                "Legacy",
                Orm::SqlAlchemy,
                "app/migrations/versions/0042_drop.py",
                vec![],
            ),
            model(
                "PermissionView",
                Orm::SqlAlchemy,
                "app/security/models.py",
                vec![],
            ),
        ],
        ..FileModels::default()
    }]);
    let app = Some(Path::new("app/migrations_helpers.py"));
    let in_app = index.model(
        Orm::SqlAlchemy,
        "PermissionView",
        Some(Path::new("app/security/manager.py")),
    );
    assert_eq!(
        in_app.unwrap().path,
        PathBuf::from("app/security/models.py")
    );
    assert!(index.model(Orm::SqlAlchemy, "Legacy", app).is_none());
    let in_migration = index.model(
        Orm::SqlAlchemy,
        "PermissionView",
        Some(Path::new("app/migrations/shared/security.py")),
    );
    assert_eq!(
        in_migration.unwrap().path,
        PathBuf::from("app/migrations/shared/security.py")
    );
}

#[test]
fn reverse_accessors_go_to_the_nearest_model_of_that_name() {
    let index = ModelIndex::new([FileModels {
        models: vec![
            model("Author", Orm::Django, "tests/app_a/models.py", vec![]),
            model("Author", Orm::Django, "tests/app_b/models.py", vec![]),
            model(
                "Book",
                Orm::Django,
                "tests/app_b/models.py",
                vec![relation(
                    "author",
                    "Author",
                    Cardinality::One,
                    Cardinality::Many,
                )],
            ),
        ],
        ..FileModels::default()
    }]);
    let with_books: Vec<&str> = index
        .models()
        .iter()
        .filter(|m| m.relation("book_set").is_some())
        .map(|m| m.path.to_str().unwrap())
        .collect();
    assert_eq!(with_books, ["tests/app_b/models.py"]);
}

#[test]
fn a_relation_leads_to_the_model_its_file_names_then_to_the_nearest() {
    let imported = Relation {
        target_origin: Some("billing/models".to_string()),
        ..relation("buyer", "Customer", Cardinality::One, Cardinality::Many)
    };
    let shipment = model(
        "Shipment",
        Orm::Django,
        "shop/models.py",
        vec![imported.clone()],
    );
    let index = ModelIndex::new([FileModels {
        models: vec![
            shipment.clone(),
            model("Customer", Orm::Django, "shop/models.py", Vec::new()),
            model("Customer", Orm::Django, "billing/models.py", Vec::new()),
        ],
        ..FileModels::default()
    }]);
    let target = index.target_of(&shipment, &imported).unwrap();
    assert_eq!(target.path, PathBuf::from("billing/models.py"));
    // Without a word from the file: the nearest declaration.
    let plain = relation("buyer", "Customer", Cardinality::One, Cardinality::Many);
    assert_eq!(
        index.target_of(&shipment, &plain).unwrap().path,
        PathBuf::from("shop/models.py")
    );
    // The reverse accessor lands on the billing `Customer` too.
    let billing = index
        .models_named("Customer")
        .find(|m| m.path == Path::new("billing/models.py"))
        .unwrap();
    assert!(billing.relation("shipment_set").is_some());
}
