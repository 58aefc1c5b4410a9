// Preloaded into each measured process: reports its peak RSS (KiB) on exit, for the benchmark.
process.on('exit', () => {
  if (process.env.SHIPCHECK_BENCH_RSS) require('node:fs').writeFileSync(process.env.SHIPCHECK_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
