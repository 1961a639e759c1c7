//! Independent stages of one parse at once, natively.
//!
//! A native build (the CLI, the benchmarks) runs a text's independent stages on two threads
//! when the machine has more than one core: the calling thread and one helper thread, started
//! on the first parse and kept (rayon-core's pool, so a stage may borrow the text). WebAssembly
//! in the browser has one thread per worker, so there the stages run one after the other; so
//! do very short texts everywhere. Either way the stages and their results are the same: only
//! when they run differs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A stage of [`lanes`] after the two first ones: run once, by the first lane that finds it
/// ready (its inputs made) and not yet taken.
pub struct Stage<'a> {
    ready: Box<dyn Fn() -> bool + Sync + 'a>,
    run: Mutex<Option<Box<dyn FnOnce() + Send + 'a>>>,
    taken: AtomicBool,
}

impl<'a> Stage<'a> {
    pub fn new(ready: impl Fn() -> bool + Sync + 'a, run: impl FnOnce() + Send + 'a) -> Self {
        Stage {
            ready: Box::new(ready),
            run: Mutex::new(Some(Box::new(run))),
            taken: AtomicBool::new(false),
        }
    }

    /// The stage's work, to the one caller that takes it first.
    fn take(&self) -> Option<Box<dyn FnOnce() + Send + 'a>> {
        if self.taken.swap(true, Ordering::AcqRel) {
            return None;
        }
        self.run.lock().ok()?.take()
    }
}

/// Runs `a`, `b` and every stage of `rest` once each. On two threads (see [`join`]) the
/// calling thread starts with `a` and the helper with `b`; then each takes the first stage of
/// `rest` that is ready and not yet taken, waiting while every stage left waits on the other
/// thread's work. So a stage starts as soon as its inputs are made and a thread is free,
/// rather than at a fixed point where both threads meet. On one thread: `a`, `b`, then `rest`
/// in order, so each stage must be ready once those before it have run.
pub fn lanes(threads: bool, a: impl FnOnce() + Send, b: impl FnOnce() + Send, rest: &[Stage<'_>]) {
    #[cfg(not(target_family = "wasm"))]
    if threads && helper().is_some() {
        return two_lanes(a, b, rest);
    }
    let _ = threads;
    a();
    b();
    for stage in rest {
        debug_assert!((stage.ready)(), "a stage listed before its inputs");
        if let Some(run) = stage.take() {
            run();
        }
    }
}

/// [`lanes`] on two threads.
#[cfg(not(target_family = "wasm"))]
fn two_lanes(a: impl FnOnce() + Send, b: impl FnOnce() + Send, rest: &[Stage<'_>]) {
    // Set when a lane ends, however it ends: the other stops waiting for its work.
    struct Ended<'f>(&'f AtomicBool);
    impl Drop for Ended<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Release);
        }
    }
    let ended = [AtomicBool::new(false), AtomicBool::new(false)];
    let lane = |first: &mut dyn FnMut(), me: usize| {
        let _ended = Ended(&ended[me]);
        first();
        let mut waiting_since = None;
        loop {
            let mut waiting = false;
            let mut next = None;
            for stage in rest {
                if stage.taken.load(Ordering::Acquire) {
                    continue;
                }
                if !(stage.ready)() {
                    waiting = true;
                } else if let Some(run) = stage.take() {
                    next = Some(run);
                    break;
                }
            }
            if let Some(run) = next {
                run();
                waiting_since = None;
                continue;
            }
            // Nothing left, or what is left waits on a lane that has ended (by a panic,
            // which the caller receives).
            if !waiting || ended[1 - me].load(Ordering::Acquire) {
                break;
            }
            // Poll while the wait is short, as the threads do between stages; sleep a
            // little between looks when it is not.
            let since = *waiting_since.get_or_insert_with(std::time::Instant::now);
            if since.elapsed() < POLL {
                for _ in 0..64 {
                    std::hint::spin_loop();
                }
            } else {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
        }
    };
    let (mut a, mut b) = (Some(a), Some(b));
    join(
        true,
        || lane(&mut || a.take().map_or((), |a| a()), 0),
        || lane(&mut || b.take().map_or((), |b| b()), 1),
    );
}

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
fn join<A: Send, B: Send>(
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

    /// Stages in a chain, each ready once the one before it has run, the first waiting on
    /// the helper's first stage: each runs once, after its input, on either thread.
    #[test]
    fn each_stage_runs_once_when_its_input_is_ready() {
        use std::sync::OnceLock;
        for threads in [false, true] {
            let slow = OnceLock::new();
            let fast = OnceLock::new();
            let chain: Vec<OnceLock<u32>> = (0..4).map(|_| OnceLock::new()).collect();
            let rest: Vec<Stage> = (0..4)
                .map(|k| {
                    let chain = &chain;
                    let slow = &slow;
                    Stage::new(
                        move || {
                            if k == 0 {
                                slow.get().is_some()
                            } else {
                                chain[k - 1].get().is_some()
                            }
                        },
                        move || {
                            let before = if k == 0 {
                                *slow.get().expect("ready")
                            } else {
                                *chain[k - 1].get().expect("ready")
                            };
                            assert!(chain[k].set(before + 1).is_ok());
                        },
                    )
                })
                .collect();
            lanes(
                threads,
                || assert!(fast.set(1).is_ok()),
                || {
                    thread::sleep(std::time::Duration::from_millis(5));
                    assert!(slow.set(10).is_ok());
                },
                &rest,
            );
            drop(rest);
            let got: Vec<u32> = chain.iter().map(|c| *c.get().expect("ran")).collect();
            assert_eq!((fast.get(), got), (Some(&1), vec![11, 12, 13, 14]));
        }
    }

    /// A stage that waits on the helper's first stage does not wait for ever when that one
    /// panics: the panic reaches the caller.
    #[test]
    fn a_panic_reaches_the_caller_while_a_stage_waits_on_it() {
        use std::sync::OnceLock;
        let never: OnceLock<u8> = OnceLock::new();
        let outcome = std::panic::catch_unwind(|| {
            let rest = [Stage::new(|| never.get().is_some(), || {})];
            lanes(true, || {}, || panic!("first stage"), &rest);
        });
        assert!(outcome.is_err());
        let outcome = std::panic::catch_unwind(|| {
            let rest = [Stage::new(|| true, || panic!("a later stage"))];
            lanes(true, || {}, || {}, &rest);
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn short_texts_stay_on_one_thread() {
        assert!(!worth_it(MIN_BYTES - 1));
    }
}
