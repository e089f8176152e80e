// Stands in for the server-only package outside Next (vitest.config.ts).
export {};
