// Entry point of `eventline/runtime`. Deliberately empty until its issue lands: nothing here pretends to work.
export {};
