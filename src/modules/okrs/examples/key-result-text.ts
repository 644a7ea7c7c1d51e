// Key results written as prose ("Increase NPS from 45 to 70", "Reduce P95 latency from 800ms to 200ms", "Hire 30
// senior+ engineers (currently 12)", "Launch in 5 new geographic markets") read as numbers: a metric type, a start,
// a target and a unit. The demo objectives and the synthetic forecast histories both start from
// ../shared/data/okr_examples.jsonl this way. Heuristic by nature: what it cannot read becomes a BOOLEAN
// ("Complete database optimization course": done or not).
import type { MetricType } from '../math/progress.js';

export interface KeyResultTemplate {
  title: string;
  metricType: MetricType;
  startValue: number;
  targetValue: number;
  unit: string | null;
}

interface Quantity {
  value: number;
  unit: string | null;
  metric: MetricType;
}

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
// "$20M", "95%", "800ms", "2/week", "100K/month", "14 days", "4.5+", "<$25"
const QUANTITY = /(\$)?(\d+(?:\.\d+)?)([kKmMbB](?![a-z]))?\s*(%|ms|\/week|\/month|\/day|\s?days|\s?req\/day)?/g;

function quantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const [, dollar, digits, suffix, unitText] = match;
    const value = Number(digits) * (suffix ? SCALE[suffix.toLowerCase()]! : 1);
    const unit = unitText?.trim() ?? null;
    const metric: MetricType = dollar ? 'CURRENCY' : unit === '%' ? 'PERCENT' : 'NUMBER';
    found.push({ value, unit: dollar ? 'USD' : unit, metric });
  }
  return found;
}

export function parseKeyResultText(text: string): KeyResultTemplate {
  const title = text.trim();
  const current = /\(currently(?: closed)? ([^)]*)\)/i.exec(title);
  const body = current ? title.slice(0, current.index) : title;
  const fromTo = /from (.+?) to (.+?)(?:\s*(?:\(|$|per|each|without|through))/i.exec(body);
  if (fromTo) {
    const [start] = quantities(fromTo[1]!);
    const [target] = quantities(fromTo[2]!);
    if (start && target && start.value !== target.value)
      return template(title, target.metric === 'NUMBER' ? start : target, start.value, target.value);
  }
  const inBody = quantities(body);
  const reduceTo = /\b(?:reduce|cut|lower)\b.*?\bto <?\s*(\$?\d[^\s]*)/i.exec(body);
  const [goal] = reduceTo && !current ? quantities(reduceTo[1]!) : [];
  if (goal && goal.value > 0) return template(title, goal, goal.value * 2, goal.value);
  if (current) {
    const [now] = quantities(current[1]!);
    const pick = now?.metric === 'PERCENT' ? inBody.filter((q) => q.metric === 'PERCENT').at(-1) : inBody[0];
    if (now && pick && pick.value !== now.value) return template(title, pick, now.value, pick.value);
  }
  const by = /\bby (\d+(?:\.\d+)?)%/i.exec(body);
  if (by) return template(title, { value: 0, unit: '%', metric: 'PERCENT' }, 0, Number(by[1]));
  const first = inBody[0];
  if (first && first.value > 0) {
    // A level to reach with no starting point given: percentages start a little below, counts from zero.
    const start = first.metric === 'PERCENT' ? Math.round(first.value * 0.85 * 100) / 100 : 0;
    const falling = /\b(reduce|cut|lower|maintain)\b/i.test(body) || /<\s*\$?\d/.test(body);
    return falling
      ? template(
          title,
          first,
          first.metric === 'PERCENT' ? Math.min(100, first.value * 2) : first.value * 2,
          first.value,
        )
      : template(title, first, start, first.value);
  }
  return { title, metricType: 'BOOLEAN', startValue: 0, targetValue: 1, unit: null };
}

function template(title: string, quantity: Quantity, startValue: number, targetValue: number): KeyResultTemplate {
  return { title, metricType: quantity.metric, startValue, targetValue, unit: quantity.unit };
}
