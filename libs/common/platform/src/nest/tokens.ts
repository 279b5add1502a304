/** Injection tokens of the platform: the runtime, and its parts for narrower injection. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
/** FILE-1 the service's file store, provided to the services whose definition keeps files. */
export const FILE_STORE = Symbol('FILE_STORE');
