//! Two independent stages of one parse at once, natively.
//!
//! A native build (the CLI, the benchmarks) runs a text's independent stages on two threads
//! when the machine has more than one core: the calling thread and one helper thread, started
//! on the first parse and kept (rayon-core's pool, so a stage may borrow the text). WebAssembly
//! in the browser has one thread per worker, so there the stages run one after the other; so
//! do very short texts everywhere. Either way the stages and their results are the same: only
//! when they run differs.

/// Texts shorter than this are parsed on one thread: below it, handing a stage to the other
/// thread and back (a few microseconds) is a noticeable share of the whole parse.
#[cfg(not(target_family = "wasm"))]
const MIN_BYTES: usize = 1024;

/// How long either thread polls before it sleeps: the caller for the helper's stage, the helper
/// for the next stage. Waking a sleeping thread takes 10-35 µs on a virtual machine, a fifth of
/// a 5 KB article's parse; polling for the few microseconds the wait usually lasts costs
/// nothing but a core that has no other work.
#[cfg(not(target_family = "wasm"))]
const POLL: std::time::Duration = std::time::Duration::from_millis(1);

/// Whether a text of `len` bytes is worth splitting across threads on this machine. Never in
/// a fuzzing build: the threads' waits would make its coverage differ from run to run.
#[cfg(not(target_family = "wasm"))]
pub fn worth_it(len: usize) -> bool {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    !cfg!(fuzzing)
        && len >= MIN_BYTES
        && *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())) > 1
}

#[cfg(target_family = "wasm")]
pub fn worth_it(_len: usize) -> bool {
    false
}

/// How many second stages are being handed to the helper thread or run by it: its polling
/// between stages ends as soon as there is one.
#[cfg(not(target_family = "wasm"))]
static IN_FLIGHT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The one thread that runs second stages, started on first use and kept for the next parse.
/// `None` when no thread can be started.
#[cfg(not(target_family = "wasm"))]
fn helper() -> Option<&'static rayon_core::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon_core::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon_core::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "lede-parse".into())
            .build()
            .ok()
    })
    .as_ref()
}

/// Polls `ready` until it holds or [`POLL`] has passed.
#[cfg(not(target_family = "wasm"))]
fn poll_until(ready: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !ready() && start.elapsed() < POLL {
        for _ in 0..64 {
            std::hint::spin_loop();
        }
    }
}

/// Counts a second stage in [`IN_FLIGHT`] while it lives, even if a stage panics.
#[cfg(not(target_family = "wasm"))]
struct InFlight;

#[cfg(not(target_family = "wasm"))]
impl InFlight {
    fn new() -> InFlight {
        IN_FLIGHT.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        InFlight
    }
}

#[cfg(not(target_family = "wasm"))]
impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

/// `(a(), b())`, with `b` on the helper thread when `threads` is set and it can be started.
/// A panic in either stage is passed on to the caller, as it would be on one thread.
#[cfg(not(target_family = "wasm"))]
pub fn join<A: Send, B: Send>(
    threads: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let Some(pool) = helper().filter(|_| threads) else {
        return (a(), b());
    };
    let mut rb = None;
    let done = AtomicBool::new(false);
    let in_flight = InFlight::new();
    let ra = pool.in_place_scope(|scope| {
        let (rb, done) = (&mut rb, &done);
        scope.spawn(move |_| {
            *rb = Some(b());
            done.store(true, Ordering::Release);
        });
        let ra = a();
        // The scope's end sleeps until `b` is done; most often it is nearly done.
        poll_until(|| done.load(Ordering::Acquire));
        ra
    });
    drop(in_flight);
    // The next stage or parse most often comes within microseconds: the helper waits for it
    // by polling, as the caller did, before it sleeps.
    pool.spawn(|| poll_until(|| IN_FLIGHT.load(Ordering::Acquire) > 0));
    (ra, rb.expect("the scope ends after the second stage"))
}

#[cfg(target_family = "wasm")]
pub fn join<A, B>(_threads: bool, a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    (a(), b())
}

/// `(a(), b(), c())` as [`join`] runs `a` and `b`, with `c` run by whichever of the two
/// threads is free first: a stage whose share of the parse differs between short and long
/// texts goes where there is time for it.
#[cfg(not(target_family = "wasm"))]
pub fn join_either<A: Send, B: Send, C: Send>(
    threads: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
    c: impl FnOnce() -> C + Send,
) -> (A, B, C) {
    let job = std::sync::Mutex::new(Some(c));
    let out = std::sync::Mutex::new(None);
    let run_c = || {
        let c = job.lock().ok().and_then(|mut c| c.take());
        if let Some(c) = c {
            let rc = c();
            if let Ok(mut out) = out.lock() {
                *out = Some(rc);
            }
        }
    };
    let (ra, rb) = join(
        threads,
        || {
            let ra = a();
            run_c();
            ra
        },
        || {
            let rb = b();
            run_c();
            rb
        },
    );
    let rc = out
        .into_inner()
        .ok()
        .flatten()
        .expect("one of the two threads runs the third stage");
    (ra, rb, rc)
}

#[cfg(target_family = "wasm")]
pub fn join_either<A, B, C>(
    _threads: bool,
    a: impl FnOnce() -> A,
    b: impl FnOnce() -> B,
    c: impl FnOnce() -> C,
) -> (A, B, C) {
    (a(), b(), c())
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
    fn the_helper_thread_is_kept_from_one_parse_to_the_next() {
        let (_, first) = join(true, || (), || thread::current().id());
        let (_, second) = join(true, || (), || thread::current().id());
        assert_eq!(first, second);
    }

    #[test]
    fn the_third_stage_runs_once_on_one_of_the_two_threads() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        for threads in [false, true] {
            let runs = AtomicUsize::new(0);
            let here = thread::current().id();
            let (a, (b, there), c) = join_either(
                threads,
                || 1,
                || ("two", thread::current().id()),
                || {
                    runs.fetch_add(1, Ordering::Relaxed);
                    thread::current().id()
                },
            );
            assert_eq!((a, b, runs.into_inner()), (1, "two", 1));
            assert!(c == here || c == there);
        }
    }

    #[test]
    fn a_panic_in_the_third_stage_reaches_the_caller() {
        let third = std::panic::catch_unwind(|| {
            join_either(true, || 1, || 2, || -> u8 { panic!("third") })
        });
        assert!(third.is_err());
    }

    #[test]
    fn short_texts_stay_on_one_thread() {
        assert!(!worth_it(MIN_BYTES - 1));
    }
}
