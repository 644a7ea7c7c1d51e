// DataLoaders whose batch depends on field arguments (a relation list's page size, cursor, ordering, filter):
// one loader per distinct argument set, so parents asking the same thing share one batch, and parents asking
// different things never get each other's answers. Lives as long as the request's loaders.
import DataLoader from 'dataloader';

export function loaderFamily<P, K, V>(
  keyOf: (params: P) => string,
  create: (params: P) => DataLoader<K, V>,
): (params: P) => DataLoader<K, V> {
  const loaders = new Map<string, DataLoader<K, V>>();
  return (params) => {
    const key = keyOf(params);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(params);
      loaders.set(key, loader);
    }
    return loader;
  };
}

/**
 * A DataLoader over a batch read that answers with a Map; keys it lacks get `missing`. Object keys need `keyOf`:
 * it names the key both in the loader's cache and in the Map the read answers with.
 */
export function mapLoader<K, V>(read: (keys: readonly K[]) => Promise<Map<K, V>>, missing: V): DataLoader<K, V>;
export function mapLoader<K, V, C>(
  read: (keys: readonly K[]) => Promise<Map<C, V>>,
  missing: V,
  keyOf: (key: K) => C,
): DataLoader<K, V, C>;
export function mapLoader<K, V, C>(
  read: (keys: readonly K[]) => Promise<Map<C | K, V>>,
  missing: V,
  keyOf?: (key: K) => C,
): DataLoader<K, V, C | K> {
  const key = keyOf ?? ((k: K) => k);
  return new DataLoader<K, V, C | K>(
    async (keys) => {
      const found = await read(keys);
      return keys.map((k) => (found.has(key(k)) ? found.get(key(k))! : missing));
    },
    { cacheKeyFn: key },
  );
}
