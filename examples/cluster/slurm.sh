#!/usr/bin/env bash
# Builds the corpus as a Slurm job array of SHARDS tasks, then merges the parts in one dependent job.
# Run from a clone of the repository on storage every node sees:  SHARDS=16 bash examples/cluster/slurm.sh
# RAW and PARTS default to raw/ and parts/ in the clone; the release goes to dist/ as with make dataset.
set -euo pipefail
SHARDS=${SHARDS:-8}
RAW=${RAW:-raw}
PARTS=${PARTS:-parts}
make install
mkdir -p "$PARTS" logs
# Each task builds shard $SLURM_ARRAY_TASK_ID of $SHARDS (1-based) with as many threads as it was given cores:
# where Slurm does not confine a task to its cores, the default (every core of the node) would overrun --mem.
build=$(sbatch --parsable --array=1-"$SHARDS" --cpus-per-task=4 --mem=2G --output=logs/shard-%a.log \
  --wrap "npm run --silent pipeline -- build --raw $RAW --out $PARTS/part-\$SLURM_ARRAY_TASK_ID --shard \$SLURM_ARRAY_TASK_ID/$SHARDS --jobs \$SLURM_CPUS_PER_TASK --strict")
# The merge starts only when every task of the array succeeded.
sbatch --dependency=afterok:"$build" --cpus-per-task=1 --mem=2G --output=logs/merge.log \
  --wrap "npm run --silent pipeline -- merge $PARTS/part-* --out dist --strict"
