//! Sorting through two shared routines.
//!
//! Every `sort_by_key` or `sort_unstable` on a new element type or with a new closure compiles
//! its own copy of the standard library's sort, and in the WebAssembly build each copy costs
//! kilobytes. The functions here keep that to two copies, whatever is sorted: one sort of
//! `(key, position)` pairs, and one sort of positions by a comparison behind a `dyn`
//! reference. Both are stable; the items are then moved into place with swaps.

use std::cmp::Ordering;

/// Sorts `items` stably by a numeric key (like `sort_by_key`).
pub fn sort_by_u64<T>(items: &mut [T], key: impl Fn(&T) -> u64) {
    if items.len() < 2 {
        return;
    }
    let mut keyed: Vec<(u64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| (key(x), i as u32))
        .collect();
    sort_keyed(&mut keyed);
    permute(items, &mut keyed);
}

/// Sorts `items` stably with a comparison (like `sort_by`).
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<(u64, u32)> = (0..items.len() as u32).map(|i| (0, i)).collect();
    sort_positions(&mut order, &|a, b| {
        cmp(&items[a as usize], &items[b as usize])
    });
    permute(items, &mut order);
}

/// Sorts `items` by their own order (like `sort`). Equal items keep their order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts pairs by key, then by position: with distinct positions, the one stable order.
#[inline(never)]
pub fn sort_keyed(pairs: &mut [(u64, u32)]) {
    pairs.sort();
}

/// Sorts the pairs' positions stably by `cmp`.
#[inline(never)]
fn sort_positions(pairs: &mut [(u64, u32)], cmp: &dyn Fn(u32, u32) -> Ordering) {
    pairs.sort_by(|a, b| cmp(a.1, b.1));
}

/// Moves items so that place `k` holds the item that was at position `order[k].1`, following
/// each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], order: &mut [(u64, u32)]) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at].1 as usize;
            order[at].1 = at as u32;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A key for `f64` whose order is `f64::total_cmp`'s.
pub fn f64_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for len in [0, 1, 2, 3, 10, 20, 21, 33, 100, 1000] {
            for modulus in [1, 3, 50, u32::MAX] {
                let items: Vec<(u32, u32)> = (0..len).map(|i| (next() % modulus, i)).collect();
                let mut expected = items.clone();
                expected.sort_by_key(|p| p.0);
                let mut got = items.clone();
                sort_by_u64(&mut got, |p| u64::from(p.0));
                assert_eq!(got, expected);
                let mut got = items.clone();
                sort_by(&mut got, |a, b| b.0.cmp(&a.0));
                expected.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(got, expected);
                let mut got: Vec<u32> = items.iter().map(|p| p.0).collect();
                let mut expected = got.clone();
                sort(&mut got);
                expected.sort();
                assert_eq!(got, expected);
            }
        }
    }

    #[test]
    fn float_keys_follow_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
            f64::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }
}
