// Eventline's lint rules as a Spectral ruleset (package export `eventline/spectral`).
// Built code: run `npm run build` in a checkout first.
import { spectralRuleset } from "../dist/lint/spectral.js";

export default spectralRuleset();
