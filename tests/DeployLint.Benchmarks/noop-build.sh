#!/usr/bin/env bash
# No-op incremental build overhead of the DeployLint package: the sample service built twice (warm), then N more
# no-op builds with and without the package reference; prints the median wall time of each.
# Usage: dotnet pack src/DeployLint.Tasks -o artifacts/packages && bash tests/DeployLint.Benchmarks/noop-build.sh [N]
set -euo pipefail
N=${1:-15}
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for variant in with without; do
  cp -r "$root/samples/InferenceService" "$work/$variant"
  rm -rf "$work/$variant/obj" "$work/$variant/bin"
  sed -i "s#../../artifacts/packages#$root/artifacts/packages#" "$work/$variant/nuget.config"
  if [ "$variant" = without ]; then
    sed -i '/PackageReference Include="DeployLint"/d; /DeployLint.DeploymentManifest/d' "$work/$variant/InferenceService.csproj" "$work/$variant/Program.cs"
  fi
  (cd "$work/$variant" && dotnet build -nologo -v:q >/dev/null && dotnet build -nologo -v:q --no-restore >/dev/null)
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for variant in with without; do
  for i in $(seq "$N"); do
    s=$(date +%s%N); (cd "$work/$variant" && dotnet build -nologo -v:q --no-restore >/dev/null); e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median > "$work/$variant.ms"
done
with=$(cat "$work/with.ms"); without=$(cat "$work/without.ms")
echo "no-op build median over $N runs: with DeployLint ${with} ms, without ${without} ms, overhead $((with - without)) ms"
