/** Injection tokens of the platform: the runtime, and its parts for narrower injection. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
