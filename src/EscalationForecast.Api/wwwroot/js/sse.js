// Server-Sent Events read from a fetch body (the event stream format of the HTML standard, section 9.2.6):
// lines end with CR LF, LF or CR; "field: value" lines build an event, a blank line dispatches it, a line
// starting with ':' is a comment (the server's heartbeat). Only the fields the alert stream uses are kept.

/** Yields { type, data, lastEventId } for each event of the stream, until it ends. */
export async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [], lastEventId: '' };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      // A CR at the very end may be the first half of CR LF: keep it until the next chunk says.
      const lines = buffer.split(/\r\n|\n|\r(?!$)/);
      buffer = lines.pop();
      for (const line of lines) {
        if (line === '') {
          if (event.data.length > 0) yield { type: event.type, data: event.data.join('\n'), lastEventId: event.lastEventId };
          event = { type: 'message', data: [], lastEventId: event.lastEventId };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'data') event.data.push(value);
        else if (field === 'event') event.type = value;
        else if (field === 'id' && !value.includes('\0')) event.lastEventId = value;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
