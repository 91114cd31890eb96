/**
 * JSON with object keys in sorted order at every level and undefined members left out, so that
 * equal values give equal text whatever their key order: how the planner tells an unchanged row,
 * and why the same figures always give the same snapshot bytes, whatever order the parallel reads
 * finished in. Arrays keep their order (the rollups sort every list themselves).
 */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}
