// Entry point of `eventline/testing`. Deliberately empty: it exports nothing rather than something that
// pretends to test behaviour.
export {};
