// Types of build-if-changed.mjs, for the test that imports it.
export declare const WORKSPACES: readonly string[];
export declare const ROOT_FILES: readonly string[];
export declare const OUTPUTS: readonly string[];
export declare const STAMP_FILE: string;
export interface BuildDecision {
  build: boolean;
  reason: string;
  hash: string;
}
export declare function listInputs(root: string): string[];
export declare function hashInputs(root: string): string;
export declare function decideBuild(root: string): BuildDecision;
export declare function writeStamp(root: string, hash: string): void;
export declare function removeStamp(root: string): void;
