// Graphs laid out at build time with elkjs (layered, left to right) and written as inline SVG:
// no layout code runs in the browser, and every node is a plain link.
import ELK, { type ElkEdgeSection, type ElkExtendedEdge } from "elkjs/lib/elk.bundled.js";

export interface GraphNode {
  id: string;
  label: string;
  kind: "service" | "topic" | "message";
  /** Link target, already relative to the page that shows the graph. */
  href?: string;
  /** The node the page is about. */
  current?: boolean;
  /** A failure or compensation path (sagas): drawn in its own colour. */
  tone?: Tone;
}

export type Tone = "failure" | "compensation";

export interface GraphEdge {
  from: string;
  to: string;
  tone?: Tone;
}

export interface GraphOptions {
  /** Where edges point: left to right (default) or top to bottom. */
  direction?: "RIGHT" | "DOWN";
  /**
   * Keep the nodes' order: an edge to an earlier node is the one turned around to break a cycle, so a
   * sequence (saga steps) reads in order and the edges back (compensations) go against it.
   */
  inOrder?: boolean;
}

const TONES = {
  failure: { stroke: "#c92a2a", fill: "#fff5f5", text: "#7d1a1a", dash: "6 4" },
  compensation: { stroke: "#b35900", fill: "#fff4e6", text: "#6b3500", dash: "2 3" },
} as const;

const elk = new ELK();
const CHAR = 7.2;
const HEIGHT = { service: 40, topic: 30, message: 30 } as const;

/** Node widths grow in steps of a few characters, so that graphs of the same shape share one layout. */
const WIDTH_STEP = 4;

function nodeWidth(label: string): number {
  const chars = Math.ceil(clip(label).length / WIDTH_STEP) * WIDTH_STEP;
  return Math.max(70, chars * CHAR + 28);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Layout {
  width: number;
  height: number;
  children: Box[];
  /** Per edge, in input order: its sections. */
  edges: ElkEdgeSection[][];
}

// Most neighbourhood graphs of a catalog have one of a few shapes (a producer, a topic, two
// consumers...): a layout depends only on the node sizes and the edges between them, so each shape
// is laid out once per build. Bounded so that a catalog of all-different graphs cannot grow it forever.
const layouts = new Map<string, Promise<Layout>>();
const MAX_LAYOUTS = 5000;

function layoutOf(
  sizes: { width: number; height: number }[],
  edges: (readonly [number, number])[],
  shape: { direction: "RIGHT" | "DOWN"; inOrder: boolean },
): Promise<Layout> {
  const key = JSON.stringify([shape, sizes.map((s) => [s.width, s.height]), edges]);
  let layout = layouts.get(key);
  if (!layout) {
    if (layouts.size >= MAX_LAYOUTS) layouts.delete(layouts.keys().next().value as string);
    layout = runElk(sizes, edges, shape);
    layouts.set(key, layout);
  }
  return layout;
}

async function runElk(
  sizes: { width: number; height: number }[],
  edges: (readonly [number, number])[],
  { direction, inOrder }: { direction: "RIGHT" | "DOWN"; inOrder: boolean },
): Promise<Layout> {
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": direction,
      "elk.edgeRouting": "SPLINES",
      "elk.layered.spacing.nodeNodeBetweenLayers": "70",
      "elk.spacing.nodeNode": "18",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.padding": "[top=8,left=8,bottom=8,right=8]",
      ...(inOrder
        ? {
            "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
            "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
          }
        : {}),
    },
    children: sizes.map((s, i) => ({ id: `n${i}`, ...s })),
    edges: edges.map(([from, to], i) => ({ id: `e${i}`, sources: [`n${from}`], targets: [`n${to}`] })),
  });
  const boxes = new Map((graph.children ?? []).map((c) => [c.id, c]));
  const sections = new Map((graph.edges ?? []).map((e) => [e.id, (e as ElkExtendedEdge).sections ?? []]));
  return {
    width: graph.width ?? 0,
    height: graph.height ?? 0,
    children: sizes.map((_, i) => {
      const c = boxes.get(`n${i}`);
      return { x: c?.x ?? 0, y: c?.y ?? 0, width: c?.width ?? 0, height: c?.height ?? 0 };
    }),
    edges: edges.map((_, i) => sections.get(`e${i}`) ?? []),
  };
}

function marker(id: string, fill: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${fill}"/></marker>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(label: string): string {
  return label.length > 40 ? `${label.slice(0, 39)}…` : label;
}

/** The graph as an SVG string (every label escaped); empty when there are no nodes. */
export async function graphSvg(
  nodes: GraphNode[],
  edges: GraphEdge[],
  title: string,
  options: GraphOptions = {},
): Promise<string> {
  const direction = options.direction ?? "RIGHT";
  const shape = { direction, inOrder: options.inOrder ?? false };
  if (nodes.length === 0) return "";
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const ids = new Set(index.keys());
  const seen = new Set<string>();
  const kept = edges.filter((e) => {
    const key = `${e.from}\u0000${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const layout = await layoutOf(
    nodes.map((n) => ({ width: nodeWidth(n.label), height: HEIGHT[n.kind] })),
    kept.map((e) => [index.get(e.from)!, index.get(e.to)!] as const),
    shape,
  );
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${marker("arrow", "#8792a2")}${kept.some((e) => e.tone) ? marker("arrow-failure", TONES.failure.stroke) + marker("arrow-compensation", TONES.compensation.stroke) : ""}</defs>`,
  );
  for (const [i, sections] of layout.edges.entries()) {
    const tone = kept[i]!.tone;
    const stroke = tone ? TONES[tone].stroke : "#8792a2";
    const dash = tone ? ` stroke-dasharray="${TONES[tone].dash}"` : "";
    for (const s of sections) {
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
      const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
      parts.push(`<path d="${d}" fill="none" stroke="${stroke}" stroke-width="1.4"${dash} marker-end="url(#arrow${tone ? `-${tone}` : ""})"/>`);
    }
  }
  for (const [i, node] of nodes.entries()) {
    const { x, y, width: w, height: h } = layout.children[i]!;
    const style = node.tone
      ? { ...TONES[node.tone], rx: 6 }
      : node.kind === "service"
        ? { fill: node.current ? "#3b5bdb" : "#edf1ff", stroke: "#3b5bdb", text: node.current ? "#ffffff" : "#1c2a66", rx: 8 }
        : node.kind === "topic"
          ? { fill: node.current ? "#495057" : "#f1f3f5", stroke: "#868e96", text: node.current ? "#ffffff" : "#212529", rx: h / 2 }
          : { fill: node.current ? "#7048e8" : "#f3f0ff", stroke: "#7048e8", text: node.current ? "#ffffff" : "#2b1a66", rx: 6 };
    const shape =
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${style.rx}" fill="${style.fill}" stroke="${style.stroke}"/>` +
      `<text x="${x + w / 2}" y="${y + h / 2 + 4.5}" text-anchor="middle" font-size="12.5" font-family="system-ui, sans-serif" fill="${style.text}"${node.kind === "service" ? ' font-weight="600"' : ""}>${escapeXml(clip(node.label))}</text>`;
    parts.push(
      node.href && !node.current
        ? `<a href="${escapeXml(node.href)}"><title>${escapeXml(node.label)}</title>${shape}</a>`
        : `<g><title>${escapeXml(node.label)}</title>${shape}</g>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
