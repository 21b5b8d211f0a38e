//! Where values come from, as the code shows it: whether a value (a cache key, a loop's collection) is
//! data the program meets as it runs (rows of a query, a request's input, an HTTP response, the
//! clock) rather than something fixed by the code or handed in by callers snag cannot see.

use snag_core::frameworks::{http_clients, node, python_stdlib};
use snag_core::models::queries::{iterated_query, query_call};
use snag_core::models::rows;
use snag_core::models::ModelIndex;
use snag_core::semantic::{
    syntax, BindingId, BindingKind, Fill, FunctionId, HandlerOrigin, Semantic,
};
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

/// Whether a value comes from data the program meets at run time, as the code shows it: the clock or
/// randomness (`Date.now()`, `uuid4()`); an element of a loop over such data (the rows of a query);
/// the result of a query or an HTTP request, or a part of one (`user.id`); a lazy query; the request
/// a handler receives (`request.POST`, `req.body`); a list filled with such values; a parameter that the calls
/// in this file fill with such values, or that `function` looks up with a query or an HTTP request
/// (an id or a URL: `cache[id] = await db.find(id)`).
pub(crate) fn is_run_time_value(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    value: Node<'_>,
    function: FunctionId,
    depth: u32,
) -> bool {
    if depth > 3 || syntax::is_function_kind(crate::helpers::unwrap(value).kind()) {
        return false;
    }
    let javascript = semantic.language().family() == LanguageFamily::JavaScript;
    let fresh: &[&str] = if javascript {
        node::FRESH_VALUES
    } else {
        python_stdlib::FRESH_VALUES
    };
    // The clock or randomness, a query or a request (run, or lazy: `Order.objects.filter(...)`, also
    // handed to a wrapper that pages through it: `RangeQuerySetWrapper(Organization.objects.all())`).
    let value = crate::helpers::unwrap(value);
    let run_time_call = |expression: Node<'_>| {
        semantic
            .callee_name(expression)
            .is_some_and(|name| fresh.contains(&name.as_str()))
            || does_io(semantic, models, expression, 0)
            || iterated_query(semantic, models, expression).is_some()
            || crate::helpers::is_queryset(semantic, expression, 0)
    };
    if std::iter::once(value)
        .chain(semantic.calls_in(Span::from(value)))
        .any(run_time_call)
        // Rows the model index knows.
        || rows::collection_rows(semantic, models, value, 0).is_some()
    {
        return true;
    }
    semantic.names_in(value).any(|name| {
        let Some(binding) = semantic.resolve_identifier(name) else {
            return false;
        };
        let declared = semantic.binding(binding);
        match declared.kind {
            // A row of a query, an item of a response: the loop runs over run-time data.
            BindingKind::LoopVariable(id) => semantic
                .loop_(id)
                .iterable
                .is_some_and(|it| is_run_time_value(semantic, models, it, function, depth + 1)),
            BindingKind::Parameter => {
                if is_request_parameter(semantic, binding) {
                    return true;
                }
                let owner = semantic
                    .parameter_position(binding)
                    .map_or(function, |(f, _)| f);
                // `fetch(url).then((user) => ...)`: what the promise settles with.
                let settled = semantic.settled_promise(owner).is_some_and(|promise| {
                    is_run_time_value(semantic, models, promise, owner, depth + 1)
                });
                settled
                    || semantic
                        .arguments_for_parameter(binding)
                        .is_some_and(|values| {
                            values.iter().any(|v| {
                                let caller = semantic.function_at(*v).unwrap_or(owner);
                                is_run_time_value(semantic, models, *v, caller, depth + 1)
                            })
                        })
                    || is_looked_up(semantic, models, binding, owner)
            }
            BindingKind::Variable if !declared.reassigned => {
                declared
                    .value
                    .is_some_and(|v| is_run_time_value(semantic, models, v, function, depth + 1))
                    // `orders = []` then `orders.append(...)` per row: as many as what fills it.
                    || semantic.fills(name).is_some_and(|fills| {
                        fills.iter().any(|fill| match fill {
                            Fill::Added {
                                element: Some(element),
                                ..
                            } => is_run_time_value(semantic, models, *element, function, depth + 1),
                            _ => false,
                        })
                    })
            }
            _ => false,
        }
    })
}

/// Whether `function` hands `binding` to a query or an HTTP request (directly, or to a function of this
/// file that runs one): the value is an id or an address of data outside the program.
fn is_looked_up(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    binding: BindingId,
    function: FunctionId,
) -> bool {
    let body = Span::from(semantic.function(function).node);
    semantic.calls_in(body).any(|call| {
        does_io(semantic, models, call, 0)
            && semantic
                .arguments(call)
                .into_iter()
                .any(|a| !semantic.references(binding, a).is_empty())
    })
}

/// Whether a call runs a query or sends an HTTP request, itself or through a function of this file.
pub(crate) fn does_io(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    call: Node<'_>,
    depth: u32,
) -> bool {
    let javascript = semantic.language().family() == LanguageFamily::JavaScript;
    if query_call(semantic, models, call).is_some()
        || semantic
            .callee_name(call)
            .is_some_and(|name| http_clients::is_request_call(javascript, name.as_str()))
    {
        return true;
    }
    depth < 2
        && semantic.called_function(call).is_some_and(|f| {
            let body = Span::from(semantic.function(f).node);
            semantic
                .calls_in(body)
                .any(|inner| inner.id() != call.id() && does_io(semantic, models, inner, depth + 1))
        })
}

/// The request parameter of handler code: the first parameter of a registered handler (after `self`
/// in a Python method): `request` of a Django view, `req` of an Express route.
fn is_request_parameter(semantic: &Semantic<'_>, binding: BindingId) -> bool {
    let Some((function, position)) = semantic.parameter_position(binding) else {
        return false;
    };
    let f = semantic.function(function);
    let first =
        usize::from(semantic.language().family() == LanguageFamily::Python && f.class.is_some());
    position == first && matches!(f.handler, Some(HandlerOrigin::Registered { .. }))
}
