import { detectRuntime } from "./detect.mjs";

const { name, version } = detectRuntime();
console.log(`${name} ${version}`);
