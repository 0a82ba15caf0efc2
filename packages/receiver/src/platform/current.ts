/**
 * The platform this build runs on. In the published package this import becomes `#platform`,
 * which package.json maps by condition: `node` gets ./node.js, every other runtime ./web.js
 * (see tsup.config.ts). In the sources it is the portable one, so the main entry type-checks
 * with web standards alone; the tests point it at ./node.js, as Node users get it.
 */
export { platform } from "./web.js";
