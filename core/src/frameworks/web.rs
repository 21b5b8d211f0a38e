//! The concepts of web frameworks, and lookups over every framework module's handler data: which calls,
//! decorators, exports and classes register code that runs per request (or once at start-up).
