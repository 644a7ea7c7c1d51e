// How a CLI command reports a run that did not succeed: "failed" or "cancelled" (a run can be cancelled through the
// API while a CLI executes it), with the run's id and its recorded reason.
export function unsuccessfulRunLine(
  command: string,
  run: { id: string; status: string; error: string | null },
): string {
  const ended = run.status === 'CANCELLED' ? 'cancelled' : 'failed';
  return `\n${command} ${ended} (pipeline run ${run.id}): ${run.error ?? 'unknown error'}\n`;
}
