// Entry point of `eventline/kafka`. Deliberately empty until its issue lands: nothing here pretends to work.
export {};
