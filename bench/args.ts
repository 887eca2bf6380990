// The bench's arguments: sections to run, and sizes. Defaults keep `npm run bench` to a few
// minutes on two cores.

export const SECTIONS = ['compare', 'cpu', 'memory', 'decode', 'summary'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  sections: Section[];
  /** Audio per compare run. */
  hours: number;
  speed: number;
  spansSpeed: number;
  parallel: number;
  /** The CPU section: audio per run, pace, and pairs of runs. */
  cpuHours: number;
  cpuSpeed: number;
  cpuRuns: number;
  /** Compare only these clients (default: all). */
  clients: string[] | undefined;
  seed: number;
  memoryHours: number[];
  memorySpeed: number;
  decodeHours: number;
  json: string;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    sections: [],
    hours: 1,
    speed: 100,
    // The spans' acceptance run: a paced hour in a minute or two.
    spansSpeed: 3,
    cpuHours: 0.25,
    cpuSpeed: 10,
    cpuRuns: 1,
    parallel: 8,
    clients: undefined,
    seed: 1,
    memoryHours: [1, 10],
    memorySpeed: 200,
    decodeHours: 0.25,
    json: 'dist/bench-results.json',
  };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !(n > 0)) throw new Error(`bench: ${flag} takes a positive number, got ${value}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === 'all') args.sections.push(...SECTIONS);
    else if ((SECTIONS as readonly string[]).includes(arg)) args.sections.push(arg as Section);
    else if (arg === '--hours') args.hours = number(arg, argv[++i]);
    else if (arg === '--speed') args.speed = number(arg, argv[++i]);
    else if (arg === '--spans-speed') args.spansSpeed = number(arg, argv[++i]);
    else if (arg === '--parallel') args.parallel = number(arg, argv[++i]);
    else if (arg === '--cpu-hours') args.cpuHours = number(arg, argv[++i]);
    else if (arg === '--cpu-speed') args.cpuSpeed = number(arg, argv[++i]);
    else if (arg === '--cpu-runs') args.cpuRuns = number(arg, argv[++i]);
    else if (arg === '--clients') args.clients = (argv[++i] ?? '').split(',');
    else if (arg === '--seed') args.seed = number(arg, argv[++i]);
    else if (arg === '--memory-hours') args.memoryHours = (argv[++i] ?? '').split(',').map((h) => number(arg, h));
    else if (arg === '--memory-speed') args.memorySpeed = number(arg, argv[++i]);
    else if (arg === '--decode-hours') args.decodeHours = number(arg, argv[++i]);
    else if (arg === '--json') args.json = argv[++i] ?? args.json;
    else
      throw new Error(
        `bench: unknown argument ${arg} (sections: ${SECTIONS.join(', ')}, all; flags: --hours --speed --spans-speed --parallel --cpu-hours --cpu-speed --cpu-runs --clients --seed --memory-hours --memory-speed --decode-hours --json)`,
      );
  }
  if (args.sections.length === 0) args.sections.push('compare', 'cpu');
  args.sections = [...new Set(args.sections)];
  return args;
}
