/** Deep-freezes a graph that may share nodes or contain cycles (resolved recursive schemas). */
export function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    Object.freeze(node);
    for (const value of Object.values(node)) stack.push(value);
  }
  return root;
}
