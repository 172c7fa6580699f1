import { href, message, paths, service } from "./catalog";
import { graphSvg, type GraphEdge, type GraphNode, type Tone } from "./graph";
import type { CatalogSaga, CatalogSagaMessage } from "./types";

/**
 * A saga drawn top to bottom: the orchestrator sends each step's action to the services that receive
 * it, whose success reply leads to the next step. A failure reply (or the step's timeout) leads to
 * the compensation of the last earlier step that has one, and each compensated reply to the one
 * before it: backward recovery, in the order the orchestrator runs it. Every node links to its page.
 */
export async function sagaSvg(from: string, saga: CatalogSaga): Promise<string> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const link = (id: string, label: string, kind: GraphNode["kind"], target?: string, tone?: Tone) => {
    nodes.push({ id, label, kind, ...(target ? { href: href(from, target) } : {}), ...(tone ? { tone } : {}) });
    return id;
  };
  const messageNode = (id: string, m: CatalogSagaMessage, tone?: Tone) => {
    const resource = m.messageId ? message(m.messageId) : undefined;
    return link(id, m.label, "message", resource ? paths.message(resource) : undefined, tone);
  };
  const serviceNode = (id: string, serviceId: string) => {
    const s = service(serviceId);
    return link(id, s?.title ?? serviceId, "service", s ? paths.service(s) : undefined);
  };
  // The services a command goes to; a step whose command nobody receives still gets a node.
  const participants = (step: number, m: CatalogSagaMessage, role: string) =>
    m.services.length === 0
      ? [link(`p${step}${role}:none`, "no receiver declared", "service")]
      : m.services.map((id) => serviceNode(`p${step}${role}:${id}`, id));

  let previous = serviceNode("orchestrator", saga.serviceId);
  // Per step, where compensation starts: its compensation command node, once drawn.
  const compensations: (string | undefined)[] = [];
  const lastCompensation = (before: number) => {
    for (let i = before - 1; i >= 0; i--) if (compensations[i]) return compensations[i];
    return undefined;
  };
  for (const [i, step] of saga.steps.entries()) {
    let doers: string[] = [];
    if (step.action) {
      const action = messageNode(`a${i}`, step.action);
      edges.push({ from: previous, to: action });
      doers = participants(i, step.action, "a");
      for (const d of doers) edges.push({ from: action, to: d });
    }
    let failed: string | undefined;
    if (step.failure) {
      failed = messageNode(`f${i}`, step.failure, "failure");
      for (const d of doers) edges.push({ from: d, to: failed, tone: "failure" });
    } else if (step.timeout !== undefined) {
      failed = link(`f${i}`, `timeout ${step.timeout} ms`, "message", undefined, "failure");
      for (const d of doers) edges.push({ from: d, to: failed, tone: "failure" });
    }
    if (failed) {
      const undo = lastCompensation(i);
      if (undo) edges.push({ from: failed, to: undo, tone: "compensation" });
    }
    if (step.compensation && step.compensation !== "none") {
      const compensation = messageNode(`c${i}`, step.compensation, "compensation");
      compensations[i] = compensation;
      // The same service usually undoes what it did: reuse its node when it does.
      const undoers = step.compensation.services.every((s) => nodes.some((n) => n.id === `p${i}a:${s}`))
        ? step.compensation.services.map((s) => `p${i}a:${s}`)
        : participants(i, step.compensation, "c");
      for (const u of undoers) edges.push({ from: compensation, to: u, tone: "compensation" });
      if (step.compensated) {
        const done = messageNode(`k${i}`, step.compensated, "compensation");
        for (const u of undoers) edges.push({ from: u, to: done, tone: "compensation" });
      }
    }
    if (step.success) {
      const success = messageNode(`s${i}`, step.success);
      for (const d of doers) edges.push({ from: d, to: success });
      previous = success;
    } else if (doers.length > 0) {
      previous = doers[0]!;
    }
  }
  // Each compensated reply hands over to the compensation of the step before.
  for (const [i] of saga.steps.entries()) {
    const done = nodes.find((n) => n.id === `k${i}`);
    const undo = lastCompensation(i);
    if (done && undo) edges.push({ from: done.id, to: undo, tone: "compensation" });
  }
  return graphSvg(nodes, edges, `Saga ${saga.name}: steps top to bottom, failures and compensations dashed`, {
    direction: "DOWN",
    inOrder: true,
  });
}
