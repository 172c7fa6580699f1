#!/usr/bin/env bash
# What a user gets from `npm install eventline`: packs this checkout the way a fresh clone would (no
# dist/, so `prepack` must build), installs the tarball with --omit=dev into an empty project, and
# there runs the CLI on a copy of the example platform, compiles and runs the generated clients with
# only `eventline` installed, and imports every entry point. The repository's own node_modules hide
# missing dependencies; this does not. `npm run test:pack`; CI runs it after `npm test`.
# EVENTLINE_PACK_KEEP=1 keeps the work folder.
set -euo pipefail

# One function, called on the last line: bash reads a script as it runs, so an edit to this file during
# a run would otherwise change the rest of that run.
main() {

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/eventline-pack-XXXXXX")"
if [ "${EVENTLINE_PACK_KEEP:-}" = 1 ]; then
  trap 'echo "pack-check: work folder kept at $WORK"' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi
checks=0
ok() {
  checks=$((checks + 1))
  echo "pack-check: ok: $*"
}
fail() {
  echo "pack-check: FAILED: $*" >&2
  exit 1
}
# <expected exit> <log file> <command…>: runs it, keeps its output in the log, fails on another exit.
expect_exit() {
  local want="$1" log="$2"
  shift 2
  local got=0
  "$@" >"$log" 2>&1 || got=$?
  if [ "$got" != "$want" ]; then
    cat "$log" >&2
    fail "\`$*\` exited $got, expected $want"
  fi
}

# 1. A fresh clone: the tracked and not-ignored files, no dist/. Its node_modules is this checkout's,
#    for the build tools only; nothing below the install uses it.
SRC="$WORK/clone"
mkdir -p "$SRC"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$SRC" 2>/dev/null || true)
[ -f "$SRC/package.json" ] || fail "could not copy the checkout into $SRC"
[ ! -e "$SRC/dist" ] || fail "the copy has a dist/ folder; it must start without one"
ln -s "$ROOT/node_modules" "$SRC/node_modules"
(cd "$SRC" && npm pack --pack-destination "$WORK" >"$WORK/pack.log" 2>&1) || {
  cat "$WORK/pack.log" >&2
  fail "npm pack"
}
TARBALL="$(ls "$WORK"/eventline-*.tgz)"
tar -tzf "$TARBALL" | sed 's|^package/||' | sort >"$WORK/files.txt"
for f in bin/eventline.js dist/cli/main.js dist/index.js dist/index.d.ts dist/runtime/index.js \
  dist/kafka/index.js dist/testing/index.js spectral/eventline-ruleset.js \
  generators/typescript/package.json generators/typescript/template/index.js \
  schemas/eventline.config.schema.json; do
  grep -qx "$f" "$WORK/files.txt" || fail "the tarball has no $f (prepack must build dist/)"
done
if grep -E '^(src|test|bench|examples|node_modules)/' "$WORK/files.txt" >/dev/null; then
  fail "the tarball ships development files: $(grep -E '^(src|test|bench|examples)/' "$WORK/files.txt" | head -3 | tr '\n' ' ')"
fi
ok "npm pack from a checkout without dist/ built it (prepack): $(basename "$TARBALL"), $(wc -l <"$WORK/files.txt") files, no src/ or test/"

# 2. An empty project that installs only the tarball, production dependencies only.
APP="$WORK/app"
mkdir -p "$APP"
printf '{ "name": "pack-check-app", "private": true, "type": "module" }\n' >"$APP/package.json"
(cd "$APP" && npm install --omit=dev --no-audit --no-fund "$TARBALL" >"$WORK/install.log" 2>&1) || {
  cat "$WORK/install.log" >&2
  fail "npm install --omit=dev of the tarball"
}
installed="$(node -e 'console.log(Object.keys(require(process.argv[1]).packages).length)' "$APP/node_modules/.package-lock.json")"
ok "npm install --omit=dev $(basename "$TARBALL") into an empty project ($installed packages)"
EVENTLINE="$APP/node_modules/.bin/eventline"

# 3. The CLI on a copy of the example platform.
PLATFORM="$APP/platform"
mkdir -p "$PLATFORM"
cp -r "$ROOT/asyncapi" "$ROOT/schemas" "$ROOT/eventline.config.yaml" "$PLATFORM/"
# A busy machine (CI beside other jobs) can take longer than the default 20 s per document.
printf 'limits:\n  timeoutMs: 180000\n' >>"$PLATFORM/eventline.config.yaml"
expect_exit 0 "$WORK/validate.log" "$EVENTLINE" validate --root "$PLATFORM" --no-cache
grep -q "No problems found in 5 documents" "$WORK/validate.log" || fail "validate: $(cat "$WORK/validate.log")"
ok "eventline validate: $(tr '\n' ' ' <"$WORK/validate.log")"

# compat: a second version of the platform whose OrderCreated accepts fewer lines breaks readers of
# v1 data (exit 1, max-items-decreased); accepting more lines is compatible (exit 0).
NEXT="$APP/platform-next"
cp -r "$PLATFORM" "$NEXT"
ORDER_CREATED="$NEXT/schemas/payloads/order-created.v1.json"
sed -i 's/"maxItems": 100/"maxItems": 50/' "$ORDER_CREATED"
grep -q '"maxItems": 50' "$ORDER_CREATED" || fail "could not change $ORDER_CREATED"
expect_exit 1 "$WORK/compat-breaking.log" "$EVENTLINE" compat "$PLATFORM" "$NEXT" --root "$APP"
grep -q "max-items-decreased" "$WORK/compat-breaking.log" || fail "compat: $(cat "$WORK/compat-breaking.log")"
ok "eventline compat platform platform-next (OrderCreated maxItems 100 -> 50): exit 1, max-items-decreased"
sed -i 's/"maxItems": 50/"maxItems": 200/' "$ORDER_CREATED"
expect_exit 0 "$WORK/compat-ok.log" "$EVENTLINE" compat "$PLATFORM" "$NEXT" --root "$APP"
ok "eventline compat platform platform-next (maxItems 100 -> 200): exit 0, $(tail -n 1 "$WORK/compat-ok.log")"
# A JSON Schema file pair (self-contained: a file pair follows no file references).
printf '{ "type": "object", "properties": { "id": { "type": "string" } } }\n' >"$APP/old.json"
printf '{ "type": "object", "properties": { "id": { "type": "string" } }, "required": ["id"] }\n' >"$APP/new.json"
expect_exit 1 "$WORK/compat-files.log" "$EVENTLINE" compat "$APP/old.json" "$APP/new.json" --root "$APP"
grep -q "required-added" "$WORK/compat-files.log" || fail "compat of files: $(cat "$WORK/compat-files.log")"
ok "eventline compat old.json new.json (id became required): exit 1, required-added"

# The catalog site: docs-site/ ships in the package and Astro, Pagefind and the site's libraries are
# production dependencies, so an installed eventline builds the site with nothing else installed.
expect_exit 0 "$WORK/catalog.log" "$EVENTLINE" catalog build --root "$PLATFORM" --out "$APP/site"
for page in index.html services/orders-service.html messages/order-created.html pagefind/pagefind.js; do
  [ -f "$APP/site/$page" ] || fail "catalog build wrote no $page: $(cat "$WORK/catalog.log")"
done
ok "eventline catalog build: $(head -n 1 "$WORK/catalog.log")"

expect_exit 0 "$WORK/generate.log" "$EVENTLINE" generate --root "$PLATFORM" --out "$APP/generated"
ok "eventline generate: $(tail -n 1 "$WORK/generate.log")"
if grep -rhoE "from \"[^\".][^\"]*\"|createRequire" "$APP/generated" | grep -v '"eventline/runtime"' >"$WORK/imports.txt"; then
  fail "generated code imports more than eventline/runtime: $(sort -u "$WORK/imports.txt" | head -5 | tr '\n' ' ')"
fi
ok "generated code imports nothing but eventline/runtime and its own files"

# 4. An app on the generated clients, compiled strictly, run with node. tsc and @types/node come
#    from this checkout: compile-time tools, not something the app needs installed to run.
cat >"$APP/app.ts" <<'EOF'
import { createInMemoryBroker, createInMemoryTransport, isEventlineRuntimeError } from "eventline/runtime";
import {
  createNotificationsServiceClient,
  type NotificationsServiceHandlers,
} from "./generated/notifications-service/index.js";
import { createOrdersServiceClient, type OrderCreated } from "./generated/orders-service/index.js";

const broker = createInMemoryBroker();
const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
const orders = createOrdersServiceClient({ transport });
const notifications = createNotificationsServiceClient({ transport });
const topics = new Set<string>();
for (const contract of [orders.contract, notifications.contract]) {
  for (const m of Object.values(contract.sends)) topics.add(m.topic);
  for (const c of contract.consumers) topics.add(c.topic);
}
for (const topic of topics) broker.createTopic(topic, { partitions: 1 });
for (const topic of ["notifications.dead-letter.v1", "orders.dead-letter.v1"]) broker.createTopic(topic);

let received: (orderId: string) => void = () => undefined;
const arrived = new Promise<string>((resolve) => {
  received = resolve;
});
const ignore = () => undefined;
const handlers: NotificationsServiceHandlers<undefined> = {
  OrderCreated: ({ payload }) => received(payload.orderId),
  ItemAdded: ignore,
  OrderConfirmed: ignore,
  OrderCancelled: ignore,
  OrderShipped: ignore,
  RefundIssued: ignore,
};
const running = notifications.start(handlers);

const order: OrderCreated = {
  orderId: "6f1c0a52-9b43-4a53-a8c1-0e1b5e0e2f41",
  customerId: "3b0a6c1e-2d4f-4c8e-9a7b-5e6f7a8b9c0d",
  salesChannel: "web",
  currency: "EUR",
  lines: [{ lineNumber: 1, sku: "TRAIL-SHOE-42", quantity: 1, unitPrice: { amount: "89.00", currency: "EUR" } }],
  createdAt: "2024-05-01T12:00:00Z",
};
// `date-time` is checked by ajv-formats, which the generated validators reach through eventline/runtime.
const refused = await orders.publish.OrderCreated({ ...order, createdAt: "yesterday" }).then(
  () => "accepted",
  (error: unknown) => (isEventlineRuntimeError(error) ? error.code : String(error)),
);
if (refused !== "PAYLOAD_INVALID") throw new Error(`an invalid createdAt was ${refused}`);
await orders.publish.OrderCreated(order);
const timeout = setTimeout(() => {
  console.error("app: OrderCreated did not arrive within 10 s");
  process.exit(1);
}, 10_000);
const orderId = await arrived;
clearTimeout(timeout);
await running.stop();
console.log(`app: notifications handled OrderCreated ${orderId}; a bad createdAt was refused (${refused})`);
EOF
cat >"$APP/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "lib": ["ES2023"],
    "strict": true, "noUncheckedIndexedAccess": true, "skipLibCheck": true,
    "types": ["node"], "typeRoots": ["$ROOT/node_modules/@types"],
    "outDir": "dist", "rootDir": "."
  },
  "include": ["app.ts", "generated/**/*.ts"]
}
EOF
expect_exit 0 "$WORK/tsc.log" node "$ROOT/node_modules/typescript/bin/tsc" -p "$APP/tsconfig.json"
ok "the generated clients and an app on them compile (tsc --strict --noUncheckedIndexedAccess)"
# Run where only `eventline` resolves (as under pnpm): the app's folder has eventline and nothing
# else, so an import of ajv or any other of eventline's dependencies from generated code fails here.
RUN="$WORK/run"
mkdir -p "$RUN/node_modules"
cp -r "$APP/dist" "$APP/package.json" "$RUN/"
ln -s "$APP/node_modules/eventline" "$RUN/node_modules/eventline"
expect_exit 0 "$WORK/app.log" node "$RUN/dist/app.js"
ok "node dist/app.js, with only eventline resolvable: $(cat "$WORK/app.log")"

# A JavaScript caller that leaves handlers out gets one error naming each of them.
cat >"$RUN/missing.mjs" <<'EOF'
import { createInMemoryBroker, createInMemoryTransport } from "eventline/runtime";
import { createNotificationsServiceClient } from "./dist/generated/notifications-service/index.js";

const client = createNotificationsServiceClient({ transport: createInMemoryTransport(createInMemoryBroker()) });
try {
  client.start({ OrderCreated() {} });
  console.log("started without every handler");
} catch (error) {
  console.log(`${error.code}: ${error.message}`);
}
EOF
expect_exit 0 "$WORK/missing.log" node "$RUN/missing.mjs"
grep -q 'HANDLER_MISSING: notifications-service client: no handler for 5 received messages' "$WORK/missing.log" ||
  fail "a start without every handler: $(cat "$WORK/missing.log")"
ok "a JavaScript start() without 5 handlers: $(cat "$WORK/missing.log")"

# 5. Every entry point loads from the installed package.
cat >"$RUN/entries.mjs" <<'EOF'
const expected = {
  eventline: ["loadCatalog", "runLint", "validate", "generate", "checkCompatibility", "diffCatalogs"],
  "eventline/runtime": ["createPublisher", "createConsumer", "ajvStandaloneRequire", "assertHandlers"],
  "eventline/kafka": ["createKafkaTransport"],
  "eventline/testing": [],
  "eventline/spectral": ["default"],
};
const loaded = [];
for (const [specifier, names] of Object.entries(expected)) {
  const module = await import(specifier);
  const absent = names.filter((name) => !(name in module));
  if (absent.length > 0) throw new Error(`${specifier} lacks ${absent.join(", ")}`);
  loaded.push(`${specifier} (${Object.keys(module).length} exports)`);
}
console.log(loaded.join(", "));
EOF
expect_exit 0 "$WORK/entries.log" node "$RUN/entries.mjs"
ok "import(): $(cat "$WORK/entries.log")"

echo "pack-check: $checks passed, 0 failed"
}

main "$@"
