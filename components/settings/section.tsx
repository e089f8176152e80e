import { CARD } from "@/components/ui/card";

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-label={title} className={`${CARD} space-y-3 p-5`}>
      <div>
        <h2 className="font-semibold">{title}</h2>
        {description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
      </div>
      {children}
    </section>
  );
}
