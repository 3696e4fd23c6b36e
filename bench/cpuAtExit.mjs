// Preloaded by bench/batch.ts into a `quadrat` process (node --import): at exit, writes the process's
// CPU time (user + system, all threads: the main thread, its workers, V8's compiler and GC threads)
// to the file named by QUADRAT_BENCH_CPU, so a benchmark on a loaded machine can compare CPU time
// as well as wall time.
import { writeFileSync } from 'node:fs';

const file = process.env.QUADRAT_BENCH_CPU;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ ms: (user + system) / 1000 }));
  });
}
