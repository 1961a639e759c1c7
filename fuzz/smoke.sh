#!/usr/bin/env bash
# Fuzz smoke test: build every fuzz target and run each one briefly from its seeds and its
# corpus, failing on any crash. Usage: bash fuzz/smoke.sh [SECONDS_PER_TARGET] (default 20).
# Installs what it lacks: the nightly toolchain (cargo-fuzz needs it) and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-20}"
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
for target in parse parse_blocks share; do
  features=()
  if [ "$target" = share ]; then features=(--features share); fi
  mkdir -p "corpus/$target"
  echo "==> fuzz smoke: $target for ${secs}s"
  cargo +nightly fuzz run -O "${features[@]}" "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1
done
