// Every failure the machine meets, turned into French for the holder, with a remedy, in one
// place. Nothing here ever sees a PIN or a PUK: only error objects and counters.

import type { CardReport, CodeStatus } from '../card/cps/report.js';
import { hex } from '../card/bytes.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CodeFormatUnknownError,
  InvalidCodeFormatError,
  LastTryUnconfirmedError,
  NotSupportedError,
  OtherCardError,
  PukExhaustedError,
  WriteOutcomeUnknownError,
  WrongCodeError,
  type CodeName,
} from '../card/cps/errors.js';
import { isTransportError, type TransportError } from '../card/transport/errors.js';
import type { Notice, Operation } from './context.js';

const NEW_CARD =
  'Demandez une nouvelle carte à son émetteur, l’Agence du Numérique en Santé (ANS, anciennement ASIP Santé) : esante.gouv.fr.';
const REINSERT = 'Retirez la carte, vérifiez qu’elle est insérée puce en avant, puis réinsérez-la.';

export function tries(n: number): string {
  return n === 1 ? 'un seul essai' : `${n} essais`;
}

export const CARD_IN_USE: Notice = {
  tone: 'warning',
  text: 'La carte est utilisée par un autre programme.',
  remedy: 'Fermez le programme qui l’utilise (navigateur, logiciel de facturation…) : la lecture reprendra d’elle-même.',
};

/** The PC/SC layer's failures (service down, access refused, card in use...). */
export function transportNotice(e: TransportError): Notice {
  switch (e.kind) {
    case 'service-unavailable':
      return {
        tone: 'error',
        text: 'Le service PC/SC (pcscd) n’est pas démarré.',
        remedy: 'Démarrez-le : sudo systemctl start pcscd',
      };
    case 'access-refused':
      return {
        tone: 'error',
        text: 'Le service PC/SC refuse l’accès aux cartes à cet utilisateur (session à distance, SSH).',
        remedy:
          'Autorisez cet utilisateur par une règle polkit (actions org.debian.pcsc-lite.access_pcsc et org.debian.pcsc-lite.access_card, voir le README), ou lancez l’outil depuis la session locale.',
      };
    case 'no-reader':
    case 'reader-removed':
      return { tone: 'error', text: 'Le lecteur de carte a été débranché.', remedy: 'Rebranchez-le : il sera détecté automatiquement.' };
    case 'card-removed':
      return { tone: 'warning', text: 'La carte a été retirée.', remedy: 'Réinsérez-la : elle sera relue automatiquement.' };
    case 'card-in-use':
      return CARD_IN_USE;
    case 'timeout':
    case 'card-unresponsive':
      return { tone: 'error', text: 'La carte ne répond pas.', remedy: REINSERT };
    case 'unknown':
      return { tone: 'error', text: `Erreur du service PC/SC : ${e.message}`, remedy: REINSERT };
  }
}

export const NO_READER: Notice = {
  tone: 'info',
  text: 'Aucun lecteur de carte n’est branché.',
  remedy: 'Branchez votre lecteur : il sera détecté automatiquement.',
};

export const NO_CARD: Notice = {
  tone: 'info',
  text: 'Aucune carte dans le lecteur.',
  remedy:
    'Introduisez votre carte CPS dans un lecteur : l’outil détecte automatiquement son insertion. Si elle s’y trouve déjà, vérifiez qu’elle est correctement insérée.',
};

export const CHOOSE_READER: Notice = {
  tone: 'info',
  text: 'Plusieurs cartes sont présentes.',
  remedy: 'Choisissez le lecteur qui contient votre carte CPS.',
};

export function unrecognisedNotice(report: CardReport): Notice {
  const atr = hex(report.identity.atr);
  if (report.identity.model === 'CPS2ter') {
    return {
      tone: 'warning',
      text: `Carte CPS2ter (ATR ${atr}) : ce modèle n’est pas pris en charge par cet outil.`,
      remedy: 'Cette ancienne génération de carte doit être remplacée. ' + NEW_CARD,
    };
  }
  return {
    tone: 'warning',
    text: `Carte non reconnue (ATR ${atr}).`,
    remedy: 'Ce n’est pas une carte CPS prise en charge. Vérifiez que vous avez inséré votre carte CPS, dans le bon sens.',
  };
}

/** Any failure of a full read. */
export function readFailureNotice(e: unknown): Notice {
  if (isTransportError(e)) return transportNotice(e);
  if (e instanceof NotSupportedError) return { tone: 'warning', text: 'Cette carte n’est pas prise en charge.', remedy: NEW_CARD };
  return {
    tone: 'error',
    text: 'La carte a répondu de façon inattendue pendant la lecture.',
    remedy: REINSERT + ' Si le problème persiste, la carte est peut-être endommagée.',
  };
}

export const SITUATIONS_COST: Notice = {
  tone: 'info',
  text: 'La lecture des situations d’exercice demande votre code porteur.',
  remedy: 'Chaque code erroné coûte un essai ; après 3 essais erronés, le code porteur est bloqué.',
};

export const SITUATIONS_PIN_BLOCKED: Notice = {
  tone: 'warning',
  text: 'Votre code porteur est bloqué : les situations d’exercice ne peuvent pas être lues.',
  remedy: 'Débloquez d’abord votre code porteur (touche d) avec le code de déblocage reçu par courrier.',
};

export const NO_PIN_ON_CARD: Notice = {
  tone: 'info',
  text: 'Cette carte (interface sans contact) n’a pas de code porteur.',
  remedy: 'Utilisez un lecteur à contact pour gérer le code porteur.',
};

export const CARD_CANNOT_BE_UNBLOCKED: Notice = {
  tone: 'error',
  text: 'Votre code porteur est bloqué et le code de déblocage n’est plus utilisable : cette carte ne peut plus être débloquée.',
  remedy: NEW_CARD,
};

export const PUK_UNUSABLE_WARNING: Notice = {
  tone: 'warning',
  text: 'Le code de déblocage de cette carte n’est plus utilisable : si le code porteur se bloque, la carte devra être remplacée.',
  remedy: 'Faites attention en saisissant votre code porteur.',
};

/**
 * The confirmation before sending a code on its last try, or with its tries unknown
 * (`triesLeft` null: the card did not tell them).
 */
export function lastTryWarning(op: Operation, triesLeft: number | null = 1): Notice {
  if (op === 'unblock') {
    return {
      tone: 'warning',
      text:
        triesLeft === null
          ? 'Attention : la carte n’a pas donné le nombre d’essais restants du code de déblocage. S’il ne restait qu’un essai et que le code est erroné, la carte ne pourra plus jamais être débloquée et devra être remplacée.'
          : 'Attention : il ne reste qu’un seul essai au code de déblocage. S’il est erroné, la carte ne pourra plus jamais être débloquée et devra être remplacée.',
      remedy: 'Vérifiez le code sur le courrier reçu avec votre carte. Confirmez-vous l’envoi ?',
    };
  }
  return {
    tone: 'warning',
    text:
      triesLeft === null
        ? 'Attention : la carte n’a pas donné le nombre d’essais restants du code porteur. S’il ne restait qu’un essai et que le code est erroné, votre code porteur sera bloqué.'
        : 'Attention : il ne reste qu’un seul essai au code porteur. S’il est erroné, votre code porteur sera bloqué.',
    remedy: 'Il faudra alors le débloquer avec le code de déblocage. Confirmez-vous l’envoi ?',
  };
}

export const UNBLOCK_SUCCESS: Notice = {
  tone: 'success',
  text: 'Votre code porteur a été débloqué avec succès. Veuillez retirer puis réinsérer votre carte.',
};

export const CHANGE_SUCCESS: Notice = {
  tone: 'success',
  text: 'Votre code porteur a été changé avec succès. Veuillez retirer puis réinsérer votre carte.',
};

export const MAY_HAVE_APPLIED: Notice = {
  tone: 'warning',
  text: 'La carte a été retirée pendant l’opération : la modification a pu être appliquée ou non : essayez le nouveau code, puis l’ancien.',
  // Still shown once the card is back: true before and after the re-read.
  remedy: 'Réinsérez la carte si elle est sortie : son état réel s’affiche dès qu’elle est relue.',
};

export const NOTHING_APPLIED: Notice = {
  tone: 'warning',
  text: 'La carte a été retirée pendant l’opération : aucun code n’a été modifié.',
  remedy: 'Réinsérez la carte si elle est sortie : une fois relue, vous pouvez recommencer.',
};

const SERVICE_LOST_MAY_HAVE_APPLIED: Notice = {
  tone: 'warning',
  text: 'Le service PC/SC (pcscd) s’est arrêté pendant l’opération : la modification a pu être appliquée ou non : essayez le nouveau code, puis l’ancien.',
  remedy: 'Quand le service sera revenu, l’état réel de la carte sera affiché.',
};

const SERVICE_LOST_NOTHING_APPLIED: Notice = {
  tone: 'warning',
  text: 'Le service PC/SC (pcscd) s’est arrêté pendant l’opération : aucun code n’a été modifié.',
  remedy: 'Quand le service sera revenu, la carte sera relue.',
};

/** Another write went out and no clear answer came (the card is there): it is read again. */
export const WRITE_OUTCOME_UNKNOWN: Notice = {
  tone: 'warning',
  text: 'La carte n’a pas répondu clairement pendant l’opération : la modification a pu être appliquée ou non : essayez le nouveau code, puis l’ancien.',
  remedy: 'La carte est relue pour afficher son état réel.',
};

export const OTHER_CARD: Notice = {
  tone: 'warning',
  text: 'La carte du lecteur n’est pas celle qui était affichée : aucun code n’a été envoyé.',
  remedy: 'Elle est relue : vérifiez qu’il s’agit bien de votre carte, puis recommencez.',
};

const SERIAL_UNREADABLE: Notice = {
  tone: 'warning',
  text: 'Le numéro de série de la carte n’a pas pu être relu avant l’envoi : aucun code n’a été envoyé.',
  remedy: 'La carte est relue ; recommencez ensuite. Si le problème persiste, retirez-la et réinsérez-la.',
};

const NOTHING_SENT_UNEXPECTED: Notice = {
  tone: 'error',
  text: 'La carte a répondu de façon inattendue : aucun code n’a été modifié.',
  remedy: 'La carte est relue pour afficher ses essais restants. Si le problème persiste, retirez-la et réinsérez-la.',
};

/**
 * What an operation's failure means for the flow:
 * - retry: back to the form (a wrong code with tries left, or nothing was sent);
 * - final: a final message in the form, then the card is read again;
 * - interrupted: the card (or pcscd) went away; the write may have applied or not;
 * - confirm: nothing was sent; the fresh counters say last (or unknown) try: ask first;
 * - reread: a message on the card screen, and the card is read again now (its true state).
 */
export type OperationFailure =
  | { readonly kind: 'retry'; readonly notice: Notice; readonly pinTriesLeft?: number; readonly pukTriesLeft?: number }
  | {
      readonly kind: 'final';
      readonly notice: Notice;
      readonly pinTriesLeft?: number;
      readonly pukTriesLeft?: number;
      readonly pukExhausted?: boolean;
      /** The write may have reached the card ("a pu être appliquée ou non"). */
      readonly mayHaveApplied?: true;
    }
  | { readonly kind: 'interrupted'; readonly notice: Notice; readonly mayHaveApplied?: true }
  | {
      readonly kind: 'confirm';
      readonly notice: Notice;
      readonly code: CodeName;
      readonly counters: { readonly pin: CodeStatus; readonly puk: CodeStatus };
    }
  | { readonly kind: 'reread'; readonly notice: Notice; readonly mayHaveApplied?: true };

/** Shown beside the actions when the unblock stays offered on a card whose PIN is not blocked. */
/** The certificates tab while the same read brings them (the first part of the card is on screen). */
export const CERTIFICATES_COMING = 'Lecture des certificats en cours…';

export const UNBLOCK_INTERRUPTED_HINT =
  'Le dernier déblocage a été interrompu : si votre nouveau code porteur n’est pas accepté, débloquez de nouveau la carte avec le code de déblocage.';

const PIN_NOW_BLOCKED: Notice = {
  tone: 'error',
  text: 'Code porteur erroné : votre code porteur est maintenant bloqué.',
  remedy: 'Débloquez-le avec le code de déblocage (8 chiffres) reçu par courrier : touche d.',
};

const PUK_BLOCKED: Notice = {
  tone: 'error',
  text: 'Le code de déblocage est bloqué : cette carte ne peut plus être débloquée.',
  remedy: NEW_CARD,
};

const PUK_EXHAUSTED: Notice = {
  tone: 'error',
  text: 'Le nombre maximal de déblocages de cette carte est atteint : elle ne peut plus être débloquée.',
  remedy: NEW_CARD,
};

function wrongCode(e: WrongCodeError, op: Operation): OperationFailure {
  if (e.code === 'puk') {
    if (e.triesLeft === 0) return { kind: 'final', notice: PUK_BLOCKED, pukTriesLeft: 0 };
    return {
      kind: 'retry',
      pukTriesLeft: e.triesLeft,
      notice: {
        tone: 'error',
        text: `Code de déblocage erroné. Il vous reste ${tries(e.triesLeft)}.`,
        remedy: 'Vérifiez le code de déblocage (8 chiffres) sur le courrier reçu avec votre carte.',
      },
    };
  }
  if (e.triesLeft === 0) return { kind: 'final', notice: PIN_NOW_BLOCKED, pinTriesLeft: 0 };
  return {
    kind: 'retry',
    pinTriesLeft: e.triesLeft,
    notice: {
      tone: 'error',
      text: `${op === 'change' ? 'Code porteur actuel erroné' : 'Code porteur erroné'}. Il vous reste ${tries(e.triesLeft)}.`,
      remedy: 'Après 3 codes erronés, le code porteur est bloqué.',
    },
  };
}

/**
 * The card layer says what was sent (errors.ts): a failure before any write changed nothing,
 * a failure once a write went out may have applied. This only turns that into the flow.
 */
export function classifyFailure(op: Operation, e: unknown): OperationFailure {
  if (e instanceof LastTryUnconfirmedError) {
    return { kind: 'confirm', code: e.code, counters: e.counters, notice: lastTryWarning(op, e.counters[e.code].triesLeft) };
  }
  if (e instanceof WrongCodeError) return wrongCode(e, op);
  if (e instanceof CodeBlockedError) {
    return e.code === 'puk'
      ? { kind: 'final', notice: PUK_BLOCKED, pukTriesLeft: 0 }
      : {
          kind: 'final',
          pinTriesLeft: 0,
          notice: { ...PIN_NOW_BLOCKED, text: 'Votre code porteur est bloqué.' },
        };
  }
  if (e instanceof PukExhaustedError) return { kind: 'final', notice: PUK_EXHAUSTED, pukExhausted: true };
  if (e instanceof CardRemovedDuringOperationError) {
    return e.mayHaveApplied
      ? { kind: 'interrupted', notice: MAY_HAVE_APPLIED, mayHaveApplied: true }
      : { kind: 'interrupted', notice: NOTHING_APPLIED };
  }
  if (e instanceof WriteOutcomeUnknownError) {
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused') {
      return { kind: 'interrupted', notice: SERVICE_LOST_MAY_HAVE_APPLIED, mayHaveApplied: true };
    }
    return { kind: 'reread', notice: WRITE_OUTCOME_UNKNOWN, mayHaveApplied: true };
  }
  if (e instanceof OtherCardError) return { kind: 'reread', notice: e.unreadable ? SERIAL_UNREADABLE : OTHER_CARD };
  if (e instanceof CodeFormatUnknownError) {
    return {
      kind: 'final',
      notice: {
        tone: 'error',
        text: 'La carte ne décrit pas lisiblement le format de ses codes : aucun code n’a été envoyé.',
        remedy: REINSERT + ' Si le problème persiste, la carte est peut-être endommagée.',
      },
    };
  }
  if (e instanceof InvalidCodeFormatError) {
    return { kind: 'retry', notice: { tone: 'error', text: e.message, remedy: 'Saisissez-le de nouveau.' } };
  }
  // From here on, nothing was written (the card layer wraps every failure after a write above).
  if (isTransportError(e)) {
    if (e.kind === 'card-in-use') return { kind: 'retry', notice: transportNotice(e) };
    if (e.kind === 'service-unavailable' || e.kind === 'access-refused')
      return { kind: 'interrupted', notice: SERVICE_LOST_NOTHING_APPLIED };
    if (e.kind === 'card-removed' || e.kind === 'reader-removed' || e.kind === 'no-reader')
      return { kind: 'interrupted', notice: NOTHING_APPLIED };
    return { kind: 'reread', notice: { ...transportNotice(e), text: `${transportNotice(e).text} Aucun code n’a été modifié.` } };
  }
  return { kind: 'reread', notice: NOTHING_SENT_UNEXPECTED };
}
