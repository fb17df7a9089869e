// Every state of the tool in words: a short name for the title bar, and, when the screen has
// something to say about it, a sentence and the remedy. A removed card is never a wrong code.

import { hex } from '../card/bytes.js';
import type { Notice } from '../machine/context.js';
import { codeState } from '../machine/guards.js';
import { isPinOperationInFlight } from '../machine/selectors.js';
import type { AuditView } from './view.js';

export type StatusTone = 'ok' | 'warning' | 'danger' | 'muted' | undefined;

export interface Status {
  /** For the title bar. */
  readonly name: string;
  readonly text?: string;
  readonly remedy?: string;
  readonly tone?: StatusTone;
}

const NOTICE_TONE: Record<Notice['tone'], StatusTone> = { info: undefined, success: 'ok', warning: 'warning', error: 'danger' };

function fromNotice(name: string, n: Notice | undefined, fallback: Omit<Status, 'name'>): Status {
  if (n === undefined) return { name, ...fallback };
  return {
    name,
    text: n.text,
    ...(n.remedy !== undefined ? { remedy: n.remedy } : fallback.remedy !== undefined ? { remedy: fallback.remedy } : {}),
    tone: NOTICE_TONE[n.tone],
  };
}

export function statusOf(v: AuditView): Status {
  const c = v.context;
  if (v.matches('starting')) return { name: 'Démarrage', text: 'Recherche des lecteurs de carte…', tone: 'muted' };
  if (v.matches('serviceUnavailable')) {
    return {
      name: 'Service PC/SC indisponible',
      text: "Le service des cartes à puce (pcscd) ne répond pas : aucun lecteur n'est accessible.",
      remedy:
        "Démarrez-le (sudo systemctl start pcscd), ou installez-le s'il manque (sudo apt install pcscd). L'outil reprend tout seul dès qu'il répond." +
        // The transport's own sentence says the same; its raw code is what support needs.
        (c.serviceError?.code !== undefined ? ` (code PC/SC 0x${c.serviceError.code.toString(16).toUpperCase()})` : ''),
      tone: 'danger',
    };
  }
  if (v.matches('accessRefused')) {
    return {
      name: 'Accès refusé par le service PC/SC',
      text: "Le service des cartes à puce (pcscd) refuse l'accès aux lecteurs pour ce compte ; c'est le cas par défaut dans une session SSH.",
      remedy:
        "Lancez l'outil depuis une session ouverte sur le poste lui-même, ou demandez à l'administrateur une règle polkit autorisant votre compte (org.debian.pcsc-lite.access_pcsc et access_card).",
      tone: 'danger',
    };
  }
  if (v.matches('noReader')) {
    return {
      name: 'Aucun lecteur',
      text: c.readerProblem ?? "Aucun lecteur de carte n'est connecté.",
      remedy:
        c.readerProblem !== undefined
          ? "Relancez l'outil avec --reader suivi d'une partie du nom d'un lecteur de la liste, ou sans --reader."
          : 'Branchez un lecteur de carte : il est détecté automatiquement.',
      tone: 'warning',
    };
  }
  if (v.matches('noCard')) {
    return {
      name: 'Aucune carte',
      text: "Introduisez votre Carte de Professionnel de Santé dans un lecteur : l'outil détecte automatiquement l'insertion.",
      remedy: "Si la carte s'y trouve déjà, vérifiez qu'elle est correctement insérée.",
    };
  }
  if (v.matches('choosingReader'))
    return { name: 'Choix du lecteur', text: 'Plusieurs lecteurs contiennent une carte : choisissez celui à utiliser.' };
  if (v.matches('cardInUse')) {
    return fromNotice('Carte utilisée par un autre programme', c.problem, {
      text: 'Un autre programme utilise la carte en ce moment.',
      remedy: "Fermez le programme qui l'utilise (navigateur, logiciel de santé…) : l'outil reprend tout seul. r : relire.",
      tone: 'warning',
    });
  }
  if (v.matches('reading'))
    return {
      name: 'Lecture de la carte',
      text: 'Lecture de la carte en cours (quelques secondes)…',
      remedy: 'Ne retirez pas la carte.',
      tone: 'muted',
    };
  if (v.matches('cardUnrecognised')) {
    const atr = c.report ? hex(c.report.identity.atr) : undefined;
    const base = fromNotice('Carte non reconnue', c.problem, {
      text: "Cette carte n'est pas une Carte de Professionnel de Santé prise en charge.",
      remedy: "Vérifiez qu'il s'agit bien de votre CPS et qu'elle est insérée dans le bon sens, puce vers le haut.",
      tone: 'warning',
    });
    return atr !== undefined && !(base.text ?? '').includes(atr) ? { ...base, text: `${base.text ?? ''} ATR : ${atr}` } : base;
  }
  if (v.matches('readFailed')) {
    return fromNotice('Lecture impossible', c.problem, {
      text: "La carte n'a pas pu être lue.",
      remedy: 'Retirez puis réinsérez la carte, ou appuyez sur r pour relire.',
      tone: 'danger',
    });
  }
  if (v.matches('interrupted')) {
    return fromNotice('Carte retirée pendant l’opération', c.notice ?? c.outcome, {
      text: "La carte a été retirée pendant l'opération : la modification a pu être appliquée ou non.",
      remedy: "Réinsérez la carte, puis essayez le nouveau code, puis l'ancien.",
      tone: 'warning',
    });
  }
  if (v.matches({ done: 'waitRemoval' })) return fromNotice('Retirez la carte', c.outcome, { tone: 'ok' });
  if (v.matches({ done: 'waitReinsert' })) return fromNotice('Réinsérez la carte', c.outcome, { tone: 'ok' });
  if (v.matches('card')) {
    if (isPinOperationInFlight(v)) {
      return { name: 'Opération en cours : ne retirez pas la carte', tone: 'warning' };
    }
    switch (codeState(c.report)) {
      case 'pinBlocked':
        return { name: 'Code porteur verrouillé', tone: 'danger' };
      case 'pukUnusable':
        return { name: 'Déblocage impossible', tone: 'danger' };
      case 'noPin':
        return { name: 'Carte lue (sans contact)' };
      case 'pinOk':
        return { name: 'Code porteur OK', tone: 'ok' };
      case 'unknown':
        break;
    }
    return { name: 'Carte lue' };
  }
  return { name: 'État inconnu' };
}
