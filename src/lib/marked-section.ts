// Generated sections inside hand-written documents (docs/benchmarks.md, docs/quality.md): the text between
// `<!-- name -->` and `<!-- /name -->` is replaced; a section not there yet is appended.
export function replaceMarkedSection(document: string, name: string, content: string): string {
  const begin = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const block = `${begin}\n${content}\n${end}`;
  const start = document.indexOf(begin);
  const stop = document.indexOf(end);
  return start >= 0 && stop > start
    ? document.slice(0, start) + block + document.slice(stop + end.length)
    : `${document.trimEnd()}\n\n${block}\n`;
}
