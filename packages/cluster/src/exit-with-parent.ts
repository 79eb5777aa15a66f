/**
 * Preloaded (`--import`) into every service `ManagedProcess` starts: when the launcher that started the
 * service is gone (killed with SIGKILL, say, so it could not stop its children), the service sends
 * itself SIGTERM and shuts down gracefully instead of living on as an orphan holding its port.
 * A parent that dies re-parents the child (to init or a subreaper), which changes `process.ppid`.
 */
const launcher = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === launcher) return;
  clearInterval(watch);
  process.kill(process.pid, "SIGTERM");
}, 500);
// Never keeps a service alive by itself.
watch.unref();
