//! The `snag` binary: everything lives in the `snag_cli` library so that it can be tested.

use std::ffi::c_void;
use std::process::ExitCode;

fn main() -> ExitCode {
    use_mimalloc_for_tree_sitter();
    snag_cli::run(std::env::args_os())
}

/// Hands tree-sitter's C allocations (parse stacks, subtrees, trees) to mimalloc.
///
/// Parsing allocates and frees millions of small nodes; with glibc's malloc that was about a tenth of a
/// run, and mimalloc makes a cold run about 7% faster with a lower peak (`BENCHMARKS.md`). Rust's own
/// allocations stay on the system allocator: moving them too made the peak higher and nothing faster.
fn use_mimalloc_for_tree_sitter() {
    let allocator = tree_sitter::Allocator {
        malloc: ts_malloc,
        calloc: ts_calloc,
        realloc: ts_realloc,
        free: libmimalloc_sys::mi_free,
    };
    // SAFETY: the four functions are one allocator family (mimalloc's), never return null for a non-zero
    // size (the wrappers abort, as tree-sitter's default allocator does) and align like malloc; this runs
    // first in `main`, on the only thread, before any tree-sitter object exists, and never again.
    unsafe { tree_sitter::set_allocator(Some(allocator)) };
}

/// Out of memory: tree-sitter cannot recover from a null allocation, so stop like its own allocator.
fn checked(pointer: *mut c_void, size: usize) -> *mut c_void {
    if pointer.is_null() && size != 0 {
        eprintln!("snag: out of memory (tree-sitter asked for {size} bytes)");
        std::process::abort();
    }
    pointer
}

extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    // SAFETY: mi_malloc accepts any size.
    checked(unsafe { libmimalloc_sys::mi_malloc(size) }, size)
}

extern "C" fn ts_calloc(count: usize, size: usize) -> *mut c_void {
    // SAFETY: mi_calloc accepts any count and size (an overflowing product returns null).
    checked(
        unsafe { libmimalloc_sys::mi_calloc(count, size) },
        count.saturating_mul(size),
    )
}

extern "C" fn ts_realloc(pointer: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: tree-sitter only reallocates what this allocator gave it (or null).
    checked(unsafe { libmimalloc_sys::mi_realloc(pointer, size) }, size)
}
