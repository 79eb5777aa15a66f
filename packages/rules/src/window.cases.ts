/**
 * The R-MNT-1 window cases, shared by window.test.ts and window-tz.test.ts (which replays them in
 * processes running in other time zones). Each instant is written in CST (+08:00).
 */
export const WINDOW_CASES: readonly { name: string; at: string; inside: boolean }[] = [
  { name: "R-MNT-1 allows handling at 21:59:59 CST", at: "2024-03-05T21:59:59.000+08:00", inside: false },
  { name: "R-MNT-1 allows handling at 21:59:59.999 CST", at: "2024-03-05T21:59:59.999+08:00", inside: false },
  { name: "R-MNT-1 closes handling at 22:00:00 CST", at: "2024-03-05T22:00:00.000+08:00", inside: true },
  { name: "R-MNT-1 keeps handling closed at midnight CST", at: "2024-03-06T00:00:00.000+08:00", inside: true },
  { name: "R-MNT-1 keeps handling closed at 00:59:59 CST", at: "2024-03-06T00:59:59.000+08:00", inside: true },
  { name: "R-MNT-1 reopens handling at 01:00:00 CST", at: "2024-03-06T01:00:00.000+08:00", inside: false },
  { name: "R-MNT-1 allows handling at noon CST", at: "2024-03-06T12:00:00.000+08:00", inside: false },
  { name: "R-MNT-1 closes handling across a year end (23:30 on 31 December)", at: "2024-12-31T23:30:00.000+08:00", inside: true },
  { name: "R-MNT-1 closes handling on a leap day night", at: "2024-02-29T22:30:00.000+08:00", inside: true },
  { name: "R-MNT-1 ignores the US daylight-saving switch night", at: "2024-03-10T22:00:00.000+08:00", inside: true },
];
