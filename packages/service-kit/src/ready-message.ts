/**
 * The ready message a service sends the launcher that started it (issue 15; @jg/cluster's
 * ManagedProcess): once every server of the process listens, the ports they got, by label ("main" for
 * the process's own port; a province code for a shard it serves). A launcher starts its services on
 * port 0 and learns their ports from this message, so no port is picked by one process and bound by
 * another later (a race with anything else on the machine). Sent over the IPC channel only; a process
 * started without one (by hand, in a container) sends nothing.
 */
export const READY_MESSAGE_KIND = "jg:ready";

export interface ReadyMessage {
  kind: typeof READY_MESSAGE_KIND;
  /** Port by label: "main" for the process's own server, a province code for each shard it serves. */
  ports: Record<string, number>;
}

/** Whether an IPC message is a {@link ReadyMessage}. */
export function isReadyMessage(message: unknown): message is ReadyMessage {
  const m = message as Partial<ReadyMessage> | null;
  return typeof m === "object" && m !== null && m.kind === READY_MESSAGE_KIND && typeof m.ports === "object" && m.ports !== null;
}

/** Tells the launcher (if it opened an IPC channel) which ports this process listens on. */
export function reportReady(ports: Record<string, number>): void {
  const message: ReadyMessage = { kind: READY_MESSAGE_KIND, ports };
  process.send?.(message);
}

/** The port of a base URL such as http://127.0.0.1:4051. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}
