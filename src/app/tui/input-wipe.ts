// The raw bytes a code came in: each read from the terminal is a Buffer (a paste, or keys batched
// by a slow link, may hold a whole PUK), decoded at once into text by the stream (Ink sets utf8
// on stdin) or handed at once to a 'data' listener (the accessible mode). Once that is done no one
// holds the Buffer, and its bytes are zeroed rather than left in freed memory for a core dump or a
// swap file to keep. A chunk still waiting in the stream's buffer is left alone.

type Pushable = Pick<NodeJS.ReadableStream & { push(chunk: unknown, encoding?: BufferEncoding): boolean }, 'push'> & {
  readonly readableEncoding: BufferEncoding | null;
  readonly readableLength: number;
};

const wiped = new WeakSet<object>();

/** From now on, every chunk read from `stream` is zeroed once it has been consumed. */
export function wipeInputChunks(stream: Pushable): void {
  if (wiped.has(stream)) return;
  wiped.add(stream);
  const push = stream.push.bind(stream);
  (stream as { push: unknown }).push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    const more = push(chunk, encoding);
    if (chunk instanceof Uint8Array && (stream.readableEncoding !== null || stream.readableLength === 0)) chunk.fill(0);
    return more;
  };
}
