#!/usr/bin/env bash
# Measures the library against libtorch on this machine and rewrites README.md's performance section from the results.
#
# libtorch's OpenMP threads spin at barriers, so its two-thread figures collapse whenever anything else runs, and a
# library run next to a libtorch run is disturbed by it. So: run on an otherwise idle machine, and alternate blocks
# (library, libtorch, library, libtorch, ...) with a pause between them; the report takes, for each case, the median
# of the blocks' medians. Each block's results are kept in its own folder under the output folder.
#
# Usage, from anywhere in the repository:
#   tests/Autograd.Benchmarks/compare-with-libtorch.sh [--blocks N] [--pause SECONDS] [--out DIR] [--no-readme]
#       [--job "BENCHMARKDOTNET JOB OPTIONS"] [--filter GLOB]...
# --blocks     blocks of each library (default 3)
# --pause      seconds of rest before each block (default 20)
# --out        where the block folders go (default BenchmarkDotNet.Artifacts/libtorch-comparison-DATE in the repository)
# --no-readme  print the report and draw the charts, but leave README.md as it is
# --job        BenchmarkDotNet's options for every case (default "--warmupCount 2 --iterationCount 5 --iterationTime 250")
# --filter     a subset, as BenchmarkDotNet globs over full names with parameters, e.g. '*MatMulBenchmarks.Forward(N: 64,*'
#              (repeatable; the default is the whole comparison below)
# A quick check that everything runs (a few minutes): --blocks 1 --pause 0 --no-readme --job "--warmupCount 1
# --iterationCount 1" --filter '*(N: 64,*' --filter '*(Batch: 1,*'
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
blocks=3
pause=20
out="$repo/BenchmarkDotNet.Artifacts/libtorch-comparison-$(date -u +%Y%m%d-%H%M%S)"
update_readme=1
job=(--warmupCount 2 --iterationCount 5 --iterationTime 250)
filters=()
while [ $# -gt 0 ]; do
    case "$1" in
        --blocks) blocks=$2; shift 2 ;;
        --pause) pause=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --no-readme) update_readme=0; shift ;;
        --job) read -r -a job <<< "$2"; shift 2 ;;
        --filter) filters+=("$2"); shift 2 ;;
        *) echo "compare-with-libtorch.sh: unexpected argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
    esac
done

if [ ${#filters[@]} -eq 0 ]; then
    # Both programs get the same globs; each runs those of its classes that match (libtorch has no FMA peak or scalar graph).
    filters=(
        '*FmaPeakBenchmarks*'
        '*MatMulBenchmarks.Forward(*'
        '*MatMulBenchmarks.ForwardBackward(*'
        '*MlpBatchBenchmarks*'
        '*TrainingBenchmarks.MlpStep784x256x10Batch128*'
        '*TrainingBenchmarks.Spiral1000SgdSteps*'
        '*OneCoreBenchmarks*'
        '*ScalarGraphBenchmarks.MicrogradMoonsStep*'
    )
fi

load=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo 0)
if awk "BEGIN { exit !($load > 0.5) }"; then
    echo "compare-with-libtorch.sh: warning: the load average is $load; libtorch's figures are only meaningful on an idle machine." >&2
fi

cd "$repo"
dotnet build -c Release tests/Autograd.Benchmarks
dotnet build -c Release tests/Autograd.Benchmarks.Libtorch

# BenchmarkDotNet finds the project it builds from the working folder, so the runs start at the repository's root
# and put their artifacts elsewhere with --artifacts.
mkdir -p "$out"
artifacts=()
for block in $(seq 1 "$blocks"); do
    for side in library libtorch; do
        project=tests/Autograd.Benchmarks
        [ "$side" = libtorch ] && project=tests/Autograd.Benchmarks.Libtorch
        echo "== block $block of $blocks: $side ($(date -u +%H:%M:%S) UTC), after a ${pause}s pause"
        sleep "$pause"
        dotnet run -c Release --no-build --project "$project" -- --artifacts "$out/$side-$block" --filter "${filters[@]}" "${job[@]}"
        artifacts+=(--artifacts "$out/$side-$block/results")
    done
done

readme=(--readme "$repo/README.md")
if [ "$update_readme" = 0 ]; then
    # The report still needs a file with the markers to write into: a copy of the README, kept with the results.
    cp "$repo/README.md" "$out/README.md"
    readme=(--readme "$out/README.md" --charts "$out/charts")
fi
dotnet run -c Release --no-build --project tests/Autograd.Benchmarks -- report "${artifacts[@]}" "${readme[@]}"
echo "== results in $out"
