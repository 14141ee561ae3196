// Each fixture starts a real service on loopback and throws (never skips) when it cannot.
export {};
