export declare function loadConfig<T = Record<string, unknown>>(file?: string): Promise<T>;
