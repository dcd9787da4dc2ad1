/** The types of builds.mjs (plain JavaScript, so that `npm start` runs it without tsx). */
export interface BuildOutput {
  name: string;
  /** Files and folders the build reads, relative to the repository root. */
  inputs: readonly string[];
  /** A file the build makes: without it the output is not there, whatever the stamp says. */
  artifact: string;
  /** Where the inputs' hash is kept after a build. */
  stamp: string;
  /** The npm script that builds it. */
  npmArgs: readonly string[];
}

export const CLIENT_BUILD: BuildOutput;
export const SERVER_BUILD: BuildOutput;

/** One hash of every input's path and content. */
export function buildInputsHash(root: string, output: BuildOutput): string;

/** Whether the output holds a build of the inputs as they are. */
export function buildIsCurrent(root: string, output: BuildOutput): boolean;

/** Records that the output was just built from the inputs as they were when `hash` was taken. */
export function recordBuild(root: string, output: BuildOutput, hash?: string): void;
