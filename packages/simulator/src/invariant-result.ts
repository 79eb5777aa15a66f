/** The outcome of one invariant check over an audit snapshot. */
export interface InvariantResult {
  name: string;
  ok: boolean;
  /** How many items (payments, reservations, messages, …) the check looked at. */
  checked: number;
  /** One line per broken item; empty when ok. */
  violations: string[];
}
