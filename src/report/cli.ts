/**
 * The `cli` reporter. On a terminal: a progress line on stderr while the run goes (a bar,
 * percentage, elapsed time and ETA when the runner says how many results to expect, else a
 * counter), problems and script console lines printed above it, the line cleared before
 * the summary. Without a terminal (CI logs): a dot per passed request and `s` per skipped
 * one, a full block for each failure or error, one line per request with `verbose`; no
 * progress line, so logs stay quiet. The summary goes to stdout. Every string written
 * passes through `redact`.
 */
import type CliProgress from 'cli-progress';
import type { ConsoleLine, Reporter, RequestResult, RunInfo } from '../result.ts';
import { paint, type Paint } from './color.ts';
import { terminalSafe } from './terminal.ts';
import { renderSummary } from './cli-summary.ts';
import { formatDuration } from './cli-summary.ts';
import { itemPath, describeSkip, noteLines, outcomeOf, problemLines, type Outcome } from './outcome.ts';
import { SkipTally } from './skips.ts';
import { lazyRequire } from '../lazy-require.ts';
import { ExtrasTally, FindingTally } from './tally.ts';

const cliProgress = lazyRequire<typeof CliProgress>('cli-progress');

export interface CliOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Show a live counter on stderr instead of per-request lines. */
  isTTY: boolean;
  /** ANSI colour; the caller has already honoured NO_COLOR. */
  color: boolean;
  /** Print a line for every request, not only problems. */
  verbose?: boolean;
  /** Every string written passes through it (the runner redacts first; this is the second line). */
  redact: (text: string) => string;
}

const DOTS_PER_LINE = 60;
const NAME_WIDTH = 60;
const MARKS: Record<Outcome, string> = { passed: '✓', failed: '✗', errored: '!', skipped: '-' };

export function createCliReporter(options: CliOptions): Reporter {
  const { redact } = options;
  const p = paint(options.color);
  const tallies = { skips: new SkipTally(), findings: new FindingTally(), extras: new ExtrasTally() };
  const live: Live = { done: 0, failed: 0, errored: 0, skipped: 0, current: '', startedAt: Date.now() };
  let info: RunInfo | undefined;
  let dots = 0;
  let progress: Progress | undefined;

  /** What reaches the terminal: redacted, then its control characters made visible (terminal.ts). */
  const safe = (text: string): string => terminalSafe(redact(text));
  const out = (text: string): void => void options.stdout.write(safe(text));
  /** Ends a line of dots before anything else is printed under it. */
  const breakDots = (): void => {
    if (dots > 0) out('\n');
    dots = 0;
  };
  /** A block of lines: above the counter on a terminal, else on stdout. */
  const print = (text: string): void => {
    if (options.isTTY) {
      progress ??= startProgress(options.stderr, live);
      progress.log(safe(text));
    } else {
      breakDots();
      out(text);
    }
  };

  return {
    name: 'cli',
    onStart(runInfo) {
      info = runInfo;
      live.planned = runInfo.plannedRequests;
      live.startedAt = Date.now();
      if (options.isTTY) progress ??= startProgress(options.stderr, live);
    },
    onRequest(r) {
      const outcome = outcomeOf(r);
      live.done += 1;
      if (outcome === 'failed') live.failed += 1;
      if (outcome === 'errored') live.errored += 1;
      if (outcome === 'skipped') live.skipped += 1;
      // Redact before cutting: a cut secret would no longer match.
      live.current = clip(safe(`${r.method} ${itemPath(r)}`), NAME_WIDTH);
      tallies.skips.add(r);
      tallies.findings.add(r);
      tallies.extras.add(r);
      const detailed = outcome === 'failed' || outcome === 'errored';
      if (options.verbose || detailed) {
        print(requestBlock(r, outcome, info, p, redact));
      } else if (!options.isTTY) {
        out(outcome === 'skipped' ? p.dim('s') : p.green('.'));
        dots += 1;
        if (dots >= DOTS_PER_LINE) {
          out(p.dim(` ${live.done}`));
          breakDots();
        }
      }
      progress?.update();
    },
    onConsole(line) {
      print(consoleBlock(line, redact));
    },
    onEnd(summary) {
      progress?.stop();
      progress = undefined;
      breakDots();
      out(`\n${renderSummary(summary, tallies, p)}`);
    },
    onAbort() {
      progress?.stop();
      progress = undefined;
      breakDots();
    },
  };
}

/** `✗ GET Buildings / Get building  404 12ms`, then one indented line per problem. */
export function requestBlock(r: RequestResult, outcome: Outcome, info: RunInfo | undefined, p: Paint, redact: (t: string) => string): string {
  const iteration = (info?.iterations ?? 1) > 1 ? p.dim(`[${r.iteration + 1}] `) : '';
  const mark = { passed: p.green, failed: p.red, errored: p.red, skipped: p.dim }[outcome](MARKS[outcome]);
  const name = redact(`${r.method} ${itemPath(r)}`);
  let tail = '';
  if (r.response) tail = ` ${statusText(r.response.status, p)} ${p.dim(`${r.response.timeMs}ms`)}`;
  else if (r.error) tail = ` ${p.red(r.error.code)}`;
  else if (r.skipped) tail = ` ${p.dim(`skipped (${redact(describeSkip(r))})`)}`;
  if (r.retries) tail += ` ${p.yellow(`retried ${r.retries}×`)}`;
  const details = outcome === 'passed' || outcome === 'skipped' ? [] : capFindings(problemLines(r), 'violation');
  details.push(...capFindings(noteLines(r).filter((line) => !line.startsWith('retried ')), 'warning'));
  const body = details.map((d) => `    ${redact(d)}\n`).join('');
  return `${iteration}${mark} ${name}${tail}\n${body}`;
}

/** Body findings shown per request and level; the summary groups them and report.json keeps all. */
const FINDINGS_PER_BLOCK = 5;

/** Keeps the first few `violation …`/`warning …` lines of a block, counting the rest. */
function capFindings(lines: string[], level: 'violation' | 'warning'): string[] {
  const prefix = `${level} `;
  const found = lines.filter((l) => l.startsWith(prefix));
  if (found.length <= FINDINGS_PER_BLOCK) return lines;
  const keep = new Set(found.slice(0, FINDINGS_PER_BLOCK));
  const out = lines.filter((l) => !l.startsWith(prefix) || keep.has(l));
  out.push(`… and ${found.length - FINDINGS_PER_BLOCK} more ${level}s (grouped in the summary; every one in report.json)`);
  return out;
}

/** Each line of a script's console output, prefixed with the item that printed it. */
export function consoleBlock(line: ConsoleLine, redact: (t: string) => string): string {
  const prefix = `  ${line.itemName ?? 'collection'} |${line.level && line.level !== 'log' ? ` ${line.level}:` : ''} `;
  return redact(line.message)
    .split(/\r?\n/)
    .map((text) => `${prefix}${text}\n`)
    .join('');
}

function statusText(status: number, p: Paint): string {
  if (status >= 500) return p.red(String(status));
  if (status >= 400) return p.yellow(String(status));
  return String(status);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

interface Progress {
  log(text: string): void;
  update(): void;
  stop(): void;
}

interface Live {
  done: number;
  failed: number;
  errored: number;
  skipped: number;
  current: string;
  startedAt: number;
  /** Results expected in all (`RunInfo.plannedRequests`), when the runner knows. */
  planned?: number | undefined;
}

const BAR_WIDTH = 20;

/**
 * `[████████░░░░] 45% 450/1000 · 2 failed · 0 errors · 3 skipped · 12.0 s, ETA 15 s  GET …`,
 * or a counter with the elapsed time when the total is not known.
 */
export function progressLine(live: Live, now: number): string {
  const elapsedMs = Math.max(0, now - live.startedAt);
  const tally = `${live.failed} failed · ${live.errored} errors · ${live.skipped} skipped`;
  const planned = live.planned;
  if (!planned || planned < live.done) {
    return `${live.done} requests · ${tally} · ${formatDuration(elapsedMs)}  ${live.current}`;
  }
  const ratio = planned === 0 ? 1 : live.done / planned;
  const filled = Math.round(ratio * BAR_WIDTH);
  const eta = live.done > 0 ? formatDuration((elapsedMs / live.done) * (planned - live.done)) : '…';
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar} ${Math.floor(ratio * 100)}% ${live.done}/${planned} · ${tally} · ${formatDuration(elapsedMs)}, ETA ${eta}  ${live.current}`;
}

function startProgress(stream: NodeJS.WritableStream, live: Live): Progress {
  const multi = new (cliProgress().MultiBar)({
    stream: stream as NodeJS.WriteStream,
    clearOnComplete: true,
    hideCursor: false,
    // Wrapping stays on (no terminal state to restore after Ctrl-C); the line is cut to fit instead.
    linewrap: true,
    fps: 10,
    format: (_options, params) => clip(progressLine(live, Date.now()), Math.max(20, (params.maxWidth || 80) - 1)),
  });
  const bar = multi.create(0, 0);
  return {
    log: (text) => multi.log(text),
    update: () => bar.update(live.done),
    stop: () => {
      multi.update();
      multi.stop();
    },
  };
}
