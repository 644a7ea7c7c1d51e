// ISO 8601 dates and date-times as GitHub writes them ("2023-12-13T18:09:58Z", "2024-01-05"). JavaScript's Date
// parser is too forgiving for an importer (it rolls 2024-02-31 over into March and reads zone-less times in the
// machine's zone), so the shape is checked here and zone-less values are read as UTC, like GitHub's own.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The instant `text` names, or null when it is not a real calendar date in ISO 8601 form. */
export function parseIsoTimestamp(text: string): Date | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    calendar.getUTCFullYear() !== Number(year) ||
    calendar.getUTCMonth() !== Number(month) - 1 ||
    calendar.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return null;
  }
  const normalisedZone = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const instant = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${normalisedZone}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
