// The machine's only ways to the card: the transport's watch (a callback actor) and the card
// service's verbs (promise actors). Codes travel in the actors' input, never in an event.

import { fromCallback, fromPromise } from 'xstate';
import type { CardService } from '../card/cps/card-service.js';
import type { CardReport, CodeStatus, PracticeSituation, Readable } from '../card/cps/report.js';
import { TransportError, isTransportError } from '../card/transport/errors.js';
import type { Transport } from '../card/transport/transport.js';
import type { TransportMachineEvent } from './events.js';
import type { Secret } from './secret.js';

export const watchTransport = fromCallback<TransportMachineEvent, { transport: Transport }>(({ sendBack, input }) => {
  // The transport has no "unwatch": after stop, its events are dropped here.
  let live = true;
  try {
    input.transport.watch((ev) => {
      if (!live) return;
      if (ev.type === 'readers') sendBack({ type: 'TRANSPORT.READERS', readers: ev.readers });
      else sendBack({ type: 'TRANSPORT.SERVICE', service: ev.service });
    });
  } catch (e) {
    const error = isTransportError(e) ? e : new TransportError('service-unavailable', String(e));
    sendBack({ type: 'TRANSPORT.SERVICE', service: { status: 'down', error } });
  }
  return () => {
    live = false;
  };
});

interface OnReader {
  readonly cards: CardService;
  readonly reader: string;
}

export const readCard = fromPromise<CardReport, OnReader>(({ input }) => input.cards.read(input.reader));

export const readCodes = fromPromise<{ readonly pin: CodeStatus; readonly puk: CodeStatus }, OnReader>(({ input }) =>
  input.cards.readCodes(input.reader),
);

export const readSituations = fromPromise<readonly Readable<PracticeSituation>[], OnReader & { readonly pin: Secret }>(
  ({ input }) => input.cards.readSituations(input.reader, input.pin.reveal()),
);

export const unblockPin = fromPromise<void, OnReader & { readonly puk: Secret; readonly newPin: Secret }>(({ input }) =>
  input.cards.unblockPin(input.reader, input.puk.reveal(), input.newPin.reveal()),
);

export const changePin = fromPromise<void, OnReader & { readonly currentPin: Secret; readonly newPin: Secret }>(({ input }) =>
  input.cards.changePin(input.reader, input.currentPin.reveal(), input.newPin.reveal()),
);
