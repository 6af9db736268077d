//! Giving memory back to the system once the start is over. The first start of a new build
//! reads every open post on threads that end when they are done; mimalloc keeps what they
//! allocated and freed, and returns it only when the process allocates again, which an idle
//! bot hardly does (207 MB idle on a national board against 185 MB for an ordinary start,
//! docs/performance.md).

/// Asks the allocator to return now the memory freed so far, including the pages of threads
/// that have ended. A few milliseconds; harmless when mimalloc is not the global allocator
/// (tests and benchmarks): it then has nothing to return.
#[allow(unsafe_code)]
pub fn give_back_freed() {
    // SAFETY: `mi_collect` takes no pointer and may be called from any thread at any time;
    // it only frees what mimalloc itself holds and no live allocation.
    unsafe { libmimalloc_sys::mi_collect(true) };
}
