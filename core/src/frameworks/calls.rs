//! The concepts of notable calls, and lookups over every module's data: database and cache clients (what
//! they open, and what to do instead), blocking calls, slow side work (mail, PDF, images), request-scoped
//! values, limiters and batching helpers.
