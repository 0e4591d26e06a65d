/** The API's date-time form: UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatInstant(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function formatOptionalInstant(milliseconds: number | null): string | null {
  return milliseconds === null ? null : formatInstant(milliseconds);
}
