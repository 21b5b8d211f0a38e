export interface DigestItem {
  title: string;
  url: string;
  author: string;
  tags: string[];
}

export interface DigestSection {
  heading: string;
  items: DigestItem[];
}

function renderHeader(recipientName: string, weekOf: string): string {
  return `<h1>Your weekly digest</h1><p>Hi ${recipientName}, here is what happened in the week of ${weekOf}.</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderDigest(recipientName: string, weekOf: string, sections: DigestSection[]): string {
  let html = renderHeader(recipientName, weekOf);
  for (const section of sections) {
    html += `<h2>${escapeHtml(section.heading)}</h2><ul>`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
    section.items.forEach((item) => {
      html += `<li><a href="${item.url}">${escapeHtml(item.title)}</a> by ${escapeHtml(item.author)}</li>`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
    });
    html += '</ul>'; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return html;
}

export function renderPlainText(sections: DigestSection[]): string {
  let text: string = 'Weekly digest\n=============\n';
  sections.forEach((section) => {
    text += `\n${section.heading}\n`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  });
  return text;
}

export function renderTagLine(item: DigestItem): string {
  const parts: string[] = [];
  for (const tag of item.tags) {
    parts.push(`#${tag}`); // ok: string-concat-in-loop
  }
  return parts.join(' ');
}

export function renderSubject(weekOf: string, count: number): string {
  let subject = 'Your digest';
  subject += ` for ${weekOf}`; // ok: string-concat-in-loop
  if (count > 0) subject += ` (${count} new)`; // ok: string-concat-in-loop
  return subject;
}
