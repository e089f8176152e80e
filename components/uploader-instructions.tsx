import { uploaderCommand } from "@/lib/upload-command";
import { CodeBlock } from "./code-block";

/** How a member sends usage from a terminal or cron, with this server's address filled in. */
export function UploaderInstructions({ origin }: { origin: string }) {
  return (
    <div className="space-y-3 text-sm leading-relaxed">
      <p>
        Run this on every machine you use Claude Code on, with your upload key in{" "}
        <code className="font-mono">CCS_KEY</code>:
      </p>
      <CodeBlock label="Upload command">{uploaderCommand(origin)}</CodeBlock>
      <p>
        To upload every hour from cron, add a line like this to <code className="font-mono">crontab -e</code>:
      </p>
      <CodeBlock label="Cron line">{`0 * * * * CCS_KEY=<your key> ${uploaderCommand(origin)}`}</CodeBlock>
      <p className="text-zinc-600 dark:text-zinc-400">
        Days are counted in the machine&apos;s timezone. To use another, put{" "}
        <code className="font-mono">TZ=Europe/Berlin</code> before the command or pass{" "}
        <code className="font-mono">-z Europe/Berlin</code> to ccusage. Uploading again is safe: unchanged
        days stay as they are, and days that shrank because Claude Code pruned old transcripts keep their
        higher figures.
      </p>
    </div>
  );
}
