//! The concepts of query APIs, and lookups over every ORM and driver module's query data: which calls run
//! a query, which keep a query lazy, and how each spells an eager load.
