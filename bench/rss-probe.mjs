// Preloaded (`node --import`) into a process whose peak memory the benchmark wants, when GNU time is
// absent: prints the process's maximum resident set size, in kilobytes, as it exits.
process.on('exit', () => {
  process.stderr.write(`\nbench-maxrss ${process.resourceUsage().maxRSS}\n`);
});
