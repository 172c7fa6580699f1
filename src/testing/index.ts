// Entry point of `eventline/testing`. Deliberately empty until its issue lands: nothing here pretends to work.
export {};
