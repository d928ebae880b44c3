export { default } from "./tiny-date.min.js";
