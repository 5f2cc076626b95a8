// Validation errors of a form, as the pages show them: one message beside each field.
import type { z } from 'zod';

/** The first message for each field, keyed by field name, for showing beside the fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return errors;
}
