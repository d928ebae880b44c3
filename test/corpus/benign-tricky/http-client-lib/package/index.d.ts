export interface Response<T = unknown> { status: number; headers: Record<string, string | string[]>; data: T; }
export interface Options { headers?: Record<string, string>; timeout?: number; }
export declare function get<T = unknown>(url: string, opts?: Options): Promise<Response<T>>;
export declare function post<T = unknown>(url: string, body?: unknown, opts?: Options): Promise<Response<T>>;
