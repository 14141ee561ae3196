export { default as BrocadeFastIron, FASTIRON_COMMANDS, FASTIRON_QUERY_PORT } from "./fastiron.js";
