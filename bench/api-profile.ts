// Reads a V8 .cpuprofile (from `--cpu-prof`, e.g. the server of `api-latency.ts --node-flags="--cpu-prof …"`) and
// prints where the time went, as text: self time by package / file / function, and inclusive time by function
// (a function counted once per sample however often it recurs in the stack). No GUI needed.
//
//   npx tsx bench/api-profile.ts PROFILE.cpuprofile [--window-ms N] [--skip-end-ms N] [--top N]
//
// --callers TEXT adds the call paths (--depth frames up, default 5) into functions whose name/location contains TEXT: who calls a hot spot.
// --window-ms keeps only the last N ms of samples before the end (minus --skip-end-ms, default 500, the shutdown),
// so a profile of a whole benchmark run can be cut down to its load phase, leaving out start-up and the import.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'window-ms': { type: 'string' },
    'skip-end-ms': { type: 'string', default: '500' },
    top: { type: 'string', default: '25' },
    callers: { type: 'string' },
    depth: { type: 'string', default: '5' },
  },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npx tsx bench/api-profile.ts PROFILE.cpuprofile [--window-ms N] [--skip-end-ms N] [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const top = Number(flags.top);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** Where a frame lives: a package (node_modules/<pkg>), a project file, Node's internals, or V8 itself. */
function packageOf(url: string): string {
  if (!url) return '(v8/native)';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const rest = url.slice(inModules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const inProject = url.indexOf('/src/');
  return inProject >= 0
    ? `project ${url
        .slice(inProject + 1)
        .split('/')
        .slice(0, 3)
        .join('/')}`
    : url;
}
const shortUrl = (url: string) => {
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) return url.slice(inModules + 'node_modules/'.length);
  const inProject = url.indexOf('/src/');
  return inProject >= 0 ? url.slice(inProject + 1) : url;
};
const functionOf = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;

// Sample times: startTime plus the running sum of deltas (microseconds).
const times: number[] = [];
let clock = profile.startTime;
for (const delta of profile.timeDeltas) times.push((clock += delta));
const end = profile.endTime - Number(flags['skip-end-ms']) * 1000;
const start = flags['window-ms'] !== undefined ? end - Number(flags['window-ms']) * 1000 : profile.startTime;

const self = {
  byPackage: new Map<string, number>(),
  byFile: new Map<string, number>(),
  byFunction: new Map<string, number>(),
};
const inclusive = { byFunction: new Map<string, number>(), byPackage: new Map<string, number>() };
const callers = new Map<string, number>();
const add = (map: Map<string, number>, key: string, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);
let total = 0;
let idle = 0;

for (let i = 0; i < profile.samples.length; i += 1) {
  const at = times[i]!;
  if (at < start || at > end) continue;
  // A sample stands for the time until the next one.
  const weight = (times[i + 1] ?? at) - at;
  const leaf = byId.get(profile.samples[i]!)!;
  total += weight;
  if (leaf.callFrame.functionName === '(idle)') {
    idle += weight;
    continue;
  }
  add(self.byPackage, packageOf(leaf.callFrame.url), weight);
  add(self.byFile, shortUrl(leaf.callFrame.url) || leaf.callFrame.functionName, weight);
  add(self.byFunction, functionOf(leaf.callFrame), weight);
  const functions = new Set<string>();
  const packages = new Set<string>();
  for (let id: number | undefined = leaf.id; id !== undefined; id = parentOf.get(id)) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(root)') continue;
    functions.add(functionOf(frame));
    packages.add(packageOf(frame.url));
  }
  for (const name of functions) add(inclusive.byFunction, name, weight);
  if (flags.callers !== undefined) {
    // The outermost matching frame and the --depth frames above it.
    let path: string[] | undefined;
    const stack: string[] = [];
    for (let id: number | undefined = leaf.id; id !== undefined; id = parentOf.get(id))
      stack.push(functionOf(byId.get(id)!.callFrame));
    const at = stack.findLastIndex((name) => name.includes(flags.callers!));
    if (at >= 0) path = stack.slice(at, at + 1 + Number(flags.depth));
    if (path) add(callers, path.join('\n      <- '), weight);
  }
  for (const name of packages) add(inclusive.byPackage, name, weight);
}

const busy = total - idle;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
function print(title: string, map: Map<string, number>): void {
  console.log(`\n## ${title} (ms, share of busy time)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms(us)} ${pct(us)}  ${name}`);
  }
}
console.log(
  `window ${((end - start) / 1e6).toFixed(1)} s, sampled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s ` +
    `(idle ${(idle / 1e6).toFixed(1)} s)`,
);
print('self time by package', self.byPackage);
print('inclusive time by package', inclusive.byPackage);
print('self time by file', self.byFile);
print('self time by function', self.byFunction);
print('inclusive time by function', inclusive.byFunction);
if (flags.callers !== undefined) print(`call paths into "${flags.callers}"`, callers);
