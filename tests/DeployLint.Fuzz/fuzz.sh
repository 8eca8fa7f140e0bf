#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader with AFL++ and SharpFuzz, for a bounded time per target.
#   bash tests/DeployLint.Fuzz/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Exit 0: nothing found (or AFL++ cannot be had on this machine, said on the last line); 1: a crash or hang was found,
# its input is printed and kept under $FUZZ_OUT. Each finding becomes a regression case in tests/Shared/HostileCorpus.cs.
set -uo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(manifest kubernetes engine-args config-json)
out="${FUZZ_OUT:-$(mktemp -d)}"
mkdir -p "$out"

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++) >"$out/apt.log" 2>&1
  fi
fi
if ! command -v afl-fuzz >/dev/null; then
  echo "fuzz: skipped: afl-fuzz is not installed and cannot be installed here (apt-get install afl++)"
  exit 0
fi

# SharpFuzz instruments the assemblies under test so that AFL++ sees their branch coverage.
dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >"$out/tool.log" 2>&1 \
  || { echo "fuzz: FAILED: cannot install the SharpFuzz.CommandLine tool"; cat "$out/tool.log"; exit 1; }
dotnet publish tests/DeployLint.Fuzz -c Release -o "$out/bin" --nologo -v quiet >"$out/publish.log" 2>&1 \
  || { echo "fuzz: FAILED: cannot publish the fuzz target"; cat "$out/publish.log"; exit 1; }
for assembly in DeployLint.Core.dll YamlDotNet.dll; do
  "$out/tools/sharpfuzz" "$out/bin/$assembly" >>"$out/tool.log" 2>&1 \
    || { echo "fuzz: FAILED: cannot instrument $assembly"; cat "$out/tool.log"; exit 1; }
done

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
found=0
for target in "${targets[@]}"; do
  afl-fuzz -V "$seconds" -i "tests/DeployLint.Fuzz/corpus/$target" -o "$out/$target" -t 10000 -m none \
    -- dotnet "$out/bin/DeployLint.Fuzz.dll" "$target" >"$out/$target.log" 2>&1
  stats="$out/$target/default/fuzzer_stats"
  execs=$(sed -n 's/^execs_done *: *//p' "$stats" 2>/dev/null); paths=$(sed -n 's/^corpus_count *: *//p' "$stats" 2>/dev/null)
  crashes=$(find "$out/$target/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$out/$target/default/hangs" -name 'id:*' 2>/dev/null | wc -l)
  if [ -z "$execs" ]; then
    echo "fuzz: FAILED: $target: afl-fuzz did not run"; tail -20 "$out/$target.log"; found=1; continue
  fi
  echo "fuzz: $target: ${seconds} s, $execs executions, $paths inputs in the queue, $crashes crashes, $hangs hangs"
  for finding in $(find "$out/$target/default/crashes" "$out/$target/default/hangs" -name 'id:*' 2>/dev/null); do
    found=1
    echo "fuzz: finding $finding:"; head -c 2000 "$finding" | od -c | head -40
    dotnet "$out/bin/DeployLint.Fuzz.dll" "$target" "$finding" 2>&1 | head -20
  done
done
[ "$found" -eq 0 ] && echo "fuzz: nothing found" || echo "fuzz: FAILED: findings kept under $out"
exit "$found"
