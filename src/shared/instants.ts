/** The API's date-time form: UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatInstant(milliseconds: number): string {
  // toISOString always ends in `.sssZ`; cutting it is cheaper than a pattern, three times per listed call.
  return `${new Date(milliseconds).toISOString().slice(0, -5)}Z`;
}

export function formatOptionalInstant(milliseconds: number | null): string | null {
  return milliseconds === null ? null : formatInstant(milliseconds);
}
