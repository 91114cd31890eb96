import { EVENT_KIND_LABELS } from '../records/types/event.ts';
import type { DigestAction, DigestEvent, KnowledgeItem } from './digest-world.ts';
import { dayInWords, whenInWords } from './event-words.ts';
import { type Block, renderHtmlDocument, renderText } from './message-blocks.ts';
import type { DigestContent } from './planner.ts';

/** Where each item of a digest links: every link opens a page. */
export interface DigestPages {
  /** A knowledge item's page; undefined links to its place in the web version (members have no sign-in). */
  knowledgeItem(item: KnowledgeItem): string | undefined;
  /** The public event page; undefined for a members-only event, which links to its place in the web version. */
  event(event: DigestEvent): string | undefined;
  regionProfile(regionId: string): string;
  dashboard(regionId: string): string;
  knowledgeBase(): string;
}

/** The member's own links, each signed for this member and group only. */
export interface DigestMemberLinks {
  unsubscribe: string;
  webVersion: string;
  groupCalendar: string;
  /** Signed links to the actions this member owns, by action id: they can update them without an account. */
  ownActions: ReadonlyMap<string, string>;
}

export interface ComposedDigest {
  subject: string;
  text: string;
  html: string;
  /** What the web version page shows: the same blocks without the document shell. */
  blocks: Block[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function excerpt(text: string | undefined, max = 280): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function knowledgeBlocks(
  content: DigestContent,
  pages: DigestPages,
  links: DigestMemberLinks,
  regionName: (id: string) => string,
): Block[] {
  if (content.knowledge.length === 0) return [];
  const blocks: Block[] = [
    { kind: 'heading', text: 'New in the national knowledge base', id: 'knowledge' },
    {
      kind: 'paragraph',
      text: 'Good practice and joint ventures other LEC groups have shared since your last digest: what worked and what did not.',
    },
  ];
  for (const item of content.knowledge) {
    const lines = [
      `${item.type === 'practice' ? 'Good practice' : 'Joint venture'} from ${regionName(item.regionId)}${item.status ? ` (${item.status})` : ''}.`,
    ];
    const summary = excerpt(item.summary);
    if (summary) lines.push(summary);
    const worked = excerpt(item.whatWorked ?? item.outcomes, 200);
    if (worked) lines.push(`What worked: ${worked}`);
    const didNot = excerpt(item.whatDidNot, 200);
    if (didNot) lines.push(`What did not: ${didNot}`);
    blocks.push({
      kind: 'item',
      id: `${item.type}-${item.id}`,
      title: item.title,
      url: pages.knowledgeItem(item) ?? `${links.webVersion}#${item.type}-${item.id}`,
      lines,
      badge: 'New',
    });
  }
  if (content.moreKnowledge > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `…and ${plural(content.moreKnowledge, 'more item')} in the knowledge base.`,
      link: { text: 'Open the knowledge base', url: pages.knowledgeBase() },
    });
  }
  return blocks;
}

function figureBlocks(content: DigestContent, pages: DigestPages): Block[] {
  const { profile, dashboard, profileIsNew } = content.figures;
  const region = content.region;
  if (!profile && !dashboard) return [];
  const blocks: Block[] = [{ kind: 'heading', text: `${region.name} labour market`, id: 'labour-market' }];
  if (profile) {
    blocks.push({
      kind: 'item',
      title: profile.title,
      url: pages.regionProfile(region.id),
      lines: [
        ...profile.keyFigures,
        ...(profile.publishedOn ? [`Published ${dayInWords(profile.publishedOn)}.`] : []),
      ],
      ...(profileIsNew ? { badge: 'Updated' } : {}),
    });
  }
  if (dashboard) {
    const lines: string[] = [];
    if (dashboard.indicators) {
      const i = dashboard.indicators;
      lines.push(
        `${i.period}: ${i.people.toLocaleString('en-NZ')} people not in work or training, ${i.youngPeople.toLocaleString('en-NZ')} of them young people under 25 (${plural(i.councilsReporting, 'council')} reporting).`,
      );
    }
    lines.push(
      `Strategies so far have helped ${dashboard.peopleIntoWorkOrTraining.toLocaleString('en-NZ')} people into work or training, ${dashboard.youngPeopleIntoWorkOrTraining.toLocaleString('en-NZ')} of them young people.`,
      `LEC actions in the region: ${dashboard.openActions} open, ${dashboard.overdueActions} overdue.`,
    );
    blocks.push({
      kind: 'item',
      title: `National dashboard figures for ${region.name} (${dayInWords(dashboard.date)})`,
      url: pages.dashboard(region.id),
      lines,
    });
  }
  return blocks;
}

function eventBlocks(content: DigestContent, pages: DigestPages, links: DigestMemberLinks): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Events in the next six weeks', id: 'events' }];
  if (content.events.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `No events are planned in ${content.region.name} in the next six weeks.`,
    });
  }
  for (const { event, isNew } of content.events) {
    const lines = [
      `${EVENT_KIND_LABELS[event.kind as keyof typeof EVENT_KIND_LABELS] ?? event.kind}, ${whenInWords(event)}${event.location ? `, ${event.location}` : ''}.`,
      event.openToPublic ? 'Open to the public.' : `For members of ${content.group.name}.`,
    ];
    const about = excerpt(event.description);
    if (about) lines.push(about);
    blocks.push({
      kind: 'item',
      id: `event-${event.id}`,
      title: event.cancelled ? `Cancelled: ${event.title}` : event.title,
      url: pages.event(event) ?? `${links.webVersion}#event-${event.id}`,
      lines,
      ...(isNew ? { badge: event.cancelled ? 'Cancelled' : 'New' } : {}),
    });
  }
  blocks.push({
    kind: 'paragraph',
    text: `Add the group's events to your calendar (public and members-only, kept up to date):`,
    link: { text: 'subscribe to the group calendar', url: links.groupCalendar },
  });
  return blocks;
}

function actionBlocks(content: DigestContent, links: DigestMemberLinks): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: `Open actions of ${content.group.name}`, id: 'actions' }];
  if (content.actions.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'The group has no open actions.' });
    return blocks;
  }
  for (const { action, isNew } of content.actions) {
    const overdue = action.dueOn < content.today;
    const own = links.ownActions.get(action.id);
    blocks.push({
      kind: 'item',
      id: `action-${action.id}`,
      title: own ? `${action.title} (yours: update it from here)` : action.title,
      url: own ?? `${links.webVersion}#action-${action.id}`,
      lines: [
        `Owner: ${action.owner}. ${overdue ? 'Was due' : 'Due'} ${dayInWords(action.dueOn)}${overdue ? ' (overdue)' : ''}; ${action.status === 'in-progress' ? 'in progress' : 'open'}.`,
      ],
      ...(isNew ? { badge: 'New or changed' } : {}),
    });
  }
  return blocks;
}

/**
 * One member's digest in plain words: the knowledge base's new good practice and joint ventures,
 * the region's labour market figures, the next six weeks' events and the group's open actions,
 * then who sent it, who authorised it and how to reach them, why the member gets it and how to
 * stop it. Text and HTML are rendered from the same blocks.
 */
export function composeDigest(
  content: DigestContent,
  recipient: { name?: string; email: string; consentOn?: string; consentHow?: string },
  pages: DigestPages,
  links: DigestMemberLinks,
  regionName: (id: string) => string,
): ComposedDigest {
  const { group, period, authoriser } = content;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Kia ora ${recipient.name ?? recipient.email},` },
    {
      kind: 'paragraph',
      text: `This is the ${group.name} digest for ${period.label}: ${plural(content.newCount, 'new thing')} since your last digest.`,
      link: { text: 'Read it on the web', url: links.webVersion },
    },
    ...knowledgeBlocks(content, pages, links, regionName),
    ...figureBlocks(content, pages),
    ...eventBlocks(content, pages, links),
    ...actionBlocks(content, links),
    { kind: 'rule' },
    {
      kind: 'paragraph',
      text: `Sent by Partnership Records for ${group.name}, authorised by ${authoriser.name}, ${authoriser.role}. Questions or corrections: ${authoriser.email} (or reply to this email).`,
    },
    {
      kind: 'paragraph',
      text: `You get this digest ${period.frequency === 'fortnightly' ? 'every fortnight' : 'once a month'} because you agreed to${recipient.consentOn ? ` on ${dayInWords(recipient.consentOn)}` : ''}${recipient.consentHow ? ` (${recipient.consentHow === 'in-person' ? 'in person' : `by ${recipient.consentHow}`})` : ''} as your organisation's representative in ${group.name}. To stop it, with one click:`,
      link: { text: `unsubscribe from the ${group.name} digest`, url: links.unsubscribe },
    },
  ];
  const subject = `${group.name} digest, ${period.label}: ${plural(content.newCount, 'new thing')}`;
  return { subject, text: renderText(blocks), html: renderHtmlDocument(subject, blocks), blocks };
}
