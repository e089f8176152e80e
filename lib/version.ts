import packageJson from "@/package.json";

export const APP_NAME = "Claude Code Stats";
export const APP_VERSION: string = packageJson.version;
