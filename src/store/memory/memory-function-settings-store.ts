import type {
  FunctionSettingsStore,
  StoredEventInvokeConfig,
  StoredEventSourceMapping,
} from "../function-settings-store.js";

/**
 * The FunctionSettingsStore in memory, for unit tests and throwaway runs. It keeps copies, so a caller that
 * changes an object after storing it changes nothing stored.
 * @example
 * const store = createMemoryFunctionSettingsStore();
 * await store.putEventInvokeConfig(config);
 */
export function createMemoryFunctionSettingsStore(): FunctionSettingsStore {
  // A Map keeps insertion order, and set() on an existing key keeps its place: the order first stored.
  const mappings = new Map<string, StoredEventSourceMapping>();
  const configs = new Map<string, StoredEventInvokeConfig>();
  return {
    async putEventSourceMapping(mapping) {
      mappings.set(mapping.uuid, structuredClone(mapping));
    },
    async deleteEventSourceMapping(uuid) {
      return mappings.delete(uuid);
    },
    async listEventSourceMappings() {
      return [...mappings.values()].map((mapping) => structuredClone(mapping));
    },
    async putEventInvokeConfig(config) {
      configs.set(config.functionName, structuredClone(config));
    },
    async getEventInvokeConfig(functionName) {
      const config = configs.get(functionName);
      return config === undefined ? undefined : structuredClone(config);
    },
    async deleteEventInvokeConfig(functionName) {
      return configs.delete(functionName);
    },
  };
}
