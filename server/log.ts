/** Structured logs with no personal data: only function, action, outcome code and timing. */
export interface LogLine {
  fn: string;
  action: string;
  code: string;
  ms: number;
  detail?: string;
}

export function logCall(line: LogLine): void {
  if (process.env.LIANXIN_QUIET === '1') return;
  console.log(JSON.stringify(line));
}
