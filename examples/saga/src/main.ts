// `npm run demo` ends here: the saga on the embedded broker, printed step by step.
import { runSaga } from "./saga.js";

const result = await runSaga();
console.log("Order saga on the in-memory broker, using the generated clients:");
for (const step of result.trail) console.log(`  ${step}`);
console.log(`  notifications saw: ${result.notified.join(", ")}`);
const busy = Object.entries(result.topics).filter(([, n]) => n > 0);
console.log(`  records per topic: ${busy.map(([t, n]) => `${t}=${n}`).join(", ")}`);
