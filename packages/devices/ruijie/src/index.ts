export { default as Ruijie, RUIJIE_COMMANDS } from "./ruijie.js";
