"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/server/action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { DATE_INPUT, INPUT } from "@/components/ui/input";

export interface Field {
  name: string;
  label: string;
  type?: "text" | "password" | "email" | "date" | "number" | "select" | "checkbox";
  defaultValue?: string;
  options?: { value: string; label: string }[];
  autoComplete?: string;
  placeholder?: string;
  help?: string;
}

type Values = Record<string, string | boolean>;

/**
 * A form bound to a server action: errors appear beside their fields and everything typed stays;
 * on success the page's data is refreshed and the action's message (or `children(result)`) is shown.
 */
export function ActionForm<T>({
  action,
  fields,
  submitLabel,
  hidden = {},
  danger = false,
  resetOnSuccess = false,
  confirmLabel,
  testId,
  children,
}: {
  // Any action: the form sends loose values and the action validates them with its zod schema.
  action: (values: never) => Promise<ActionResult<T>>;
  fields: Field[];
  submitLabel: string;
  hidden?: Record<string, string>;
  danger?: boolean;
  resetOnSuccess?: boolean;
  /** Asks once more before sending: the button turns into Cancel and this label (for forms without fields). */
  confirmLabel?: string;
  testId?: string;
  children?: (data: T) => ReactNode;
}) {
  const initial = () =>
    Object.fromEntries(
      fields.map((f) => [f.name, f.type === "checkbox" ? f.defaultValue === "true" : (f.defaultValue ?? "")]),
    );
  const [values, setValues] = useState<Values>(initial);
  const [result, setResult] = useState<ActionResult<T>>();
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState(false);
  const router = useRouter();
  const errors = result && !result.ok ? (result.error.fieldErrors ?? {}) : {};
  // Keyboard users keep their place: Cancel takes the focus when asked, the first button when cancelled.
  const startRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) (asking ? cancelRef : startRef).current?.focus();
  }, [asking]);
  const ask = (value: boolean) => {
    moved.current = true;
    setAsking(value);
  };

  return (
    <form
      data-testid={testId}
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmLabel && !asking) return ask(true);
        moved.current = false;
        setAsking(false);
        startTransition(async () => {
          const send = action as unknown as (values: Values) => Promise<ActionResult<T>>;
          const outcome = await send({ ...hidden, ...values });
          setResult(outcome);
          if (outcome.ok) {
            if (resetOnSuccess) setValues(initial());
            router.refresh();
          }
        });
      }}
    >
      {fields.map((field) => {
        const id = `${testId ?? "form"}-${field.name}`;
        const error = errors[field.name];
        const common = {
          id,
          name: field.name,
          "aria-invalid": !!error,
          "aria-describedby": error ? `${id}-error` : undefined,
        };
        if (field.type === "checkbox") {
          return (
            <label key={field.name} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                {...common}
                checked={values[field.name] === true}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.checked })}
              />
              <span>{field.label}</span>
            </label>
          );
        }
        return (
          <div key={field.name} className="space-y-1 text-sm">
            <label htmlFor={id} className="block font-medium">
              {field.label}
            </label>
            {field.type === "select" ? (
              <select
                className={INPUT}
                {...common}
                value={String(values[field.name])}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              >
                {field.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                className={INPUT}
                type={field.type ?? "text"}
                autoComplete={field.autoComplete}
                placeholder={field.placeholder}
                {...(field.type === "date" ? DATE_INPUT : {})}
                {...common}
                value={String(values[field.name])}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              />
            )}
            {field.help && <p className="text-xs text-zinc-500 dark:text-zinc-400">{field.help}</p>}
            {error && (
              <p id={`${id}-error`} className="text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {result && !result.ok && !result.error.fieldErrors && (
        <Alert tone="error" as="p" role="alert" data-testid="form-error">
          {result.error.message}
        </Alert>
      )}
      {result?.ok && (children ? children(result.data) : <Success data={result.data} />)}
      {asking ? (
        <div className="flex flex-wrap gap-2" onKeyDown={(e) => e.key === "Escape" && ask(false)}>
          {/* Cancel sits where the first button was, so a double click cannot confirm. */}
          <button ref={cancelRef} type="button" onClick={() => ask(false)} className={buttonClass("outline")}>
            Cancel
          </button>
          <button type="submit" className={buttonClass(danger ? "danger" : "primary")}>
            {confirmLabel}
          </button>
        </div>
      ) : (
        <button
          ref={startRef}
          type="submit"
          disabled={pending}
          className={buttonClass(danger ? "danger" : "primary")}
        >
          {pending ? "Working…" : submitLabel}
        </button>
      )}
    </form>
  );
}

function Success({ data }: { data: unknown }) {
  const message = (data as { message?: string } | null)?.message;
  if (!message) return null;
  return (
    <p role="status" data-testid="form-success" className="text-sm text-emerald-700 dark:text-emerald-400">
      {message}
    </p>
  );
}
