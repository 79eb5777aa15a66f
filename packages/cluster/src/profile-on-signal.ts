/**
 * Preloaded (`--import`) into every service `ManagedProcess` starts when the launcher's environment has
 * JG_CPU_PROF_WINDOW_DIR: the first SIGUSR2 starts a V8 CPU profile (node:inspector), the next one
 * writes it to `<dir>/<service>.<pid>.<n>.cpuprofile`. A benchmark profiles just its measured window
 * this way, not the start and the seeding that `--cpu-prof` (JG_CPU_PROF_DIR) would also cover.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env["JG_CPU_PROF_WINDOW_DIR"];
if (dir) {
  let session: Session | undefined;
  let n = 0;
  const post = (s: Session, method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => s.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  process.on("SIGUSR2", () => {
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await post(session, "Profiler.enable");
        await post(session, "Profiler.setSamplingInterval", { interval: 1000 });
        await post(session, "Profiler.start");
        return;
      }
      const s = session;
      session = undefined;
      const { profile } = (await post(s, "Profiler.stop")) as { profile: unknown };
      n += 1;
      writeFileSync(join(dir, `${process.env["JG_SERVICE_NAME"] ?? "service"}.${process.pid}.${n}.cpuprofile`), JSON.stringify(profile));
      s.disconnect();
    })();
  });
}
