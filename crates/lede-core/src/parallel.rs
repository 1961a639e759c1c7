//! Two independent stages of one parse at once, natively.
//!
//! A native build (the CLI, the benchmarks) runs a long text's independent stages on two
//! threads when the machine has more than one core. WebAssembly in the browser has one thread
//! per worker, so there the stages run one after the other; so do short texts everywhere,
//! whose whole parse takes less than starting a thread is worth. Either way the stages and
//! their results are the same: only when they run differs.

/// Texts shorter than this are parsed on one thread: a thread's start-up (tens of
/// microseconds) is a noticeable share of a short article's parse.
#[cfg(not(target_family = "wasm"))]
const MIN_BYTES: usize = 64 * 1024;

/// Whether a text of `len` bytes is worth splitting across threads on this machine.
#[cfg(not(target_family = "wasm"))]
pub fn worth_it(len: usize) -> bool {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    len >= MIN_BYTES
        && *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())) > 1
}

#[cfg(target_family = "wasm")]
pub fn worth_it(_len: usize) -> bool {
    false
}

/// `(a(), b())`, with `b` on a second thread when `threads` is set and one can be started.
/// A panic in either stage is passed on to the caller, as it would be on one thread.
#[cfg(not(target_family = "wasm"))]
pub fn join<A: Send, B: Send>(
    threads: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !threads {
        return (a(), b());
    }
    // `b` waits in a slot: the second thread takes it, or this one does if no thread starts.
    let slot = std::sync::Mutex::new(Some(b));
    let take = || slot.lock().ok().and_then(|mut b| b.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || take().map(|b| b()));
        let ra = a();
        let rb = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        let rb = rb.or_else(|| take().map(|b| b()));
        (
            ra,
            rb.expect("the second stage runs on one thread or the other"),
        )
    })
}

#[cfg(target_family = "wasm")]
pub fn join<A, B>(_threads: bool, a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    (a(), b())
}

#[cfg(all(test, not(target_family = "wasm")))]
mod tests {
    use super::*;
    use std::thread;

    #[test]
    fn both_stages_run_and_keep_their_order() {
        for threads in [false, true] {
            assert_eq!(join(threads, || 1, || "two"), (1, "two"));
        }
    }

    #[test]
    fn the_second_stage_runs_on_its_own_thread_only_when_asked() {
        let here = thread::current().id();
        let (_, there) = join(true, || (), || thread::current().id());
        assert_ne!(there, here);
        let (_, there) = join(false, || (), || thread::current().id());
        assert_eq!(there, here);
    }

    #[test]
    fn a_panic_in_either_stage_reaches_the_caller() {
        let second = std::panic::catch_unwind(|| join(true, || 1, || -> u8 { panic!("second") }));
        assert!(second.is_err());
        let first = std::panic::catch_unwind(|| join(true, || -> u8 { panic!("first") }, || 2));
        assert!(first.is_err());
    }

    #[test]
    fn short_texts_stay_on_one_thread() {
        assert!(!worth_it(MIN_BYTES - 1));
    }
}
