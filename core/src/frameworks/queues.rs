//! Job queues of JavaScript: BullMQ, bull, bee-queue (workers and `queue.add`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// The job queue modules whose `Worker` processes jobs.
pub const MODULES: &[&str] = &["bullmq", "bull", "bee-queue"];

/// The class whose processor function runs jobs (`new Worker('emails', async (job) => ...)`).
pub const WORKER: &str = "Worker";

/// How to enqueue `job` instead of doing it in the request, for messages.
pub fn enqueue_example(job: &str) -> String {
    format!("`await queue.add('{job}', {{ ... }})` (BullMQ)")
}

/// What runs enqueued jobs, for messages.
pub const WORKER_EXAMPLE: &str = "a `new Worker(...)` processor";
