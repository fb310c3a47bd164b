/**
 * bench/results.json as the Markdown tables of PERFORMANCE.md's “Latest figures”, so the figures
 * there are pasted from a run, never typed.
 */
interface Latency {
  p50: number;
  p99: number;
  errors: number;
}
interface ScenarioResult {
  key: string;
  variant: string;
  ok: boolean;
  roundTrips: number;
  docsExamined: number;
  docsReturned: number;
  bytes: number;
  latency: Record<string, Latency>;
}
interface SizeResult {
  requests: number;
  seedMs: number;
  emulatorRssBytes: number;
  scenarios: ScenarioResult[];
  deadlineScan: Record<string, unknown>;
}
export interface Results {
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string };
  coldStart: { sdkLoadMs: number; rounds: number; functions: Record<string, { bundleBytes: number; loadMs: number; overSdkMs: number }> };
  miniprogram: {
    main: { bytes: number; ownBytes: number; npmBytes: number; npmFiles: number };
    subpackages: Record<string, { bytes: number }>;
    pages: { maxSetDataBytes: number | null; maxWxmlNodes: number | null } | null;
  };
  sizes: SizeResult[];
}

const lat = (l: Latency | undefined): string => (l ? `${l.p50} / ${l.p99}` : '—');

export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const mc = r.machine;
  out.push(
    `Command: \`${r.command}\` — ${r.startedAt} → ${r.finishedAt}; ${mc.cpus} × ${mc.cpuModel}, ${mc.memGiB} GiB, node ${mc.node}.`,
    '',
  );
  out.push(
    `### Cold start (fresh node process per load, median of ${r.coldStart.rounds})`,
    '',
    '| load | ms | over the bare SDK | bundle bytes |',
    '|---|---:|---:|---:|',
  );
  out.push(`| \`require('wx-server-sdk')\` | ${r.coldStart.sdkLoadMs} | — | — |`);
  for (const [fn, f] of Object.entries(r.coldStart.functions))
    out.push(`| \`cloudfunctions/${fn}/index.js\` | ${f.loadMs} | +${f.overSdkMs} | ${f.bundleBytes} |`);
  out.push('', '### Mini-program', '', '| package | bytes |', '|---|---:|');
  const m = r.miniprogram;
  out.push(`| main (ours ${m.main.ownBytes} + miniprogram_npm ${m.main.npmBytes} in ${m.main.npmFiles} files) | ${m.main.bytes} |`);
  for (const [name, p] of Object.entries(m.subpackages)) out.push(`| ${name} | ${p.bytes} |`);
  if (m.pages)
    out.push('', `Largest setData ${m.pages.maxSetDataBytes} bytes; most WXML nodes ${m.pages.maxWxmlNodes} (from the page tests).`);
  for (const size of r.sizes) {
    out.push(
      '',
      `### ${size.requests.toLocaleString('en')} requests (seeded in ${Math.round(size.seedMs / 1000)} s; emulator RSS ${Math.round(size.emulatorRssBytes / 2 ** 20)} MiB)`,
      '',
    );
    out.push(
      '| action (scenario) | round trips | docs examined / returned | answer bytes | c=1 p50 / p99 ms | c=8 p50 / p99 | c=32 p50 / p99 |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const s of size.scenarios) {
      const errors = ['c1', 'c8', 'c32'].map((c) => s.latency[c]?.errors ?? 0);
      const note = errors.some((e) => e > 0) ? ` (errors ${errors.join('/')})` : '';
      out.push(
        `| ${s.key} (${s.variant})${s.ok ? '' : ' FAILED'} | ${s.roundTrips} | ${s.docsExamined} / ${s.docsReturned} | ${s.bytes} | ${lat(s.latency.c1)} | ${lat(s.latency.c8)} | ${lat(s.latency.c32)}${note} |`,
      );
    }
    const d = size.deadlineScan;
    out.push(
      '',
      d.status === 'measured'
        ? `Deadline scan (the timer's chase, one invocation's 2.2 s, a month ahead so every open clock is due): ${String(d.due)} due; one run recorded ${String(d.recordedInOneRun)} in ${String(d.ms)} ms, examining ${String(d.docsExamined)} documents (its page reads plus one per compare-and-set write); the next runs take the rest.`
        : `Deadline scan: ${String(d.status)}.`,
    );
  }
  return `${out.join('\n')}\n`;
}
