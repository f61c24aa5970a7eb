/** Reads a stream line by line, each `next()` resolving with the following line. */
export function readLines(stream: NodeJS.ReadableStream) {
  const ready: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let buffer = '';
  let failure: Error | null = null;
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const next = waiting.shift();
      if (next) next.resolve(line);
      else ready.push(line);
    }
  });
  return {
    next: () =>
      new Promise<string>((resolve, reject) => {
        if (ready.length > 0) resolve(ready.shift()!);
        else if (failure) reject(failure);
        else waiting.push({ resolve, reject });
      }),
    fail(error: Error) {
      failure = error;
      for (const next of waiting.splice(0)) next.reject(error);
    },
  };
}
