use crate::test_support::{lint_in_project, project_findings};
use snag_core::config::Config;
use snag_core::engine::Engine;
use snag_core::models::{Cardinality, FileModels, Loading, Model, ModelIndex, Orm, Relation};
use std::path::Path;
use std::sync::Arc;

const RULE: &str = "orm-lazy-load-in-loop";

use crate::test_support::{model_at, relation};

fn model(name: &str, orm: Orm, relations: Vec<Relation>) -> Model {
    model_at("models.py", name, orm, relations)
}

/// A shop: orders with a customer (who has an address) and items (each with a product).
fn shop(orm: Orm) -> ModelIndex {
    use Cardinality::{Many, One};
    let mut item_order = relation("order", "Order", One, Many);
    item_order.related_name = Some("items".into());
    ModelIndex::new([FileModels {
        models: vec![
            model(
                "Order",
                orm,
                vec![relation("customer", "Customer", One, Many)],
            ),
            model(
                "Customer",
                orm,
                vec![relation("address", "Address", One, Many)],
            ),
            model("Address", orm, vec![]),
            model("Product", orm, vec![]),
            model(
                "OrderItem",
                orm,
                vec![item_order, relation("product", "Product", One, Many)],
            ),
        ],
        ..FileModels::default()
    }])
}

fn lint_with(models: ModelIndex, path: &str, source: &str) -> Vec<(u32, String, Option<String>)> {
    let mut engine = Engine::new(&crate::all(), &Config::default_at(".".into()));
    engine.set_models(Arc::new(models));
    let report = engine.lint_source(Path::new(path), source);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
        .findings
        .iter()
        .filter(|f| &*f.diagnostic.rule == RULE)
        .map(|f| {
            let fixed = f.diagnostic.fix.as_ref().map(|fix| fix.applied_to(source));
            (f.range.start.line, f.diagnostic.message.clone(), fixed)
        })
        .collect()
}

#[test]
fn django_forward_and_reverse_relations_in_a_loop() {
    let source = "\
def report():
    orders = Order.objects.filter(status=\"open\")
    for order in orders:
        print(order.customer.name)
        print(order.customer_id)
        print(order.items.count())
        order.items.add(1)
";
    let found = lint_with(shop(Orm::Django), "shop/views.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [4, 6], "{found:#?}");
    assert!(found[0]
        .1
        .contains("`Order.customer` is loaded with one query per order"));
    let fixed = found[0].2.as_deref().unwrap();
    assert!(
        fixed.contains("Order.objects.select_related(\"customer\").filter(status=\"open\")"),
        "{fixed}"
    );
    let fixed = found[1].2.as_deref().unwrap();
    assert!(
        fixed.contains("Order.objects.prefetch_related(\"items\").filter("),
        "{fixed}"
    );
}

#[test]
fn django_eager_loads_silence_and_filters_on_prefetched_rows_do_not() {
    let source = "\
def report():
    for order in Order.objects.select_related(\"customer__address\").prefetch_related(\"items\"):
        print(order.customer.address.city)
        print(order.items.count(), len(order.items.all()))
        print(order.items.filter(qty=2))
    for name, total in Order.objects.values_list(\"name\", \"total\"):
        print(name)
    for o in Order.objects.values(\"customer\"):
        print(o.customer)
";
    let found = lint_with(shop(Orm::Django), "shop/views.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [5], "{found:#?}");
    assert!(found[0].1.contains("prefetched"));
}

#[test]
fn django_nested_relations_get_the_double_underscore_path() {
    let source = "\
def report():
    orders = list(Order.objects.all()[:50])
    rows = [o.customer.address.city for o in orders]
    for order in Order.objects.select_related(\"customer\"):
        print(order.customer.address.city)
        for item in order.items.all():
            print(item.product.name)
";
    let found = lint_with(shop(Orm::Django), "shop/report.py", source);
    let summary: Vec<(u32, &str)> = found.iter().map(|f| (f.0, f.1.as_str())).collect();
    assert_eq!(found.len(), 4, "{summary:#?}");
    assert!(found[0].1.contains("`Order.customer.address`"));
    assert!(found[0]
        .2
        .as_deref()
        .unwrap()
        .contains(".select_related(\"customer__address\")"));
    assert!(found[1]
        .2
        .as_deref()
        .unwrap()
        .contains(".select_related(\"customer\", \"customer__address\")"));
    assert_eq!(found[2].0, 6);
    assert!(
        found[3]
            .2
            .as_deref()
            .unwrap()
            .contains(".prefetch_related(\"items__product\")"),
        "{:?}",
        found[3].2
    );
}

#[test]
fn sqlalchemy_relationships_and_the_loader_fix() {
    use Cardinality::{Many, One};
    let mut user = model(
        "User",
        Orm::SqlAlchemy,
        vec![relation("orders", "Order", Many, One)],
    );
    let mut dynamic = relation("events", "Event", Many, One);
    dynamic.loading = Loading::Dynamic;
    let mut eager = relation("profile", "Profile", One, One);
    eager.loading = Loading::Eager;
    user.relations.push(dynamic);
    user.relations.push(eager);
    let index = ModelIndex::new([FileModels {
        models: vec![
            user,
            model("Order", Orm::SqlAlchemy, vec![]),
            model("Event", Orm::SqlAlchemy, vec![]),
            model("Profile", Orm::SqlAlchemy, vec![]),
        ],
        ..FileModels::default()
    }]);
    let source = "\
from sqlalchemy import select
from app.models import User

def totals(session):
    users = session.scalars(select(User).where(User.active)).all()
    for user in users:
        print(len(user.orders), user.profile.bio)
        print(user.events.filter_by(kind=1).count())
    for user in session.query(User).options(selectinload(User.orders)).all():
        print(user.orders)
";
    let found = lint_with(index, "app/report.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [7, 8], "{found:#?}");
    let fixed = found[0].2.as_deref().unwrap();
    assert!(
        fixed.contains("select(User).options(selectinload(User.orders)).where(User.active)"),
        "{fixed}"
    );
    assert!(
        fixed.contains("from app.models import User\nfrom sqlalchemy.orm import selectinload\n"),
        "{fixed}"
    );
    assert!(found[1].1.contains("lazy=\"dynamic\""));
    assert!(found[1].2.is_none());
}

#[test]
fn sequelize_getters_and_the_include_fix() {
    use Cardinality::{Many, One};
    let index = ModelIndex::new([FileModels {
        models: vec![
            model(
                "Order",
                Orm::Sequelize,
                vec![
                    relation("customer", "Customer", One, Many),
                    relation("items", "Item", Many, One),
                ],
            ),
            model("Customer", Orm::Sequelize, vec![]),
            model("Item", Orm::Sequelize, vec![]),
        ],
        ..FileModels::default()
    }]);
    let source = "\
const { Order } = require('./models');
async function report() {
  const orders = await Order.findAll({ where: { status: 'open' } });
  for (const order of orders) {
    const customer = await order.getCustomer();
  }
  await Promise.all(orders.map((o) => o.getItems()));
  const withItems = await Order.findAll({ include: ['items'] });
  for (const order of withItems) {
    await order.getItems();
  }
}
";
    let found = lint_with(index, "src/report.js", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [5, 7], "{found:#?}");
    let fixed = found[0].2.as_deref().unwrap();
    assert!(
        fixed.contains("Order.findAll({ include: ['customer'], where: { status: 'open' } })"),
        "{fixed}"
    );
}

#[test]
fn relations_come_from_model_files_elsewhere_in_the_project() {
    // Without extraction for this ORM in the index, nothing is reported: never a guess.
    let found = project_findings(
        &[],
        "app/views.py",
        "for o in Order.objects.all():\n    print(o.customer.name)\n",
    );
    assert!(!found.iter().any(|f| f.starts_with(RULE)), "{found:?}");
    let _ = lint_in_project;
}

#[test]
fn refinements_of_the_variable_count_and_other_reassignments_make_rows_unknown() {
    let source = "\
def members(only_visible):
    qs = Order.objects.filter(status=\"open\")
    qs = qs.select_related(\"customer\")
    if only_visible:
        qs = qs.filter(customer__active=True)
    return [o.customer.name for o in qs]

def refined_without_eager(flag):
    qs = Order.objects.filter(status=\"open\")
    if flag:
        qs = qs.filter(total__gt=10)
    return [o.customer.name for o in qs]

def replaced(rows):
    qs = Order.objects.all()
    qs = rows
    return [o.customer.name for o in qs]
";
    let found = lint_with(shop(Orm::Django), "shop/views.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [12], "{found:#?}");
}

#[test]
fn one_finding_per_row_and_relation_and_none_for_code_that_runs_once() {
    let source = "\
def report():
    for order in Order.objects.all():
        print(order.customer.name)
        print(order.customer.address_id)
        print(order.items.count(), order.items.count())
    for order in Order.objects.all():
        if order.total > 100:
            return order.customer.name
    for order in Order.objects.all():
        if order.total > 100:
            first = order.customer
            break
    return [order.customer for order in Order.objects.all()]
";
    let found = lint_with(shop(Orm::Django), "shop/views.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    // `order.items.count()` twice on one line: one finding, the second a label.
    assert_eq!(lines, [3, 5, 13], "{found:#?}");
}

#[test]
fn list_query_triggers_leave_out_queries_another_one_finds() {
    use snag_core::trigger::Trigger;
    let literals: Vec<String> = super::list_query_triggers()
        .into_iter()
        .map(|t| match t {
            Trigger::Literal(text) => text,
            other => panic!("not a literal: {other:?}"),
        })
        .collect();
    assert_eq!(literals, ["find", "getMany", "fetchAll"]);
}

#[test]
fn writes_and_unprefetchable_reads_through_a_relation_get_no_prefetch() {
    let source = "\
from shop.models import Order

def close(ids):
    for order in Order.objects.filter(pk__in=ids):
        order.items.all().update(shipped=True)
        order.items.filter(qty=0).delete()
        print(order.items.first())
        print(order.items.count())
";
    let found = lint_with(shop(Orm::Django), "shop/close.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    // The two writes are one finding (the second a label); `.first()` and `.count()` have other fixes.
    assert_eq!(lines, [5, 7, 8], "{found:#?}");
    // A write: no prefetch removes it, and none is offered.
    assert!(found[0].1.contains("`.update()` through `Order.items` writes"), "{}", found[0].1);
    assert!(found[0].2.is_none());
    // `.first()` queries whether or not the relation is prefetched: no prefetch fix.
    assert!(found[1].1.contains("a prefetch would not serve it"), "{}", found[1].1);
    assert!(found[1].2.is_none());
    // `.count()` is served by a prefetch: the fix adds it.
    assert!(found[2].2.as_deref().is_some_and(|f| f.contains(".prefetch_related(\"items\")")));
}

#[test]
fn a_prefetch_is_not_offered_on_an_iterator_without_chunk_size() {
    let source = "\
from shop.models import Order

def export():
    for order in Order.objects.all().iterator():
        print(order.items.count())
    for other in Order.objects.all():
        print(other.items.count())
";
    let found = lint_with(shop(Orm::Django), "shop/export.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [5, 7], "{found:#?}");
    // Django 5 raises on `prefetch_related()` with `.iterator()` and no `chunk_size`.
    assert!(found[0].2.is_none(), "{:?}", found[0].2);
    assert!(found[1].2.is_some());
}

#[test]
fn a_loop_variable_bound_again_by_a_later_loop_keeps_its_rows() {
    let source = "\
from shop.models import Order

def report():
    for order in Order.objects.filter(paid=True):
        print(order.customer.name)
    for order in Order.objects.filter(paid=False):
        print(order.customer.name)
";
    let found = lint_with(shop(Orm::Django), "shop/report.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [5, 7], "{found:#?}");
}

#[test]
fn no_select_related_fix_on_a_query_whose_only_leaves_the_relation_out() {
    let source = "\
from shop.models import Order

def remind():
    for order in Order.objects.only('pk', 'total'):
        print(order.customer.name)
    for other in Order.objects.only('pk', 'customer'):
        print(other.customer.name)
";
    let found = lint_with(shop(Orm::Django), "shop/remind.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [5, 7], "{found:#?}");
    // Django raises FieldError for `select_related` on a deferred field: no fix there.
    assert!(found[0].2.is_none(), "{:?}", found[0].2);
    assert!(found[1].2.is_some());
}

#[test]
fn a_relation_read_once_per_group_of_rows_is_not_per_row() {
    let source = "\
def remind():
    event_id = None
    for o in Order.objects.filter(pending=True).order_by('customer_id'):
        if event_id != o.customer_id:
            name = o.customer.name
            event_id = o.customer_id
        send(o, name)
    seen = set()
    for o in Order.objects.all():
        if o.customer_id not in seen:
            seen.add(o.customer_id)
            print(o.customer.name)
    for o in Order.objects.all():
        if o.total > 10:
            print(o.customer.name)
";
    let found = lint_with(shop(Orm::Django), "shop/tasks.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [15], "{found:#?}");
}

#[test]
fn sqlalchemy_identity_map_serves_a_relation_the_query_pins_to_one_row() {
    let source = "\
def reject(session, room, start):
    criteria = [Order.customer_id == room.owner_id, ~Order.cancelled]
    for o in session.query(Order).filter(Order.start >= start, *criteria).all():
        print(o.customer.name)
    for o in session.query(Order).filter_by(customer_id=room.owner_id).all():
        print(o.customer.name)
    for o in session.query(Order).filter(Order.customer == room.owner).all():
        print(o.customer.name)
    for o in session.query(Order).filter(Order.start >= start).all():
        print(o.customer.name)
    for o in session.query(Order).filter(Order.customer_id != room.owner_id).all():
        print(o.customer.name)
";
    let with_key = |orm: Orm| {
        use Cardinality::{Many, One};
        let mut customer = relation("customer", "Customer", One, Many);
        customer.key_attribute = Some("customer_id".into());
        ModelIndex::new([FileModels {
            models: vec![
                model("Order", orm, vec![customer]),
                model("Customer", orm, vec![]),
            ],
            ..FileModels::default()
        }])
    };
    let found = lint_with(with_key(Orm::SqlAlchemy), "app/rooms.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [10, 12], "{found:#?}");
    // A backref declared on Customer names no key on Order: the column `customer_id` beside it does.
    let backref = {
        use Cardinality::{Many, One};
        let mut customer = relation("customer", "Customer", One, Many);
        customer.reverse = true;
        let mut order = model("Order", Orm::SqlAlchemy, vec![customer]);
        order.fields = vec!["customer_id".into(), "start".into()];
        ModelIndex::new([FileModels {
            models: vec![order, model("Customer", Orm::SqlAlchemy, vec![])],
            ..FileModels::default()
        }])
    };
    let found = lint_with(backref, "app/rooms.py", source);
    let lines: Vec<u32> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [10, 12], "{found:#?}");
    // Django has no identity map: each row's `o.customer` queries again.
    let django = "\
def reject(room):
    for o in Order.objects.filter(customer_id=room.owner_id):
        print(o.customer.name)
";
    let found = lint_with(with_key(Orm::Django), "shop/rooms.py", django);
    assert_eq!(found.len(), 1, "{found:#?}");
}
