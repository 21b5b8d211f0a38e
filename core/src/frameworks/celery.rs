//! Celery and other task queues: what runs in a worker rather than a request, and what enqueues work (`delay`, `apply_async`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Decorators (the last part of their names) that make a function a task a worker runs.
pub const TASK_DECORATORS: &[&str] = &[
    // Celery (`@shared_task`, `@app.task(...)`), Huey (`@huey.task()`, `@huey.periodic_task(...)`).
    "task",
    "shared_task",
    "periodic_task",
    // Huey.
    "db_task",
    "db_periodic_task",
    // Dramatiq.
    "actor",
    // RQ.
    "job",
];

/// How to enqueue `task` instead of running it in the request, for messages.
pub fn enqueue_example(task: &str) -> String {
    format!("`{task}.delay(...)` (Celery) or `queue.enqueue({task}, ...)` (RQ)")
}
