/** A shell command shown so it can be selected and copied whole. */
export function CodeBlock({ children, label }: { children: string; label?: string }) {
  return (
    <pre
      aria-label={label}
      className="rounded-md bg-zinc-900 px-4 py-3 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-100 dark:bg-black"
    >
      <code>{children}</code>
    </pre>
  );
}
