export const PROVIDERS = ["anthropic", "openai", "google", "other"] as const;
export type Provider = (typeof PROVIDERS)[number];

/**
 * Which company's model this is, from its name as ccusage reports it. Covers bare names
 * (claude-sonnet-4-20250514, gpt-5-codex, o3, gemini-2.5-pro) and prefixed ones (anthropic/claude-…,
 * us.anthropic.claude-… on Bedrock). Anything else, including "unknown", is "other".
 */
export function providerOf(model: string): Provider {
  const name = model.toLowerCase();
  if (name.includes("claude")) return "anthropic";
  if (/(^|[/.])(gpt-|o\d|codex)/.test(name)) return "openai";
  if (name.includes("gemini")) return "google";
  return "other";
}
